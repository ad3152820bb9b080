"""A small world for peer review.

Gemeente Een (A) asks: Anna requests, Arend is her colleague (and also a policy expert).
Gemeente Twee (B): Bram, an available expert in policy analysis and a practitioner in
legal drafting; Britt, available, practitioner in policy analysis. Provincie Drie (C):
Carla, available, expert in legal drafting. Dirk works for nobody. A has 1,000 points;
B and C start at zero.
"""

import datetime as dt
import uuid

import pytest
from django.utils import timezone, translation

from eenoverheid.ledger import services as ledger
from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.services import membership_ensure
from eenoverheid.people.models import Profile, ProfileSkill, Skill
from eenoverheid.reviews import services
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _person(name, organization=None, *, skills=(), available=True):
    user = UserFactory(name=name, email=f"{name.lower()}@example.org")
    if organization is not None:
        membership_ensure(user=user, organization=organization)
    profile, _made = Profile.objects.get_or_create(user=user)
    profile.available = available
    profile.visibility = "signed_in"
    profile.save()
    for skill, level in skills:
        ProfileSkill.objects.create(profile=profile, skill=skill, level=level)
    return user


@pytest.fixture
def world(db):
    a = Organization.objects.create(
        code="gm9001", name="Gemeente Een", kind="municipality", layer="municipality"
    )
    b = Organization.objects.create(
        code="gm9002", name="Gemeente Twee", kind="municipality", layer="municipality"
    )
    c = Organization.objects.create(
        code="pv99", name="Provincie Drie", kind="province", layer="province"
    )
    policy = Skill.objects.create(code="t-policy", name="Beleidsanalyse")
    legal = Skill.objects.create(code="t-legal", name="Juridisch advies")
    platform = UserFactory(is_staff=True, is_superuser=True, name="Beheer")
    ledger.allocate(
        actor=platform,
        account=ledger.organization_account(a),
        amount=1000,
        idempotency_key="start-a",
    )
    return {
        "a": a,
        "b": b,
        "c": c,
        "policy": policy,
        "legal": legal,
        "platform": platform,
        "anna": _person("Anna", a),
        "arend": _person("Arend", a, skills=[(policy, "expert")]),
        "bram": _person("Bram", b, skills=[(policy, "expert"), (legal, "practitioner")]),
        "britt": _person("Britt", b, skills=[(policy, "practitioner")]),
        "carla": _person("Carla", c, skills=[(legal, "expert")]),
        "dirk": _person("Dirk"),
    }


def ask(world, *, points=100, key=None, **extra):
    data = {
        "title": "Nota warmtetransitie",
        "summary": "Aanpak wijk voor wijk.",
        "document_url": "https://docs.example.org/nota.pdf",
        "feedback_kind": "content",
        "feedback_wanted": "Klopt de redenering over de kosten?",
        "skill_ids": [world["policy"].pk],
        "deadline": timezone.localdate() + dt.timedelta(days=10),
        "points": points,
        **extra,
    }
    actor = data.pop("actor", world["anna"])
    request, _made = services.request_create(
        actor=actor,
        data=services.RequestInput(**data),
        idempotency_key=key or uuid.uuid4().hex,
    )
    return request


def submitted(world, reviewer="bram", **extra):
    """A request whose review `reviewer` has submitted."""
    request = ask(world, **extra)
    services.reviewer_pick(actor=world["anna"], request=request, user=world[reviewer])
    services.assignment_accept(actor=world[reviewer], request=request)
    services.review_submit(
        actor=world[reviewer],
        request=request,
        text="De kostenparagraaf mist de btw; verder helder.",
    )
    return request


def available(organization) -> int:
    account = ledger.organization_account(organization)
    account.refresh_from_db()
    return account.available
