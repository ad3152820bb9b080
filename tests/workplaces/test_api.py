"""`/api/v1/workplaces` and `/api/v1/bookings`: search, booking with 409 and alternatives,
what facility managers may do, and bad input named."""

import datetime as dt

import pytest
from django.test import Client

from eenoverheid.workplaces import services
from eenoverheid.workplaces.models import Booking
from tests.conftest import bearer_client
from tests.workplaces.conftest import person, workday

pytestmark = pytest.mark.django_db


def test_search_orders_by_nearness_and_shows_free_places(world):
    client = bearer_client(world["civil_servant"])
    day = workday(1)
    response = client.get(f"/api/v1/workplaces?municipality=GM0001&date={day}")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [(r["location"]["name"], r["nearness"]) for r in results] == [
        ("Stadhuis M1", "municipality"),
        ("Kantoor in M2", "safety_region"),
        ("Kantoor in M4", "province"),
    ]
    assert results[0]["free_desks"] == 3
    everywhere = client.get(f"/api/v1/workplaces?date={day}").json()
    assert everywhere["count"] == 4
    only_here = client.get(f"/api/v1/workplaces?municipality=GM0001&near=false&date={day}")
    assert only_here.json()["count"] == 1
    # A room for eight exists nowhere; a screen only in the town hall's room.
    rooms = client.get(f"/api/v1/workplaces?kind=room&capacity=8&date={day}").json()
    assert rooms["count"] == 0
    screen = client.get(f"/api/v1/workplaces?facilities=screen&date={day}").json()
    assert [u["unit"]["name"] for u in screen["results"][0]["units"]] == ["Vergaderzaal"]


def test_search_without_room_or_on_a_closed_day(world):
    client = bearer_client(world["civil_servant"])
    saturday = workday(1)
    while saturday.weekday() != 5:
        saturday += dt.timedelta(days=1)
    assert client.get(f"/api/v1/workplaces?date={saturday}").json()["count"] == 0
    assert client.get("/api/v1/workplaces?capacity=4&kind=desks").json()["count"] == 0


def test_anonymous_visitors_see_open_locations_but_cannot_book(world):
    anonymous = Client()
    assert anonymous.get("/api/v1/workplaces").status_code == 200
    response = anonymous.post(
        "/api/v1/bookings",
        {"unit_id": world["desks"].pk, "date": str(workday(1)), "part": "day"},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_book_and_the_409_lists_alternatives(world):
    day = workday(1)
    body = {"unit_id": world["quiet"].pk, "date": str(day), "part": "day"}
    first = bearer_client(person(world["m"][2])).post(
        "/api/v1/bookings", body, content_type="application/json"
    )
    assert first.status_code == 201
    assert first.json()["status"] == "confirmed"
    assert first.json()["starts_at"].startswith(str(day))
    second = bearer_client(person(world["m"][2])).post(
        "/api/v1/bookings", body, content_type="application/json"
    )
    assert second.status_code == 409
    assert second["Content-Type"] == "application/problem+json"
    problem = second.json()
    assert problem["status"] == 409
    assert {"unit", "location", "date", "part", "free"} <= set(problem["alternatives"][0])
    assert "Flexzone" in {a["unit"] for a in problem["alternatives"]}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"date": "2026-13-01"}, "date"),
        ({"part": "evening"}, "part"),
        ({"attendees": 0}, "attendees"),
        ({"unit_id": 999999}, "unit_id"),
        ({"unit_id": True}, "unit_id"),
        ({"extra": 1}, "extra"),
    ],
)
def test_bad_booking_input_is_a_400_naming_the_field(world, body, field):
    base = {"unit_id": world["desks"].pk, "date": str(workday(1)), "part": "day"}
    response = bearer_client(world["civil_servant"]).post(
        "/api/v1/bookings", {**base, **body}, content_type="application/json"
    )
    assert response.status_code == 400
    assert field in {p["name"] for p in response.json()["invalidParams"]}
    assert not Booking.objects.exists()


def test_my_bookings_change_cancel_and_feed(world):
    user = world["civil_servant"]
    client = bearer_client(user)
    day = workday(2)
    created = client.post(
        "/api/v1/bookings",
        {"unit_id": world["desks"].pk, "date": str(day), "part": "morning"},
        content_type="application/json",
    ).json()
    assert client.get("/api/v1/bookings").json()["count"] == 1
    moved = client.patch(
        f"/api/v1/bookings/{created['id']}", {"part": "afternoon"}, content_type="application/json"
    )
    assert moved.status_code == 200
    assert moved.json()["part"] == "afternoon"
    other = bearer_client(world["colleague"])
    assert other.get(f"/api/v1/bookings/{moved.json()['id']}").status_code == 404
    assert (
        other.post(
            f"/api/v1/bookings/{moved.json()['id']}/cancel", {}, content_type="application/json"
        ).status_code
        == 404
    )
    cancelled = client.post(
        f"/api/v1/bookings/{moved.json()['id']}/cancel", {}, content_type="application/json"
    )
    assert cancelled.json()["status"] == "cancelled"
    assert client.get("/api/v1/bookings").json()["count"] == 0
    assert client.get("/api/v1/bookings?upcoming=false").json()["count"] == 2
    feed = client.get("/api/v1/bookings/feed").json()["url"]
    rotated = client.post("/api/v1/bookings/feed").json()["url"]
    assert feed != rotated
    assert Client().get(rotated.split("testserver", 1)[1]).status_code == 200
    assert Client().get(feed.split("testserver", 1)[1]).status_code == 404


