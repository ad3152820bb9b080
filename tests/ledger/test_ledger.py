"""The ledger's rules: allocations, limits, idempotency, reservations paid once,
reversals once, and balances that always add up (also under concurrent use)."""

import random
import threading
import uuid

import pytest
from django.db import IntegrityError, close_old_connections, connection, transaction

from eenoverheid.core.errors import Conflict, InvalidInput, NotAllowed
from eenoverheid.ledger import services
from eenoverheid.ledger.models import Account, Reason, Reservation, Transfer
from tests.factories import OrganizationFactory, UserFactory


@pytest.fixture
def admin(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def accounts(db):
    return [services.organization_account(OrganizationFactory()) for _ in range(3)]


def key() -> str:
    return uuid.uuid4().hex


def fresh(account: Account) -> Account:
    account.refresh_from_db()
    return account


@pytest.mark.django_db
def test_only_platform_administrators_allocate_and_a_repeat_pays_once(admin, accounts):
    a = accounts[0]
    with pytest.raises(NotAllowed):
        services.allocate(actor=UserFactory(), account=a, amount=100, idempotency_key="k1")
    first = services.allocate(actor=admin, account=a, amount=100, idempotency_key="k1")
    again = services.allocate(actor=admin, account=a, amount=100, idempotency_key="k1")
    assert first.pk == again.pk
    assert fresh(a).balance == 100
    with pytest.raises(Conflict):  # the same key for another amount
        services.allocate(actor=admin, account=a, amount=5, idempotency_key="k1")
    assert services.issuance_account().balance == -100


@pytest.mark.django_db
def test_no_account_goes_below_its_limit(admin, accounts):
    a, b, _c = accounts
    services.allocate(actor=admin, account=a, amount=50, idempotency_key=key())
    with pytest.raises(services.InsufficientFunds):
        services.transfer(
            source=a, target=b, amount=51, reason=Reason.REVIEW, idempotency_key=key()
        )
    assert (fresh(a).balance, fresh(b).balance) == (50, 0)
    services.credit_limit_set(actor=admin, account=a, limit=20)
    services.transfer(source=a, target=b, amount=70, reason=Reason.REVIEW, idempotency_key=key())
    assert fresh(a).balance == -20
    with pytest.raises(Conflict):  # already 20 below zero
        services.credit_limit_set(actor=admin, account=a, limit=10)
    with pytest.raises(InvalidInput):
        services.transfer(source=a, target=a, amount=1, reason="gig", idempotency_key=key())
    with pytest.raises(InvalidInput):
        services.transfer(source=b, target=a, amount=0, reason="gig", idempotency_key=key())
    # The database refuses an overdraft even past the services.
    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.filter(pk=a.pk).update(balance=-21)


@pytest.mark.django_db
def test_a_reservation_holds_points_and_is_paid_once(admin, accounts):
    a, b, c = accounts
    services.allocate(actor=admin, account=a, amount=100, idempotency_key=key())
    held = services.reserve(
        account=a, amount=80, reason=Reason.REVIEW, reference="review:1", idempotency_key="r1"
    )
    assert (
        services.reserve(account=a, amount=80, reason=Reason.REVIEW, idempotency_key="r1").pk
        == held.pk
    )
    assert fresh(a).reserved == 80
    with pytest.raises(services.InsufficientFunds):  # what is reserved cannot be spent
        services.transfer(source=a, target=b, amount=21, reason="gig", idempotency_key=key())
    paid = services.capture(reservation=held, target=b)
    assert services.capture(reservation=held, target=b).pk == paid.pk
    with pytest.raises(Conflict):
        services.capture(reservation=held, target=c)
    with pytest.raises(Conflict):
        services.release(reservation=held)
    assert (fresh(a).balance, fresh(a).reserved, fresh(b).balance) == (20, 0, 80)
    other = services.reserve(account=a, amount=20, reason="review", idempotency_key="r2")
    services.release(reservation=other)
    services.release(reservation=other)  # a second release changes nothing
    assert fresh(a).reserved == 0
    with pytest.raises(Conflict):
        services.capture(reservation=other, target=b)


@pytest.mark.django_db
def test_a_transfer_is_reversed_once_and_only_while_the_receiver_can_pay(admin, accounts):
    a, b, c = accounts
    services.allocate(actor=admin, account=a, amount=100, idempotency_key=key())
    sent = services.transfer(source=a, target=b, amount=60, reason="gig", idempotency_key=key())
    with pytest.raises(NotAllowed):
        services.reverse(actor=UserFactory(), original=sent, idempotency_key=key())
    back = services.reverse(actor=admin, original=sent, idempotency_key="rev1")
    assert back.reverses_id == sent.pk
    assert (fresh(a).balance, fresh(b).balance) == (100, 0)
    assert services.reverse(actor=admin, original=sent, idempotency_key="rev1").pk == back.pk
    with pytest.raises(Conflict):
        services.reverse(actor=admin, original=sent, idempotency_key=key())
    with pytest.raises(Conflict):
        services.reverse(actor=admin, original=back, idempotency_key=key())
    spent = services.transfer(source=a, target=b, amount=50, reason="gig", idempotency_key=key())
    services.transfer(source=b, target=c, amount=50, reason="gig", idempotency_key=key())
    with pytest.raises(services.InsufficientFunds):
        services.reverse(actor=admin, original=spent, idempotency_key=key())


@pytest.mark.django_db
def test_the_check_finds_a_stored_balance_that_does_not_add_up(admin, accounts):
    a, b, _c = accounts
    services.allocate(actor=admin, account=a, amount=10, idempotency_key=key())
    services.transfer(source=a, target=b, amount=4, reason="gig", idempotency_key=key())
    assert services.recompute() == ([], 0)
    Account.objects.filter(pk=b.pk).update(balance=5)
    mismatches, total = services.recompute()
    assert total == 1  # one point made up
    assert [(m.account.pk, m.stored_balance, m.computed_balance) for m in mismatches] == [
        (b.pk, 5, 4)
    ]
    services.recompute(repair=True)
    assert fresh(b).balance == 4


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_clients_never_lose_double_or_overdraw(admin):
    """1,000 random allocations, transfers, reservations, payments, releases and
    reversals from 20 threads, with repeated keys; then every balance is recomputed."""
    accounts = [services.organization_account(OrganizationFactory()) for _ in range(5)]
    for account in accounts:
        services.allocate(actor=admin, account=account, amount=200, idempotency_key=key())
    keys = [key() for _ in range(300)]  # shared, so that some requests repeat others
    errors: list[Exception] = []
    barrier = threading.Barrier(20)

    def client(seed: int) -> None:
        rng = random.Random(seed)
        barrier.wait()
        try:
            for _ in range(50):
                source, target = rng.sample(accounts, 2)
                op = rng.random()
                try:
                    if op < 0.45:
                        services.transfer(
                            source=source,
                            target=target,
                            amount=rng.randint(1, 60),
                            reason="gig",
                            idempotency_key=rng.choice(keys),
                        )
                    elif op < 0.7:
                        services.reserve(
                            account=source,
                            amount=rng.randint(1, 60),
                            reason="review",
                            idempotency_key=rng.choice(keys) + "r",
                        )
                    elif op < 0.85:
                        held = Reservation.objects.filter(status="held").order_by("?").first()
                        if held:
                            services.capture(reservation=held, target=target)
                    elif op < 0.93:
                        held = Reservation.objects.filter(status="held").order_by("?").first()
                        if held:
                            services.release(reservation=held)
                    else:
                        sent = Transfer.objects.filter(reason="gig").order_by("?").first()
                        if sent:
                            services.reverse(actor=admin, original=sent, idempotency_key=key())
                except (Conflict, InvalidInput):
                    pass  # refused: over the limit, a key reused, paid or reversed already
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    mismatches, total = services.recompute()
    assert mismatches == []
    assert total == 0  # nothing lost or made up
    assert sum(a.balance for a in Account.objects.exclude(kind="system")) == 1000
    for account in Account.objects.exclude(kind="system"):
        assert account.balance - account.reserved >= -account.credit_limit
    # Every payment of a reservation is one transfer, every transfer reversed at most once.
    captured = Reservation.objects.filter(status="captured")
    assert captured.count() == captured.values("transfer").distinct().count()
    assert Transfer.objects.filter(reason="reversal").count() == (
        Transfer.objects.filter(reason="reversal").values("reverses").distinct().count()
    )
    assert Transfer.objects.count() > 50


@pytest.mark.django_db
def test_the_ledger_check_command_fails_when_the_ledger_does_not_add_up(admin, accounts):
    from django.core.management import CommandError, call_command

    services.allocate(actor=admin, account=accounts[0], amount=10, idempotency_key=key())
    call_command("ledger_check")
    Account.objects.filter(pk=accounts[0].pk).update(balance=11)
    with pytest.raises(CommandError):
        call_command("ledger_check")
    call_command("ledger_check", "--repair")
    call_command("ledger_check")
