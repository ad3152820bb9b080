import pytest
from django.test import Client
from django.utils import timezone

from eenoverheid.accounts.models import ApiToken
from eenoverheid.organizations.services import membership_ensure
from tests.conftest import bearer_client
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def test_anonymous_gets_401_problem():
    response = Client().get("/api/v1/me")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 401
    assert "Bearer" in response["WWW-Authenticate"]


def test_session_user_reads_me_with_memberships(user, user_client):
    organization = OrganizationFactory(name="Gemeente Utrecht", code="gm0344")
    membership_ensure(user=user, organization=organization)
    body = user_client.get("/api/v1/me").json()
    assert body["email"] == user.email
    assert body["memberships"] == [
        {
            "organization_id": organization.pk,
            "organization_code": "gm0344",
            "organization_name": "Gemeente Utrecht",
            "role": "member",
        }
    ]


def test_bearer_token_authenticates(user, api_client):
    assert api_client.get("/api/v1/me").json()["id"] == user.pk


def test_wrong_token_is_401_not_anonymous():
    client = Client(headers={"Authorization": "Bearer eo_nope_nope"})
    assert client.get("/api/v1/me").status_code == 401


def test_revoked_and_expired_tokens_are_refused(user):
    client = bearer_client(user)
    token = ApiToken.objects.get(user=user)
    token.revoked_at = timezone.now()
    token.save()
    assert client.get("/api/v1/me").status_code == 401
    client = bearer_client(user)
    ApiToken.objects.filter(revoked_at__isnull=True).update(expires_at=timezone.now())
    assert client.get("/api/v1/me").status_code == 401


def test_inactive_users_token_is_refused(user, api_client):
    user.is_active = False
    user.save()
    assert api_client.get("/api/v1/me").status_code == 401


def test_update_me(user, api_client):
    response = api_client.patch(
        "/api/v1/me",
        {"name": "Anne de Boer", "preferred_language": "en"},
        content_type="application/json",
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.name, user.preferred_language) == ("Anne de Boer", "en")


def test_bad_input_names_the_field_and_changes_nothing(user, api_client):
    before = user.preferred_language
    response = api_client.patch(
        "/api/v1/me", {"preferred_language": "fr"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert [p["name"] for p in response.json()["invalidParams"]] == ["preferred_language"]
    user.refresh_from_db()
    assert user.preferred_language == before


def test_malformed_json_is_400(api_client):
    response = api_client.patch("/api/v1/me", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM


def test_read_only_token_cannot_write(user):
    client = bearer_client(user, scope="read")
    assert client.get("/api/v1/me").status_code == 200
    response = client.patch("/api/v1/me", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    user.refresh_from_db()
    assert user.name != "x"


def test_session_write_requires_csrf(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.patch("/api/v1/me", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_token_is_stored_hashed_and_shown_once(user, api_client):
    response = api_client.post(
        "/api/v1/me/tokens",
        {"name": "Mijn script", "scope": "read"},
        content_type="application/json",
    )
    assert response.status_code == 201
    plain = response.json()["token"]
    stored = ApiToken.objects.get(pk=response.json()["id"])
    assert plain.split("_", 2)[2] not in stored.secret_hash
    listed = api_client.get("/api/v1/me/tokens").json()["results"]
    assert all("token" not in item for item in listed)
    assert Client(headers={"Authorization": f"Bearer {plain}"}).get("/api/v1/me").status_code == 200


def test_token_create_rejects_bad_expiry(api_client, user):
    response = api_client.post(
        "/api/v1/me/tokens", {"name": "x", "expires_in_days": 0}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "expires_in_days"
    assert ApiToken.objects.filter(user=user).count() == 1  # only the client's own


def test_cannot_revoke_someone_elses_token(api_client, other_user):
    bearer_client(other_user)
    theirs = ApiToken.objects.get(user=other_user)
    assert api_client.delete(f"/api/v1/me/tokens/{theirs.pk}").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_revoke_own_token(user, api_client):
    other = bearer_client(user)
    token = ApiToken.objects.filter(user=user).order_by("-id").first()
    assert api_client.delete(f"/api/v1/me/tokens/{token.pk}").status_code == 204
    assert other.get("/api/v1/me").status_code == 401


def test_pagination_shape_and_bounds(user, api_client, django_assert_max_num_queries):
    for _i in range(25):
        bearer_client(user)
    response = api_client.get("/api/v1/me/tokens?page=2&page_size=10")
    body = response.json()
    assert (body["count"], body["page"], body["pages"], len(body["results"])) == (26, 2, 3, 10)
    assert body["next"].endswith("page=3&page_size=10")
    assert body["previous"].endswith("page=1&page_size=10")
    with django_assert_max_num_queries(4):  # token lookup, last-used, count, page
        api_client.get("/api/v1/me/tokens?page_size=100")
    assert api_client.get("/api/v1/me/tokens?page=0").status_code == 400
    assert api_client.get("/api/v1/me/tokens?page_size=101").status_code == 400
    beyond = api_client.get("/api/v1/me/tokens?page=9").json()
    assert beyond["results"] == []
    assert beyond["previous"] is None


def test_openapi_document_lists_every_endpoint():
    schema = Client().get("/api/v1/openapi.json").json()
    assert {"/api/v1/me", "/api/v1/me/tokens", "/api/v1/me/tokens/{token_id}"} <= set(
        schema["paths"]
    )
    assert Client().get("/api/v1/docs").status_code == 200
