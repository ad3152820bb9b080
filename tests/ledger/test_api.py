"""`/api/v1/ledger`: who sees which account, allocations by platform administrators
only (a repeated key pays once), limits, consent to show flows, and reversals."""

import pytest
from django.test import Client

from eenoverheid.ledger import services
from eenoverheid.organizations.models import MembershipRole
from eenoverheid.organizations.services import membership_ensure
from tests.conftest import bearer_client
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    one, two = OrganizationFactory(name="Gemeente Een"), OrganizationFactory(name="Gemeente Twee")
    admins = []
    for organization in (one, two):
        admin = UserFactory()
        membership_ensure(user=admin, organization=organization, role=MembershipRole.ADMIN)
        admins.append(admin)
    member = UserFactory()
    membership_ensure(user=member, organization=one)
    return {
        "accounts": [services.organization_account(one), services.organization_account(two)],
        "admins": admins,
        "member": member,
        "platform": UserFactory(is_staff=True, is_superuser=True),
    }


def test_who_sees_which_account(world):
    a, b = world["accounts"]
    mine = bearer_client(world["admins"][0]).get("/api/v1/ledger/accounts").json()
    assert [r["id"] for r in mine["results"]] == [a.pk]
    assert bearer_client(world["member"]).get("/api/v1/ledger/accounts").json()["count"] == 0
    assert (
        bearer_client(world["admins"][0]).get(f"/api/v1/ledger/accounts/{b.pk}").status_code == 404
    )
    assert bearer_client(world["platform"]).get("/api/v1/ledger/accounts").json()["count"] == 2
    assert Client().get("/api/v1/ledger/accounts").status_code == 401


def test_allocation_by_platform_administrators_pays_once(world):
    a, _b = world["accounts"]
    body = {"amount": 500, "idempotency_key": "start-2027"}
    url = f"/api/v1/ledger/accounts/{a.pk}/allocations"
    assert (
        bearer_client(world["admins"][0])
        .post(url, body, content_type="application/json")
        .status_code
        == 403
    )
    platform = bearer_client(world["platform"])
    first = platform.post(url, body, content_type="application/json")
    again = platform.post(url, body, content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json()["id"] == again.json()["id"]
    assert platform.get(f"/api/v1/ledger/accounts/{a.pk}").json()["balance"] == 500
    other = platform.post(url, {**body, "amount": 1}, content_type="application/json")
    assert other.status_code == 409
    bad = platform.post(url, {"amount": 0, "idempotency_key": ""}, content_type="application/json")
    assert bad.status_code == 400
    assert {p["name"] for p in bad.json()["invalidParams"]} == {"amount", "idempotency_key"}
    statement = bearer_client(world["admins"][0]).get(f"/api/v1/ledger/accounts/{a.pk}/transfers")
    assert [t["amount"] for t in statement.json()["results"]] == [500]


def test_limits_consent_flows_and_reversal(world):
    a, b = world["accounts"]
    platform = bearer_client(world["platform"])
    services.allocate(actor=world["platform"], account=a, amount=100, idempotency_key="k")
    paid = services.transfer(source=a, target=b, amount=30, reason="review", idempotency_key="p")
    limit = platform.patch(
        f"/api/v1/ledger/accounts/{a.pk}", {"credit_limit": 50}, content_type="application/json"
    )
    assert limit.json()["available"] == 120
    assert (
        bearer_client(world["admins"][0])
        .patch(
            f"/api/v1/ledger/accounts/{a.pk}",
            {"credit_limit": 500},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    assert bearer_client(world["admins"][0]).get("/api/v1/ledger/flows").json() == []
    for admin, account in zip(world["admins"], world["accounts"], strict=True):
        response = bearer_client(admin).patch(
            f"/api/v1/ledger/accounts/{account.pk}",
            {"share_flows": True},
            content_type="application/json",
        )
        assert response.json()["share_flows"] is True
    flows = bearer_client(world["member"]).get("/api/v1/ledger/flows").json()
    assert flows == [
        {"payer": "Gemeente Een", "payee": "Gemeente Twee", "amount": 30, "transfers": 1}
    ]
    url = f"/api/v1/ledger/transfers/{paid.pk}/reversal"
    assert (
        bearer_client(world["admins"][1])
        .post(url, {"idempotency_key": "r"}, content_type="application/json")
        .status_code
        == 403
    )
    back = platform.post(url, {"idempotency_key": "r"}, content_type="application/json")
    assert back.status_code == 201
    assert back.json()["reverses"] == paid.pk
    assert (
        platform.post(url, {"idempotency_key": "r2"}, content_type="application/json").status_code
        == 409
    )
    assert bearer_client(world["member"]).get("/api/v1/ledger/flows").json() == []
