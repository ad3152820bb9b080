"""The rules of provisioning, through the SCIM endpoint."""

import json

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client

from eenoverheid.accounts import provisioning, services
from eenoverheid.accounts.models import ScimUser, User
from eenoverheid.organizations.models import Membership, Team
from eenoverheid.organizations.services import email_domain_add, membership_ensure
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db
SCIM = "application/scim+json"


def scim_client(organization, admin):
    _token, plain = provisioning.scim_token_create(
        organization=organization, actor=admin, name="Entra ID"
    )
    return Client(headers={"Authorization": f"Bearer {plain}"})


@pytest.fixture
def org():
    organization = OrganizationFactory(name="Gemeente Utrecht")
    admin = UserFactory()
    membership_ensure(user=admin, organization=organization, role="admin")
    email_domain_add(organization=organization, actor=admin, domain="utrecht.nl")
    organization.admin = admin
    return organization


def create(client, user_name, email, **extra):
    body = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": user_name,
        "emails": [{"value": email, "primary": True, "type": "work"}],
        "name": {"givenName": "Sanne", "familyName": "de Vries"},
        **extra,
    }
    return client.post("/scim/v2/Users", json.dumps(body), content_type=SCIM)


def test_a_token_is_required_and_a_revoked_one_refused(org):
    assert Client().get("/scim/v2/Users").status_code == 401
    token, plain = provisioning.scim_token_create(organization=org, actor=org.admin, name="x")
    client = Client(headers={"Authorization": f"Bearer {plain}"})
    assert client.get("/scim/v2/Users").status_code == 200
    provisioning.scim_token_revoke(token=token, actor=org.admin)
    response = client.get("/scim/v2/Users")
    assert response.status_code == 401
    assert response.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]


def test_only_an_administrator_creates_a_token(org):
    from eenoverheid.core.errors import NotAllowed

    with pytest.raises(NotAllowed):
        provisioning.scim_token_create(organization=org, actor=UserFactory(), name="x")


def test_a_person_is_created_as_member_and_found_by_user_name(org):
    client = scim_client(org, org.admin)
    response = create(client, "sanne@utrecht.nl", "sanne@utrecht.nl", externalId="e-1")
    assert response.status_code == 201, response.content
    assert response["Content-Type"] == SCIM
    body = response.json()
    assert response["Location"] == body["meta"]["location"]
    user = User.objects.get(email="sanne@utrecht.nl")
    assert user.name == "Sanne de Vries"
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user, organization=org).source == "provisioned"

    found = client.get('/scim/v2/Users?filter=userName eq "SANNE@utrecht.nl"').json()
    assert found["totalResults"] == 1
    assert found["Resources"][0]["id"] == body["id"]
    assert create(client, "sanne@utrecht.nl", "ander@utrecht.nl").status_code == 409
    by_mail = client.get('/scim/v2/Users?filter=emails.value eq "sanne@utrecht.nl"').json()
    assert by_mail["totalResults"] == 1
    # externalId is case-exact: the database lookup narrows, the SCIM filter decides.
    assert client.get('/scim/v2/Users?filter=externalId eq "e-1"').json()["totalResults"] == 1
    assert client.get('/scim/v2/Users?filter=externalId eq "E-1"').json()["totalResults"] == 0
    assert client.get("/scim/v2/Users?startIndex=2&count=5").json()["Resources"] == []


def test_an_organization_sees_and_touches_only_its_own_people(org):
    other = OrganizationFactory()
    other_admin = UserFactory()
    membership_ensure(user=other_admin, organization=other, role="admin")
    mine = scim_client(org, org.admin)
    theirs = scim_client(other, other_admin)
    person = create(mine, "sanne", "sanne@utrecht.nl").json()

    assert theirs.get("/scim/v2/Users").json()["totalResults"] == 0
    assert theirs.get(f"/scim/v2/Users/{person['id']}").status_code == 404
    assert theirs.delete(f"/scim/v2/Users/{person['id']}").status_code == 404
    # Nor may they provision an address on our domain, or an account outside theirs.
    assert create(theirs, "kaper", "kaper@utrecht.nl").status_code == 409
    outsider = UserFactory(email="los@example.org")
    assert create(theirs, "los", outsider.email).status_code == 409
    assert User.objects.get(pk=outsider.pk).is_active


