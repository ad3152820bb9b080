"""Reads of the ledger: the accounts a person may see, statements, and flows between
organizations that consented to show them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from eenoverheid.core.errors import NotFound
from eenoverheid.ledger.models import Account, AccountKind, Reason, Transfer
from eenoverheid.ledger.services import account_visible_q


def accounts_for(*, viewer) -> QuerySet[Account]:
    return (
        Account.objects.filter(account_visible_q(viewer))
        .exclude(kind=AccountKind.SYSTEM)
        .select_related("organization", "user")
        .order_by("organization__name", "id")
    )


def account_get(*, viewer, pk: int) -> Account:
    account = accounts_for(viewer=viewer).filter(pk=pk).first()
    if account is None:
        raise NotFound(_("No such account."))
    return account


def statement(
    *,
    account: Account,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    reason: str | None = None,
) -> QuerySet[Transfer]:
    """The account's transfers, newest first, both ways."""
    transfers = Transfer.objects.filter(Q(source=account) | Q(target=account)).select_related(
        "source__organization",
        "target__organization",
        "source__user",
        "target__user",
        "caused_by",
    )
    if date_from:
        transfers = transfers.filter(created_at__date__gte=date_from)
    if date_to:
        transfers = transfers.filter(created_at__date__lte=date_to)
    if reason:
        transfers = transfers.filter(reason=reason)
    return transfers.order_by("-created_at", "-id")


@dataclass
class Flow:
    payer: str
    payee: str
    amount: int
    transfers: int


def flows(*, currency: str = "points", limit: int = 50) -> list[Flow]:
    """Who pays whom for services (reviews, gigs, initiatives), between organizations
    that both consented to show it; allocations and reversals are not services."""
    rows = (
        Transfer.objects.filter(
            source__kind=AccountKind.ORGANIZATION,
            target__kind=AccountKind.ORGANIZATION,
            source__share_flows=True,
            target__share_flows=True,
            source__currency=currency,
            reverses__isnull=True,
            reversed_by__isnull=True,
        )
        .exclude(reason__in=[Reason.ALLOCATION, Reason.REVERSAL])
        .values("source__organization__name", "target__organization__name")
        .annotate(amount=Sum("amount"), n=Count("id"))
        .order_by("-amount")[:limit]
    )
    return [
        Flow(r["source__organization__name"], r["target__organization__name"], r["amount"], r["n"])
        for r in rows
    ]
