"""The ledger's pages: an administrator's statement and CSV, platform administration,
consent, and the flows chart; others see nothing of an account."""

import pytest
from django.test import Client
from django.urls import reverse

from eenoverheid.ledger import services
from eenoverheid.ledger.models import Account
from tests.ledger.test_api import world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_statement_csv_and_administration(world):  # noqa: F811
    a, b = world["accounts"]
    platform = signed_in(world["platform"])
    page = platform.get(reverse("ledger:account", args=[a.pk]))
    key = page.context["new_key"]
    for _ in range(2):  # a double click pays once
        platform.post(
            reverse("ledger:action", args=[a.pk]),
            {"action": "allocate", "amount": "250", "key": key, "memo": "=start"},
        )
    assert Account.objects.get(pk=a.pk).balance == 250
    services.transfer(
        source=a, target=b, amount=40, reason="gig", idempotency_key="g1", reference="gig:7"
    )
    admin = signed_in(world["admins"][0])
    statement = admin.get(reverse("ledger:account", args=[a.pk])).content.decode()
    assert "gig:7" in statement
    assert "Gemeente Twee" in statement
    filtered = admin.get(reverse("ledger:account", args=[a.pk]), {"reden": "gig"})
    assert len(filtered.context["page"].object_list) == 1
    csv = admin.get(reverse("ledger:export", args=[a.pk])).content.decode("utf-8-sig")
    lines = csv.splitlines()
    assert lines[0].startswith("date,from,to,amount")
    assert any(",out,gig,gig:7" in line for line in lines)
    assert "'=start" in csv
    # Someone else sees nothing of it; an administrator does not allocate.
    assert (
        signed_in(world["admins"][1]).get(reverse("ledger:account", args=[a.pk])).status_code == 404
    )
    admin.post(
        reverse("ledger:action", args=[a.pk]), {"action": "allocate", "amount": "9", "key": "x"}
    )
    assert Account.objects.get(pk=a.pk).balance == 210
    admin.post(reverse("ledger:action", args=[a.pk]), {"action": "share", "share": "1"})
    assert Account.objects.get(pk=a.pk).share_flows is True
    assert signed_in(world["member"]).get(reverse("ledger:flows")).status_code == 200
    assert Client().get(reverse("ledger:accounts")).status_code == 302
