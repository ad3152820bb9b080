"""A small world for workplaces.

Province P holds municipalities m1..m3 and m4; safety region V covers m1 and m2. Province
Q holds m5. The owner organization O (m1's own municipality) runs a town hall in m1 with
a desk zone of two desks, a quiet zone of one desk and a meeting room for six; the
facility manager is O's administrator. Other locations: one in m2 (same safety region),
one in m4 (same province), one in m5 (elsewhere). Times are fixed on a Wednesday so that
opening hours and deadlines are known.
"""

import datetime as dt

import pytest

from eenoverheid.organizations.models import Coverage, MembershipRole, Organization
from eenoverheid.organizations.services import membership_ensure
from eenoverheid.workplaces import services
from eenoverheid.workplaces.models import AMSTERDAM
from tests.factories import UserFactory

# Wednesday 2 December 2026, 09:00 in Amsterdam.
NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=AMSTERDAM)
THURSDAY = dt.date(2026, 12, 3)
FRIDAY = dt.date(2026, 12, 4)
SATURDAY = dt.date(2026, 12, 5)


def _org(code, name, kind="municipality", layer="municipality", **extra):
    return Organization.objects.create(code=code, name=name, kind=kind, layer=layer, **extra)


def make_location(actor, organization, municipality_code, name, **extra):
    data = {
        "name": name,
        "street_address": "Stadsplein 1",
        "postal_code": "3511 AA",
        "city": "Voorbeeld",
        "municipality": municipality_code,
        "opening_hours": {str(d): ["08:00", "18:00"] for d in range(5)},
        **extra,
    }
    return services.location_create(
        actor=actor, organization=organization, data=services.LocationInput.of(**data)
    )


@pytest.fixture
def world(db):
    p = _org("pv26", "Provincie P", "province", "province")
    q = _org("pv27", "Provincie Q", "province", "province")
    m = {
        i: _org(f"gm000{i}", f"Gemeente M{i}", cbs_code=f"GM000{i}", province=p if i < 5 else q)
        for i in range(1, 6)
    }
    v = _org("vr01", "Veiligheidsregio V", "safety_region", "regional")
    for i in (1, 2):
        Coverage.objects.create(organization=v, municipality=m[i], basis="safety_region")
    manager = UserFactory(email="facilitair@m1.nl", name="Fleur Facilitair")
    membership_ensure(user=manager, organization=m[1], role=MembershipRole.ADMIN)
    civil_servant = UserFactory(email="ambtenaar@m2.nl", name="Ahmed Ambtenaar")
    membership_ensure(user=civil_servant, organization=m[2])
    colleague = UserFactory(email="collega@m5.nl", name="Cor Collega")
    membership_ensure(user=colleague, organization=m[5])
    outsider = UserFactory(email="burger@example.org", name="Bas Burger")  # no organization
    town_hall = make_location(manager, m[1], "GM0001", "Stadhuis M1", facilities=["parking"])
    desks = services.unit_create(
        actor=manager, location=town_hall, kind="desks", name="Flexzone", capacity=2
    )
    quiet = services.unit_create(
        actor=manager, location=town_hall, kind="desks", name="Stiltezone", capacity=1
    )
    room = services.unit_create(
        actor=manager,
        location=town_hall,
        kind="room",
        name="Vergaderzaal",
        capacity=6,
        facilities=["screen"],
    )
    others = {}
    for i in (2, 4, 5):
        location = make_location(manager, m[1], f"GM000{i}", f"Kantoor in M{i}")
        services.unit_create(
            actor=manager, location=location, kind="desks", name="Flexplekken", capacity=3
        )
        others[i] = location
    return {
        "p": p,
        "q": q,
        "m": m,
        "v": v,
        "manager": manager,
        "civil_servant": civil_servant,
        "colleague": colleague,
        "outsider": outsider,
        "town_hall": town_hall,
        "desks": desks,
        "quiet": quiet,
        "room": room,
        "others": others,
    }


def person(organization, email=None):
    user = UserFactory(**({"email": email} if email else {}))
    membership_ensure(user=user, organization=organization)
    return user


def workday(after: int = 1) -> dt.date:
    """The first working day at least `after` days from today (real time, for tests that
    go through the API or a running server)."""
    day = services.local_today() + dt.timedelta(days=after)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day
