"""Demo workplaces at the real visiting addresses of government buildings
(`data/government_buildings.csv`), with desks, rooms and a fortnight of bookings.

Locations and units are registered through the services like any facility manager's;
the bookings are written in bulk (the demo population books thousands of half days)
within each unit's places, and without a person booking the same half day twice.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from eenoverheid.core.visibility import is_platform_admin
from eenoverheid.organizations.models import Membership, Organization
from eenoverheid.workplaces import services
from eenoverheid.workplaces.models import (
    Access,
    BlockedDay,
    Booking,
    Facility,
    FacilityManager,
    Location,
    PartOfDay,
    Unit,
    UnitKind,
)

DATA = Path(__file__).resolve().parent / "data" / "government_buildings.csv"
DEMO_EMAIL = "ambtenaar@utrecht.nl"
ADMIN_EMAIL = "beheer@eenoverheid.nl"
HOUSE_RULES = (
    "Meld je bij de receptie met je rijkspas of legitimatie. Laat je werkplek leeg en "
    "schoon achter (clean desk). Bellen doe je in een belcel of stilteruimte."
)


def _buildings() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def generate_workplaces(*, seed: int = 7, days: int = 14, stdout=None) -> int:
    """Register the demo locations once; returns how many were made."""
    if Location.objects.exists():
        return 0
    rng = random.Random(seed)
    User = get_user_model()
    admin = User.objects.filter(email=ADMIN_EMAIL).first()
    if admin is None or not is_platform_admin(admin):
        return 0
    organizations = {
        o.code: o
        for o in Organization.objects.filter(
            code__in=[b["organization_code"] for b in _buildings()]
        )
    }
    municipalities = {
        m.cbs_code: m for m in Organization.objects.municipalities().exclude(cbs_code="")
    }
    made = []
    for building in _buildings():
        organization = organizations.get(building["organization_code"])
        municipality = municipalities.get(building["municipality_code"])
        if organization is None or municipality is None or not organization.is_active:
            continue
        facilities = [
            f
            for f in Facility.values
            if rng.random() < (0.9 if f in ("accessible_entrance", "public_transport") else 0.5)
        ]
        restricted = rng.random() < 0.1
        location = services.location_create(
            actor=admin,
            organization=organization,
            data=services.LocationInput.of(
                name=f"{organization.short_name or organization.name}, {building['street']}",
                street_address=building["street"],
                postal_code=building["postal_code"],
                city=building["city"],
                municipality=building["municipality_code"],
                description=(
                    f"Flexwerkplekken van {organization.name} voor ambtenaren van elke "
                    "overheidsorganisatie. Koffie en thee staan klaar."
                ),
                opening_hours={
                    str(d): ["07:30" if rng.random() < 0.5 else "08:00", "18:00"] for d in range(5)
                },
                facilities=facilities,
                house_rules=HOUSE_RULES,
                access=Access.ORGANIZATIONS if restricted else Access.GOVERNMENT,
                allowed_organizations=[organization.code] if restricted else [],
                horizon_days=rng.choice([14, 28, 28, 42]),
                max_open_bookings=rng.choice([3, 5, 5, 10]),
                cancel_deadline_hours=rng.choice([0, 0, 2, 24]),
                check_in_required=rng.random() < 0.3,
            ),
        )
        zones = rng.randint(1, 3)
        for z in range(zones):
            services.unit_create(
                actor=admin,
                location=location,
                kind=UnitKind.DESKS,
                name=["Flexzone begane grond", "Flexzone 1e verdieping", "Stiltezone"][z],
                capacity=rng.choice([6, 8, 12, 16, 24]) if z < 2 else 4,
            )
        for r in range(rng.randint(0, 3)):
            services.unit_create(
                actor=admin,
                location=location,
                kind=UnitKind.ROOM,
                name=f"Vergaderruimte {r + 1}",
                capacity=rng.choice([4, 6, 8, 12, 20]),
                facilities=["screen"] if rng.random() < 0.8 else [],
            )
        made.append(location)
    _appoint_managers(made)
    _bookings(rng, made, days=days)
    _block_a_day(made)
    if stdout is not None:
        stdout.write(f"{len(made)} demo workplace locations")
    return len(made)


def _appoint_managers(locations: list[Location]) -> None:
    """The first member of each owning organization runs its workplaces (the demo civil
    servant runs Utrecht's as its administrator already)."""
    owners = {loc.organization_id for loc in locations}
    first = {}
    for membership in Membership.objects.filter(organization_id__in=owners).order_by("id"):
        first.setdefault(membership.organization_id, membership.user_id)
    FacilityManager.objects.bulk_create(
        [FacilityManager(organization_id=o, user_id=u) for o, u in first.items()],
        ignore_conflicts=True,
    )


@transaction.atomic
def _bookings(rng: random.Random, locations: list[Location], *, days: int) -> None:
    people = list(
        Membership.objects.filter(user__is_active=True)
        .values_list("user_id", flat=True)
        .distinct()[:2000]
    )
    if not people:
        return
    today = services.local_today()
    units = {
        loc.pk: [u for u in Unit.objects.filter(location=loc) if u.kind == UnitKind.DESKS]
        for loc in locations
    }
    open_locations = [loc for loc in locations if loc.access == Access.GOVERNMENT]
    if not open_locations:
        return
    bookings = []
    for offset in range(days):
        day = today + dt.timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        taken = {}
        for user_id in rng.sample(people, k=min(len(people), max(1, len(people) // 3))):
            location = rng.choice(open_locations)
            if location.span(day, PartOfDay.DAY) is None or not units[location.pk]:
                continue
            unit = rng.choice(units[location.pk])
            part = rng.choice(
                [PartOfDay.DAY, PartOfDay.DAY, PartOfDay.MORNING, PartOfDay.AFTERNOON]
            )
            morning, afternoon = PartOfDay.halves(part)
            used = taken.setdefault(unit.pk, [0, 0])
            if (morning and used[0] >= unit.places) or (afternoon and used[1] >= unit.places):
                continue
            used[0] += morning
            used[1] += afternoon
            bookings.append(
                Booking(
                    unit=unit,
                    user_id=user_id,
                    date=day,
                    part=part,
                    morning=morning,
                    afternoon=afternoon,
                )
            )
    Booking.objects.bulk_create(bookings, batch_size=1000)
    _demo_bookings(locations)


def _demo_bookings(locations: list[Location]) -> None:
    """The demo civil servant has a desk in Utrecht's town hall on the next two working
    days (unless the demo population took them all)."""
    user = get_user_model().objects.filter(email=DEMO_EMAIL).first()
    utrecht = next((loc for loc in locations if loc.municipality.cbs_code == "GM0344"), None)
    if user is None or utrecht is None:
        return
    unit = Unit.objects.filter(location=utrecht, kind=UnitKind.DESKS).first()
    day, booked = services.local_today(), 0
    while booked < 2 and unit is not None:
        day += dt.timedelta(days=1)
        if day.weekday() >= 5:
            continue
        Booking.objects.filter(user=user, date=day).delete()
        if services.free_places(unit, services.taken([unit.pk], day).get(unit.pk), "day") > 0:
            Booking.objects.create(unit=unit, user=user, date=day, part=PartOfDay.DAY)
        booked += 1


def _block_a_day(locations: list[Location]) -> None:
    """The first location is closed on a day next week for maintenance."""
    today = services.local_today()
    day = today + dt.timedelta(days=7 - today.weekday() + 2)
    for location in locations[:1]:
        BlockedDay.objects.get_or_create(
            location=location, date=day, defaults={"reason": "Onderhoud aan de klimaatinstallatie"}
        )
        Booking.objects.filter(unit__location=location, date=day).update(
            status="cancelled", cancel_reason="Onderhoud aan de klimaatinstallatie"
        )