def test_facility_managers_run_a_location_through_the_api(world):
    manager = bearer_client(world["manager"])
    created = manager.post(
        "/api/v1/workplaces",
        {
            "organization": "gm0001",
            "name": "Stadskantoor",
            "street_address": "Lange Viestraat 2",
            "postal_code": "3511bk",
            "city": "M1",
            "municipality": "GM0001",
            "facilities": ["quiet_room", "parking"],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    location = created.json()
    assert location["postal_code"] == "3511 BK"
    unit = manager.post(
        f"/api/v1/workplaces/{location['id']}/units",
        {"kind": "desks", "name": "Zone A", "capacity": 10},
        content_type="application/json",
    )
    assert unit.status_code == 201
    day = workday(1)
    bearer_client(world["civil_servant"]).post(
        "/api/v1/bookings",
        {"unit_id": unit.json()["id"], "date": str(day), "part": "day"},
        content_type="application/json",
    )
    listed = manager.get(f"/api/v1/workplaces/{location['id']}/bookings").json()
    assert [b["email"] for b in listed["results"]] == ["ambtenaar@m2.nl"]
    occupancy = manager.get(f"/api/v1/workplaces/{location['id']}/occupancy?start={day}&days=1")
    assert occupancy.json() == [
        {"date": str(day), "used": 2, "capacity": 20, "percent": 10, "closed": False}
    ]
    blocked = manager.post(
        f"/api/v1/workplaces/{location['id']}/blocked-days",
        {"date": str(day), "reason": "Verhuizing"},
        content_type="application/json",
    )
    assert blocked.status_code == 201
    assert Booking.objects.get().status == "cancelled"
    again = manager.post(
        f"/api/v1/workplaces/{location['id']}/blocked-days",
        {"date": str(day), "reason": "Nog eens"},
        content_type="application/json",
    )
    assert again.status_code == 409
    # Someone else may read the location but not run it.
    other = bearer_client(world["civil_servant"])
    assert other.get(f"/api/v1/workplaces/{location['id']}").status_code == 200
    for method, path, body in [
        ("patch", "", {"name": "Van mij"}),
        ("post", "/units", {"kind": "desks", "name": "X", "capacity": 1}),
        ("post", "/cancellations", {"date": str(day), "reason": "x"}),
        ("get", "/bookings", None),
        ("get", "/occupancy", None),
    ]:
        call = getattr(other, method)
        response = (
            call(
                f"/api/v1/workplaces/{location['id']}{path}", body, content_type="application/json"
            )
            if body is not None
            else call(f"/api/v1/workplaces/{location['id']}{path}")
        )
        assert response.status_code == 403, (method, path)


def test_a_restricted_location_is_invisible_to_other_organizations(world):
    from tests.workplaces.conftest import make_location

    restricted = make_location(
        world["manager"],
        world["m"][1],
        "GM0001",
        "Alleen M1",
        access="organizations",
        allowed_organizations=["gm0001"],
    )
    services.unit_create(
        actor=world["manager"], location=restricted, kind="desks", name="Zone", capacity=3
    )
    outsider = bearer_client(world["colleague"])
    assert outsider.get(f"/api/v1/workplaces/{restricted.pk}").status_code == 404
    names = {r["location"]["name"] for r in outsider.get("/api/v1/workplaces").json()["results"]}
    assert "Alleen M1" not in names
    insider = bearer_client(world["manager"])
    assert insider.get(f"/api/v1/workplaces/{restricted.pk}").status_code == 200
    assert Client().get(f"/api/v1/workplaces/{restricted.pk}").status_code == 404


def test_location_input_errors_are_named(world):
    response = bearer_client(world["manager"]).post(
        "/api/v1/workplaces",
        {
            "organization": "gm0001",
            "name": "X",
            "street_address": "Y 1",
            "postal_code": "123456",
            "city": "Z",
            "municipality": "GM4242",
            "opening_hours": {"0": ["25:00", "08:00"]},
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert {"postal_code", "municipality", "opening_hours"} <= names
