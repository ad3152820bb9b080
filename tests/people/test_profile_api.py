import io
import json

import pytest
from django.test import Client
from PIL import Image

from eenoverheid.people.models import Profile, Skill
from tests.conftest import bearer_client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.fixture
def me(search_backend, skills, orgs):
    from eenoverheid.organizations.services import membership_ensure

    user = UserFactory(name="Sanne de Vries")
    membership_ensure(user=user, organization=orgs["utrecht"])
    return user


def patch(client, url, body):
    return client.patch(url, body, content_type="application/json")


def test_own_profile_is_created_edited_and_validated(me):
    client = bearer_client(me)
    body = client.get("/api/v1/me/profile").json()
    assert body["visibility"] == "signed_in"
    assert body["skills"] == []
    body = patch(
        client,
        "/api/v1/me/profile",
        {
            "job_title": "Beleidsadviseur",
            "bio": "Jeugdhulp",
            "visibility": "public",
            "work_municipality": "gm0355",
            "languages": ["nl", "fy"],
            "available": True,
            "hours_per_week": 8,
            "phone": "030 286 00 00",
        },
    ).json()
    assert (body["work_municipality"], body["hours_per_week"], body["languages"]) == (
        "gm0355",
        8,
        ["nl", "fy"],
    )
    for bad, field in [
        ({"visibility": "friends"}, "visibility"),
        ({"languages": ["klingon"]}, "languages"),
        ({"hours_per_week": 41}, "hours_per_week"),
        ({"work_municipality": "gm9999"}, "work_municipality"),
        ({"phone": "bel me"}, "phone"),
        ({"available": 0}, "available"),
        ({"nickname": "x"}, "nickname"),
    ]:
        response = patch(client, "/api/v1/me/profile", bad)
        assert response.status_code == 400, bad
        assert response["Content-Type"] == PROBLEM
        assert field in {p["name"] for p in response.json()["invalidParams"]}, bad
    assert Profile.objects.get(user=me).hours_per_week == 8  # nothing changed
    body = patch(client, "/api/v1/me/profile", {"available": False}).json()
    assert body["hours_per_week"] is None  # not available: no hours
    assert Client().get("/api/v1/me/profile").status_code == 401


def test_skills_on_ones_profile(me, skills):
    client = bearer_client(me)
    skill = skills["eo-jeugdhulp"]
    body = client.put(
        f"/api/v1/me/profile/skills/{skill.pk}",
        {"level": "expert"},
        content_type="application/json",
    ).json()
    assert body["skills"] == [{"skill_id": skill.pk, "name": skill.name, "level": "expert"}]
    body = client.put(
        f"/api/v1/me/profile/skills/{skill.pk}",
        {"level": "interested"},
        content_type="application/json",
    ).json()
    assert body["skills"][0]["level"] == "interested"
    assert (
        client.put(
            f"/api/v1/me/profile/skills/{skill.pk}",
            {"level": "guru"},
            content_type="application/json",
        ).status_code
        == 400
    )
    assert (
        client.put(
            "/api/v1/me/profile/skills/999999", {"level": "expert"}, content_type="application/json"
        ).status_code
        == 400
    )
    assert client.delete(f"/api/v1/me/profile/skills/{skill.pk}").json()["skills"] == []
    assert client.delete(f"/api/v1/me/profile/skills/{skill.pk}").status_code == 404
    reader = bearer_client(me, scope="read")
    assert (
        reader.put(
            f"/api/v1/me/profile/skills/{skill.pk}",
            {"level": "expert"},
            content_type="application/json",
        ).status_code
        == 403
    )


def test_proposed_skill_is_on_the_profile_and_reviewed_by_platform_admins(me, skills):
    client = bearer_client(me)
    created = client.post(
        "/api/v1/skills/proposals",
        {"name": "Huisvesting statushouders", "level": "expert"},
        content_type="application/json",
    )
    assert created.status_code == 201
    proposal = created.json()
    assert proposal["status"] == "proposed"
    assert [s["name"] for s in client.get("/api/v1/me/profile").json()["skills"]] == [
        "Huisvesting statushouders"
    ]
    duplicate = client.post(
        "/api/v1/skills/proposals", {"name": "omgevingswet"}, content_type="application/json"
    )
    assert duplicate.status_code == 409
    # Others cannot put a proposed skill on their profile before it is approved.
    other = bearer_client(UserFactory())
    assert (
        other.put(
            f"/api/v1/me/profile/skills/{proposal['id']}",
            {"level": "expert"},
            content_type="application/json",
        ).status_code
        == 400
    )
    review = f"/api/v1/skills/{proposal['id']}/review"
    assert (
        client.post(review, {"approve": True}, content_type="application/json").status_code == 403
    )
    admin = bearer_client(UserFactory(is_staff=True, is_superuser=True))
    assert (
        admin.post(review, {"approve": True}, content_type="application/json").json()["status"]
        == "active"
    )
    assert admin.post(review, {"approve": True}, content_type="application/json").status_code == 409
    assert (
        other.put(
            f"/api/v1/me/profile/skills/{proposal['id']}",
            {"level": "expert"},
            content_type="application/json",
        ).status_code
        == 200
    )


