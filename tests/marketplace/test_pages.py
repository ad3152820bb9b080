"""The marketplace's pages: searching with why it fits, the JobPosting on a public
vacancy, applying, the publisher's form and lists, people who fit, one's own
applications and interests, the organization's settings, and bounded queries."""

import json
import re

import pytest
from django.test import Client

from eenoverheid.marketplace import services
from eenoverheid.marketplace.models import Application, Opportunity, SavedSearch
from tests.marketplace.conftest import gig_input

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_search_page_shows_why_it_fits(world, gig, django_assert_max_num_queries):
    for i in range(6):
        services.opportunity_create(
            actor=world["rik"],
            organization=world["a"],
            publish=True,
            data=gig_input(world, title=f"Klus {i}"),
        )
    bea = _client(world["bea"])
    with django_assert_max_num_queries(45):
        page = bea.get("/kansen/?kind=gig")
    html = page.content.decode()
    assert "Dashboard jeugdzorgkosten bouwen" in html
    assert "Fits you" in html or "Past bij je" in html
    anonymous = Client().get("/kansen/").content.decode()
    assert "Dashboard jeugdzorgkosten" not in anonymous  # for signed-in civil servants only
    assert Client().get(f"/kansen/{gig.pk}/").status_code == 404


def test_a_public_vacancy_carries_its_job_posting(world):
    vacancy = services.opportunity_create(
        actor=world["rik"],
        organization=world["a"],
        publish=True,
        data=gig_input(world, kind="vacancy", points=0, visibility="public", title="Jurist"),
    )
    html = Client().get(f"/kansen/{vacancy.pk}/").content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(found.group(1))["title"] == "Jurist"


def test_apply_and_follow_the_application(world, gig):
    bea = _client(world["bea"])
    response = bea.post(
        f"/kansen/{gig.pk}/solliciteren/", {"motivation": "Ik bouw graag dashboards."}
    )
    application = Application.objects.get(applicant=world["bea"])
    assert response.url == f"/kansen/sollicitatie/{application.pk}/"
    assert "Ik bouw graag dashboards" in bea.get(response.url).content.decode()
    assert _client(world["cas"]).get(response.url).status_code == 404
    rik = _client(world["rik"])
    assert "Bea" in rik.get(f"/kansen/{gig.pk}/sollicitaties/").content.decode()
    rik.post(f"/kansen/sollicitatie/{application.pk}/stap/", {"action": "offer", "text": "Welkom"})
    bea.post(f"/kansen/sollicitatie/{application.pk}/stap/", {"action": "accept"})
    application.refresh_from_db()
    assert application.status == "accepted"
    assert "Dashboard" in bea.get("/kansen/mijn/").content.decode()


def test_the_publisher_creates_and_sees_people_who_fit(world):
    rik = _client(world["rik"])
    assert rik.get("/kansen/beheer/nieuw/").status_code == 200
    response = rik.post(
        "/kansen/beheer/nieuw/",
        {
            "organization": "gm9301",
            "kind": "gig",
            "title": "Query's versnellen",
            "description": "Trage query's versnellen.",
            "work_mode": "remote",
            "places": 1,
            "visibility": "signed_in",
            "skill_1": world["sql"].pk,
            "level_1": "practitioner",
            "required_1": "1",
            "publish": "on",
        },
    )
    made = Opportunity.objects.get(title="Query's versnellen")
    assert response.url == f"/kansen/{made.pk}/"
    assert made.status == "open"
    bad = rik.post(
        "/kansen/beheer/nieuw/",
        {
            "organization": "gm9301",
            "kind": "vacancy",
            "title": "V",
            "description": "x",
            "work_mode": "remote",
            "places": 1,
            "visibility": "signed_in",
            "points": 5,
        },
    )
    assert bad.status_code == 200  # the form again, with the errors
    people = rik.get(f"/kansen/{made.pk}/kandidaten/").content.decode()
    assert "Bea" in people
    assert "Noor" in people
    rik.post(
        f"/kansen/{made.pk}/kandidaten/", {"person": world["cas"].profile.pk, "message": "Hoi"}
    )
    assert Application.objects.filter(applicant=world["cas"], status="invited").exists()
    assert _client(world["bea"]).get(f"/kansen/{made.pk}/kandidaten/").status_code == 404
    assert _client(world["bea"]).get("/kansen/beheer/nieuw/").status_code == 302


def test_interests_saved_searches_and_settings(world):
    bea = _client(world["bea"])
    bea.post("/kansen/mijn/", {"seek": ["gig"], "offer": ["mentoring"]})
    profile = bea.get(f"/mensen/{world['bea'].profile.pk}/").content.decode()
    assert "Mentoring" in profile or "Mentoraat" in profile or "mentor" in profile.lower()
    bea.post("/kansen/zoekopdrachten/", {"name": "Klussen", "kind": "gig"})
    assert SavedSearch.objects.get(user=world["bea"]).params == {"kind": "gig"}
    assert _client(world["bea"]).get("/kansen/beheer/organisatie/gm9301/").status_code == 404
    alma = _client(world["alma"])
    alma.post("/kansen/beheer/organisatie/gm9301/", {"action": "policy", "required": "on"})
    assert services.release_required(world["a"])
    alma.post("/kansen/beheer/organisatie/gm9301/", {"action": "add", "email": "bob@example.org"})
    assert world["a"].recruiters.filter(user=world["bob"]).exists()


def test_courses_for_the_skills_you_are_missing(world):
    from eenoverheid.learning import services as learning
    from tests.learning.conftest import course_input

    learning.course_create(
        actor=world["alma"],
        provider=world["a"],
        publish=True,
        data=course_input(
            title="Omgevingsrecht voor beginners", skills=[(world["law"].pk, "practitioner")]
        ),
    )
    law_gig = services.opportunity_create(
        actor=world["rik"],
        organization=world["a"],
        publish=True,
        data=gig_input(world, skills=[(world["law"].pk, "practitioner", True)]),
    )
    html = _client(world["bea"]).get(f"/kansen/{law_gig.pk}/").content.decode()
    assert "Omgevingsrecht voor beginners" in html  # Bea lacks the skill
    html = _client(world["cas"]).get(f"/kansen/{law_gig.pk}/").content.decode()
    assert "Omgevingsrecht voor beginners" not in html  # Cas has it
