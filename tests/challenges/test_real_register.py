"""On the real register: the levels the demo challenges get are the ones a Dutch civil
servant would name."""

import pytest

from eenoverheid.challenges import services, suggestions
from eenoverheid.organizations.importer import RegisterImport
from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.services import membership_ensure
from tests.factories import UserFactory
from tests.organizations.conftest import TODAY


@pytest.fixture
def lead(db):
    RegisterImport(today=TODAY).run()
    user = UserFactory()
    membership_ensure(user=user, organization=Organization.objects.get(code="gm0344"))
    return user


def level(lead, **fields):
    challenge = services.challenge_create(
        actor=lead,
        organization=Organization.objects.get(code="gm0344"),
        data=services.ChallengeInput(title="T", description="D", **fields),
    )
    return suggestions.suggest_organizations(challenge)


def test_levels_on_the_real_register(lead):
    # Energy in a province: the province itself.
    advice = level(lead, area_kind="province", area_organization="pv25", policy_domains=["P.3"])
    assert advice.level.organization.code == "pv25"
    # Water levels in Zeeland: the water board Scheldestromen, not the province.
    advice = level(lead, area_kind="province", area_organization="pv29", policy_domains=["W.2"])
    assert advice.level.layer == "water_board"
    assert "Scheldestromen" in advice.level.organization.name
    # Youth care in three Rotterdam-area municipalities: the joint youth-care body of
    # the region, before the ministry.
    advice = level(
        lead,
        area_kind="municipalities",
        municipalities=["gm0613", "gm0489", "gm0502"],
        policy_domains=["6.72"],
    )
    assert advice.level.layer == "regional"
    assert "Jeugdhulp Rijnmond" in advice.level.organization.name
    assert [g.layer for g in advice.groups][-1] == "national"
    # Fire service in Utrecht: the safety region.
    advice = level(
        lead, area_kind="municipalities", municipalities=["gm0344"], policy_domains=["V.1"]
    )
    assert advice.level.organization.kind == "safety_region"
