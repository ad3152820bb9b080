"""A small world for shared solutions, initiatives and ideas.

Provincie P holds Gemeente A (Alma administers it, Rik works there) and Gemeente B (Bea
administers it); Provincie Q holds Waterschap C (Cas administers it). Dirk works for no
organization; Mo moderates ideas (the permission, not a platform administrator); Root is
a platform administrator. B and C have 1,000 points each.
"""

import pytest
from django.contrib.auth.models import Permission
from django.utils import translation

from eenoverheid.ledger import services as ledger
from eenoverheid.organizations.models import MembershipRole, Organization
from eenoverheid.organizations.services import (
    membership_ensure,
    organization_domains_refresh,
    policy_domains_sync,
)
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def person(name, organization=None, role=MembershipRole.MEMBER, **extra):
    user = UserFactory(name=name, email=f"{name.lower()}@example.org", **extra)
    if organization is not None:
        membership_ensure(user=user, organization=organization, role=role)
    return user


@pytest.fixture
def world(db):
    policy_domains_sync()
    p = Organization.objects.create(
        code="pv95", name="Provincie P", kind="province", layer="province"
    )
    q = Organization.objects.create(
        code="pv96", name="Provincie Q", kind="province", layer="province"
    )
    a = Organization.objects.create(
        code="gm9301",
        name="Gemeente A",
        kind="municipality",
        layer="municipality",
        province=p,
        inhabitants=50_000,
    )
    b = Organization.objects.create(
        code="gm9302",
        name="Gemeente B",
        kind="municipality",
        layer="municipality",
        province=p,
        inhabitants=60_000,
    )
    c = Organization.objects.create(
        code="ws0901", name="Waterschap C", kind="water_board", layer="water_board", province=q
    )
    organization_domains_refresh([a.pk, b.pk, c.pk])
    root = UserFactory(name="Root", email="root@example.org", is_staff=True, is_superuser=True)
    mo = person("Mo")
    mo.user_permissions.add(Permission.objects.get(codename="moderate_idea"))
    w = {
        "p": p,
        "q": q,
        "a": a,
        "b": b,
        "c": c,
        "root": root,
        "mo": mo,
        "alma": person("Alma", a, MembershipRole.ADMIN),
        "rik": person("Rik", a),
        "bea": person("Bea", b, MembershipRole.ADMIN),
        "cas": person("Cas", c, MembershipRole.ADMIN),
        "dirk": person("Dirk"),
    }
    for organization in (b, c):
        ledger.allocate(
            actor=root,
            account=ledger.organization_account(organization),
            amount=1000,
            idempotency_key=f"start-{organization.code}",
        )
    return w


def balances(*organizations):
    """(balance, reserved) of each organization's points account."""
    out = []
    for organization in organizations:
        account = ledger.organization_account(organization)
        account.refresh_from_db()
        out.append((account.balance, account.reserved))
    return out
