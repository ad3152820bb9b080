"""The catalogue's rules on the real database: places and the waiting list, who
publishes, completion and skills, reviews, and the search filters."""

import datetime as dt

import pytest
from django.utils import timezone

from eenoverheid.core.errors import Conflict, InvalidInput, NotAllowed
from eenoverheid.learning import ical, selectors, services
from eenoverheid.learning.models import EnrolmentStatus
from eenoverheid.notifications.models import Notification
from eenoverheid.people.models import ProfileSkill
from eenoverheid.people.services import profile_for
from tests.learning.conftest import course_input, in_days

pytestmark = pytest.mark.django_db


def statuses(session):
    return [
        (e.user.name, e.status)
        for e in session.enrolments.exclude(status="cancelled").order_by("queued_at", "id")
    ]


def test_places_then_the_waiting_list_in_order(world):
    session = world["session"]
    first = services.enrol(actor=world["bea"], session=session)
    services.enrol(actor=world["bob"], session=session)
    third = services.enrol(actor=world["cas"], session=session)
    fourth = services.enrol(actor=world["dirk"], session=session)
    assert first.status == EnrolmentStatus.CONFIRMED
    assert (third.status, services.waiting_position(third)) == ("waiting", 1)
    assert services.waiting_position(fourth) == 2
    assert Notification.objects.filter(user=world["cas"], kind="learning.enrolled").exists()
    with pytest.raises(Conflict, match="already"):
        services.enrol(actor=world["bea"], session=session)

    services.enrolment_cancel(actor=world["bea"], enrolment=first)
    assert statuses(session) == [("Bob", "confirmed"), ("Cas", "confirmed"), ("Dirk", "waiting")]
    assert Notification.objects.filter(user=world["cas"], kind="learning.promoted").exists()
    fourth.refresh_from_db()
    assert services.waiting_position(fourth) == 1
    # Cancelling twice changes nothing; re-enrolling joins the back of the line.
    services.enrolment_cancel(actor=world["bea"], enrolment=first)
    again = services.enrol(actor=world["bea"], session=session)
    assert services.waiting_position(again) == 2


def test_more_places_move_the_line_up_and_fewer_than_confirmed_are_refused(world):
    session = world["session"]
    for name in ("bea", "bob", "cas", "dirk"):
        services.enrol(actor=world[name], session=session)
    data = services.SessionInput(
        starts_at=session.starts_at, ends_at=session.ends_at, municipality="gm9301", capacity=3
    )
    services.session_update(actor=world["alma"], session=session, data=data)
    assert [s for _n, s in statuses(session)] == ["confirmed"] * 3 + ["waiting"]
    data.capacity = 2
    with pytest.raises(Conflict, match="confirmed"):
        services.session_update(actor=world["alma"], session=session, data=data)


def test_cancelling_a_session_tells_everyone(world):
    session = world["session"]
    for name in ("bea", "bob", "cas"):
        services.enrol(actor=world[name], session=session)
    assert services.session_cancel(actor=world["ada"], session=session, reason="Ziekte") == 3
    assert statuses(session) == []
    told = Notification.objects.filter(kind="learning.session_cancelled")
    assert told.count() == 3
    assert "Ziekte" in told.first().text
    with pytest.raises(Conflict, match="cancelled"):
        services.enrol(actor=world["dirk"], session=session)


def test_only_published_coming_sessions_take_enrolments(world):
    draft = services.course_create(
        actor=world["alma"], provider=world["a"], data=course_input(code="X-1")
    )
    session = services.session_create(
        actor=world["alma"],
        course=draft,
        data=services.SessionInput(
            starts_at=in_days(3), ends_at=in_days(3, 12), place="Zaal 1", capacity=5
        ),
    )
    with pytest.raises(Conflict, match="no enrolments"):
        services.enrol(actor=world["bea"], session=session)
    with pytest.raises(InvalidInput, match="future"):
        services.session_create(
            actor=world["alma"],
            course=draft,
            data=services.SessionInput(
                starts_at=in_days(-1), ends_at=in_days(-1, 12), place="Zaal", capacity=5
            ),
        )


