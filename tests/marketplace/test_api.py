"""`/api/v1/opportunities`: visibility for the anonymous visitor, a member, someone of
another organization and the publisher; bad input; the flow of an application; the
JobPosting; saved searches, interests and the organization's settings."""

import pytest
from django.test import Client

from eenoverheid.marketplace import services
from tests.conftest import bearer_client
from tests.marketplace.conftest import gig_input

pytestmark = pytest.mark.django_db


def _post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def _body(world, **extra):
    return {
        "organization": "gm9301",
        "kind": "gig",
        "title": "Dashboard bouwen",
        "description": "Een dashboard voor de jeugdzorgkosten.",
        "skills": [{"skill": world["data"].pk, "level": "practitioner", "required": True}],
        "hours_per_week": 8,
        "municipality": "gm9301",
        "points": 100,
        "visibility": "public",
        "publish": True,
        **extra,
    }


def test_who_sees_which_opportunity(world, gig):
    public = services.opportunity_create(
        actor=world["rik"], organization=world["a"], publish=True,
        data=gig_input(world, title="Openbare klus", visibility="public"),
    )  # fmt: skip
    internal = services.opportunity_create(
        actor=world["rik"], organization=world["a"], publish=True,
        data=gig_input(world, title="Interne klus", visibility="members"),
    )  # fmt: skip
    anonymous = Client().get("/api/v1/opportunities").json()
    assert [o["id"] for o in anonymous["results"]] == [public.pk]
    assert anonymous["results"][0]["fit"] is None
    other = bearer_client(world["bea"]).get("/api/v1/opportunities").json()
    assert {o["id"] for o in other["results"]} == {public.pk, gig.pk}
    assert other["results"][0]["fit"]["score"] > 0
    colleague = bearer_client(world["alma"]).get("/api/v1/opportunities").json()
    assert {o["id"] for o in colleague["results"]} == {public.pk, gig.pk, internal.pk}
    assert Client().get(f"/api/v1/opportunities/{gig.pk}").status_code == 404
    assert (
        bearer_client(world["bea"]).get(f"/api/v1/opportunities/{internal.pk}").status_code == 404
    )


