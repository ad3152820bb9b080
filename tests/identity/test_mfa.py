"""A second factor for password sign-in, required for administrators."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client

from eenoverheid.organizations.services import membership_ensure
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-wachtwoord-123"


def code(secret):
    return f"{hotp_value(secret, next(yield_hotp_counters_from_time())):06d}"


def sign_in(client, user):
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:300]
    return response


@pytest.fixture
def org_admin():
    user = UserFactory()
    membership_ensure(user=user, organization=OrganizationFactory(), role="admin")
    return user


def test_an_administrator_without_a_second_factor_is_sent_to_set_one_up(org_admin):
    client = Client()
    sign_in(client, org_admin)
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")
    # Setting it up stays reachable (after confirming the password once more).
    assert client.get(response["Location"])["Location"].startswith("/accounts/reauthenticate/")
    assert client.get("/accounts/reauthenticate/").status_code == 200


def test_a_member_who_administers_nothing_is_not_forced(user):
    client = Client()
    sign_in(client, user)
    assert client.get("/dashboard/").status_code == 200


def test_totp_and_recovery_codes_then_sign_in_needs_the_code(org_admin):
    client = Client()
    sign_in(client, org_admin)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/accounts/2fa/totp/activate/", {"code": code(secret)})
    assert response.status_code == 302
    types = set(Authenticator.objects.filter(user=org_admin).values_list("type", flat=True))
    assert types == {"totp", "recovery_codes"}
    assert client.get("/dashboard/").status_code == 200

    again = Client()
    response = sign_in(again, org_admin)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert again.get("/dashboard/").status_code == 302  # not signed in yet
    wrong = again.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    response = again.post("/accounts/2fa/authenticate/", {"code": code(secret)})
    assert response.status_code == 302
    assert again.get("/dashboard/").status_code == 200

    # A recovery code also works, once.
    recovery = Authenticator.objects.get(user=org_admin, type="recovery_codes")
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    spare = RecoveryCodes(recovery).get_unused_codes()[0]
    third = Client()
    sign_in(third, org_admin)
    assert third.post("/accounts/2fa/authenticate/", {"code": spare}).status_code == 302
    assert third.get("/dashboard/").status_code == 200
