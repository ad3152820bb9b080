"""Never more confirmed enrolments than places, and the waiting list in order, under
concurrent enrolments and cancellations through a real running server
(`tests.live_server`), on SQLite and PostgreSQL."""

import threading

import pytest

from eenoverheid.accounts import services as account_services
from eenoverheid.learning import services
from eenoverheid.learning.models import Enrolment, EnrolmentStatus
from tests.learning.conftest import in_days, person
from tests.live_server import call

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 40
PLACES = 5


def _token(user) -> str:
    return account_services.api_token_create(user=user, name="load", scope="write")[1]


def test_enrolments_and_cancellations_at_once(world, threaded_server):
    course = world["course"]
    session = services.session_create(
        actor=world["alma"],
        course=course,
        data=services.SessionInput(
            starts_at=in_days(20), ends_at=in_days(20, 17), municipality="gm9301", capacity=PLACES
        ),
    )
    people = [person(f"Deelnemer{i}", world["b"]) for i in range(PEOPLE)]
    tokens = {p.pk: _token(p) for p in people}
    base = f"{threaded_server.url}/api/v1/courses/{course.pk}/sessions/{session.pk}/enrolments"
    results: dict[int, tuple[int, dict]] = {}
    barrier = threading.Barrier(PEOPLE)

    def enrol(user) -> None:
        barrier.wait()
        results[user.pk] = call("POST", base, tokens[user.pk])

    threads = [threading.Thread(target=enrol, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(status for status, _b in results.values()) == [201] * PEOPLE
    assert sum(1 for _s, b in results.values() if b["status"] == "confirmed") == PLACES
    line = list(
        Enrolment.objects.filter(session=session, status=EnrolmentStatus.WAITING).order_by(
            "queued_at", "id"
        )
    )
    positions = sorted(b["waiting_position"] for _s, b in results.values() if b["waiting_position"])
    assert positions == list(range(1, PEOPLE - PLACES + 1))  # each answer its own place in line
    assert len(line) == PEOPLE - PLACES

    # The confirmed cancel while the waiting cancel and others enrol again, all at once.
    confirmed = list(Enrolment.objects.filter(session=session, status=EnrolmentStatus.CONFIRMED))
    leaving_waiters = line[::4]
    newcomers = [person(f"Laat{i}", world["b"]) for i in range(10)]
    tokens.update({p.pk: _token(p) for p in newcomers})
    jobs = [
        (f"{threaded_server.url}/api/v1/courses/enrolments/{e.pk}/cancel", tokens[e.user_id])
        for e in confirmed[:3] + leaving_waiters
    ] + [(base, tokens[p.pk]) for p in newcomers]
    barrier = threading.Barrier(len(jobs))
    answers: list = []

    def run(url, token) -> None:
        barrier.wait()
        answers.append(call("POST", url, token))

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(status in (200, 201) for status, _b in answers), answers
    now_confirmed = Enrolment.objects.filter(session=session, status=EnrolmentStatus.CONFIRMED)
    assert now_confirmed.count() == PLACES  # the freed places were filled, never more
    # Those who moved up were the first in line who stayed, in order.
    stayed = [e for e in line if e not in leaving_waiters]
    moved = set(
        now_confirmed.exclude(pk__in=[e.pk for e in confirmed]).values_list("pk", flat=True)
    )
    assert moved == {e.pk for e in stayed[:3]}
    # Nobody joined ahead of those already waiting: the newcomers are at the back.
    waiting = list(
        Enrolment.objects.filter(session=session, status=EnrolmentStatus.WAITING).order_by(
            "queued_at", "id"
        )
    )
    assert [e.pk for e in waiting[: len(stayed) - 3]] == [e.pk for e in stayed[3:]]
    assert {e.user_id for e in waiting[len(stayed) - 3 :]} == {p.pk for p in newcomers}
