"""`/api/v1/courses`: the catalogue for everyone, publishing for the provider's managers
only, enrolment and the waiting list, the provider's view of participants, progress,
reviews, iCalendar and bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.conftest import bearer_client
from tests.learning.conftest import in_days

pytestmark = pytest.mark.django_db


def _course_body(world, **extra):
    return {
        "provider": "gm9301",
        "code": "NEW-1",
        "title": "Omgevingswet voor beginners",
        "description": "De basis",
        "format": "blended",
        "duration": "drie ochtenden",
        "study_load_hours": 12,
        "skills": [{"skill": world["law"].pk, "level": "practitioner"}],
        "publish": True,
        **extra,
    }


def _post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def test_the_catalogue_is_open_to_everyone(world):
    listed = Client().get("/api/v1/courses").json()
    assert [c["code"] for c in listed["results"]] == ["DGW-1"]
    course = listed["results"][0]
    assert course["skills"][0]["name"] == "Data-analyse"
    assert course["next_start"] is not None
    sessions = Client().get(f"/api/v1/courses/{course['id']}/sessions").json()
    assert (sessions[0]["capacity"], sessions[0]["free"]) == (2, 2)
    assert Client().get("/api/v1/courses?format=online").json()["count"] == 0
    assert Client().get("/api/v1/courses?date_from=yesterday").status_code == 400


def test_publishing_is_for_the_providers_managers(world):
    assert _post(Client(), "/api/v1/courses", _course_body(world)).status_code == 401
    assert (
        _post(bearer_client(world["bea"]), "/api/v1/courses", _course_body(world)).status_code
        == 403
    )
    made = _post(bearer_client(world["ada"]), "/api/v1/courses", _course_body(world))
    assert made.status_code == 201, made.content
    course = made.json()
    assert (course["status"], course["provider"]) == ("published", "gm9301")
    mine = bearer_client(world["ada"]).get("/api/v1/courses/mine").json()
    assert {c["code"] for c in mine["results"]} == {"DGW-1", "NEW-1"}
    session = _post(
        bearer_client(world["ada"]),
        f"/api/v1/courses/{course['id']}/sessions",
        {
            "starts_at": in_days(9).isoformat(),
            "ends_at": in_days(9, 12).isoformat(),
            "place": "Provinciehuis",
            "capacity": 1,
        },
    )
    assert session.status_code == 201, session.content
    bad = _post(
        bearer_client(world["ada"]),
        f"/api/v1/courses/{course['id']}/sessions",
        {"starts_at": in_days(9).isoformat(), "ends_at": in_days(8).isoformat(), "capacity": 1},
    )
    assert bad.status_code == 400
    assert {p["name"] for p in bad.json()["invalidParams"]} >= {"ends_at"}
    archived = _post(
        bearer_client(world["alma"]), f"/api/v1/courses/{course['id']}/status", {"status": "draft"}
    )
    assert archived.json()["status"] == "draft"
    assert Client().get(f"/api/v1/courses/{course['id']}").status_code == 404


def test_enrolment_waiting_list_and_progress(world):
    course, session = world["course"], world["session"]
    url = f"/api/v1/courses/{course.pk}/sessions/{session.pk}/enrolments"
    answers = [_post(bearer_client(world[n]), url) for n in ("bea", "bob", "cas")]
    assert [a.json()["status"] for a in answers] == ["confirmed", "confirmed", "waiting"]
    assert answers[2].json()["waiting_position"] == 1
    assert _post(bearer_client(world["bea"]), url).status_code == 409
    assert _post(Client(), url).status_code == 401

    assert bearer_client(world["bea"]).get(url).status_code == 403
    people = bearer_client(world["ada"]).get(url).json()
    assert [p["status"] for p in people] == ["confirmed", "confirmed", "waiting"]

    bea_enrolment = answers[0].json()["id"]
    assert (
        _post(
            bearer_client(world["cas"]), f"/api/v1/courses/enrolments/{bea_enrolment}/cancel"
        ).status_code
        == 404
    )
    cancelled = _post(
        bearer_client(world["bea"]), f"/api/v1/courses/enrolments/{bea_enrolment}/cancel"
    )
    assert cancelled.json()["status"] == "cancelled"
    mine = bearer_client(world["cas"]).get("/api/v1/courses/enrolments").json()["results"]
    assert mine[0]["status"] == "confirmed"  # moved up

    cas_enrolment = mine[0]["id"]
    progress = bearer_client(world["ada"]).patch(
        f"/api/v1/courses/enrolments/{cas_enrolment}",
        {"completed": True},
        content_type="application/json",
    )
    assert progress.json()["completed_at"] is not None
    added = _post(
        bearer_client(world["cas"]),
        f"/api/v1/courses/enrolments/{cas_enrolment}/skills",
        {"skills": [world["data"].pk]},
    )
    assert added.json() == [world["data"].pk]
    review = _post(
        bearer_client(world["cas"]), f"/api/v1/courses/{course.pk}/reviews", {"score": 5}
    )
    assert review.status_code == 201
    assert Client().get(f"/api/v1/courses/{course.pk}").json()["ratings"] == 1
    assert (
        _post(
            bearer_client(world["bob"]), f"/api/v1/courses/{course.pk}/reviews", {"score": 5}
        ).status_code
        == 403
    )

    calendar = bearer_client(world["cas"]).get("/api/v1/courses/enrolments.ics")
    assert calendar["Content-Type"].startswith("text/calendar")
    assert b"Datagedreven werken" in calendar.content
    one = Client().get(f"/api/v1/courses/{course.pk}/sessions/{session.pk}/calendar")
    assert b"BEGIN:VEVENT" in one.content


def test_import_endpoint(world):
    body = (
        "code,title,description,format,duration,study_load_hours\n"
        "X-9,Excel,Rekenen,online,1 uur,1\n"
    )
    file = SimpleUploadedFile("cursussen.csv", body.encode(), content_type="text/csv")
    response = bearer_client(world["ada"]).post(
        "/api/v1/courses/import?provider=gm9301", {"file": file}
    )
    assert response.status_code == 200, response.content
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 1
    refused = bearer_client(world["bea"]).post(
        "/api/v1/courses/import?provider=gm9301",
        {"file": SimpleUploadedFile("c.csv", body.encode(), content_type="text/csv")},
    )
    assert refused.status_code == 403
