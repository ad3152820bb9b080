"""How the API knows who is calling: a personal bearer token or the browser session.

Session callers must send the CSRF token on unsafe methods; token callers need not, as a
browser never attaches a bearer token by itself.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from eenoverheid.accounts.services import api_token_authenticate

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class BearerTokenAuth(HttpBearer):
    """`Authorization: Bearer eo_...`: a personal API token."""

    def authenticate(self, request, token):
        api_token = api_token_authenticate(raw=token)
        if api_token is None:
            # A wrong token is an error, not a fall-back to anonymous access.
            raise AuthenticationError(401, "The bearer token is invalid, expired or revoked.")
        if api_token.scope == "read" and request.method not in SAFE_METHODS:
            raise HttpError(403, "This token may only read.")
        request.user = api_token.user
        request.api_token = api_token
        return api_token.user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self):
        super().__init__(csrf=False)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise HttpError(403, "CSRF verification failed: send the X-CSRFToken header.")
        return user


def allow_anonymous(request):
    """Last in an auth list: lets an anonymous caller through as AnonymousUser."""
    if "HTTP_AUTHORIZATION" in request.META:
        return None  # a malformed Authorization header is not anonymous access
    request.user = getattr(request, "user", None) or AnonymousUser()
    return request.user if request.user.is_authenticated else _Anonymous()


class _Anonymous(AnonymousUser):
    def __bool__(self) -> bool:  # Ninja treats a falsy result as "not authenticated".
        return True


bearer = BearerTokenAuth()
session = SessionAuth()
REQUIRED = [bearer, session]
OPTIONAL = [bearer, session, allow_anonymous]