def test_rejecting_a_proposal_removes_it_from_profiles(me):
    client = bearer_client(me)
    proposal = client.post(
        "/api/v1/skills/proposals", {"name": "Koffie zetten"}, content_type="application/json"
    ).json()
    admin = bearer_client(UserFactory(is_staff=True, is_superuser=True))
    admin.post(
        f"/api/v1/skills/{proposal['id']}/review",
        {"approve": False},
        content_type="application/json",
    )
    assert client.get("/api/v1/me/profile").json()["skills"] == []
    assert Skill.objects.get(pk=proposal["id"]).status == "rejected"


def test_person_detail_respects_visibility_and_hides_contact_details(me, orgs, make_person):
    client = bearer_client(me)
    patch(client, "/api/v1/me/profile", {"visibility": "public", "phone": "0612345678"})
    profile_id = Profile.objects.get(user=me).pk
    anonymous = Client().get(f"/api/v1/people/{profile_id}").json()
    assert anonymous["email"] is None
    assert anonymous["phone"] is None
    signed_in = bearer_client(UserFactory()).get(f"/api/v1/people/{profile_id}").json()
    assert signed_in["email"] == me.email
    assert signed_in["phone"] == "0612345678"
    patch(client, "/api/v1/me/profile", {"visibility": "members"})
    assert Client().get(f"/api/v1/people/{profile_id}").status_code == 404
    assert bearer_client(UserFactory()).get(f"/api/v1/people/{profile_id}").status_code == 404
    colleague = make_person("Collega", orgs["utrecht"])
    assert bearer_client(colleague).get(f"/api/v1/people/{profile_id}").status_code == 200
    outsider = make_person("Buiten", orgs["zeist"])
    assert bearer_client(outsider).get(f"/api/v1/people/{profile_id}").status_code == 404


def test_people_search_api(me, orgs, make_person):
    make_person(
        "Eva Inkoop",
        orgs["utrecht"],
        bio="Europese aanbestedingen",
        skill_levels=[("eo-inkoop", "expert")],
    )
    body = Client().get("/api/v1/people", {"q": "aanbesteding"}).json()
    assert body["count"] == 1
    result = body["results"][0]
    assert result["name"] == "Eva Inkoop"
    assert result["matched_skills"][0]["name"] == "Aanbesteden en inkoop"
    assert result["evidence"]
    assert "<b>" in result["evidence"][0]["snippet"].lower()
    bad = Client().get("/api/v1/people", {"skill": "bestaat-niet"})
    assert bad.status_code == 400
    assert bad.json()["invalidParams"][0]["name"] == "skill"
    assert Client().get("/api/v1/people", {"page_size": 500}).status_code == 400


def test_export_and_delete_account(me, skills):
    client = bearer_client(me)
    patch(client, "/api/v1/me/profile", {"bio": "Mijn tekst"})
    client.put(
        f"/api/v1/me/profile/skills/{skills['eo-woo'].pk}",
        {"level": "expert"},
        content_type="application/json",
    )
    export = client.get("/api/v1/me/profile/export")
    assert "attachment" in export["Content-Disposition"]
    data = json.loads(export.content)
    assert data["account"]["email"] == me.email
    assert data["profile"]["bio"] == "Mijn tekst"
    assert data["profile"]["skills"][0]["code"] == "eo-woo"
    assert data["memberships"][0]["code"] == "gm0344"
    wrong = client.generic(
        "DELETE",
        "/api/v1/me",
        json.dumps({"confirm_email": "iemand@anders.nl"}),
        content_type="application/json",
    )
    assert wrong.status_code == 400
    ok = client.generic(
        "DELETE",
        "/api/v1/me",
        json.dumps({"confirm_email": me.email.upper()}),
        content_type="application/json",
    )
    assert ok.status_code == 204
    assert not Profile.objects.filter(user_id=me.pk).exists()


def test_photo_upload_is_checked_and_served_with_the_profile_visibility(me, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = bearer_client(me)
    fake = io.BytesIO(b"%PDF-1.4 not a photo")
    fake.name = "photo.png"
    assert client.post("/api/v1/me/profile/photo", {"photo": fake}).status_code == 400
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = "me.jpg"
    url = client.post("/api/v1/me/profile/photo", {"photo": buffer}).json()["photo_url"]
    browser = Client()
    browser.force_login(UserFactory())
    assert browser.get(url).status_code == 200  # a profile for signed-in civil servants
    assert Client().get(url).status_code == 404  # not public
    assert client.delete("/api/v1/me/profile/photo").json()["photo_url"] is None


def test_skills_tree_search_and_suggestions(skills):
    roots = Client().get("/api/v1/skills").json()["results"]
    assert {"vaardigheden", "Publieke taken en wetgeving"} <= {r["name"] for r in roots}
    public = next(r for r in roots if r["code"] == "eo")
    children = Client().get("/api/v1/skills", {"parent": public["id"], "page_size": 100}).json()
    assert children["count"] == len(skills) - 1
    assert Client().get("/api/v1/skills", {"parent": 99999999}).status_code == 404
    found = Client().get("/api/v1/skills", {"q": "jeugdzorg"}).json()["results"]
    assert "Jeugdhulp en jeugdzorg" in [r["name"] for r in found]  # a synonym finds it
    suggestions = Client().get("/api/v1/skills/suggest", {"q": "omgev"}).json()
    assert suggestions[0]["name"] == "Omgevingswet"
    one = Client().get(f"/api/v1/skills/{skills['eo-woo'].pk}").json()
    assert "Woo-verzoek" in one["synonyms"]
