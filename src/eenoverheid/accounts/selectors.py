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
