"""Every movement of points: allocations, transfers, reservations, payment of a
reservation, release, and reversal; plus the check that recomputes every balance.

Rules that hold for all of them:
- A movement locks the accounts it touches (in id order, so two movements never wait for
  each other in a circle) and changes their stored balances in the same transaction as
  the transfer or reservation row: either all of it is written or none.
- No account goes below its credit limit: balance - reserved >= -credit_limit (the
  database checks it too). Only the system account "issuance" has no limit.
- Every request carries an idempotency key: the same key again returns what the first
  request made and moves nothing; the same key with other values is refused.
- Transfers are never changed or deleted; a mistake is undone by a reversal, once.

Other apps call `transfer`, `reserve`, `capture` and `release` for the reason they own
(a review, a gig, an initiative); platform administrators allocate, set limits and
reverse. Nothing else moves points.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from eenoverheid.core.errors import Conflict, InvalidInput, NotAllowed
from eenoverheid.core.services import audit_record
from eenoverheid.core.visibility import is_platform_admin
from eenoverheid.ledger.models import (
    Account,
    AccountKind,
    Currency,
    Reason,
    Reservation,
    ReservationStatus,
    Transfer,
)
from eenoverheid.organizations.models import Organization

ISSUANCE = "issuance"
MAX_AMOUNT = 10**12


class InsufficientFunds(Conflict):
    title = _("Not enough points.")


# -- accounts ------------------------------------------------------------------------


def organization_account(organization: Organization, currency: str = Currency.POINTS) -> Account:
    """The organization's account, made on first use (every organization has one)."""
    account, _created = Account.objects.get_or_create(
        organization=organization,
        currency=currency,
        defaults={"kind": AccountKind.ORGANIZATION},
    )
    return account


def person_account(user, currency: str = Currency.POINTS) -> Account:
    """A person's own account: off by default, made only where a capability asks for it."""
    account, _created = Account.objects.get_or_create(
        user=user, currency=currency, defaults={"kind": AccountKind.PERSON}
    )
    return account


def issuance_account(currency: str = Currency.POINTS) -> Account:
    account, _created = Account.objects.get_or_create(
        kind=AccountKind.SYSTEM,
        system_name=ISSUANCE,
        currency=currency,
        defaults={"unlimited": True},
    )
    return account