def test_who_publishes(world):
    for outsider in ("bea", "dirk"):
        with pytest.raises(NotAllowed):
            services.course_create(
                actor=world[outsider], provider=world["a"], data=course_input(code="Y")
            )
    with pytest.raises(NotAllowed):
        services.manager_add(actor=world["ada"], organization=world["a"], user=world["bea"])
    with pytest.raises(InvalidInput) as caught:
        services.course_create(
            actor=world["ada"], provider=world["a"], data=course_input(code="DGW-1")
        )
    assert caught.value.invalid_params[0].name == "code"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"format": "telepathy"}, "format"),
        ({"study_load_hours": 0}, "study_load_hours"),
        ({"cost_kind": "paid"}, "price_euros"),
        ({"url": "ftp://x"}, "url"),
        ({"skills": [(999999, "expert")]}, "skills"),
    ],
)
def test_bad_course_input_names_the_field(world, change, field):
    with pytest.raises(InvalidInput) as caught:
        services.course_create(
            actor=world["alma"], provider=world["a"], data=course_input(code="Z", **change)
        )
    assert field in {p.name for p in caught.value.invalid_params}


def test_a_classroom_session_needs_a_place_and_ends_after_it_starts(world):
    with pytest.raises(InvalidInput) as caught:
        services.session_create(
            actor=world["alma"],
            course=world["course"],
            data=services.SessionInput(starts_at=in_days(5, 12), ends_at=in_days(5, 9), capacity=0),
        )
    names = {p.name for p in caught.value.invalid_params}
    assert names == {"ends_at", "capacity", "municipality"}


def test_completion_adds_chosen_skills_without_lowering_any(world):
    session = world["session"]
    enrolment = services.enrol(actor=world["bea"], session=session)
    with pytest.raises(Conflict):
        services.skills_from_completion(
            actor=world["bea"], enrolment=enrolment, skill_ids=[world["data"].pk]
        )
    with pytest.raises(NotAllowed):
        services.completion_set(actor=world["bea"], enrolment=enrolment)
    services.completion_set(actor=world["ada"], enrolment=enrolment)
    enrolment.refresh_from_db()
    with pytest.raises(InvalidInput):
        services.skills_from_completion(
            actor=world["bea"], enrolment=enrolment, skill_ids=[world["law"].pk]
        )
    added = services.skills_from_completion(
        actor=world["bea"], enrolment=enrolment, skill_ids=[world["data"].pk]
    )
    assert added == [world["data"].pk]
    profile = profile_for(world["bea"])
    assert ProfileSkill.objects.get(profile=profile, skill=world["data"]).level == "practitioner"
    ProfileSkill.objects.filter(profile=profile).update(level="expert")
    assert (
        services.skills_from_completion(
            actor=world["bea"], enrolment=enrolment, skill_ids=[world["data"].pk]
        )
        == []
    )
    assert ProfileSkill.objects.get(profile=profile, skill=world["data"]).level == "expert"


def test_reviews_by_those_who_completed_once(world):
    course = world["course"]
    enrolment = services.enrol(actor=world["bea"], session=world["session"])
    with pytest.raises(NotAllowed):
        services.review_create(actor=world["bea"], course=course, score=5)
    services.completion_set(actor=world["alma"], enrolment=enrolment)
    services.review_create(actor=world["bea"], course=course, score=4, text="Praktisch.")
    with pytest.raises(Conflict):
        services.review_create(actor=world["bea"], course=course, score=5)
    found = selectors.course_get(viewer=world["dirk"], pk=course.pk)
    assert (found.rating, found.ratings) == (4.0, 1)