def test_publishing_needs_the_role_and_good_input(world):
    assert _post(Client(), "/api/v1/opportunities", _body(world)).status_code == 401
    assert (
        _post(bearer_client(world["bea"]), "/api/v1/opportunities", _body(world)).status_code == 403
    )
    rik = bearer_client(world["rik"])
    bad = _post(rik, "/api/v1/opportunities", _body(world, kind="vacancy"))
    assert bad.status_code == 400
    assert [p["name"] for p in bad.json()["invalidParams"]] == ["points"]
    assert _post(rik, "/api/v1/opportunities", _body(world, hours_per_week=99)).status_code == 400
    assert _post(rik, "/api/v1/opportunities", _body(world, organization="nope")).status_code == 400
    made = _post(rik, "/api/v1/opportunities", _body(world))
    assert made.status_code == 201, made.json()
    created = made.json()
    assert created["status"] == "open"
    assert created["skills"][0]["name"] == "Data-analyse"
    changed = rik.patch(
        f"/api/v1/opportunities/{created['id']}",
        {"title": "Dashboard jeugdzorg", "hours_per_week": None},
        content_type="application/json",
    ).json()
    assert changed["title"] == "Dashboard jeugdzorg"
    assert changed["hours_per_week"] is None
    assert changed["points"] == 100  # untouched
    assert (
        bearer_client(world["bea"])
        .patch(
            f"/api/v1/opportunities/{created['id']}",
            {"title": "Gekaapt"},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    closed = _post(rik, f"/api/v1/opportunities/{created['id']}/close")
    assert closed.json()["status"] == "closed"
    assert _post(rik, f"/api/v1/opportunities/{created['id']}/close").status_code == 409


def test_the_application_flow_through_the_api(world, gig):
    bea, rik = bearer_client(world["bea"]), bearer_client(world["rik"])
    short = _post(bea, f"/api/v1/opportunities/{gig.pk}/applications", {"motivation": "kort"})
    assert short.status_code == 400
    applied = _post(
        bea,
        f"/api/v1/opportunities/{gig.pk}/applications",
        {"motivation": "Ik bouw graag dashboards."},
    )
    assert applied.status_code == 201
    application = applied.json()["id"]
    assert bea.get(f"/api/v1/opportunities/{gig.pk}/applications").status_code == 403
    listed = rik.get(f"/api/v1/opportunities/{gig.pk}/applications").json()
    assert [a["id"] for a in listed["results"]] == [application]
    assert (
        bearer_client(world["cas"])
        .get(f"/api/v1/opportunities/applications/{application}")
        .status_code
        == 404
    )
    offered = _post(
        rik, f"/api/v1/opportunities/applications/{application}/offer", {"message": "Welkom"}
    ).json()
    assert offered["status"] == "offered"
    assert offered["points_reserved"] == 200
    assert (
        _post(rik, f"/api/v1/opportunities/applications/{application}/acceptance").status_code
        == 403
    )
    accepted = _post(bea, f"/api/v1/opportunities/applications/{application}/acceptance").json()
    assert accepted["status"] == "accepted"
    _post(bea, f"/api/v1/opportunities/applications/{application}/completion")
    done = _post(rik, f"/api/v1/opportunities/applications/{application}/completion").json()
    assert done["status"] == "completed"
    assert done["points_paid"] == 200
    assert [s["status"] for s in done["steps"]] == ["applied", "offered", "accepted", "completed"]
    rated = _post(bea, f"/api/v1/opportunities/applications/{application}/feedback", {"rating": 5})
    assert rated.json()["feedback"][0]["rating"] == 5
    endorsed = _post(
        rik,
        f"/api/v1/opportunities/applications/{application}/endorsements",
        {"skills": [world["data"].pk]},
    )
    assert endorsed.json()["endorsed_skills"] == [world["data"].pk]
    mine = bea.get("/api/v1/opportunities/applications").json()
    assert mine["results"][0]["status"] == "completed"


def test_for_me_candidates_and_invitations(world, gig):
    assert Client().get("/api/v1/opportunities/for-me").status_code == 401
    mine = bearer_client(world["bea"]).get("/api/v1/opportunities/for-me").json()
    assert mine["results"][0]["id"] == gig.pk
    assert mine["results"][0]["fit"]["matched"][0]["relation"] == "narrower"
    assert (
        bearer_client(world["bea"]).get(f"/api/v1/opportunities/{gig.pk}/candidates").status_code
        == 403
    )
    people = bearer_client(world["rik"]).get(f"/api/v1/opportunities/{gig.pk}/candidates").json()
    assert world["bea"].profile.pk in [p["profile_id"] for p in people]
    invited = _post(bearer_client(world["rik"]), f"/api/v1/opportunities/{gig.pk}/invitations",
                    {"person": world["cas"].profile.pk, "message": "Iets voor jou?"})  # fmt: skip
    assert invited.status_code == 201
    assert invited.json()["status"] == "invited"
    assert _post(bearer_client(world["rik"]), f"/api/v1/opportunities/{gig.pk}/invitations",
                 {"person": 999_999}).status_code == 404  # fmt: skip


def test_job_posting_for_search_engines(world):
    public = services.opportunity_create(
        actor=world["rik"], organization=world["a"], publish=True,
        data=gig_input(world, kind="vacancy", points=0, visibility="public", salary_scale_min=10,
                       salary_scale_max=11, title="Data-analist"),
    )  # fmt: skip
    response = Client().get(f"/api/v1/opportunities/{public.pk}/jobposting")
    assert response["Content-Type"] == "application/ld+json"
    posting = response.json()
    assert posting["@type"] == "JobPosting"
    assert posting["title"] == "Data-analist"
    assert posting["hiringOrganization"]["name"] == "Gemeente A"
    assert posting["jobLocation"]["address"]["addressLocality"] == "A"
    assert posting["baseSalary"]["value"]["description"] == "Schaal 10-11"


def test_saved_searches_interests_and_settings(world):
    bea = bearer_client(world["bea"])
    saved = _post(bea, "/api/v1/opportunities/saved-searches", {"name": "Data", "skill": "t-data"})
    assert saved.status_code == 201
    assert saved.json()["filters"] == {"skill": world["data"].pk}
    assert (
        _post(
            bea, "/api/v1/opportunities/saved-searches", {"name": "X", "province": "nope"}
        ).status_code
        == 400
    )
    other = bearer_client(world["bob"])
    assert (
        other.delete(f"/api/v1/opportunities/saved-searches/{saved.json()['id']}").status_code
        == 404
    )
    assert (
        bea.delete(f"/api/v1/opportunities/saved-searches/{saved.json()['id']}").status_code == 204
    )
    put = bea.put("/api/v1/opportunities/interests", {"seek": ["gig"], "offer": ["mentoring"]},
                  content_type="application/json")  # fmt: skip
    assert put.json() == {"seek": ["gig"], "offer": ["mentoring"]}
    assert bea.get("/api/v1/opportunities/organizations/gm9301/settings").status_code == 403
    alma = bearer_client(world["alma"])
    changed = alma.patch("/api/v1/opportunities/organizations/gm9301/settings",
                         {"release_required": True, "add_recruiter": world["bob"].pk},
                         content_type="application/json").json()  # fmt: skip
    assert changed["release_required"] is True
    assert set(changed["recruiters"]) == {world["rik"].pk, world["bob"].pk}
