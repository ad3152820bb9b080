"""Never overbooked: many people at once through a real running server
(`tests.live_server`), on SQLite and PostgreSQL."""

import threading

import pytest

from eenoverheid.accounts import services as account_services
from eenoverheid.workplaces import services
from eenoverheid.workplaces.models import Booking
from tests.live_server import call
from tests.workplaces.conftest import person, workday

pytestmark = pytest.mark.django_db(transaction=True)


CLIENTS = 60


def _post(url: str, token: str, body: dict) -> tuple[int, dict]:
    return call("POST", url, token, body)


def _fire(url: str, requests: list[tuple[str, dict]]) -> list[tuple[int, dict]]:
    """Every request in its own thread, released together by a barrier."""
    results: list = [None] * len(requests)
    barrier = threading.Barrier(len(requests))

    def run(index: int, token: str, body: dict) -> None:
        barrier.wait()
        results[index] = _post(url, token, body)

    threads = [
        threading.Thread(target=run, args=(i, token, body))
        for i, (token, body) in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _token(user) -> str:
    _row, plain = account_services.api_token_create(user=user, name="load", scope="write")
    return plain


def test_sixty_people_for_five_desks_make_five_bookings(world, threaded_server):
    zone = services.unit_create(
        actor=world["manager"],
        location=world["town_hall"],
        kind="desks",
        name="Zone 5",
        capacity=5,
    )
    day = workday(2)
    tokens = [_token(person(world["m"][2])) for _ in range(CLIENTS)]
    results = _fire(
        f"{threaded_server.url}/api/v1/bookings",
        [(t, {"unit_id": zone.pk, "date": day.isoformat(), "part": "day"}) for t in tokens],
    )
    statuses = sorted(status for status, _body in results)
    assert statuses.count(201) == 5
    assert statuses.count(409) == CLIENTS - 5
    refused = [body for status, body in results if status == 409]
    assert all(body["alternatives"] for body in refused)  # the other zones are free
    assert {a["unit"] for a in refused[0]["alternatives"]} >= {"Flexzone", "Stiltezone"}
    assert Booking.objects.filter(unit=zone, date=day, status="confirmed").count() == 5


def test_cancel_and_book_at_once_never_exceed_the_places(world, threaded_server):
    """Half of the holders cancel while others try to book the same desks: at the end
    the count never exceeds the places and every freed desk can be taken."""
    day = workday(3)
    unit = world["desks"]  # two desks
    holders = [person(world["m"][2]) for _ in range(2)]
    for holder in holders:
        services.booking_create(actor=holder, unit=unit, date=day, part="day")
    bookings = list(Booking.objects.filter(unit=unit, date=day))
    tokens = {h.pk: _token(h) for h in holders}
    seekers = [_token(person(world["m"][2])) for _ in range(50)]
    url = threaded_server.url
    results: list = []
    barrier = threading.Barrier(len(seekers) + 1)

    def cancel() -> None:
        barrier.wait()
        booking = bookings[0]
        results.append(
            (
                "cancel",
                *_post(f"{url}/api/v1/bookings/{booking.pk}/cancel", tokens[booking.user_id], {}),
            )
        )

    def seek(token: str) -> None:
        barrier.wait()
        results.append(
            (
                "book",
                *_post(
                    f"{url}/api/v1/bookings",
                    token,
                    {"unit_id": unit.pk, "date": day.isoformat(), "part": "day"},
                ),
            )
        )

    threads = [threading.Thread(target=cancel)] + [
        threading.Thread(target=seek, args=(t,)) for t in seekers
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert ("cancel", 200) in [(kind, status) for kind, status, _b in results]
    booked = [status for kind, status, _b in results if kind == "book"]
    assert set(booked) <= {201, 409}
    confirmed = Booking.objects.filter(unit=unit, date=day, status="confirmed").count()
    assert confirmed <= 2
    assert booked.count(201) <= 1  # at most the one cancelled desk
    assert confirmed == 1 + booked.count(201)


def test_one_person_clicking_twenty_times_gets_one_booking(world, threaded_server):
    user = person(world["m"][2])
    token = _token(user)
    day = workday(2)
    units = [world["desks"], world["quiet"], *[loc.units.get() for loc in world["others"].values()]]
    results = _fire(
        f"{threaded_server.url}/api/v1/bookings",
        [
            (token, {"unit_id": units[i % len(units)].pk, "date": day.isoformat(), "part": "day"})
            for i in range(20)
        ],
    )
    assert sorted(s for s, _b in results).count(201) == 1
    assert Booking.objects.filter(user=user, date=day, status="confirmed").count() == 1