def _lock(accounts: Iterable[Account]) -> dict[int, Account]:
    ids = sorted({a.pk for a in accounts})
    return {a.pk: a for a in Account.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


def _require_room(account: Account, amount: int) -> None:
    if not account.unlimited and account.available < amount:
        raise InsufficientFunds(
            _("%(account)s has %(available)d available; %(amount)d is needed.")
            % {"account": account, "available": account.available, "amount": amount}
        )


def _check_amount(amount) -> None:
    if not isinstance(amount, int) or isinstance(amount, bool) or not 0 < amount <= MAX_AMOUNT:
        raise InvalidInput.for_field("amount", _("A whole number of at least 1."))


def _check_key(key: str) -> None:
    if not key or len(key) > 100:
        raise InvalidInput.for_field(
            "idempotency_key", _("Give an idempotency key of 1 to 100 characters.")
        )


def _same(existing, **values) -> bool:
    return all(getattr(existing, name) == value for name, value in values.items())


# -- transfers -----------------------------------------------------------------------


def transfer(
    *,
    source: Account,
    target: Account,
    amount: int,
    reason: str,
    reference: str = "",
    caused_by=None,
    idempotency_key: str,
    memo: str = "",
) -> Transfer:
    """Move `amount` from `source` to `target`, or refuse and move nothing."""
    _check_amount(amount)
    _check_key(idempotency_key)
    if reason not in Reason.values:
        raise InvalidInput.for_field("reason", _("Unknown reason."))
    if source.pk == target.pk:
        raise InvalidInput.for_field("target", _("A transfer needs two different accounts."))
    if source.currency != target.currency:
        raise InvalidInput.for_field("target", _("Both accounts must be in the same currency."))
    values = {
        "source_id": source.pk,
        "target_id": target.pk,
        "amount": amount,
        "reason": reason,
        "reference": reference[:200],
    }
    existing = Transfer.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return _repeat(existing, values)
    try:
        with transaction.atomic():
            return _move(
                **values,
                caused_by=caused_by,
                idempotency_key=idempotency_key,
                memo=memo[:300],
            )
    except IntegrityError:
        # The same key arrived twice at once: the other request wrote it.
        existing = Transfer.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return _repeat(existing, values)


def _repeat(existing: Transfer, values: dict) -> Transfer:
    if not _same(existing, **values):
        raise Conflict(_("This idempotency key was used for another transfer."))
    return existing


def _move(
    *,
    source_id,
    target_id,
    amount,
    reason,
    reference,
    caused_by,
    idempotency_key,
    memo,
    reverses=None,
    held: Reservation | None = None,
) -> Transfer:
    """Inside a transaction: lock, check, write the transfer and both balances."""
    locked = _lock([Account(pk=source_id), Account(pk=target_id)])
    source = locked[source_id]
    if held is None:
        _require_room(source, amount)
    created = Transfer.objects.create(
        source_id=source_id,
        target_id=target_id,
        amount=amount,
        reason=reason,
        reference=reference,
        memo=memo,
        caused_by=caused_by,
        idempotency_key=idempotency_key,
        reverses=reverses,
    )
    release = amount if held is not None else 0
    Account.objects.filter(pk=source_id).update(
        balance=F("balance") - amount, reserved=F("reserved") - release
    )
    Account.objects.filter(pk=target_id).update(balance=F("balance") + amount)
    return created


def allocate(*, actor, account: Account, amount: int, idempotency_key: str, memo: str = ""):
    """A platform administrator grants points (or euros) to an account."""
    if not is_platform_admin(actor):
        raise NotAllowed(_("Only platform administrators allocate points."))
    if account.kind == AccountKind.SYSTEM:
        raise InvalidInput.for_field("account", _("Allocate to an organization or a person."))
    with transaction.atomic():
        made = transfer(
            source=issuance_account(account.currency),
            target=account,
            amount=amount,
            reason=Reason.ALLOCATION,
            reference=f"allocation:{account.pk}",
            caused_by=actor,
            idempotency_key=idempotency_key,
            memo=memo,
        )
        audit_record(
            actor=actor,
            action="ledger.allocate",
            obj=account,
            changes={"amount": amount, "transfer": made.pk},
        )
    return made


def reverse(*, actor, original: Transfer, idempotency_key: str, memo: str = "") -> Transfer:
    """Undo a transfer with a new one the other way, once. Refused when the receiver
    has spent what it got (its limit holds for a reversal too)."""
    if not is_platform_admin(actor):
        raise NotAllowed(_("Only platform administrators reverse transfers."))
    if original.reason == Reason.REVERSAL:
        raise Conflict(_("A reversal is not reversed; make a new transfer instead."))
    _check_key(idempotency_key)
    existing = Transfer.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if existing.reverses_id != original.pk:
            raise Conflict(_("This idempotency key was used for another transfer."))
        return existing
    try:
        with transaction.atomic():
            if Transfer.objects.filter(reverses=original).exists():
                raise Conflict(_("This transfer has been reversed already."))
            made = _move(
                source_id=original.target_id,
                target_id=original.source_id,
                amount=original.amount,
                reason=Reason.REVERSAL,
                reference=original.reference,
                caused_by=actor,
                idempotency_key=idempotency_key,
                memo=memo[:300],
                reverses=original,
            )
            audit_record(actor=actor, action="ledger.reverse", obj=made)
            return made
    except IntegrityError:
        raise Conflict(_("This transfer has been reversed already.")) from None


def credit_limit_set(*, actor, account: Account, limit: int) -> Account:
    """A platform administrator sets how far below zero an account may go; never below
    what the account has already used."""
    if not is_platform_admin(actor):
        raise NotAllowed(_("Only platform administrators set credit limits."))
    if not isinstance(limit, int) or isinstance(limit, bool) or not 0 <= limit <= MAX_AMOUNT:
        raise InvalidInput.for_field("credit_limit", _("A whole number of 0 or more."))
    with transaction.atomic():
        locked = _lock([account])[account.pk]
        if locked.balance - locked.reserved + limit < 0:
            raise Conflict(
                _("The account already uses %(used)d below zero; the limit cannot be lower.")
                % {"used": locked.reserved - locked.balance}
            )
        Account.objects.filter(pk=account.pk).update(credit_limit=limit)
        audit_record(
            actor=actor,
            action="ledger.credit_limit",
            obj=account,
            changes={"from": locked.credit_limit, "to": limit},
        )
    account.refresh_from_db()
    return account


def share_flows_set(*, actor, account: Account, share: bool) -> Account:
    """An organization's administrators consent (or stop consenting) to show who they
    pay and who pays them on the platform's chart of flows."""
    from eenoverheid.organizations.services import can_administer

    if account.organization is None or not can_administer(
        user=actor, organization=account.organization
    ):
        raise NotAllowed(_("Only the organization's administrators decide this."))
    Account.objects.filter(pk=account.pk).update(share_flows=bool(share))
    audit_record(
        actor=actor, action="ledger.share_flows", obj=account, changes={"share": bool(share)}
    )
    account.refresh_from_db()
    return account


# -- reservations --------------------------------------------------------------------


def reserve(
    *,
    account: Account,
    amount: int,
    reason: str,
    reference: str = "",
    caused_by=None,
    idempotency_key: str,
) -> Reservation:
    """Set `amount` aside so that it cannot be spent twice; refused beyond the limit."""
    _check_amount(amount)
    _check_key(idempotency_key)
    if reason not in Reason.values:
        raise InvalidInput.for_field("reason", _("Unknown reason."))
    values = {"account_id": account.pk, "amount": amount, "reason": reason}
    existing = Reservation.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if not _same(existing, **values):
            raise Conflict(_("This idempotency key was used for another reservation."))
        return existing
    try:
        with transaction.atomic():
            locked = _lock([account])[account.pk]
            _require_room(locked, amount)
            held = Reservation.objects.create(
                **values,
                reference=reference[:200],
                caused_by=caused_by,
                idempotency_key=idempotency_key,
            )
            Account.objects.filter(pk=account.pk).update(reserved=F("reserved") + amount)
            return held
    except IntegrityError:
        # The same key arrived twice at once: the other request wrote it.
        existing = Reservation.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        if not _same(existing, **values):
            raise Conflict(_("This idempotency key was used for another reservation.")) from None
        return existing


def capture(
    *, reservation: Reservation, target: Account, caused_by=None, memo: str = ""
) -> Transfer:
    """Pay a held reservation to `target`, once: a second call returns the same transfer."""
    with transaction.atomic():
        held = Reservation.objects.select_for_update().get(pk=reservation.pk)
        if held.status == ReservationStatus.CAPTURED:
            if held.transfer.target_id != target.pk:
                raise Conflict(_("This reservation was paid to another account."))
            return held.transfer
        if held.status != ReservationStatus.HELD:
            raise Conflict(_("This reservation was released; nothing is left to pay."))
        if held.account_id == target.pk:
            raise InvalidInput.for_field("target", _("A transfer needs two different accounts."))
        made = _move(
            source_id=held.account_id,
            target_id=target.pk,
            amount=held.amount,
            reason=held.reason,
            reference=held.reference,
            caused_by=caused_by,
            idempotency_key=f"reservation:{held.pk}",
            memo=memo[:300],
            held=held,
        )
        Reservation.objects.filter(pk=held.pk).update(
            status=ReservationStatus.CAPTURED, transfer=made, settled_at=timezone.now()
        )
    return made


def release(*, reservation: Reservation) -> Reservation:
    """Give a held reservation back to its account; releasing twice changes nothing."""
    with transaction.atomic():
        held = Reservation.objects.select_for_update().get(pk=reservation.pk)
        if held.status == ReservationStatus.CAPTURED:
            raise Conflict(_("This reservation has been paid; reverse the transfer instead."))
        if held.status == ReservationStatus.HELD:
            _lock([held.account])
            Account.objects.filter(pk=held.account_id).update(reserved=F("reserved") - held.amount)
            Reservation.objects.filter(pk=held.pk).update(
                status=ReservationStatus.RELEASED, settled_at=timezone.now()
            )
    reservation.refresh_from_db()
    return reservation


# -- the check -----------------------------------------------------------------------


@dataclass
class Mismatch:
    account: Account
    stored_balance: int
    computed_balance: int
    stored_reserved: int
    computed_reserved: int


def recompute(*, repair: bool = False) -> tuple[list[Mismatch], int]:
    """Recompute every balance from the transfers and every reservation total from the
    held reservations; returns the accounts that differ and the sum of all stored
    balances (zero when nothing was lost or made up). With `repair`, stored values are
    corrected."""
    credits = dict(
        Transfer.objects.values("target_id").annotate(s=Sum("amount")).values_list("target_id", "s")
    )
    debits = dict(
        Transfer.objects.values("source_id").annotate(s=Sum("amount")).values_list("source_id", "s")
    )
    held = dict(
        Reservation.objects.filter(status=ReservationStatus.HELD)
        .values("account_id")
        .annotate(s=Sum("amount"))
        .values_list("account_id", "s")
    )
    mismatches = []
    total = 0
    for account in Account.objects.all():
        balance = (credits.get(account.pk) or 0) - (debits.get(account.pk) or 0)
        reserved = held.get(account.pk) or 0
        total += balance if repair else account.balance
        if (balance, reserved) != (account.balance, account.reserved):
            mismatches.append(
                Mismatch(account, account.balance, balance, account.reserved, reserved)
            )
            if repair:
                Account.objects.filter(pk=account.pk).update(balance=balance, reserved=reserved)
    return mismatches, total


def account_visible_q(user) -> Q:
    """Accounts a person may read: their organizations' (as administrator) and their own;
    platform administrators read all."""
    if is_platform_admin(user):
        return Q()
    if not (user and user.is_authenticated and user.is_active):
        return Q(pk__in=[])
    from eenoverheid.organizations.models import Membership, MembershipRole

    administered = Membership.objects.filter(user=user, role=MembershipRole.ADMIN).values(
        "organization_id"
    )
    return Q(organization_id__in=administered) | Q(user=user)