def test_catalogue_filters(world):
    online = services.course_create(
        actor=world["alma"],
        provider=world["a"],
        data=course_input(
            code="SQL-1",
            title="SQL voor beleidsmakers",
            format="online",
            cost_kind="own_free",
            price_points=40,
            skills=[(world["sql"].pk, "practitioner")],
        ),
        publish=True,
    )
    services.session_create(
        actor=world["alma"],
        course=online,
        data=services.SessionInput(
            starts_at=in_days(40),
            ends_at=in_days(40, 12),
            online_url="https://meet.example.org/x",
            capacity=50,
        ),
    )

    def found(viewer="bea", **filters):
        return [
            c.code
            for c in selectors.catalogue(
                viewer=world[viewer], filters=selectors.CatalogueFilters(**filters)
            )
        ]

    assert found() == ["DGW-1", "SQL-1"]  # soonest session first
    assert found(skill_id=world["data"].pk) == ["DGW-1", "SQL-1"]  # SQL is narrower
    assert found(skill_id=world["sql"].pk) == ["SQL-1"]
    assert found(format="online") == ["SQL-1"]
    assert found(q="beleidsmakers") == ["SQL-1"]
    assert found(province="pv96") == ["SQL-1"]  # online counts everywhere
    assert found(province="pv95") == ["DGW-1", "SQL-1"]
    assert found(cost="free") == ["DGW-1"]  # B's people pay for SQL-1
    assert found(viewer="alma", cost="free") == ["DGW-1", "SQL-1"]  # A's own staff do not
    assert found(cost="points") == ["SQL-1"]
    later = timezone.localdate() + dt.timedelta(days=30)
    assert found(date_from=later) == ["SQL-1"]
    assert found(provider="gm9302") == []


def test_courses_for_the_skills_one_wants_or_lacks(world):
    ProfileSkill.objects.create(
        profile=profile_for(world["bea"]), skill=world["data"], level="interested"
    )
    assert selectors.wanted_skill_ids(world["bea"]) == {world["data"].pk}
    assert [c.code for c in selectors.courses_for_skills({world["data"].pk})] == ["DGW-1"]
    assert selectors.courses_for_skills({world["law"].pk}) == []


def test_ical(world):
    enrolment = services.enrol(actor=world["bea"], session=world["session"])
    body = ical.enrolments_calendar([enrolment], name="Mijn cursussen")
    assert "BEGIN:VEVENT" in body
    assert "SUMMARY:Datagedreven werken" in body
    assert "STATUS:CONFIRMED" in body
    services.enrolment_cancel(actor=world["bea"], enrolment=enrolment)
    enrolment.refresh_from_db()
    assert "STATUS:CANCELLED" in ical.enrolments_calendar([enrolment], name="x")


def test_a_course_paid_in_points_reserves_then_pays_the_provider_once(world):
    from eenoverheid.learning.models import Enrolment
    from eenoverheid.ledger import services as ledger
    from tests.factories import UserFactory

    platform = UserFactory(is_staff=True, is_superuser=True)
    b_account = ledger.organization_account(world["b"])
    ledger.allocate(actor=platform, account=b_account, amount=100, idempotency_key="b")
    paid = services.course_create(
        actor=world["alma"],
        provider=world["a"],
        data=course_input(code="PAY-1", cost_kind="own_free", price_points=30),
        publish=True,
    )
    session = services.session_create(
        actor=world["alma"],
        course=paid,
        data=services.SessionInput(
            starts_at=in_days(7), ends_at=in_days(7, 12), place="Zaal", capacity=10
        ),
    )

    def available(organization):
        account = ledger.organization_account(organization)
        account.refresh_from_db()
        return account.available

    first = services.enrol(actor=world["bea"], session=session)
    assert (first.paying_organization, available(world["b"])) == (world["b"], 70)
    services.enrolment_cancel(actor=world["bea"], enrolment=first)
    assert available(world["b"]) == 100
    second = services.enrol(actor=world["bea"], session=session)
    services.completion_set(actor=world["alma"], enrolment=second)
    services.attendance_set(actor=world["alma"], enrolment=second, attended=True)  # pays once
    second.refresh_from_db()
    assert second.payment.amount == 30
    assert (available(world["b"]), available(world["a"])) == (70, 30)
    # The provider's own staff learn for free; someone without points cannot enrol.
    own = services.enrol(actor=world["alma"], session=session)
    assert own.reservation is None
    for name in ("bob", "cas"):
        services.enrol(actor=world[name], session=session)  # 30 each: 70 -> 10
    poor = UserFactory()
    from eenoverheid.organizations.services import membership_ensure

    membership_ensure(user=poor, organization=world["b"])
    with pytest.raises(Conflict, match="available"):
        services.enrol(actor=poor, session=session)
    assert not Enrolment.objects.filter(user=poor).exists()
    # Cancelling the session returns every held reservation.
    services.session_cancel(actor=world["alma"], session=session)
    assert available(world["b"]) == 70
    assert ledger.recompute() == ([], 0)
