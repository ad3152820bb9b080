"""Signing in with one's own organization, end to end against a real OpenID Connect
provider process on loopback (tests/oidc_provider.py): the platform discovers the
provider, fetches its keys and tokens over HTTP, and checks the ID token itself."""

from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import requests
from django.test import Client

from eenoverheid.accounts.models import User
from eenoverheid.core.models import AuditLogEntry
from eenoverheid.organizations.models import Membership
from tests.factories import UserFactory
from tests.identity.conftest import make_provider

pytestmark = pytest.mark.django_db


def start(client, email):
    """Step one on the platform: the address sends the browser to the provider."""
    response = client.post("/aanmelden/", {"email": email})
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def at_provider(authorize_url):
    """The browser at the provider, which signs in the person named by login_hint and
    sends the browser back with a code."""
    response = requests.get(authorize_url, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text
    return response.headers["Location"].removeprefix("http://testserver")


def signed_in_user(client):
    session = client.session
    user_id = session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_a_new_colleague_signs_in_and_becomes_a_member(utrecht, oidc_issuer):
    make_provider(utrecht, oidc_issuer)
    client = Client()
    authorize = start(client, "sanne@utrecht.nl")
    assert authorize.startswith(f"{oidc_issuer}/authorize?")
    query = parse_qs(urlsplit(authorize).query)
    assert query["login_hint"] == ["sanne@utrecht.nl"]
    assert query["code_challenge_method"] == ["S256"]
    assert "state" in query

    response = client.get(at_provider(authorize))

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    user = signed_in_user(client)
    assert user.email == "sanne@utrecht.nl"
    assert user.name == "Sanne de Vries"
    assert user.emailaddress_set.get().verified
    assert Membership.objects.filter(user=user, organization=utrecht).exists()
    assert user.socialaccount_set.get().uid == "utr-0001"
    assert client.get("/api/v1/me").json()["email"] == "sanne@utrecht.nl"


def test_an_existing_account_on_the_domain_is_signed_in_not_duplicated(utrecht, oidc_issuer):
    existing = UserFactory(email="bram@utrecht.nl", name="Bram")
    make_provider(utrecht, oidc_issuer)
    client = Client()
    client.get(at_provider(start(client, "bram@utrecht.nl")))
    assert signed_in_user(client) == existing
    assert User.objects.filter(email__iexact="bram@utrecht.nl").count() == 1

    # The second time the account is found by the provider's subject.
    again = Client()
    again.get(at_provider(start(again, "bram@utrecht.nl")))
    assert signed_in_user(again) == existing


@pytest.mark.parametrize(
    ("client_id", "message", "code"),
    [
        ("wrong-issuer", "another issuer than the one configured", "wrong_issuer"),
        ("expired", "sign-in had expired", "expired_token"),
    ],
)
def test_a_bad_id_token_is_refused_with_a_clear_message(
    utrecht, oidc_issuer, client_id, message, code
):
    make_provider(utrecht, oidc_issuer, client_id=client_id)
    client = Client(headers={"Accept-Language": "en"})
    response = client.get(at_provider(start(client, "sanne@utrecht.nl")))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert signed_in_user(client) is None
    assert not User.objects.filter(email="sanne@utrecht.nl").exists()
    refused = AuditLogEntry.objects.get(action="sign_in.refused")
    assert refused.changes["reason"] == code
    assert "sanne" not in str(refused.changes)


def test_a_state_that_does_not_match_is_refused(utrecht, oidc_issuer):
    make_provider(utrecht, oidc_issuer)
    client = Client(headers={"Accept-Language": "en"})
    callback = urlsplit(at_provider(start(client, "sanne@utrecht.nl")))
    query = parse_qs(callback.query)
    query["state"] = ["a-state-this-browser-never-started"]
    tampered = urlunsplit(("", "", callback.path, urlencode(query, doseq=True), ""))

    response = client.get(tampered)

    assert response.status_code == 400
    assert "the state did not match" in response.content.decode()
    assert signed_in_user(client) is None


def test_a_provider_may_not_sign_in_an_address_outside_its_domains(utrecht, oidc_issuer):
    make_provider(utrecht, oidc_issuer)
    client = Client(headers={"Accept-Language": "en"})
    authorize = start(client, "sanne@utrecht.nl")
    # The provider is made to vouch for someone on another organization's domain.
    authorize = authorize.replace(
        "login_hint=sanne%40utrecht.nl", "login_hint=indringer%40elders.nl"
    )
    response = client.get(at_provider(authorize))

    assert response.status_code == 403
    assert "signs in addresses on utrecht.nl only" in response.content.decode()
    assert not User.objects.filter(email="indringer@elders.nl").exists()


def test_a_deactivated_person_cannot_sign_in_through_the_provider(utrecht, oidc_issuer):
    UserFactory(email="bram@utrecht.nl", is_active=False)
    make_provider(utrecht, oidc_issuer)
    client = Client(headers={"Accept-Language": "en"})
    response = client.get(at_provider(start(client, "bram@utrecht.nl")))
    assert response.status_code == 403
    assert signed_in_user(client) is None


def test_a_switched_off_provider_falls_back_to_passwords(utrecht, oidc_issuer):
    from eenoverheid.accounts.identity_providers import identity_provider_update

    provider = make_provider(utrecht, oidc_issuer)
    identity_provider_update(provider=provider, actor=utrecht.admin, is_active=False)
    response = Client().post("/aanmelden/", {"email": "sanne@utrecht.nl"})
    assert response["Location"] == "/accounts/login/?email=sanne%40utrecht.nl"


def test_without_a_provider_the_address_leads_to_the_password_form(db):
    client = Client()
    response = client.post("/aanmelden/", {"email": "piet@example.org", "next": "/mensen/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?email=piet%40example.org&next=%2Fmensen%2F"
    page = client.get(response["Location"])
    assert 'value="piet@example.org"' in page.content.decode()
    assert 'name="password"' in page.content.decode()


def test_discovery_refuses_an_invalid_address_and_an_offsite_next(db):
    response = Client().post("/aanmelden/", {"email": "geen-adres"})
    assert response.status_code == 400
    response = Client().post("/aanmelden/", {"email": "a@b.nl", "next": "https://evil.example/"})
    assert "evil" not in response["Location"]


def test_password_sign_in_and_sign_up_are_refused_where_the_organization_signs_in(
    utrecht, oidc_issuer
):
    make_provider(utrecht, oidc_issuer)
    UserFactory(email="bram@utrecht.nl")
    client = Client(headers={"Accept-Language": "en"})
    response = client.post(
        "/accounts/login/", {"login": "bram@utrecht.nl", "password": "geheim-wachtwoord-123"}
    )
    assert response.status_code == 200
    assert "signs its people in itself" in response.content.decode()
    assert signed_in_user(client) is None

    response = client.post(
        "/accounts/signup/",
        {
            "email": "nieuw@utrecht.nl",
            "password1": "Lang-genoeg-wachtwoord-9",
            "password2": "Lang-genoeg-wachtwoord-9",
        },
    )
    assert "signs its people in itself" in response.content.decode()
    assert not User.objects.filter(email="nieuw@utrecht.nl").exists()
