"""The catalogue's pages: searching, enrolling and cancelling, one's own courses, the
provider's pages (new course, sessions, participants, import), and who may see them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from eenoverheid.learning.models import Course, EnrolmentStatus
from tests.learning.conftest import in_days

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_catalogue_and_course_pages(world):
    page = Client().get(reverse("learning:catalogue"))
    assert page.status_code == 200
    assert list(page.context["page"].object_list) == [world["course"]]
    assert (
        Client()
        .get(reverse("learning:catalogue"), {"format": "online"})
        .context["page"]
        .paginator.count
        == 0
    )
    detail = Client().get(reverse("learning:course", args=[world["course"].pk]))
    assert "Stadhuis" in detail.content.decode()
    draft = Course.objects.create(
        provider=world["a"],
        code="D",
        title="Concept",
        description="x",
        format="online",
        duration="1 uur",
        study_load_hours=1,
    )
    assert Client().get(reverse("learning:course", args=[draft.pk])).status_code == 404
    assert (
        signed_in(world["ada"]).get(reverse("learning:course", args=[draft.pk])).status_code == 200
    )


def test_enrol_cancel_and_my_courses(world):
    bea = signed_in(world["bea"])
    session = world["session"]
    bea.post(reverse("learning:enrol", args=[session.pk]))
    enrolment = session.enrolments.get(user=world["bea"])
    assert enrolment.status == EnrolmentStatus.CONFIRMED
    mine = bea.get(reverse("learning:mine"))
    assert [e.pk for e in mine.context["upcoming"]] == [enrolment.pk]
    calendar = bea.get(reverse("learning:my_calendar"))
    assert b"Datagedreven werken" in calendar.content
    # Someone else cannot cancel it.
    assert (
        signed_in(world["bob"])
        .post(reverse("learning:enrolment_action", args=[enrolment.pk]), {"action": "cancel"})
        .status_code
        == 404
    )
    bea.post(reverse("learning:enrolment_action", args=[enrolment.pk]), {"action": "cancel"})
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CANCELLED
    assert Client().post(reverse("learning:enrol", args=[session.pk])).status_code == 302


def test_the_providers_pages(world):
    ada = signed_in(world["ada"])
    assert ada.get(reverse("learning:manage")).status_code == 200
    response = ada.post(
        reverse("learning:course_new"),
        {
            "provider": "gm9301",
            "code": "OW-1",
            "title": "Omgevingswet",
            "description": "De basis",
            "format": "classroom",
            "language": "nl",
            "duration": "1 dag",
            "study_load_hours": "8",
            "cost_kind": "free",
            "price_euros": "0",
            "price_points": "0",
            "publish": "on",
            "skill_1": str(world["law"].pk),
            "level_1": "practitioner",
        },
    )
    course = Course.objects.get(code="OW-1")
    assert response["Location"] == reverse("learning:sessions", args=[course.pk])
    ada.post(
        reverse("learning:sessions", args=[course.pk]),
        {
            "action": "add",
            "starts_at": in_days(10).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": in_days(10, 16).strftime("%Y-%m-%dT%H:%M"),
            "municipality": "gm9301",
            "capacity": "12",
        },
    )
    session = course.sessions.get()
    assert session.capacity == 12
    signed_in(world["bea"]).post(reverse("learning:enrol", args=[session.pk]))
    people = ada.get(reverse("learning:participants", args=[session.pk]))
    assert "Bea" in people.content.decode()
    enrolment = session.enrolments.get()
    ada.post(
        reverse("learning:enrolment_action", args=[enrolment.pk]),
        {"action": "completed", "next": reverse("learning:participants", args=[session.pk])},
    )
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    for path in (
        reverse("learning:manage"),
        reverse("learning:sessions", args=[course.pk]),
        reverse("learning:participants", args=[session.pk]),
        reverse("learning:import"),
        reverse("learning:course_new"),
    ):
        status = signed_in(world["bea"]).get(path).status_code
        assert status in (200, 404), path
        if path != reverse("learning:manage"):
            assert status == 404, path


def test_the_import_page_reports(world):
    body = "code,title,description,format,duration,study_load_hours\nX-1,,x,online,1 uur,1\n"
    response = signed_in(world["alma"]).post(
        reverse("learning:import"),
        {"provider": "gm9301", "file": SimpleUploadedFile("c.csv", body.encode())},
    )
    report = response.context["report"]
    assert report.rejected[0].lines == "2"
    assert "title" in report.rejected[0].reason


def test_courses_for_the_skills_a_challenge_needs(world):
    from eenoverheid.challenges.models import Challenge, ChallengeSkill

    challenge = Challenge.objects.create(
        title="Datagedreven jeugdbeleid",
        description="x",
        organization=world["b"],
        lead=world["bea"],
        visibility="signed_in",
    )
    ChallengeSkill.objects.create(challenge=challenge, skill=world["data"])
    page = signed_in(world["bob"]).get(reverse("learning:for_challenge", args=[challenge.pk]))
    assert [c.code for c in page.context["courses"]] == ["DGW-1"]
    assert (
        signed_in(world["bob"])
        .get(reverse("challenges:detail", args=[challenge.pk]))
        .content.decode()
        .count(reverse("learning:for_challenge", args=[challenge.pk]))
        == 1
    )


def test_the_participants_page_runs_a_bounded_number_of_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from eenoverheid.learning import services
    from tests.learning.conftest import person

    session, ada = world["session"], signed_in(world["ada"])
    url = reverse("learning:participants", args=[session.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert ada.get(url).status_code == 200
        return len(queries)

    for name in ("bea", "bob", "cas"):
        services.enrol(actor=world[name], session=session)
    few = count()
    for i in range(8):
        services.enrol(actor=person(f"Wachter{i}", world["b"]), session=session)
    page = ada.get(url)
    assert [e.position for e in page.context["enrolments"]][-2:] == [8, 9]
    assert count() == few
