import pytest
from django.test import Client

from eenoverheid.people.models import Profile, ProfileSkill
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_search_page_finds_and_shows_evidence(search_backend, orgs, make_person):
    make_person(
        "Eva Inkoop",
        orgs["utrecht"],
        bio="Europese aanbestedingen voor jeugdhulp",
        skill_levels=[("eo-inkoop", "expert")],
    )
    page = Client().get("/mensen/", {"q": "aanbesteding"})
    html = page.content.decode()
    assert "Eva Inkoop" in html
    assert "Aanbesteden en inkoop" in html
    assert "<b>" in html.lower()
    assert "1 persoon" in html
    nobody = Client().get("/mensen/", {"q": "ruimtevaart"}).content.decode()
    assert "Niemand voldoet" in nobody
    bad = Client().get("/mensen/", {"skill": "bestaat-niet"})
    assert bad.context["form"].errors["skill"]
    partial = Client().get(
        "/mensen/", {"q": "inkoop"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="people-results"
    )
    assert partial.content.decode().lstrip().startswith('<section id="people-results"')
    options = Client().get("/mensen/vaardigheden/suggesties/", {"skill": "omgev"}).content.decode()
    assert '<option value="Omgevingswet">' in options


def test_person_page_hides_contact_details_from_anonymous(search_backend, orgs, make_person):
    eva = make_person(
        "Eva", orgs["utrecht"], bio="Woo", visibility="public", skill_levels=[("eo-woo", "expert")]
    )
    url = f"/mensen/{eva.profile.pk}/"
    anonymous = Client().get(url).content.decode()
    assert "Wet open overheid" in anonymous
    assert eva.email not in anonymous
    assert eva.email in logged_in(UserFactory()).get(url).content.decode()
    hidden = make_person("Verborgen", orgs["utrecht"], visibility="members")
    assert Client().get(f"/mensen/{hidden.profile.pk}/").status_code == 404


def test_editing_my_profile_and_skills(search_backend, orgs, skills):
    user = UserFactory()
    client = logged_in(user)
    assert client.get("/mensen/mijn-profiel/").status_code == 200
    response = client.post(
        "/mensen/mijn-profiel/",
        {
            "action": "profile",
            "job_title": "Adviseur",
            "bio": "Over mij",
            "keywords": "",
            "work_municipality": "gm0344",
            "languages": ["nl"],
            "available": "on",
            "hours_per_week": "4",
            "phone": "",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert (profile.job_title, profile.work_municipality.code, profile.hours_per_week) == (
        "Adviseur",
        "gm0344",
        4,
    )
    bad = client.post(
        "/mensen/mijn-profiel/",
        {"action": "profile", "visibility": "public", "hours_per_week": "99"},
    )
    assert bad.context["form"].errors["hours_per_week"]
    client.post(
        "/mensen/mijn-profiel/", {"action": "add_skill", "skill": "omgevingswet", "level": "expert"}
    )
    assert list(
        ProfileSkill.objects.filter(profile=profile).values_list("skill__code", "level")
    ) == [("eo-omgevingswet", "expert")]
    unknown = client.post(
        "/mensen/mijn-profiel/", {"action": "add_skill", "skill": "toveren", "level": "expert"}
    )
    assert unknown.context["skill_form"].errors["skill"]
    client.post(
        "/mensen/mijn-profiel/", {"action": "propose", "name": "Toveren", "level": "interested"}
    )
    assert ProfileSkill.objects.filter(
        profile=profile, skill__name="Toveren", skill__status="proposed"
    ).exists()
    export = client.get("/mensen/mijn-profiel/export/")
    assert export["Content-Type"].startswith("application/json")
    assert Client().get("/mensen/mijn-profiel/").status_code == 302


def test_deleting_my_account(search_backend, orgs):
    user = UserFactory()
    client = logged_in(user)
    wrong = client.post("/mensen/account-verwijderen/", {"confirm_email": "ander@example.org"})
    assert wrong.context["form"].errors
    done = client.post("/mensen/account-verwijderen/", {"confirm_email": user.email})
    assert done.status_code == 302
    assert not type(user).objects.filter(pk=user.pk).exists()
    assert client.get("/mensen/mijn-profiel/").status_code == 302  # signed out


def test_skills_pages(skills):
    assert "Publieke taken en wetgeving" in Client().get("/mensen/vaardigheden/").content.decode()
    found = Client().get("/mensen/vaardigheden/", {"q": "jeugdzorg"}).content.decode()
    assert "Jeugdhulp en jeugdzorg" in found
    page = Client().get(f"/mensen/vaardigheden/{skills['eo'].pk}/").content.decode()
    assert "Omgevingswet" in page
    assert Client().get("/mensen/vaardigheden/99999999/").status_code == 404
