"""Times across the daylight-saving changes in Amsterdam, and iCalendar that parses."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from eenoverheid.workplaces import ical, services
from eenoverheid.workplaces.models import AMSTERDAM, Booking
from tests.workplaces.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (dt.date(2027, 3, 26), 7),  # Friday before summer time: UTC+1
        (dt.date(2027, 3, 29), 6),  # Monday after the clocks went forward: UTC+2
        (dt.date(2027, 10, 29), 6),  # Friday before winter time: UTC+2
        (dt.date(2027, 11, 1), 7),  # Monday after the clocks went back: UTC+1
    ],
)
def test_a_morning_starts_at_eight_local_on_both_sides_of_a_change(world, day, utc_hour):
    location = world["town_hall"]
    start, end = location.span(day, "morning")
    assert start.astimezone(AMSTERDAM).hour == 8
    assert end.astimezone(AMSTERDAM).hour == 13
    assert start.astimezone(dt.UTC).hour == utc_hour
    assert end - start == dt.timedelta(hours=5)


def test_the_sunday_of_the_change_is_a_day_like_others_when_the_building_is_open(world):
    location = world["town_hall"]
    location.opening_hours = {str(d): ["08:00", "18:00"] for d in range(7)}
    location.save()
    # 31 October 2027: 02:00-03:00 happens twice; the building opens at 08:00.
    start, end = location.span(dt.date(2027, 10, 31), "day")
    assert (start.astimezone(dt.UTC).hour, end.astimezone(dt.UTC).hour) == (7, 17)
    assert end - start == dt.timedelta(hours=10)


def test_icalendar_of_bookings_parses_and_keeps_the_times(world):
    user = world["civil_servant"]
    far = NOW.replace(year=2027, month=3, day=25)  # a Thursday, 09:00
    location = world["town_hall"]
    location.horizon_days = 60
    location.description = "x" * 200  # long lines are folded
    location.house_rules = "Geen; komma's, en \\ tekens\nop twee regels"
    location.save()
    before = services.booking_create(
        actor=user, unit=world["desks"], date=dt.date(2027, 3, 26), part="morning", now=far
    )
    after = services.booking_create(
        actor=user, unit=world["desks"], date=dt.date(2027, 3, 29), part="afternoon", now=far
    )
    bookings = Booking.objects.filter(pk__in=[before.pk, after.pk]).order_by("date")
    calendar = Calendar.from_ical(ical.booking_calendar(bookings, name="Mijn werkplekken"))
    events = list(calendar.walk("VEVENT"))
    assert [e.decoded("DTSTART") for e in events] == [
        dt.datetime(2027, 3, 26, 7, 0, tzinfo=dt.UTC),
        dt.datetime(2027, 3, 29, 11, 0, tzinfo=dt.UTC),  # 13:00 in summer time
    ]
    assert "komma's, en \\ tekens\nop twee regels" in str(events[0].get("DESCRIPTION"))
    assert all(
        len(line.encode()) <= 75
        for line in ical.booking_calendar(bookings, name="x" * 100).split("\r\n")
    )


def test_the_private_feed_is_revocable_and_shows_cancellations(world):
    user = world["civil_servant"]
    booking = services.booking_create(
        actor=user, unit=world["desks"], date=dt.date(2026, 12, 3), part="day", now=NOW
    )
    services.booking_cancel(actor=user, booking=booking, now=NOW)
    feed = services.feed_for(user=user)
    url = reverse("workplaces:feed", args=[feed.token])
    anonymous = Client()
    response = anonymous.get(url)  # the address is the key: no sign-in needed
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event.get("STATUS")) == "CANCELLED"
    rotated = services.feed_for(user=user, rotate=True)
    assert anonymous.get(url).status_code == 404
    assert anonymous.get(reverse("workplaces:feed", args=[rotated.token])).status_code == 200
    services.feed_revoke(user=user)
    assert anonymous.get(reverse("workplaces:feed", args=[rotated.token])).status_code == 404
    # Someone else's feed never shows this person's bookings.
    other = services.feed_for(user=world["colleague"])
    body = anonymous.get(reverse("workplaces:feed", args=[other.token])).content
    assert not list(Calendar.from_ical(body).walk("VEVENT"))
