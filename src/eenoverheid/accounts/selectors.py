"""Reads about accounts."""

from __future__ import annotations

from django.db.models import QuerySet

from eenoverheid.accounts.models import ApiToken
from eenoverheid.core.errors import NotFound


def api_tokens_of(*, user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def api_token_of(*, user, token_id: int) -> ApiToken:
    """One of `user`'s own tokens; someone else's is as absent as a missing one."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise NotFound("No such token.")
    return token


def is_administrator(user) -> bool:
    """Platform staff and administrators of any organization: the people for whom a
    second factor is required."""
    from eenoverheid.organizations.models import Membership, MembershipRole

    if not (user and user.is_authenticated):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role=MembershipRole.ADMIN).exists()


def identity_provider_for_email(email: str):
    """The active identity provider that serves `email`'s domain (the most specific
    domain wins: a provider for 'ict.utrecht.nl' before one for 'utrecht.nl'), or None."""
    from eenoverheid.accounts.models import IdentityProviderDomain
    from eenoverheid.organizations.selectors import email_domain_candidates

    candidates = email_domain_candidates(email or "")
    if not candidates:
        return None
    rows = {
        d.domain.lower(): d.provider
        for d in IdentityProviderDomain.objects.filter(
            domain__in=candidates,
            provider__is_active=True,
            provider__organization__is_active=True,
        ).select_related("provider__app", "provider__organization")
    }
    return next((rows[c] for c in candidates if c in rows), None)


def identity_providers_of(organization):
    from eenoverheid.accounts.models import IdentityProvider

    return (
        IdentityProvider.objects.filter(organization=organization)
        .prefetch_related("domains")
        .order_by("name", "pk")
    )


def identity_provider_of(organization, provider_id: int):
    from eenoverheid.accounts.models import IdentityProvider

    found = (
        IdentityProvider.objects.filter(organization=organization, pk=provider_id)
        .prefetch_related("domains")
        .first()
    )
    if found is None:
        raise NotFound("No such identity provider.")
    return found


def scim_tokens_of(organization):
    from eenoverheid.accounts.models import ScimToken

    return ScimToken.objects.filter(organization=organization).order_by("-created_at", "-pk")
