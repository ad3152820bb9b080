"""The points ledger: accounts of organizations (and, optionally, of persons) in points or
euros, double-entry transfers that are never edited or deleted, and reservations that
hold an amount until it is paid or released.

Balances are derived from transfers; `balance` and `reserved` are stored for speed and
kept right in the same transaction as every transfer and reservation
(`eenoverheid ledger-check` recomputes them all). Amounts are whole numbers: points, or
euro cents. New points enter through allocations from the system account "issuance",
the one account without a limit, so the sum of all balances is always zero.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from eenoverheid.organizations.models import Organization


class Currency(models.TextChoices):
    POINTS = "points", _("Points")
    EUROS = "euros", _("Euros (cents)")


class AccountKind(models.TextChoices):
    ORGANIZATION = "organization", _("Organization")
    PERSON = "person", _("Person")
    SYSTEM = "system", _("System")


class Reason(models.TextChoices):
    ALLOCATION = "allocation", _("Allocation")
    REVIEW = "review", _("Peer review")
    GIG = "gig", _("Gig")
    INITIATIVE = "initiative", _("Joint initiative")
    COURSE = "course", _("Course")
    REVERSAL = "reversal", _("Reversal")


class Account(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=AccountKind.choices)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_accounts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_accounts",
    )
    system_name = models.CharField(max_length=32, blank=True)
    currency = models.CharField(
        _("currency"), max_length=8, choices=Currency.choices, default=Currency.POINTS
    )
    balance = models.BigIntegerField(_("balance"), default=0)
    reserved = models.BigIntegerField(_("reserved"), default=0)
    credit_limit = models.BigIntegerField(
        _("credit limit"), default=0, help_text=_("How far below zero the account may go.")
    )
    unlimited = models.BooleanField(default=False, editable=False)
    share_flows = models.BooleanField(
        _("show who we help and who helps us"),
        default=False,
        help_text=_("Consent to show this account's flows on the platform's chart."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "currency"],
                condition=Q(organization__isnull=False),
                name="ledger_one_account_per_organization",
            ),
            models.UniqueConstraint(
                fields=["user", "currency"],
                condition=Q(user__isnull=False),
                name="ledger_one_account_per_person",
            ),
            models.UniqueConstraint(
                fields=["system_name", "currency"],
                condition=Q(kind="system"),
                name="ledger_one_system_account",
            ),
            models.CheckConstraint(condition=Q(reserved__gte=0), name="ledger_reserved_positive"),
            models.CheckConstraint(
                condition=Q(unlimited=True) | Q(balance__gte=F("reserved") - F("credit_limit")),
                name="ledger_within_limit",
            ),
        ]

    def __str__(self) -> str:
        owner = self.organization or self.user or self.system_name
        return f"{owner} ({self.currency})"

    @property
    def available(self) -> int:
        """What can still be spent or reserved: the balance less what is reserved,
        plus the credit limit."""
        return self.balance - self.reserved + self.credit_limit


class Transfer(models.Model):
    source = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="debits", verbose_name=_("from")
    )
    target = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="credits", verbose_name=_("to")
    )
    amount = models.BigIntegerField(_("amount"))
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    reference = models.CharField(
        _("paid for"), max_length=200, blank=True, help_text=_("What the transfer paid for.")
    )
    memo = models.CharField(_("memo"), max_length=300, blank=True)
    caused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("caused by"),
    )
    idempotency_key = models.CharField(max_length=100, unique=True)
    reverses = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
        verbose_name=_("reverses"),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_amount_positive"),
            models.CheckConstraint(
                condition=~Q(source=F("target")), name="ledger_between_two_accounts"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.source_id} -> {self.target_id} ({self.reason})"


class ReservationStatus(models.TextChoices):
    HELD = "held", _("Held")
    CAPTURED = "captured", _("Paid")
    RELEASED = "released", _("Released")


class Reservation(models.Model):
    """An amount set aside on an account so that it cannot be spent twice; paid once
    (captured into a transfer) or released."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="reservations")
    amount = models.BigIntegerField(_("amount"))
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    reference = models.CharField(_("for"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReservationStatus.choices,
        default=ReservationStatus.HELD,
        db_index=True,
    )
    idempotency_key = models.CharField(max_length=100, unique=True)
    transfer = models.OneToOneField(
        Transfer, null=True, blank=True, on_delete=models.PROTECT, related_name="reservation"
    )
    caused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_reservation_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} on {self.account_id} ({self.status})"
