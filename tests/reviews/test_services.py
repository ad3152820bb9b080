"""The rules of peer review, through its services, on the real database: the whole path
from asking to payment, what each side may do, deadlines, confidentiality and the points."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from eenoverheid.core.errors import Conflict, InvalidInput, NotAllowed
from eenoverheid.ledger import services as ledger
from eenoverheid.ledger.models import Reservation, ReservationStatus, Transfer
from eenoverheid.notifications.models import Notification
from eenoverheid.reviews import selectors, services
from eenoverheid.reviews.models import ReviewRequest, Status
from tests.reviews.conftest import ask, available, submitted

pytestmark = pytest.mark.django_db


def test_asking_reserves_the_points_at_once(world):
    request = ask(world, points=300)
    assert request.status == Status.OPEN
    assert request.reservation.amount == 300
    assert request.reservation.status == ReservationStatus.HELD
    assert available(world["a"]) == 700


def test_asking_beyond_the_balance_is_refused_and_makes_nothing(world):
    with pytest.raises(Conflict, match="available"):
        ask(world, points=1001)
    assert ReviewRequest.objects.count() == 0
    assert available(world["a"]) == 1000


def test_the_same_key_asks_once(world):
    first = ask(world, key="k-1")
    again = ask(world, key="k-1")
    assert first.pk == again.pk
    assert Reservation.objects.count() == 1
    assert available(world["a"]) == 900


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "x"}, "title"),
        ({"feedback_wanted": ""}, "feedback_wanted"),
        ({"document_url": ""}, "document"),
        ({"document_url": "ftp://x.org/a"}, "document_url"),
        ({"deadline": dt.date(2020, 1, 1)}, "deadline"),
        ({"points": -5}, "points"),
        ({"feedback_kind": "gossip"}, "feedback_kind"),
        ({"skill_ids": [999999]}, "skills"),
    ],
)
def test_bad_input_names_the_field_and_reserves_nothing(world, change, field):
    with pytest.raises(InvalidInput) as caught:
        ask(world, **change)
    assert field in {p.name for p in caught.value.invalid_params}
    assert available(world["a"]) == 1000
    assert ReviewRequest.objects.count() == 0


def test_someone_without_an_organization_cannot_ask(world):
    with pytest.raises(InvalidInput) as caught:
        ask(world, actor=world["dirk"])
    assert caught.value.invalid_params[0].name == "organization"


def test_an_uploaded_document_is_checked(world):
    fake = SimpleUploadedFile("nota.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(InvalidInput, match="PDF"):
        services.request_create(
            actor=world["anna"],
            data=services.RequestInput(
                title="Nota",
                feedback_wanted="Alles",
                deadline=timezone.localdate() + dt.timedelta(days=3),
                points=10,
            ),
            document=fake,
            idempotency_key="doc",
        )
    assert available(world["a"]) == 1000


def test_the_whole_path_pays_the_reviewers_organization_once(world):
    request = submitted(world)
    assert request.reviewer_organization == world["b"]
    services.review_accept(actor=world["anna"], request=request)
    services.review_accept(actor=world["anna"], request=request)  # a second click
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED
    assert request.payment.amount == 100
    assert request.payment.target.organization == world["b"]
    assert Transfer.objects.filter(reason="review").count() == 1
    assert available(world["a"]) == 900
    assert available(world["b"]) == 100
    mismatches, total = ledger.recompute()
    assert (mismatches, total) == ([], 0)


def test_only_the_requester_accepts_and_only_a_submitted_review(world):
    request = ask(world)
    with pytest.raises(Conflict):
        services.review_accept(actor=world["anna"], request=request)
    request = submitted(world)
    for someone in ("bram", "britt", "arend"):
        with pytest.raises(NotAllowed):
            services.review_accept(actor=world[someone], request=request)
    assert available(world["b"]) == 0


def test_a_reviewer_comes_from_another_organization_by_default(world):
    request = ask(world)
    with pytest.raises(InvalidInput, match="another organization"):
        services.reviewer_pick(actor=world["anna"], request=request, user=world["arend"])
    with pytest.raises(InvalidInput, match="own document"):
        services.volunteer(actor=world["anna"], request=request)
    with pytest.raises(InvalidInput, match="Only civil servants"):
        services.volunteer(actor=world["dirk"], request=request)
    own = ask(world, other_organization_only=False)
    services.reviewer_pick(actor=world["anna"], request=own, user=world["arend"])
    services.assignment_accept(actor=world["arend"], request=own)
    services.review_submit(
        actor=world["arend"], request=own, text="Een goede nota, met twee kanttekeningen."
    )
    services.review_accept(actor=world["anna"], request=own)
    own.refresh_from_db()
    # A colleague of the same organization: the reservation returns, nothing moves across.
    assert own.payment is None
    assert own.reservation.status == ReservationStatus.RELEASED


def test_volunteers_and_the_pick(world):
    request = ask(world)
    services.volunteer(actor=world["britt"], request=request, message="Ik ken dit onderwerp.")
    with pytest.raises(Conflict, match="already"):
        services.volunteer(actor=world["britt"], request=request)
    assert [v.user for v in selectors.volunteers(request)] == [world["britt"]]
    assert Notification.objects.filter(user=world["anna"], kind="reviews.volunteer").exists()
    with pytest.raises(NotAllowed):
        services.reviewer_pick(actor=world["bram"], request=request, user=world["britt"])
    services.reviewer_pick(actor=world["anna"], request=request, user=world["britt"])
    assert Notification.objects.filter(user=world["britt"], kind="reviews.asked").exists()
    with pytest.raises(Conflict):
        services.reviewer_pick(actor=world["anna"], request=request, user=world["bram"])
    with pytest.raises(NotAllowed):
        services.assignment_accept(actor=world["bram"], request=request)


def test_declining_reopens_the_request(world):
    request = ask(world, invite_user_id=world["bram"].pk)
    assert (request.status, request.reviewer) == (Status.ASKED, world["bram"])
    services.assignment_decline(actor=world["bram"], request=request, reason="Geen tijd.")
    request.refresh_from_db()
    assert (request.status, request.reviewer) == (Status.OPEN, None)
    assert Notification.objects.filter(user=world["anna"], kind="reviews.declined").exists()


def test_a_revision_once(world):
    request = submitted(world)
    services.revision_ask(actor=world["anna"], request=request, note="Graag ook de risico's.")
    assert request.status == Status.REVISION
    with pytest.raises(NotAllowed):
        services.review_submit(actor=world["anna"], request=request, text="x" * 30)
    file = SimpleUploadedFile("nota-opmerkingen.txt", b"regel 3: btw", content_type="text/plain")
    services.review_submit(
        actor=world["bram"], request=request, text="Risico's toegevoegd in de bijlage.", file=file
    )
    assert [s.round for s in request.submissions.all()] == [1, 2]
    assert request.submissions.get(round=2).file_name == "nota-opmerkingen.txt"
    with pytest.raises(Conflict, match="once"):
        services.revision_ask(actor=world["anna"], request=request, note="Nog een keer?")
    services.review_accept(actor=world["anna"], request=request)
    assert available(world["b"]) == 100


def test_withdrawing_returns_the_points(world):
    request = ask(world, points=250)
    services.request_withdraw(actor=world["anna"], request=request)
    assert request.status == Status.WITHDRAWN
    assert available(world["a"]) == 1000
    with pytest.raises(Conflict):
        services.request_withdraw(actor=world["anna"], request=request)
    late = submitted(world)
    with pytest.raises(Conflict):
        services.request_withdraw(actor=world["anna"], request=late)


def test_the_deadline_returns_the_reservation(world):
    open_one = ask(world, points=100)
    in_progress = ask(world, points=200, invite_user_id=world["bram"].pk)
    services.assignment_accept(actor=world["bram"], request=in_progress)
    waiting = submitted(world, points=300)
    later = timezone.now() + dt.timedelta(days=11)
    done = services.expire_overdue(now=later)
    assert done == {"expired": 2, "reopened": 0, "accepted": 0}
    for request in (open_one, in_progress):
        request.refresh_from_db()
        assert request.status == Status.EXPIRED
        assert request.reservation.status == ReservationStatus.RELEASED
    waiting.refresh_from_db()
    assert waiting.status == Status.SUBMITTED  # a review is in; the requester decides
    assert available(world["a"]) == 700
    assert services.expire_overdue(now=later) == {"expired": 0, "reopened": 0, "accepted": 0}
    with pytest.raises(Conflict, match="not looking"):
        services.volunteer(actor=world["bram"], request=open_one)


def test_a_review_left_undecided_is_accepted_and_paid(world):
    request = submitted(world, points=120)
    done = services.expire_overdue(
        now=timezone.now() + dt.timedelta(days=services.DECISION_DAYS + 1)
    )
    assert done["accepted"] == 1
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED
    assert available(world["b"]) == 120


def test_an_overdue_revision_leaves_the_first_review_to_decide_on(world):
    request = submitted(world)
    services.revision_ask(actor=world["anna"], request=request, note="Graag de risico's.")
    services.expire_overdue(now=timezone.now() + dt.timedelta(days=12))
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED
    with pytest.raises(Conflict, match="once"):
        services.revision_ask(actor=world["anna"], request=request, note="Nog eens")


def test_confidentiality(world):
    request = submitted(world)
    assert services.may_read(world["anna"], request)
    assert services.may_read(world["bram"], request)
    for outsider in ("arend", "britt", "carla", "platform"):
        assert not services.may_read(world[outsider], request)
        assert not services.may_see(world[outsider], request)  # no longer open
    with pytest.raises(NotAllowed):
        services.reader_add(actor=world["britt"], request=request, user=world["carla"])
    services.reader_add(actor=world["anna"], request=request, user=world["arend"])
    assert services.may_read(world["arend"], request)
    services.reader_remove(actor=world["arend"], request=request, user=world["arend"])
    assert not services.may_read(world["arend"], request)
    assert services.may_see(world["carla"], ask(world))  # an open request's description


def test_ratings_each_side_once_after_acceptance(world):
    request = submitted(world)
    with pytest.raises(Conflict):
        services.rate(actor=world["anna"], request=request, score=5)
    services.review_accept(actor=world["anna"], request=request)
    services.rate(actor=world["anna"], request=request, score=5, comment="Scherp en snel.")
    services.rate(actor=world["bram"], request=request, score=4)
    with pytest.raises(Conflict):
        services.rate(actor=world["anna"], request=request, score=1)
    with pytest.raises(NotAllowed):
        services.rate(actor=world["britt"], request=request, score=1)
    with pytest.raises(InvalidInput):
        services.rate(actor=world["bram"], request=request, score=6)
    assert services.rating_summary([world["bram"].pk]) == {world["bram"].pk: (5.0, 1)}


def test_suggestions_bring_skills_from_other_organizations(world):
    request = ask(world, skill_ids=[world["policy"].pk, world["legal"].pk])
    names = [s.name for s in selectors.suggestions(viewer=world["anna"], request=request)]
    assert names[0] == "Bram"  # both skills
    assert set(names) == {"Bram", "Britt", "Carla"}
    assert "Arend" not in names  # her own organization
    world["britt"].profile.available = False
    world["britt"].profile.save()
    names = [s.name for s in selectors.suggestions(viewer=world["anna"], request=request)]
    assert "Britt" not in names
    without_skills = ask(world, skill_ids=[])
    assert selectors.suggestions(viewer=world["anna"], request=without_skills) == []


def test_lists(world):
    mine = ask(world)
    other = ask(world, actor=world["bram"], skill_ids=[world["legal"].pk], points=0)
    open_ids = {r.pk for r in selectors.requests_list(viewer=world["carla"], scope="open")}
    assert open_ids == {mine.pk, other.pk}
    assert [r.pk for r in selectors.requests_list(viewer=world["anna"], scope="mine")] == [mine.pk]
    legal = selectors.requests_list(viewer=world["carla"], skill_id=world["legal"].pk)
    assert [r.pk for r in legal] == [other.pk]
    found = selectors.requests_list(viewer=world["carla"], q="kosten")
    assert {r.pk for r in found} == {mine.pk, other.pk}  # feedback wanted is searched too
    assert list(selectors.requests_list(viewer=world["carla"], q="geen-treffer")) == []


def test_deleting_an_account_returns_points_and_frees_the_review(world):
    from eenoverheid.accounts.services import user_delete

    running = ask(world, points=200)
    reviewing = ask(world, points=50, invite_user_id=world["carla"].pk)
    services.assignment_accept(actor=world["carla"], request=reviewing)
    user_delete(user=world["carla"], confirm_email=world["carla"].email)
    reviewing.refresh_from_db()
    assert (reviewing.status, reviewing.reviewer) == (Status.OPEN, None)
    assert available(world["a"]) == 750  # both still reserved: they still run
    user_delete(user=world["anna"], confirm_email=world["anna"].email)
    assert not ReviewRequest.objects.filter(pk__in=[running.pk, reviewing.pk]).exists()
    assert available(world["a"]) == 1000
    assert ledger.recompute() == ([], 0)


def test_the_personal_export_holds_what_one_wrote_in_peer_review(world):
    from eenoverheid.people.services import profile_export

    submitted(world)
    mine = profile_export(world["anna"])["peer_review"]
    assert mine["requests"][0]["title"] == "Nota warmtetransitie"
    theirs = profile_export(world["bram"])["peer_review"]
    assert theirs["reviews"][0]["text"].startswith("De kostenparagraaf")
