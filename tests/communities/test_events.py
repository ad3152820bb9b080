"""Events: places never overbooked and the waiting list in order, also when people
register and cancel at the same time (SQLite and PostgreSQL); series; check-in;
iCalendar."""

import datetime as dt
import threading

import pytest
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone

from eenoverheid.communities import services
from eenoverheid.communities.models import Registration
from eenoverheid.core.errors import Conflict, NotAllowed
from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.services import membership_ensure
from tests.conftest import bearer_client
from tests.factories import UserFactory


def _people(n):
    org = Organization.objects.get_or_create(
        code="gm0344",
        defaults={"name": "Gemeente Utrecht", "kind": "municipality", "layer": "municipality"},
    )[0]
    users = [UserFactory(name=f"Deelnemer {i}") for i in range(n)]
    for user in users:
        membership_ensure(user=user, organization=org)
    return users


def _event(owner, members, capacity=2, **extra):
    community = services.community_create(actor=owner, name="Handhaving")
    for member in members:
        services.join(community=community, actor=member)
    start = timezone.now() + dt.timedelta(days=7)
    fields = {
        "title": "Kennissessie",
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=2),
        "location": "Stadskantoor Utrecht",
        "capacity": capacity,
        "visibility": "public",
        **extra,
    }
    return services.event_create(community=community, actor=owner, **fields)


@pytest.mark.django_db
def test_capacity_waiting_list_and_moving_up_in_order():
    owner, a, b, c, d = _people(5)
    (event,) = _event(owner, [a, b, c, d])
    statuses = [services.event_register(event=event, actor=p).status for p in (a, b, c, d)]
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]
    assert services.event_register(event=event, actor=a).status == "confirmed"  # idempotent
    moved = services.event_unregister(event=event, actor=b)
    assert [r.user for r in moved] == [c]  # first come, first served
    assert Registration.objects.get(event=event, user=d).status == "waiting"
    # Cancelling and registering again puts one at the back of the queue.
    services.event_unregister(event=event, actor=a)
    assert Registration.objects.get(event=event, user=d).status == "confirmed"
    assert services.event_register(event=event, actor=a).status == "waiting"
    # More places move the waiting list up.
    services.event_update(event=event, actor=owner, capacity=3)
    assert Registration.objects.get(event=event, user=a).status == "confirmed"


@pytest.mark.django_db
def test_only_managers_plan_and_bad_input_is_named():
    owner, member = _people(2)
    (event,) = _event(owner, [member])
    start = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(NotAllowed):
        services.event_create(
            community=event.community,
            actor=member,
            title="X",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            location="Hier",
        )
    api = bearer_client(owner)
    response = api.post(
        f"/api/v1/communities/{event.community.pk}/events",
        {
            "title": "X",
            "starts_at": start.isoformat(),
            "ends_at": (start - dt.timedelta(hours=1)).isoformat(),
            "location": "Hier",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "ends_at"


@pytest.mark.django_db
def test_a_series_the_online_link_check_in_and_icalendar():
    owner, member, _other = _people(3)
    events = _event(
        owner,
        [member],
        capacity=None,
        recurrence="weekly",
        occurrences=4,
        online_url="https://meet.example.org/abc",
        location="",
    )
    assert len(events) == 4
    assert events[1].starts_at - events[0].starts_at == dt.timedelta(days=7)
    first = events[0]
    # The online link is for registered participants.
    api = bearer_client(member)
    url = f"/api/v1/communities/{first.community.pk}/events/{first.pk}"
    assert api.get(url).json()["online_url"] == ""
    assert api.put(f"{url}/registration").json()["status"] == "confirmed"
    assert api.get(url).json()["online_url"] == "https://meet.example.org/abc"
    with pytest.raises(NotAllowed):  # not on the day, not a manager
        services.check_in(event=first, actor=member, user_id=member.pk)
    services.check_in(event=first, actor=owner, user_id=member.pk)
    assert Registration.objects.get(event=first, user=member).checked_in_at is not None
    ics = Client().get(f"/gemeenschappen/{first.community.slug}/evenementen/{first.pk}.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert f"UID:event-{first.pk}@" in body
    assert "SUMMARY:Kennissessie" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    feed = Client().get(f"/gemeenschappen/{first.community.slug}/evenementen.ics").content.decode()
    assert feed.count("BEGIN:VEVENT") == 4


@pytest.mark.django_db
def test_a_cancelled_or_members_only_event():
    owner, member, _outsider = _people(3)
    (event,) = _event(owner, [member], visibility="members")
    assert (
        Client().get(f"/gemeenschappen/{event.community.slug}/evenementen/{event.pk}/").status_code
        == 404
    )
    assert (
        "BEGIN:VEVENT"
        not in Client()
        .get(f"/gemeenschappen/{event.community.slug}/evenementen.ics")
        .content.decode()
    )
    services.event_update(event=event, actor=owner, cancelled=True)
    with pytest.raises(Conflict):
        services.event_register(event=event, actor=member)


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_and_cancellations_never_overbook():
    owner, *people = _people(13)
    (event,) = _event(owner, people, capacity=5)
    early = people[:4]
    for person in early:
        services.event_register(event=event, actor=person)
    barrier = threading.Barrier(10)
    errors = []

    def act(person, cancel):
        try:
            barrier.wait()
            if cancel:
                services.event_unregister(event=event, actor=person)
            else:
                services.event_register(event=event, actor=person)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            close_old_connections()

    jobs = [(p, False) for p in people[4:12]] + [(p, True) for p in early[:2]]
    threads = [threading.Thread(target=act, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    registrations = list(Registration.objects.filter(event=event).order_by("position"))
    confirmed = [r for r in registrations if r.status == "confirmed"]
    waiting = [r for r in registrations if r.status == "waiting"]
    assert len(confirmed) == 5
    assert len(confirmed) + len(waiting) == 10  # 12 registered, 2 cancelled
    # Everyone confirmed registered before everyone still waiting.
    assert max(r.position for r in confirmed) < min(r.position for r in waiting)
