"""The rules of booking: places, one place per person per half day, limits, closed days,
who may book, cancelling, changing, check-in and release."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import translation

from eenoverheid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from eenoverheid.notifications.models import Notification
from eenoverheid.workplaces import services
from eenoverheid.workplaces.models import AMSTERDAM, Booking, BookingStatus
from tests.workplaces.conftest import FRIDAY, NOW, SATURDAY, THURSDAY, make_location, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The rules' messages are matched in English (the platform's default is Dutch)."""
    with translation.override("en"):
        yield


def book(user, unit, date=THURSDAY, part="day", now=NOW, **extra):
    return services.booking_create(actor=user, unit=unit, date=date, part=part, now=now, **extra)


def test_desks_fill_up_and_the_next_person_gets_what_else_is_free(world):
    m2 = world["m"][2]
    first, second, third = person(m2), person(m2), person(m2)
    book(first, world["desks"])
    book(second, world["desks"], part="morning")
    with pytest.raises(services.BookingConflict) as full:
        book(third, world["desks"], part="morning")
    offered = {(a["unit"], a["date"], a["part"]) for a in full.value.alternatives}
    assert ("Stiltezone", THURSDAY, "morning") in offered  # another zone of the building
    assert ("Flexzone", FRIDAY, "morning") in offered  # the next open day
    assert ("Flexplekken", THURSDAY, "morning") in {
        (a["unit"], a["date"], a["part"]) for a in full.value.alternatives
    }  # a nearby location
    assert full.value.status == 409
    # The afternoon still has one desk: the second booker only took the morning.
    book(third, world["desks"], part="afternoon")
    assert Booking.objects.filter(unit=world["desks"], status="confirmed").count() == 3


def test_a_whole_day_needs_both_halves_free(world):
    m2 = world["m"][2]
    book(person(m2), world["quiet"], part="afternoon")
    with pytest.raises(services.BookingConflict) as full:
        book(person(m2), world["quiet"], part="day")
    assert ("Stiltezone", THURSDAY, "morning") in {
        (a["unit"], a["date"], a["part"]) for a in full.value.alternatives
    }


def test_a_meeting_room_takes_one_booking_and_at_most_its_capacity(world):
    m2 = world["m"][2]
    with pytest.raises(InvalidInput) as too_many:
        book(person(m2), world["room"], attendees=7)
    assert too_many.value.invalid_params[0].name == "attendees"
    book(person(m2), world["room"], attendees=6)
    with pytest.raises(services.BookingConflict):
        book(person(m2), world["room"], attendees=2)


def test_one_place_per_person_per_half_day_anywhere(world):
    user = world["civil_servant"]
    book(user, world["desks"], part="morning")
    with pytest.raises(Conflict, match="already"):
        book(user, world["others"][2].units.get(), part="day")
    book(user, world["others"][2].units.get(), part="afternoon")


def test_the_database_refuses_a_second_booking_of_the_same_half_day(world):
    user = world["civil_servant"]
    book(user, world["desks"], part="morning")
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(unit=world["quiet"], user=user, date=THURSDAY, part="day")


def test_open_bookings_per_person_are_limited(world):
    services.location_update(
        actor=world["manager"],
        location=world["town_hall"],
        data=services.LocationInput.of(max_open_bookings=2),
    )
    user = world["civil_servant"]
    book(user, world["desks"], date=THURSDAY)
    book(user, world["desks"], date=FRIDAY)
    with pytest.raises(Conflict, match="2 open bookings"):
        book(user, world["desks"], date=FRIDAY + dt.timedelta(days=3))
    # Elsewhere is another location's count.
    book(user, world["others"][2].units.get(), date=FRIDAY + dt.timedelta(days=3))


@pytest.mark.parametrize(
    ("date", "part", "message"),
    [
        (NOW.date() - dt.timedelta(days=1), "day", "past"),
        (SATURDAY, "day", "closed"),
        (NOW.date() + dt.timedelta(days=40), "day", "28 days ahead"),
    ],
)
def test_days_that_cannot_be_booked(world, date, part, message):
    with pytest.raises(Conflict, match=message):
        book(world["civil_servant"], world["desks"], date=date, part=part)


def test_the_morning_that_is_over_cannot_be_booked_any_more(world):
    late = NOW.replace(hour=13, minute=30)
    with pytest.raises(Conflict, match="over"):
        book(world["civil_servant"], world["desks"], date=NOW.date(), part="morning", now=late)
    book(world["civil_servant"], world["desks"], date=NOW.date(), part="afternoon", now=late)


