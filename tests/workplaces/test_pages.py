"""The pages: search, a location's week, booking in two clicks, the conflict page, one's
bookings, checking in at the desk, and what facility managers see (and others do not)."""

import pytest
from django.test import Client
from django.urls import reverse

from eenoverheid.workplaces import services
from eenoverheid.workplaces.models import Booking
from tests.workplaces.conftest import person, workday

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_search_and_book_in_two_clicks(world):
    client = signed_in(world["civil_servant"])
    day = workday(1)
    page = client.get(
        reverse("workplaces:search"),
        {"municipality": "gm0001", "date": day, "part": "day", "capacity": 1, "near": "on"},
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Stadhuis M1") < html.index("Kantoor in M2") < html.index("Kantoor in M4")
    assert "Kantoor in M5" not in html
    booked = client.post(
        reverse("workplaces:book"),
        {"unit": world["desks"].pk, "date": day, "part": "day"},
        follow=True,
    )
    assert booked.status_code == 200
    booking = Booking.objects.get(user=world["civil_servant"])
    assert booked.redirect_chain[-1][0] == reverse("workplaces:booking", args=[booking.pk])
    assert "Flexzone" in booked.content.decode()


def test_a_taken_place_shows_what_else_is_free(world):
    day = workday(1)
    services.booking_create(actor=person(world["m"][2]), unit=world["quiet"], date=day, part="day")
    response = signed_in(world["civil_servant"]).post(
        reverse("workplaces:book"), {"unit": world["quiet"].pk, "date": day, "part": "day"}
    )
    assert response.status_code == 409
    assert "Flexzone" in response.content.decode()


def test_the_location_page_shows_a_week_and_anonymous_visitors_are_asked_to_sign_in(world):
    url = reverse("workplaces:location", args=[world["town_hall"].pk])
    anonymous = Client().get(url)
    assert anonymous.status_code == 200
    assert "Stiltezone" in anonymous.content.decode()
    assert reverse("workplaces:book") not in anonymous.content.decode()
    member = signed_in(world["civil_servant"]).get(url)
    assert reverse("workplaces:book") in member.content.decode()
    assert signed_in(world["civil_servant"]).get(url + "?vanaf=niet-een-datum").status_code == 200


def test_my_bookings_cancel_and_change_from_the_pages(world):
    user = world["civil_servant"]
    client = signed_in(user)
    day = workday(2)
    booking = services.booking_create(actor=user, unit=world["desks"], date=day, part="day")
    listing = client.get(reverse("workplaces:my_bookings")).content.decode()
    assert "Flexzone" in listing
    changed = client.post(
        reverse("workplaces:booking_change", args=[booking.pk]),
        {"date": day, "part": "morning", "unit": world["quiet"].pk},
    )
    new = Booking.objects.get(user=user, status="confirmed")
    assert changed.url == reverse("workplaces:booking", args=[new.pk])
    assert (new.unit_id, new.part) == (world["quiet"].pk, "morning")
    client.post(reverse("workplaces:booking_cancel", args=[new.pk]))
    assert not Booking.objects.filter(user=user, status="confirmed").exists()
    ics = client.get(reverse("workplaces:booking_ics", args=[new.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    # Another person cannot see it.
    assert (
        signed_in(world["colleague"]).get(reverse("workplaces:booking", args=[new.pk])).status_code
        == 404
    )
    client.post(reverse("workplaces:feed_action"), {"action": "create"})
    assert "/werkplekken/agenda/" in client.get(reverse("workplaces:my_bookings")).content.decode()


def test_check_in_through_the_code_on_the_desk(world):
    services.location_update(
        actor=world["manager"],
        location=world["town_hall"],
        data=services.LocationInput.of(
            opening_hours={str(d): ["00:00", "23:59"] for d in range(7)}, midday="12:00"
        ),
    )
    user = world["civil_servant"]
    today = services.local_today()
    part = "morning" if services.timezone.localtime().hour < 12 else "afternoon"
    services.booking_create(actor=user, unit=world["desks"], date=today, part=part)
    unit = world["desks"]
    url = reverse("workplaces:check_in", args=[unit.pk, unit.check_in_code])
    client = signed_in(user)
    assert client.get(url).status_code == 200
    client.post(url)
    assert Booking.objects.get(user=user).checked_in_at is not None
    wrong = reverse("workplaces:check_in", args=[unit.pk, "verkeerd"])
    assert client.get(wrong).status_code == 404


def test_managers_see_management_pages_others_do_not(world):
    manager = signed_in(world["manager"])
    other = signed_in(world["civil_servant"])
    location = world["town_hall"]
    for name, args in [
        ("manage_location", [location.pk]),
        ("export", [location.pk]),
        ("unit_qr", [world["desks"].pk]),
    ]:
        assert manager.get(reverse(f"workplaces:{name}", args=args)).status_code == 200
        assert other.get(reverse(f"workplaces:{name}", args=args)).status_code == 404
    qr = manager.get(reverse("workplaces:unit_qr", args=[world["desks"].pk]))
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content
    overview = manager.get(reverse("workplaces:manage")).content.decode()
    assert "Stadhuis M1" in overview
    assert "<meter" in overview
    assert "Stadhuis M1" not in other.get(reverse("workplaces:manage")).content.decode()


def test_the_csv_export_is_safe_for_spreadsheets(world):
    day = workday(1)
    booker = person(world["m"][2])
    booker.name = "=HYPERLINK(1)"
    booker.save()
    booking = services.booking_create(actor=booker, unit=world["desks"], date=day, part="day")
    services.booking_cancel(actor=world["manager"], booking=booking, reason="=1+1")
    body = (
        signed_in(world["manager"])
        .get(reverse("workplaces:export", args=[world["town_hall"].pk]))
        .content.decode("utf-8-sig")
    )
    assert "'=HYPERLINK(1)" in body
    assert "'=1+1" in body
    assert body.splitlines()[0].startswith("date,part,workplace")


def test_a_manager_registers_a_location_units_and_blocked_days_on_the_pages(world):
    client = signed_in(world["manager"])
    form = {
        "organization": "gm0001",
        "name": "Stadskantoor",
        "street_address": "Lange Viestraat 2",
        "postal_code": "3511 BK",
        "city": "M1",
        "municipality": "gm0001",
        "midday": "13:00",
        "access": "government",
        "horizon_days": 28,
        "max_open_bookings": 5,
        "cancel_deadline_hours": 0,
        "release_after_minutes": 60,
        "is_active": "on",
        "hours_0_open": "08:00",
        "hours_0_close": "17:00",
    }
    response = client.post(reverse("workplaces:location_create"), form)
    location = world["m"][1].workplace_locations.get(name="Stadskantoor")
    assert response.url == reverse("workplaces:manage_location", args=[location.pk])
    assert location.opening_hours == {"0": ["08:00", "17:00"]}
    manage = reverse("workplaces:manage_location", args=[location.pk])
    client.post(manage, {"action": "unit", "kind": "desks", "name": "Zone", "capacity": 4})
    assert location.units.get().capacity == 4
    bad = client.post(manage, {"action": "block", "date": "2020-01-01", "reason": "Te laat"})
    assert "past" in bad.content.decode() or "verleden" in bad.content.decode()
    half = dict(form, hours_1_open="09:00")
    half.pop("organization")
    wrong = client.post(manage, {**half, "action": "location"})
    assert wrong.status_code == 200
    assert "opening" in wrong.content.decode().lower()
