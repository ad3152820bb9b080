import io

import pytest
from django.test import Client
from PIL import Image

from eenoverheid.organizations.models import EmailDomain, Organization, Team
from eenoverheid.organizations.services import membership_ensure
from tests.conftest import bearer_client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.fixture
def utrecht(small_register):
    return Organization.objects.get(code="gm0344")


@pytest.fixture
def people(utrecht):
    """Anonymous, a member, an administrator, someone of another organization who
    administers that one, and a platform administrator."""
    zeist = Organization.objects.get(code="gm0355")
    member, admin, outsider = UserFactory(), UserFactory(), UserFactory()
    membership_ensure(user=member, organization=utrecht)
    membership_ensure(user=admin, organization=utrecht, role="admin")
    membership_ensure(user=outsider, organization=zeist, role="admin")
    return {
        "anonymous": Client(),
        "member": bearer_client(member),
        "admin": bearer_client(admin),
        "other_org_admin": bearer_client(outsider),
        "platform_admin": bearer_client(UserFactory(is_staff=True, is_superuser=True)),
        "member_user": member,
        "admin_user": admin,
    }


def test_list_is_public_paginated_and_filtered(small_register):
    body = Client().get("/api/v1/organizations", {"layer": "municipality"}).json()
    assert body["count"] == 2
    assert {r["code"] for r in body["results"]} == {"gm0344", "gm0355"}
    body = (
        Client()
        .get(
            "/api/v1/organizations",
            {"municipality": "GM0344", "policy_domain": "6.72", "page_size": 1},
        )
        .json()
    )
    assert body["count"] == 3
    assert body["pages"] == 3
    assert len(body["results"]) == 1
    body = Client().get("/api/v1/organizations", {"province": "pv26", "kind": "water_board"}).json()
    assert [r["code"] for r in body["results"]] == ["ws0636"]
    assert body["results"][0]["url"] == "/organisaties/ws0636/"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"municipality": "GM9999"}, "municipality"),
        ({"province": "pv99"}, "province"),
        ({"policy_domain": "9.9"}, "policy_domain"),
        ({"kind": "castle"}, "kind"),
        ({"page_size": "1000"}, "page_size"),
    ],
)
def test_bad_filters_are_400_with_the_field_named(small_register, params, field):
    response = Client().get("/api/v1/organizations", params)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert field in {p["name"] for p in response.json()["invalidParams"]}


def test_covering_endpoint_groups_by_layer(small_register):
    body = Client().get("/api/v1/organizations/covering", {"municipality": "GM0344"}).json()
    assert body["municipality"]["code"] == "gm0344"
    assert [g["layer"] for g in body["groups"]] == [
        "municipality",
        "regional",
        "water_board",
        "province",
        "national",
    ]
    assert body["groups"][2]["organizations"][0]["code"] == "ws0636"
    youth = (
        Client()
        .get("/api/v1/organizations/covering", {"municipality": "gm0344", "policy_domain": "6.72"})
        .json()
    )
    assert [g["count"] for g in youth["groups"]] == [1, 1, 1]
    missing = Client().get("/api/v1/organizations/covering", {"municipality": "GM0001"})
    assert missing.status_code == 400
    assert Client().get("/api/v1/organizations/covering").status_code == 400


def test_detail_shows_area_participants_domains_and_hides_members_from_anonymous(utrecht, people):
    body = people["anonymous"].get(f"/api/v1/organizations/{utrecht.pk}").json()
    assert body["cbs_code"] == "GM0344"
    assert body["area_count"] == 1
    assert {"code": "6.72", "name": "Maatwerkdienstverlening 18-", "basis": "law"} in body[
        "policy_domains"
    ]
    assert body["member_count"] is None
    assert body["teams"] is None
    assert body["can_edit"] is False
    body = people["member"].get(f"/api/v1/organizations/{utrecht.pk}").json()
    assert body["member_count"] == 2
    assert body["teams"] == []
    assert body["can_edit"] is False
    assert people["admin"].get(f"/api/v1/organizations/{utrecht.pk}").json()["can_edit"] is True
    jeugd = Organization.objects.get(code="so0002")
    body = Client().get(f"/api/v1/organizations/{jeugd.pk}").json()
    assert [p["name"] for p in body["participants"]] == ["Gemeente Utrecht"]
    assert {p["basis"] for p in body["policy_domains"]} == {"name"}
    assert Client().get("/api/v1/organizations/999999").status_code == 404


WRITES = [
    ("patch", "/api/v1/organizations/{id}", {"description": "Wij zijn Utrecht."}, 200),
    ("post", "/api/v1/organizations/{id}/email-domains", {"domain": "werk.utrecht.nl"}, 201),
    ("put", "/api/v1/organizations/{id}/policy-domains/W.2", {"included": True}, 200),
    ("post", "/api/v1/organizations/{id}/teams", {"name": "Team Jeugd"}, 201),
]


@pytest.mark.parametrize(("method", "path", "payload", "ok"), WRITES)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 401),
        ("member", 403),
        ("other_org_admin", 403),
        ("admin", None),
        ("platform_admin", None),
    ],
)
def test_who_may_change_an_organization(utrecht, people, method, path, payload, ok, who, expected):
    client = people[who]
    response = getattr(client, method)(
        path.format(id=utrecht.pk), payload, content_type="application/json"
    )
    assert response.status_code == (expected or ok), response.content
    if expected:
        assert response["Content-Type"] == PROBLEM
        utrecht.refresh_from_db()
        assert utrecht.description == ""
        assert not EmailDomain.objects.filter(domain="werk.utrecht.nl").exists()
        assert not Team.objects.exists()


