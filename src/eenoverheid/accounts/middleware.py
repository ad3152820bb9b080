"""Administrators who sign in with a password must use a second factor.

Checked once per session, right after a password sign-in, and kept in the session: an
administrator without TOTP or a security key is sent to set one up before anything else.
People who signed in with their organization's identity provider are left to it: it
decides how strongly its people authenticate.
"""

from __future__ import annotations

from allauth.account.internal.flows.login import get_authentication_records
from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "eenoverheid_mfa_required"
# Where an administrator without a second factor may still go.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/", "/i18n/", "/api/", "/scim/")


def mfa_required(user) -> bool:
    from allauth.mfa.utils import is_mfa_enabled

    from eenoverheid.accounts.selectors import is_administrator

    return is_administrator(user) and not is_mfa_enabled(user)


class RequireMfaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            required = request.session.get(SESSION_KEY)
            if required is None:
                methods = {r.get("method") for r in get_authentication_records(request, user)}
                if "password" in methods:
                    required = mfa_required(user)
                    request.session[SESSION_KEY] = required
            if required and not request.path.startswith(ALLOWED_PREFIXES):
                # Looked at again while it blocks: a factor may have been added since.
                required = request.session[SESSION_KEY] = mfa_required(user)
            if required and not request.path.startswith(ALLOWED_PREFIXES):
                return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)
