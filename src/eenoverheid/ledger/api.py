"""`/api/v1/ledger`: accounts, statements and flows. Points move here only through
what platform administrators own (allocations, credit limits, reversals); reviews, gigs
and initiatives pay through their own endpoints."""

from datetime import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from eenoverheid.accounts import auth
from eenoverheid.core.api_schemas import InputSchema, IsoDate, Problem
from eenoverheid.core.errors import NotFound
from eenoverheid.ledger import selectors, services
from eenoverheid.ledger.models import Account, Transfer

router = Router(tags=["ledger"])

REASON = Literal["allocation", "review", "gig", "initiative", "course", "reversal"]


class LedgerAccountOut(Schema):
    id: int
    kind: str
    owner: str
    organization: str | None = Field(description="Code of the owning organization.")
    currency: str
    balance: int
    reserved: int
    credit_limit: int
    available: int
    share_flows: bool

    @staticmethod
    def resolve_owner(obj: Account) -> str:
        return str(obj.organization or obj.user)

    @staticmethod
    def resolve_organization(obj: Account) -> str | None:
        return obj.organization.code if obj.organization else None


class LedgerTransferOut(Schema):
    id: int
    created_at: datetime
    source: str
    target: str
    amount: int
    reason: str
    reference: str
    memo: str
    caused_by: str | None
    reverses: int | None = Field(alias="reverses_id")

    @staticmethod
    def resolve_source(obj: Transfer) -> str:
        return str(obj.source.organization or obj.source.user or obj.source.system_name)

    @staticmethod
    def resolve_target(obj: Transfer) -> str:
        return str(obj.target.organization or obj.target.user or obj.target.system_name)

    @staticmethod
    def resolve_caused_by(obj: Transfer) -> str | None:
        return str(obj.caused_by) if obj.caused_by else None


@router.get(
    "/ledger/accounts",
    response={200: list[LedgerAccountOut]},
    auth=auth.REQUIRED,
    summary="Accounts you may see: your organizations' (as administrator) and your own",
)
@paginate
def account_list(request):
    return selectors.accounts_for(viewer=request.user)


@router.get(
    "/ledger/accounts/{account_id}",
    response={200: LedgerAccountOut, 404: Problem},
    auth=auth.REQUIRED,
    summary="One account with its balance, reservations and limit",
)
def account_read(request, account_id: int):
    return selectors.account_get(viewer=request.user, pk=account_id)


class StatementQuery(Schema):
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None
    reason: REASON | None = None


@router.get(
    "/ledger/accounts/{account_id}/transfers",
    response={200: list[LedgerTransferOut], 400: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="The account's statement, newest first",
)
@paginate
def account_statement(request, account_id: int, query: Query[StatementQuery]):
    account = selectors.account_get(viewer=request.user, pk=account_id)
    return selectors.statement(
        account=account, date_from=query.date_from, date_to=query.date_to, reason=query.reason
    )


class AllocationIn(InputSchema):
    amount: int = Field(ge=1, le=10**12)
    idempotency_key: str = Field(min_length=1, max_length=100)
    memo: str = Field("", max_length=300)


@router.post(
    "/ledger/accounts/{account_id}/allocations",
    response={
        201: LedgerTransferOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Allocate points to an account (platform administrators); a repeated key pays once",
)
def account_allocate(request, account_id: int, payload: AllocationIn):
    account = selectors.account_get(viewer=request.user, pk=account_id)
    made = services.allocate(
        actor=request.user,
        account=account,
        amount=payload.amount,
        idempotency_key=payload.idempotency_key,
        memo=payload.memo,
    )
    return Status(201, made)


class LedgerAccountPatch(InputSchema):
    credit_limit: int | None = Field(None, ge=0, le=10**12, description="Platform administrators.")
    share_flows: bool | None = Field(None, description="The organization's administrators.")


@router.patch(
    "/ledger/accounts/{account_id}",
    response={
        200: LedgerAccountOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Set the credit limit, or consent to showing the account's flows",
)
def account_update(request, account_id: int, payload: LedgerAccountPatch):
    account = selectors.account_get(viewer=request.user, pk=account_id)
    if payload.credit_limit is not None:
        services.credit_limit_set(actor=request.user, account=account, limit=payload.credit_limit)
    if payload.share_flows is not None:
        services.share_flows_set(actor=request.user, account=account, share=payload.share_flows)
    return selectors.account_get(viewer=request.user, pk=account_id)


class ReversalIn(InputSchema):
    idempotency_key: str = Field(min_length=1, max_length=100)
    memo: str = Field("", max_length=300)


@router.post(
    "/ledger/transfers/{transfer_id}/reversal",
    response={
        201: LedgerTransferOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Reverse a transfer, once (platform administrators)",
)
def transfer_reverse(request, transfer_id: int, payload: ReversalIn):
    original = Transfer.objects.filter(pk=transfer_id).first()
    if original is None:
        raise NotFound("No such transfer.")
    made = services.reverse(
        actor=request.user,
        original=original,
        idempotency_key=payload.idempotency_key,
        memo=payload.memo,
    )
    return Status(201, made)


class FlowOut(Schema):
    payer: str
    payee: str
    amount: int
    transfers: int


@router.get(
    "/ledger/flows",
    response={200: list[FlowOut]},
    auth=auth.REQUIRED,
    summary="Who pays whom for services, between organizations that consented",
)
def flow_list(request):
    return selectors.flows()