def test_a_blocked_day_cancels_its_bookings_and_tells_the_people(
    world, django_capture_on_commit_callbacks
):
    user = world["civil_servant"]
    booking = book(user, world["desks"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.day_block(
            actor=world["manager"], location=world["town_hall"], date=THURSDAY, reason="Onderhoud"
        )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.cancel_reason == "Onderhoud"
    assert Notification.objects.filter(user=user, kind="workplaces.cancelled").exists()
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "Onderhoud" in mail.outbox[0].body
    with pytest.raises(Conflict, match="closed that day"):
        book(world["colleague"], world["desks"])


def test_who_may_book(world):
    restricted = make_location(
        world["manager"],
        world["m"][1],
        "GM0001",
        "Provinciehuis",
        access="organizations",
        allowed_organizations=["gm0002"],
    )
    unit = services.unit_create(
        actor=world["manager"], location=restricted, kind="desks", name="Zone", capacity=5
    )
    book(world["civil_servant"], unit)  # m2 is allowed
    book(world["manager"], unit)  # the owner's own people
    with pytest.raises(NotAllowed):
        book(world["colleague"], unit)  # m5 is not
    with pytest.raises(NotAllowed):
        book(world["outsider"], world["desks"])  # not a civil servant: no organization


def test_only_facility_managers_run_locations(world):
    with pytest.raises(NotAllowed):
        services.unit_create(
            actor=world["civil_servant"],
            location=world["town_hall"],
            kind="desks",
            name="X",
            capacity=1,
        )
    with pytest.raises(NotAllowed):
        services.day_block(
            actor=world["colleague"], location=world["town_hall"], date=THURSDAY, reason="x"
        )
    # An administrator appoints a facility manager, who may then.
    helper = person(world["m"][1])
    services.manager_add(actor=world["manager"], organization=world["m"][1], user=helper)
    services.unit_create(
        actor=helper, location=world["town_hall"], kind="desks", name="Zone B", capacity=4
    )
    with pytest.raises(InvalidInput):  # not someone of the organization
        services.manager_add(
            actor=world["manager"], organization=world["m"][1], user=world["colleague"]
        )
    with pytest.raises(NotAllowed):  # facility managers do not appoint others
        services.manager_add(actor=helper, organization=world["m"][1], user=person(world["m"][1]))


def test_bad_location_input_names_the_fields(world):
    with pytest.raises(InvalidInput) as bad:
        make_location(
            world["manager"],
            world["m"][1],
            "GM9999",
            "",
            postal_code="12345",
            opening_hours={"0": ["18:00", "08:00"], "8": ["08:00", "12:00"]},
            facilities=["sauna"],
            horizon_days=0,
        )
    names = {p.name for p in bad.value.invalid_params}
    assert {
        "name",
        "postal_code",
        "municipality",
        "opening_hours",
        "facilities",
        "horizon_days",
    } <= names


def test_cancelling_frees_the_place_at_once_until_the_deadline(world):
    m2 = world["m"][2]
    first, second = person(m2), person(m2)
    booking = book(first, world["quiet"])
    with pytest.raises(services.BookingConflict):
        book(second, world["quiet"])
    services.booking_cancel(actor=first, booking=booking, now=NOW)
    book(second, world["quiet"])
    # With a 24-hour deadline, Thursday's booking is fixed from Wednesday 08:00.
    services.location_update(
        actor=world["manager"],
        location=world["town_hall"],
        data=services.LocationInput.of(cancel_deadline_hours=24),
    )
    late = book(first, world["desks"])
    with pytest.raises(Conflict, match="deadline"):
        services.booking_cancel(actor=first, booking=late, now=NOW)
    with pytest.raises(NotFound):  # someone else's booking
        services.booking_cancel(actor=second, booking=late, now=NOW)


def test_a_manager_cancels_with_a_message(world, django_capture_on_commit_callbacks):
    user = world["civil_servant"]
    booking = book(user, world["desks"])
    with pytest.raises(InvalidInput):
        services.booking_cancel(actor=world["manager"], booking=booking, reason="")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(actor=world["manager"], booking=booking, reason="Brandoefening")
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CANCELLED
    assert "Brandoefening" in Notification.objects.get(user=user).text
    assert "Brandoefening" in mail.outbox[0].body
    assert count_for_day(world, THURSDAY) == 0


def count_for_day(world, day):
    return Booking.objects.filter(
        unit__location=world["town_hall"], date=day, status="confirmed"
    ).count()


def test_cancelling_a_days_bookings_tells_each_person(world, django_capture_on_commit_callbacks):
    m2 = world["m"][2]
    people = [person(m2) for _ in range(2)]
    for p in people:
        book(p, world["desks"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        count = services.bookings_cancel(
            actor=world["manager"], location=world["town_hall"], date=THURSDAY, reason="Storing"
        )
    assert count == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    with pytest.raises(NotAllowed):
        services.bookings_cancel(
            actor=people[0], location=world["town_hall"], date=THURSDAY, reason="x"
        )


def test_changing_is_one_step_and_keeps_the_booking_when_the_new_place_is_taken(world):
    m2 = world["m"][2]
    user = world["civil_servant"]
    booking = book(user, world["desks"])
    book(person(m2), world["quiet"], date=FRIDAY)
    with pytest.raises(services.BookingConflict):
        services.booking_change(
            actor=user, booking=booking, date=FRIDAY, unit=world["quiet"], now=NOW
        )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    moved = services.booking_change(actor=user, booking=booking, date=FRIDAY, now=NOW)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert (moved.date, moved.unit_id, moved.status) == (FRIDAY, world["desks"].pk, "confirmed")
    # Changing the part of the same day is allowed: the old half is released first.
    afternoon = services.booking_change(actor=user, booking=moved, part="afternoon", now=NOW)
    assert afternoon.part == "afternoon"


def test_check_in_and_release_of_no_shows(world):
    services.location_update(
        actor=world["manager"],
        location=world["town_hall"],
        data=services.LocationInput.of(check_in_required=True, release_after_minutes=30),
    )
    m2 = world["m"][2]
    today = NOW.date()
    present, absent, waiting = person(m2), person(m2), person(m2)
    early = NOW.replace(hour=7, minute=0)
    mine = book(present, world["desks"], date=today, part="day", now=early)
    theirs = book(absent, world["desks"], date=today, part="day", now=early)
    with pytest.raises(NotFound):
        services.check_in(actor=present, unit=world["desks"], code="wrong", now=NOW)
    with pytest.raises(Conflict):  # too early: from half an hour before the start
        services.check_in(
            actor=present, unit=world["desks"], code=world["desks"].check_in_code, now=early
        )
    services.check_in(
        actor=present,
        unit=world["desks"],
        code=world["desks"].check_in_code,
        now=NOW.replace(hour=8, minute=10),
    )
    # 08:20 is within the 30 minutes: nothing is released yet.
    assert services.release_no_shows(now=NOW.replace(hour=8, minute=20)) == 0
    with pytest.raises(services.BookingConflict):
        book(waiting, world["desks"], date=today, part="afternoon", now=NOW)
    assert services.release_no_shows(now=NOW.replace(hour=8, minute=31)) == 1
    assert Booking.objects.get(pk=theirs.pk).status == BookingStatus.RELEASED
    assert Booking.objects.get(pk=mine.pk).status == BookingStatus.CONFIRMED
    assert Notification.objects.filter(user=absent, kind="workplaces.released").exists()
    # The released desk is bookable again at once.
    book(waiting, world["desks"], date=today, part="afternoon", now=NOW)
    assert services.release_no_shows(now=NOW.replace(hour=10)) == 0


def test_a_confirmation_mail_carries_the_booking_as_icalendar(
    world, django_capture_on_commit_callbacks
):
    from icalendar import Calendar

    mail.outbox.clear()
    user = world["civil_servant"]
    with django_capture_on_commit_callbacks(execute=True):
        book(user, world["desks"])
    message = mail.outbox[-1]
    assert message.to == [user.email]
    assert message.alternatives  # an HTML part beside the plain text
    (_name, content, mimetype) = message.attachments[0]
    assert mimetype == "text/calendar"
    event = next(iter(Calendar.from_ical(content).walk("VEVENT")))
    # 08:00 in Amsterdam in winter is 07:00 UTC.
    assert event.decoded("DTSTART") == dt.datetime(2026, 12, 3, 7, 0, tzinfo=dt.UTC)
    assert event.decoded("DTEND") == dt.datetime(2026, 12, 3, 17, 0, tzinfo=dt.UTC)
    assert "Stadhuis M1" in str(event.get("SUMMARY"))


def test_a_booking_that_needs_check_in_asks_the_task_worker_to_release_it_later(
    world, settings, django_capture_on_commit_callbacks
):
    """With a task backend that runs tasks later (the database backend in production),
    each such booking schedules the release sweep for its start plus the release time."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "email"],
        }
    }
    from django_tasks import default_task_backend

    services.location_update(
        actor=world["manager"],
        location=world["town_hall"],
        data=services.LocationInput.of(check_in_required=True, release_after_minutes=45),
    )
    with django_capture_on_commit_callbacks(execute=True):
        book(world["civil_servant"], world["desks"], date=THURSDAY, part="afternoon")
    (release,) = [r for r in default_task_backend.results if r.task.name == "release_no_shows_task"]
    assert release.task.run_after == dt.datetime(2026, 12, 3, 13, 45, 5, tzinfo=AMSTERDAM)