def test_admin_edits_description_domains_and_policy_domains(utrecht, people):
    admin = people["admin"]
    url = f"/api/v1/organizations/{utrecht.pk}"
    assert (
        admin.patch(
            url, {"description": "Wij zijn Utrecht."}, content_type="application/json"
        ).json()["description"]
        == "Wij zijn Utrecht."
    )
    added = admin.post(
        f"{url}/email-domains", {"domain": "Werk.Utrecht.NL"}, content_type="application/json"
    )
    assert added.json()["domain"] == "werk.utrecht.nl"
    taken = admin.post(
        f"{url}/email-domains", {"domain": "zeist.nl"}, content_type="application/json"
    )
    assert taken.status_code == 409
    bad = admin.post(
        f"{url}/email-domains", {"domain": "not a domain"}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert bad.json()["invalidParams"][0]["name"] == "domain"
    body = admin.put(
        f"{url}/policy-domains/6.72", {"included": False}, content_type="application/json"
    ).json()
    assert "6.72" not in {d["code"] for d in body["policy_domains"]}
    body = admin.put(
        f"{url}/policy-domains/W.2", {"included": True}, content_type="application/json"
    ).json()
    assert {"code": "W.2", "name": "Waterkwantiteit", "basis": "override"} in body["policy_domains"]
    body = admin.delete(f"{url}/policy-domains/6.72").json()
    assert "6.72" in {d["code"] for d in body["policy_domains"]}
    assert (
        admin.put(
            f"{url}/policy-domains/X.9", {"included": True}, content_type="application/json"
        ).status_code
        == 400
    )
    extra = admin.put(
        f"{url}/policy-domains/W.2", {"included": True, "x": 1}, content_type="application/json"
    )
    assert extra.status_code == 400
    domain_id = added.json()["id"]
    assert admin.delete(f"{url}/email-domains/{domain_id}").status_code == 204
    assert admin.delete(f"{url}/email-domains/{domain_id}").status_code == 404


def _png(size=(4, 4)) -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "logo.png"
    return buffer


def test_logo_upload_checks_the_image(utrecht, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = f"/api/v1/organizations/{utrecht.pk}/logo"
    fake = io.BytesIO(b"<svg>not an image we accept</svg>")
    fake.name = "logo.png"
    bad = people["admin"].post(url, {"logo": fake})
    assert bad.status_code == 400
    assert bad.json()["invalidParams"][0]["name"] == "logo"
    assert people["member"].post(url, {"logo": _png()}).status_code == 403
    body = people["admin"].post(url, {"logo": _png()}).json()
    assert body["logo_url"] == "/organisaties/gm0344/logo"
    served = Client().get(body["logo_url"])
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert people["admin"].delete(url).status_code == 204
    assert Client().get(body["logo_url"]).status_code == 404


def test_teams_hold_only_members_of_the_organization(utrecht, people):
    admin = people["admin"]
    base = f"/api/v1/organizations/{utrecht.pk}/teams"
    team = admin.post(base, {"name": "Team Jeugd"}, content_type="application/json").json()
    assert (
        admin.post(base, {"name": "team jeugd"}, content_type="application/json").status_code == 409
    )
    assert admin.post(base, {"name": ""}, content_type="application/json").status_code == 400
    members = f"{base}/{team['id']}/members"
    stranger = UserFactory()
    refused = admin.post(members, {"user_id": stranger.pk}, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["invalidParams"][0]["name"] == "user"
    ok = admin.post(members, {"user_id": people["member_user"].pk}, content_type="application/json")
    assert ok.status_code == 204
    listed = people["member"].get(members).json()
    assert [m["id"] for m in listed["results"]] == [people["member_user"].pk]
    assert people["member"].delete(f"{members}/{people['member_user'].pk}").status_code == 403
    assert admin.get(base).json()["results"][0]["member_count"] == 1
    assert Client().get(base).status_code == 401
    renamed = admin.patch(
        f"{base}/{team['id']}", {"name": "Jeugd en Onderwijs"}, content_type="application/json"
    )
    assert renamed.json()["name"] == "Jeugd en Onderwijs"
    assert admin.delete(f"{members}/{people['member_user'].pk}").status_code == 204
    assert admin.delete(f"{base}/{team['id']}").status_code == 204
    assert admin.delete(f"{base}/{team['id']}").status_code == 404


def test_read_scope_token_cannot_write(utrecht, people):
    reader = bearer_client(people["admin_user"], scope="read")
    response = reader.patch(
        f"/api/v1/organizations/{utrecht.pk}", {"description": "x"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_reference_lists(small_register):
    domains = Client().get("/api/v1/policy-domains").json()
    assert {
        "code": "6.72",
        "name": "Maatwerkdienstverlening 18-",
        "name_en": "Custom services, youth care",
        "parent": "6",
    } in domains
    municipalities = Client().get("/api/v1/municipalities").json()
    assert [m["cbs_code"] for m in municipalities["results"]] == ["GM0344", "GM0355"]
    assert municipalities["results"][0]["province"]["code"] == "pv26"
