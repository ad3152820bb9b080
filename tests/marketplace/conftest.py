"""A small world for the marketplace.

Gemeente A (gm9301, Provincie P) publishes: Alma is its administrator, Rik a recruiter she
appointed; A has 1,000 points. Gemeente B (gm9302, also in P): Bea (available, 16 hours,
expert in SQL, practitioner in communication), Bob (available, practitioner in data
analysis), and Noor (not available, but seeks gigs; expert in SQL). Provincie Q's
Gemeente C (gm9303): Cas (available, expert in spatial law). Dirk works for nobody.

The taxonomy: Data-analyse with the narrower SQL and Python; Omgevingsrecht;
Communicatie.
"""

import pytest
from django.utils import translation

from eenoverheid.ledger import services as ledger
from eenoverheid.marketplace import services
from eenoverheid.marketplace.models import Direction, Interest
from eenoverheid.organizations.models import MembershipRole, Organization
from eenoverheid.organizations.services import membership_ensure
from eenoverheid.people.models import Profile, ProfileSkill, Skill
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _own_index(settings, tmp_path, monkeypatch):
    """A fresh search index per test, brought in step at once: inside a test's
    transaction nothing commits, so the after-commit sync would never run."""
    from eenoverheid.search import services as search_services
    from eenoverheid.search.backends import reset_backends

    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    reset_backends()
    monkeypatch.setattr(
        search_services,
        "_after_commit_sync",
        lambda changed, deleted: search_services.sync_engine(
            upsert_keys=changed, delete_keys=deleted
        ),
    )
    yield
    reset_backends()


def person(name, organization=None, *, skills=(), available=True, hours=None, role="member",
           municipality=None, visibility="signed_in", seeks=()):  # fmt: skip
    user = UserFactory(name=name, email=f"{name.lower()}@example.org")
    if organization is not None:
        membership_ensure(user=user, organization=organization, role=role)
    profile, _made = Profile.objects.get_or_create(user=user)
    profile.available = available
    profile.hours_per_week = hours
    profile.visibility = visibility
    profile.work_municipality = municipality
    profile.save()
    for skill, level in skills:
        ProfileSkill.objects.create(profile=profile, skill=skill, level=level)
    for kind in seeks:
        Interest.objects.create(user=user, kind=kind, direction=Direction.SEEK)
    return user


def gig_input(world, **extra) -> services.OpportunityInput:
    data = {
        "kind": "gig",
        "title": "Dashboard jeugdzorgkosten bouwen",
        "description": "Acht weken lang een dashboard van de jeugdzorgkosten bouwen met SQL.",
        "skills": [
            (world["data"].pk, "practitioner", True),
            (world["comm"].pk, "practitioner", False),
        ],
        "hours_per_week": 8,
        "work_mode": "hybrid",
        "municipality": "gm9301",
        "points": 200,
        **extra,
    }
    return services.OpportunityInput(**data)


@pytest.fixture
def world(db):
    p = Organization.objects.create(
        code="pv95", name="Provincie P", kind="province", layer="province"
    )
    q = Organization.objects.create(
        code="pv96", name="Provincie Q", kind="province", layer="province"
    )
    a = Organization.objects.create(
        code="gm9301",
        cbs_code="GM9301",
        name="Gemeente A",
        kind="municipality",
        layer="municipality",
        province=p,
    )
    b = Organization.objects.create(
        code="gm9302",
        cbs_code="GM9302",
        name="Gemeente B",
        kind="municipality",
        layer="municipality",
        province=p,
    )
    c = Organization.objects.create(
        code="gm9303",
        cbs_code="GM9303",
        name="Gemeente C",
        kind="municipality",
        layer="municipality",
        province=q,
    )
    data = Skill.objects.create(code="t-data", name="Data-analyse")
    sql = Skill.objects.create(code="t-sql", name="SQL", parent=data)
    python = Skill.objects.create(code="t-python", name="Python", parent=data)
    law = Skill.objects.create(code="t-law", name="Omgevingsrecht")
    comm = Skill.objects.create(code="t-comm", name="Communicatie")
    platform = UserFactory(is_staff=True, is_superuser=True, name="Beheer")
    ledger.allocate(
        actor=platform,
        account=ledger.organization_account(a),
        amount=1000,
        idempotency_key="start-a",
    )
    alma = person("Alma", a, role=MembershipRole.ADMIN, available=False)
    rik = person("Rik", a, available=False)
    services.recruiter_add(actor=alma, organization=a, user=rik)
    return {
        "p": p, "q": q, "a": a, "b": b, "c": c,
        "data": data, "sql": sql, "python": python, "law": law, "comm": comm,
        "platform": platform, "alma": alma, "rik": rik,
        "bea": person("Bea", b, skills=[(sql, "expert"), (comm, "practitioner")], hours=16,
                      municipality=b),
        "bob": person("Bob", b, skills=[(data, "practitioner")], hours=8, municipality=b),
        "noor": person("Noor", b, skills=[(sql, "expert")], available=False, seeks=["gig"]),
        "cas": person("Cas", c, skills=[(law, "expert")], hours=4, municipality=c),
        "dirk": person("Dirk"),
    }  # fmt: skip


@pytest.fixture
def gig(world):
    return services.opportunity_create(
        actor=world["rik"], organization=world["a"], data=gig_input(world), publish=True
    )
