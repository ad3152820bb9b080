"""Pages of the ledger: an organization's balance and statement (with CSV export),
allocations and limits for platform administrators, and the chart of flows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from eenoverheid.core.errors import DomainError, NotFound
from eenoverheid.core.exports import spreadsheet_safe
from eenoverheid.core.visibility import is_platform_admin
from eenoverheid.ledger import selectors, services
from eenoverheid.ledger.models import Reason

PAGE_SIZE = 50


def _account_or_404(request, pk: int):
    try:
        return selectors.account_get(viewer=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filters(request) -> dict:
    reason = request.GET.get("reden", "")
    return {
        "date_from": _date(request.GET.get("van", "")),
        "date_to": _date(request.GET.get("tot", "")),
        "reason": reason if reason in Reason.values else None,
    }


@login_required
@require_GET
def account_list(request):
    accounts = selectors.accounts_for(viewer=request.user)
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "ledger/accounts.html", {"page": page, "query": ""})


@login_required
@require_GET
def account_detail(request, pk: int):
    account = _account_or_404(request, pk)
    filters = _filters(request)
    transfers = selectors.statement(account=account, **filters)
    page = Paginator(transfers, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    context = {
        "account": account,
        "page": page,
        "query": query,
        "filters": filters,
        "reasons": Reason.choices,
        "platform_admin": is_platform_admin(request.user),
        "new_key": uuid.uuid4().hex,
    }
    return render(request, "ledger/account.html", context)


@login_required
@require_GET
def account_export(request, pk: int):
    account = _account_or_404(request, pk)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["date", "from", "to", "amount", "direction", "reason", "paid_for", "memo"])
    for t in selectors.statement(account=account, **_filters(request)).iterator():
        incoming = t.target_id == account.pk
        row = [
            t.created_at.isoformat(),
            t.source,
            t.target,
            t.amount,
            "in" if incoming else "out",
            t.reason,
            t.reference,
            t.memo,
        ]
        writer.writerow([spreadsheet_safe(str(value)) for value in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="afschrift-{account.pk}.csv"'
    return response


@login_required
@require_POST
def account_action(request, pk: int):
    account = _account_or_404(request, pk)
    action = request.POST.get("action")
    try:
        if action == "allocate":
            amount = request.POST.get("amount", "")
            services.allocate(
                actor=request.user,
                account=account,
                amount=int(amount) if amount.isdigit() and len(amount) < 13 else 0,
                idempotency_key=request.POST.get("key", "")[:100],
                memo=request.POST.get("memo", "")[:300],
            )
            messages.success(request, _("The points are allocated."))
        elif action == "limit":
            limit = request.POST.get("credit_limit", "")
            services.credit_limit_set(
                actor=request.user,
                account=account,
                limit=int(limit) if limit.isdigit() and len(limit) < 13 else -1,
            )
            messages.success(request, _("The credit limit is set."))
        elif action == "share":
            services.share_flows_set(
                actor=request.user, account=account, share=request.POST.get("share") == "1"
            )
            messages.success(request, _("Your choice is saved."))
    except DomainError as exc:
        messages.error(
            request, str(exc.invalid_params[0].reason if exc.invalid_params else exc.detail)
        )
    return redirect("ledger:account", pk)


@login_required
@require_GET
def flow_chart(request):
    rows = selectors.flows()
    largest = max((r.amount for r in rows), default=0)
    return render(request, "ledger/flows.html", {"rows": rows, "largest": largest})
