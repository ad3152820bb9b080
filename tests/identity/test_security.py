"""Security hygiene that every page and response shares."""

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/mensen/", "/api/v1/docs"])
def test_every_page_sends_a_csp_without_inline_scripts_and_refuses_framing(path):
    response = Client().get(path)
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_session_cookie_is_http_only_and_secure_in_production(settings):
    from django.conf import settings as live

    assert live.SESSION_COOKIE_HTTPONLY is True
    user = UserFactory()
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": "geheim-wachtwoord-123"}
    )
    cookie = response.cookies[live.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_failed_sign_ins_are_rate_limited_per_account(settings):
    """The production limits (the suite switches them off elsewhere, as many tests sign
    in): after five failures in five minutes even the right password is refused."""
    from django.core.cache import cache

    from eenoverheid import settings as production

    settings.ACCOUNT_RATE_LIMITS = production.ACCOUNT_RATE_LIMITS
    cache.clear()
    user = UserFactory()
    client = Client(headers={"Accept-Language": "en"})
    for i in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": f"fout-{i}"})
    right = client.post(
        "/accounts/login/", {"login": user.email, "password": "geheim-wachtwoord-123"}
    )
    assert right.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in right.content.decode()
    cache.clear()