def test_deactivation_ends_sessions_and_tokens_and_hides_the_profile(org):
    from eenoverheid.people.services import profile_update

    client = scim_client(org, org.admin)
    person = create(client, "sanne", "sanne@utrecht.nl").json()
    user = User.objects.get(email="sanne@utrecht.nl")
    profile_update(user=user, actor=user, job_title="Beleidsadviseur", visibility="public")
    _token, plain = services.api_token_create(user=user, name="script")
    user.set_password("Een-lang-wachtwoord-42")
    user.save()
    browser = Client()
    signed_in = browser.post(
        "/accounts/login/", {"login": user.email, "password": "Een-lang-wachtwoord-42"}
    )
    assert signed_in.status_code == 302
    session_key = browser.session.session_key
    assert UserSession.objects.filter(user=user, session_key=session_key).exists()
    profile_id = user.profile.pk
    assert Client().get(f"/mensen/{profile_id}/").status_code == 200

    patch = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "replace", "path": "active", "value": False}],
    }
    response = client.patch(f"/scim/v2/Users/{person['id']}", json.dumps(patch), content_type=SCIM)
    assert response.status_code == 200, response.content
    assert response.json()["active"] is False

    from django.contrib.sessions.models import Session

    assert not UserSession.objects.filter(user=user).exists()
    assert not Session.objects.filter(session_key=session_key).exists()
    assert browser.get("/dashboard/").status_code == 302  # signed out
    api = Client(headers={"Authorization": f"Bearer {plain}"})
    assert api.get("/api/v1/me").status_code == 401
    assert Client().get(f"/mensen/{profile_id}/").status_code == 404
    assert User.objects.filter(pk=user.pk).exists()  # nothing deleted


def test_delete_removes_the_account_but_keeps_a_person_who_works_elsewhere_too(org):
    client = scim_client(org, org.admin)
    gone = create(client, "weg", "weg@utrecht.nl").json()
    assert client.delete(f"/scim/v2/Users/{gone['id']}").status_code == 204
    assert not User.objects.filter(email="weg@utrecht.nl").exists()

    both = create(client, "beide", "beide@utrecht.nl").json()
    user = User.objects.get(email="beide@utrecht.nl")
    membership_ensure(user=user, organization=OrganizationFactory())
    assert client.delete(f"/scim/v2/Users/{both['id']}").status_code == 204
    assert User.objects.filter(pk=user.pk).exists()
    assert not Membership.objects.filter(user=user, organization=org).exists()
    assert not ScimUser.objects.filter(user=user).exists()


def test_groups_are_teams_with_provisioned_members(org):
    client = scim_client(org, org.admin)
    person = create(client, "sanne", "sanne@utrecht.nl").json()
    body = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "displayName": "Team Wonen",
        "members": [{"value": person["id"]}],
    }
    response = client.post("/scim/v2/Groups", json.dumps(body), content_type=SCIM)
    assert response.status_code == 201, response.content
    team = Team.objects.get(organization=org, name="Team Wonen")
    assert list(team.members.values_list("email", flat=True)) == ["sanne@utrecht.nl"]
    user = client.get(f"/scim/v2/Users/{person['id']}").json()
    assert user["groups"][0]["display"] == "Team Wonen"

    body["members"] = [{"value": "999999"}]
    response = client.put(f"/scim/v2/Groups/{team.pk}", json.dumps(body), content_type=SCIM)
    assert response.status_code == 400
    assert list(team.members.values_list("email", flat=True)) == ["sanne@utrecht.nl"]


def test_bad_input_is_a_scim_error(org):
    client = scim_client(org, org.admin)
    response = client.post("/scim/v2/Users", "{not json", content_type=SCIM)
    assert response.status_code == 400
    response = create(client, "x", "geen-adres")
    assert response.status_code == 400
    assert response.json()["scimType"] == "invalidValue"
    assert client.get("/scim/v2/Nope").status_code == 404
    assert client.get("/scim/v2/Users?filter=userName zz 1").status_code == 400
