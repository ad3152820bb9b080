"""`/api/v1/organizations/{id}/identity-providers` and `/provisioning-tokens`: an
organization's sign-in and provisioning settings, for its administrators."""

from datetime import datetime

from ninja import Field, Router, Schema, Status

from eenoverheid.accounts import auth, identity_providers, provisioning, selectors
from eenoverheid.accounts.models import ScimToken
from eenoverheid.core.api_schemas import InputSchema, Problem
from eenoverheid.core.errors import NotFound
from eenoverheid.organizations.selectors import organization_get
from eenoverheid.organizations.services import require_admin

router = Router(tags=["identity"])

ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem}


class IdentityProviderOut(Schema):
    id: int
    name: str
    issuer: str
    client_id: str
    scopes: str
    email_claim: str
    name_claim: str
    uid_claim: str
    domains: list[str]
    is_active: bool
    callback_path: str = Field(description="Register this path, on the platform's address.")
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_domains(obj) -> list[str]:
        return [d.domain for d in obj.domains.all()]

    @staticmethod
    def resolve_callback_path(obj) -> str:
        return f"/accounts/oidc/{obj.app.provider_id}/login/callback/"


class IdentityProviderIn(InputSchema):
    name: str = Field(min_length=1, max_length=100)
    issuer: str = Field(min_length=1, max_length=500)
    client_id: str = Field(min_length=1, max_length=191)
    client_secret: str = Field(min_length=1, max_length=191)
    scopes: str = Field("openid profile email", max_length=300)
    email_claim: str = Field("email", max_length=64)
    name_claim: str = Field("name", max_length=64)
    uid_claim: str = Field("sub", max_length=64)
    domains: list[str] = Field(min_length=1, max_length=50)
    is_active: bool = True


class IdentityProviderPatch(InputSchema):
    name: str | None = Field(None, min_length=1, max_length=100)
    issuer: str | None = Field(None, min_length=1, max_length=500)
    client_id: str | None = Field(None, min_length=1, max_length=191)
    client_secret: str | None = Field(None, min_length=1, max_length=191)
    scopes: str | None = Field(None, max_length=300)
    email_claim: str | None = Field(None, max_length=64)
    name_claim: str | None = Field(None, max_length=64)
    uid_claim: str | None = Field(None, max_length=64)
    domains: list[str] | None = Field(None, min_length=1, max_length=50)
    is_active: bool | None = None


class ProvisioningTokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ProvisioningTokenCreatedOut(ProvisioningTokenOut):
    token: str = Field(description="The bearer token for /scim/v2/. Shown once: store it now.")


class ProvisioningTokenIn(InputSchema):
    name: str = Field(min_length=1, max_length=100)


def _administered(request, organization_id: int):
    organization = organization_get(pk=organization_id)
    require_admin(user=request.user, organization=organization)
    return organization


@router.get(
    "/organizations/{organization_id}/identity-providers",
    response={200: list[IdentityProviderOut], **ERRORS},
    auth=auth.REQUIRED,
    summary="The organization's OpenID Connect providers (its administrators)",
)
def identity_provider_list(request, organization_id: int):
    return list(
        selectors.identity_providers_of(_administered(request, organization_id)).select_related(
            "app"
        )
    )


@router.post(
    "/organizations/{organization_id}/identity-providers",
    response={201: IdentityProviderOut, 409: Problem, **ERRORS},
    auth=auth.REQUIRED,
    summary="Add an OpenID Connect provider for some of the organization's e-mail domains",
)
def identity_provider_create(request, organization_id: int, payload: IdentityProviderIn):
    organization = organization_get(pk=organization_id)
    provider = identity_providers.identity_provider_create(
        organization=organization, actor=request.user, **payload.model_dump()
    )
    return Status(201, selectors.identity_provider_of(organization, provider.pk))


@router.patch(
    "/organizations/{organization_id}/identity-providers/{provider_id}",
    response={200: IdentityProviderOut, 409: Problem, **ERRORS},
    auth=auth.REQUIRED,
    summary="Change an OpenID Connect provider, or switch it off or on",
)
def identity_provider_update(
    request, organization_id: int, provider_id: int, payload: IdentityProviderPatch
):
    organization = _administered(request, organization_id)
    provider = selectors.identity_provider_of(organization, provider_id)
    identity_providers.identity_provider_update(
        provider=provider, actor=request.user, **payload.model_dump(exclude_none=True)
    )
    return selectors.identity_provider_of(organization, provider_id)


@router.delete(
    "/organizations/{organization_id}/identity-providers/{provider_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Remove an OpenID Connect provider; its people sign in by password again",
)
def identity_provider_delete(request, organization_id: int, provider_id: int):
    organization = _administered(request, organization_id)
    provider = selectors.identity_provider_of(organization, provider_id)
    identity_providers.identity_provider_delete(provider=provider, actor=request.user)
    return Status(204, None)


@router.get(
    "/organizations/{organization_id}/provisioning-tokens",
    response={200: list[ProvisioningTokenOut], **ERRORS},
    auth=auth.REQUIRED,
    summary="The organization's SCIM provisioning tokens (its administrators)",
)
def provisioning_token_list(request, organization_id: int):
    return list(selectors.scim_tokens_of(_administered(request, organization_id))[:200])


@router.post(
    "/organizations/{organization_id}/provisioning-tokens",
    response={201: ProvisioningTokenCreatedOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Create a bearer token for the organization's directory to call /scim/v2/",
)
def provisioning_token_create(request, organization_id: int, payload: ProvisioningTokenIn):
    organization = organization_get(pk=organization_id)
    token, plain = provisioning.scim_token_create(
        organization=organization, actor=request.user, name=payload.name
    )
    return Status(
        201, ProvisioningTokenCreatedOut(**ProvisioningTokenOut.from_orm(token).dict(), token=plain)
    )


@router.delete(
    "/organizations/{organization_id}/provisioning-tokens/{token_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Revoke a provisioning token at once",
)
def provisioning_token_revoke(request, organization_id: int, token_id: int):
    organization = _administered(request, organization_id)
    token = ScimToken.objects.filter(organization=organization, pk=token_id).first()
    if token is None:
        raise NotFound("No such token.")
    provisioning.scim_token_revoke(token=token, actor=request.user)
    return Status(204, None)
