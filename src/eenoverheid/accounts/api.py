"""`/api/v1/me`: the caller's own account."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from eenoverheid.accounts import auth, selectors, services
from eenoverheid.core.api_schemas import InputSchema, Problem
from eenoverheid.organizations.selectors import memberships_of

router = Router(tags=["me"])


class MembershipOut(Schema):
    organization_id: int
    organization_code: str
    organization_name: str
    role: str


class MeOut(Schema):
    id: int
    email: str
    name: str
    preferred_language: str
    is_platform_admin: bool
    memberships: list[MembershipOut]


class MeIn(InputSchema):
    name: str | None = Field(None, max_length=150)
    preferred_language: Literal["nl", "en"] | None = None


def _me(user) -> MeOut:
    return MeOut(
        id=user.pk,
        email=user.email,
        name=user.name,
        preferred_language=user.preferred_language,
        is_platform_admin=user.is_superuser,
        memberships=[
            MembershipOut(
                organization_id=m.organization_id,
                organization_code=m.organization.code,
                organization_name=m.organization.name,
                role=m.role,
            )
            for m in memberships_of(user=user)
        ],
    )


@router.get(
    "/me",
    response={200: MeOut, 401: Problem},
    auth=auth.REQUIRED,
    summary="The signed-in user",
)
def me_read(request):
    return _me(request.user)


@router.patch(
    "/me",
    response={200: MeOut, 400: Problem, 401: Problem, 403: Problem},
    auth=auth.REQUIRED,
    summary="Change the signed-in user's name or language",
)
def me_update(request, payload: MeIn):
    user = services.user_update(
        user=request.user, name=payload.name, preferred_language=payload.preferred_language
    )
    return _me(user)


class AccountDeleteIn(InputSchema):
    confirm_email: str = Field(max_length=254, description="Your own e-mail address.")


@router.delete(
    "/me",
    response={204: None, 400: Problem, 401: Problem, 403: Problem},
    auth=auth.REQUIRED,
    summary="Delete your account, profile and everything linked to it",
)
def me_delete(request, payload: AccountDeleteIn):
    services.user_delete(user=request.user, confirm_email=payload.confirm_email)
    return Status(204, None)


class ApiTokenOut(Schema):
    id: int
    name: str
    prefix: str
    scope: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiTokenCreatedOut(ApiTokenOut):
    token: str = Field(description="The token itself. Shown once: store it now.")


class ApiTokenIn(InputSchema):
    name: str = Field(min_length=1, max_length=100)
    scope: Literal["read", "write"] = "write"
    expires_in_days: int | None = Field(365, ge=1, le=3650)


@router.get(
    "/me/tokens",
    response={200: list[ApiTokenOut], 400: Problem, 401: Problem},
    auth=auth.REQUIRED,
    summary="Your personal API tokens",
)
@paginate
def token_list(request):
    return selectors.api_tokens_of(user=request.user)


@router.post(
    "/me/tokens",
    response={201: ApiTokenCreatedOut, 400: Problem, 401: Problem, 403: Problem},
    auth=auth.REQUIRED,
    summary="Create a personal API token",
)
def token_create(request, payload: ApiTokenIn):
    token, plain = services.api_token_create(
        user=request.user,
        name=payload.name,
        scope=payload.scope,
        expires_in_days=payload.expires_in_days,
    )
    return Status(201, ApiTokenCreatedOut(**ApiTokenOut.from_orm(token).dict(), token=plain))


@router.delete(
    "/me/tokens/{token_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Revoke one of your personal API tokens",
)
def token_revoke(request, token_id: int):
    token = selectors.api_token_of(user=request.user, token_id=token_id)
    services.api_token_revoke(token=token, actor=request.user)
    return Status(204, None)
