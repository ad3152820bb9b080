"""An administrator secures their password sign-in in the browser: TOTP at the first
sign-in (the sign_in helper does what a person does), then a security key, created by
Chromium's virtual WebAuthn authenticator through the page's own script."""

import pytest
from allauth.mfa.models import Authenticator

from eenoverheid.organizations.services import membership_ensure
from tests.browser.conftest import sign_in
from tests.factories import OrganizationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_sets_up_totp_then_adds_a_security_key(page):
    user = UserFactory(email="beheer@example.org")
    membership_ensure(user=user, organization=OrganizationFactory(), role="admin")

    sign_in(page, user.email, "geheim-wachtwoord-123")
    page.wait_for_url("**/dashboard/")
    assert set(Authenticator.objects.filter(user=user).values_list("type", flat=True)) == {
        "totp",
        "recovery_codes",
    }

    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    page.goto("/accounts/2fa/webauthn/add/")
    page.locator("input[name=name]").fill("YubiKey van de beheerder")
    page.locator("#mfa_webauthn_add").click()
    page.wait_for_url("**/accounts/2fa/")
    assert page.get_by_text("Beveiligingssleutel toegevoegd.", exact=True).is_visible()
    key = Authenticator.objects.get(user=user, type="webauthn")
    assert key.wrap().name == "YubiKey van de beheerder"
