"""An organization's sign-in and provisioning page, for its administrators only."""

import pytest
from django.test import Client

from eenoverheid.accounts.models import IdentityProvider, ScimToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(user)
    return client


def url(org):
    return f"/organisaties/{org.code}/beheer/aanmelden/"


def provider_form(**overrides):
    data = {
        "action": "add_provider",
        "idp-name": "Utrecht Entra ID",
        "idp-issuer": "https://login.microsoftonline.com/utrecht/v2.0",
        "idp-client_id": "eenoverheid",
        "idp-client_secret": "geheim",
        "idp-scopes": "openid profile email",
        "idp-email_claim": "email",
        "idp-name_claim": "name",
        "idp-uid_claim": "sub",
        "idp-domains_text": "utrecht.nl",
    }
    data.update(overrides)
    return data


def test_only_the_organizations_administrators_see_it(utrecht):
    assert Client().get(url(utrecht)).status_code == 302
    assert signed_in(UserFactory()).get(url(utrecht)).status_code == 403
    page = signed_in(utrecht.admin).get(url(utrecht))
    assert page.status_code == 200
    assert "No identity provider yet" in page.content.decode()
    assert (
        signed_in(utrecht.admin).get("/organisaties/bestaat-niet/beheer/aanmelden/").status_code
        == 404
    )


def test_an_administrator_adds_a_provider_and_the_secret_is_not_shown(utrecht):
    client = signed_in(utrecht.admin)
    response = client.post(url(utrecht), provider_form())
    assert response.status_code == 302
    provider = IdentityProvider.objects.get(organization=utrecht)
    assert provider.app.settings["server_url"] == "https://login.microsoftonline.com/utrecht/v2.0"
    assert provider.app.secret == "geheim"
    page = client.get(url(utrecht)).content.decode()
    assert "utrecht.nl" in page
    assert f"/accounts/oidc/{provider.app.provider_id}/login/callback/" in page
    assert "geheim" not in page


def test_every_bad_field_is_named_and_nothing_is_made(utrecht):
    client = signed_in(utrecht.admin)
    response = client.post(
        url(utrecht),
        provider_form(
            **{
                "idp-issuer": "http://login.example.nl",
                "idp-scopes": "profile email",
                "idp-domains_text": "gmail.com",
            }
        ),
    )
    assert response.status_code == 400
    form = response.context["provider_form"]
    assert set(form.errors) == {"issuer", "scopes", "domains_text"}
    assert not IdentityProvider.objects.exists()


def test_a_domain_served_by_another_organization_is_refused(utrecht, oidc_issuer):
    from eenoverheid.accounts.identity_providers import identity_provider_create
    from eenoverheid.core.errors import InvalidInput
    from eenoverheid.organizations.services import membership_ensure
    from tests.factories import OrganizationFactory

    other = OrganizationFactory()
    other_admin = UserFactory()
    membership_ensure(user=other_admin, organization=other, role="admin")
    with pytest.raises(InvalidInput) as problem:
        identity_provider_create(
            organization=other,
            actor=other_admin,
            name="Kaper",
            issuer=oidc_issuer,
            client_id="x",
            client_secret="y",
            domains=["utrecht.nl"],
        )
    assert problem.value.invalid_params[0].name == "domains"


def test_a_provisioning_token_is_shown_once_and_can_be_revoked(utrecht):
    client = signed_in(utrecht.admin)
    response = client.post(url(utrecht), {"action": "add_token", "scim-name": "Entra ID"})
    assert response.status_code == 200
    token = ScimToken.objects.get(organization=utrecht)
    shown = response.context["new_token"]
    assert shown.startswith(f"scim_{token.prefix}_")
    assert shown not in client.get(url(utrecht)).content.decode()
    assert (
        Client(headers={"Authorization": f"Bearer {shown}"}).get("/scim/v2/Users").status_code
        == 200
    )
    client.post(url(utrecht), {"action": "revoke_token", "token_id": token.pk})
    assert (
        Client(headers={"Authorization": f"Bearer {shown}"}).get("/scim/v2/Users").status_code
        == 401
    )


def test_ones_own_api_tokens_page(user):
    from eenoverheid.accounts.models import ApiToken

    client = signed_in(user)
    assert Client().get("/mijn-api-tokens/").status_code == 302
    assert "You have no API tokens" in client.get("/mijn-api-tokens/").content.decode()
    response = client.post(
        "/mijn-api-tokens/", {"name": "Rapportage", "scope": "read", "expires_in_days": "30"}
    )
    assert response.status_code == 200
    plain = response.context["new_token"]
    token = ApiToken.objects.get(user=user)
    assert token.scope == "read"
    assert plain not in client.get("/mijn-api-tokens/").content.decode()
    api = Client(headers={"Authorization": f"Bearer {plain}"})
    assert api.get("/api/v1/me").status_code == 200
    assert api.patch("/api/v1/me", "{}", content_type="application/json").status_code == 403
    assert client.post("/mijn-api-tokens/", {"name": "", "scope": "x"}).status_code == 400
    other = ApiToken.objects.create(
        user=UserFactory(), name="niet van mij", prefix="abc", secret_hash="x"
    )
    assert (
        client.post("/mijn-api-tokens/", {"action": "revoke", "token_id": other.pk}).status_code
        == 404
    )
    client.post("/mijn-api-tokens/", {"action": "revoke", "token_id": token.pk})
    assert api.get("/api/v1/me").status_code == 401


def test_the_identity_api_is_for_the_organizations_administrators(utrecht, oidc_issuer):
    import json

    from tests.conftest import bearer_client

    base = f"/api/v1/organizations/{utrecht.pk}"
    outsider = bearer_client(UserFactory())
    assert outsider.get(f"{base}/identity-providers").status_code == 403
    admin = bearer_client(utrecht.admin)
    assert admin.get(f"{base}/identity-providers").json() == []
    body = {
        "name": "Utrecht Entra ID",
        "issuer": oidc_issuer,
        "client_id": "platform",
        "client_secret": "s3cret",
        "domains": ["utrecht.nl"],
    }
    created = admin.post(
        f"{base}/identity-providers", json.dumps(body), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    provider = created.json()
    assert provider["domains"] == ["utrecht.nl"]
    assert "client_secret" not in provider
    assert provider["callback_path"].startswith("/accounts/oidc/org")
    assert (
        outsider.post(
            f"{base}/identity-providers", json.dumps(body), content_type="application/json"
        ).status_code
        == 403
    )
    bad = admin.post(
        f"{base}/identity-providers",
        json.dumps({**body, "issuer": "ftp://x", "domains": ["gmail.com"]}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert {p["name"] for p in bad.json()["invalidParams"]} == {"issuer", "domains"}
    off = admin.patch(
        f"{base}/identity-providers/{provider['id']}",
        json.dumps({"is_active": False}),
        content_type="application/json",
    )
    assert off.json()["is_active"] is False
    token = admin.post(
        f"{base}/provisioning-tokens",
        json.dumps({"name": "Entra"}),
        content_type="application/json",
    ).json()
    assert token["token"].startswith("scim_")
    assert "token" not in admin.get(f"{base}/provisioning-tokens").json()[0]
    assert admin.delete(f"{base}/provisioning-tokens/{token['id']}").status_code == 204
    assert (
        Client(headers={"Authorization": f"Bearer {token['token']}"})
        .get("/scim/v2/Users")
        .status_code
        == 401
    )
    assert admin.delete(f"{base}/identity-providers/{provider['id']}").status_code == 204
    assert admin.get(f"{base}/identity-providers").json() == []
