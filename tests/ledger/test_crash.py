"""A process killed in the middle of a payment leaves the whole payment or none of it.

A child process pays a held reservation (the ledger's capture, as accepting a review
does) against the test database, and kills itself with SIGKILL at a chosen point: after
the transfer row, after the debit, after the credit, after the reservation is marked
paid (all before the commit), or just after the commit. Afterwards the parent finds
either no trace of the payment (the reservation still held, both balances as they were)
or all of it, and every stored balance equal to what the transfers say. On SQLite (a WAL
file) and on PostgreSQL (the server rolls back a connection that dies mid-transaction).
"""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import connection

from eenoverheid.ledger import services as ledger
from eenoverheid.ledger.models import Reservation, ReservationStatus, Transfer
from eenoverheid.organizations.models import Organization
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    import django
    django.setup()
    from django.db.models.query import QuerySet
    from eenoverheid.ledger import services
    from eenoverheid.ledger.models import Account, Reservation, Transfer

    kill_at = os.environ["KILL_AT"]
    updates = 0

    def die():
        sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGKILL)

    create = Transfer.objects.create
    def create_then_maybe_die(*args, **kwargs):
        made = create(*args, **kwargs)
        if kill_at == "after_transfer_row":
            die()
        return made
    Transfer.objects.create = create_then_maybe_die

    update = QuerySet.update
    def update_then_maybe_die(self, **kwargs):
        global updates
        done = update(self, **kwargs)
        updates += 1
        if kill_at == f"after_update_{updates}":
            die()
        return done
    QuerySet.update = update_then_maybe_die

    reservation = Reservation.objects.get(pk=int(os.environ["RESERVATION"]))
    target = Account.objects.get(pk=int(os.environ["TARGET"]))
    services.capture(reservation=reservation, target=target)
    if kill_at == "after_commit":
        die()
    print("finished")
    """
)

KILL_POINTS = [
    "after_transfer_row",
    "after_update_1",  # the payer's balance
    "after_update_2",  # the payee's balance
    "after_update_3",  # the reservation marked paid
    "after_commit",
]


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


@pytest.mark.parametrize("kill_at", KILL_POINTS)
def test_a_killed_payment_is_all_or_nothing(kill_at):
    platform = UserFactory(is_staff=True, is_superuser=True)
    payer = ledger.organization_account(
        Organization.objects.create(code="gm7001", name="Betaler", kind="municipality")
    )
    payee = ledger.organization_account(
        Organization.objects.create(code="gm7002", name="Ontvanger", kind="municipality")
    )
    ledger.allocate(actor=platform, account=payer, amount=500, idempotency_key="start")
    held = ledger.reserve(
        account=payer, amount=120, reason="review", reference="review:1", idempotency_key="r1"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": _database_url(),
        "KILL_AT": kill_at,
        "RESERVATION": str(held.pk),
        "TARGET": str(payee.pk),
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
    }
    child = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert "finished" not in child.stdout

    connection.close()  # read afresh, as another process would
    payer.refresh_from_db()
    payee.refresh_from_db()
    held.refresh_from_db()
    paid = Transfer.objects.filter(idempotency_key=f"reservation:{held.pk}")
    if kill_at == "after_commit":
        assert paid.count() == 1
        assert held.status == ReservationStatus.CAPTURED
        assert (payer.balance, payer.reserved, payee.balance) == (380, 0, 120)
    else:
        assert not paid.exists()
        assert held.status == ReservationStatus.HELD
        assert (payer.balance, payer.reserved, payee.balance) == (500, 120, 0)
        # And the payment can still be made, once.
        ledger.capture(reservation=Reservation.objects.get(pk=held.pk), target=payee)
        payee.refresh_from_db()
        assert payee.balance == 120
    assert ledger.recompute() == ([], 0)
