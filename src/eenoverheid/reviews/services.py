"""The rules of peer review: who may ask, who may review, each step of a request, and
the points that pay for it (through the ledger's services, never around them).

A request moves: open -> asked (the requester picked someone, or named them at once)
-> in progress (they accepted) -> submitted -> accepted and paid; or, once, submitted
-> revision -> submitted. An asked reviewer who declines puts it back to open. Before a
review is submitted the requester may withdraw; a request without a submitted review
expires at its deadline. Withdrawal and expiry release the reserved points.

Every step is a conditional update on the status it starts from, so two clicks at once
(or two people at once) never both win; the payment is the ledger's capture of the
request's reservation, once, in the same transaction as the status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eenoverheid.core.errors import Conflict, InvalidInput, InvalidParam, NotAllowed
from eenoverheid.core.services import audit_record
from eenoverheid.core.uploads import check_document
from eenoverheid.ledger import services as ledger
from eenoverheid.ledger.models import Reason
from eenoverheid.notifications import services as notifications
from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.selectors import organization_ids_of
from eenoverheid.people.models import Skill, SkillStatus
from eenoverheid.reviews.models import (
    OPEN_STATUSES,
    FeedbackKind,
    Rating,
    Reader,
    ReviewRequest,
    Status,
    Submission,
    Volunteer,
)

MAX_POINTS = 100_000
MAX_SKILLS = 5
MAX_DEADLINE_DAYS = 365
REVISION_DAYS = 7
DECISION_DAYS = 14  # after a submission, the requester decides within this; then it is accepted


def max_file_bytes() -> int:
    return getattr(settings, "REVIEW_FILE_MAX_BYTES", 20 * 1024 * 1024)


def today() -> dt.date:
    return timezone.localdate()


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def organization_ids(user) -> list[int]:
    return organization_ids_of(user)


# -- who may do what ----------------------------------------------------------------


def may_read(user, request: ReviewRequest) -> bool:
    """The document and the review: the requester, the reviewer and the readers they
    added. Nobody else, platform administrators included."""
    if not _signed_in(user):
        return False
    if user.pk in (request.requester_id, request.reviewer_id):
        return True
    annotated = request.__dict__.get("viewer_reads")  # set by the selectors for this viewer
    if annotated is not None:
        return annotated
    return Reader.objects.filter(request=request, user=user).exists()


def may_see(user, request: ReviewRequest) -> bool:
    """The request's description: everyone signed in while it looks for a reviewer, and
    the people who may read it."""
    if request.status == Status.OPEN and _signed_in(user):
        return True
    return may_read(user, request)


def reviewer_organization(request: ReviewRequest, user) -> Organization | None:
    """The organization a reviewer reviews for (and that receives the points): their
    first organization other than the requester's; their own if the request allows it."""
    ids = organization_ids(user)
    others = [pk for pk in ids if pk != request.organization_id]
    if others:
        return Organization.objects.get(pk=others[0])
    if ids and not request.other_organization_only:
        return Organization.objects.get(pk=ids[0])
    return None


def why_not_reviewer(request: ReviewRequest, user) -> str | None:
    """Why `user` cannot review this request, or None when they can."""
    if not _signed_in(user):
        return _("Sign in first.")
    if user.pk == request.requester_id:
        return _("You cannot review your own document.")
    if not organization_ids(user):
        return _("Only civil servants of an organization on the platform review.")
    if reviewer_organization(request, user) is None:
        return _("This request asks for a reviewer from another organization.")
    return None


def _require_reviewer(request: ReviewRequest, user, field_name: str = "user") -> Organization:
    reason = why_not_reviewer(request, user)
    if reason:
        raise InvalidInput.for_field(field_name, reason, "not_eligible")
    return reviewer_organization(request, user)


def _require_requester(actor, request: ReviewRequest) -> None:
    if not _signed_in(actor) or actor.pk != request.requester_id:
        raise NotAllowed(_("Only the requester does this."))


def _require_assigned(actor, request: ReviewRequest) -> None:
    if not _signed_in(actor) or actor.pk != request.reviewer_id:
        raise NotAllowed(_("Only the reviewer does this."))


def _step(request: ReviewRequest, expected: tuple[str, ...], **changes) -> None:
    """Move the request on, but only from a status in `expected`: when someone else
    moved it first, nothing changes and the caller hears why."""
    changes.setdefault("updated_at", timezone.now())
    done = ReviewRequest.objects.filter(pk=request.pk, status__in=expected).update(**changes)
    if not done:
        request.refresh_from_db()
        raise Conflict(
            _("This request is now “%(status)s”; that step is no longer possible.")
            % {"status": request.get_status_display()}
        )
    for name, value in changes.items():
        setattr(request, name, value)


# -- asking for a review --------------------------------------------------------------


@dataclass
class RequestInput:
    title: str = ""
    summary: str = ""
    document_url: str = ""
    feedback_kind: str = FeedbackKind.CONTENT
    feedback_wanted: str = ""
    skill_ids: list[int] = field(default_factory=list)
    deadline: dt.date | None = None
    points: int = 0
    other_organization_only: bool = True
    organization_id: int | None = None
    invite_user_id: int | None = None


def _clean_request(actor, data: RequestInput, document: UploadedFile | None) -> dict:
    problems: list[InvalidParam] = []

    def problem(name: str, reason, code: str = "invalid") -> None:
        problems.append(InvalidParam(name=name, reason=reason, code=code))

    title = (data.title or "").strip()
    if not 3 <= len(title) <= 200:
        problem("title", _("Give a title of 3 to 200 characters."))
    if len(data.summary or "") > 2000:
        problem("summary", _("At most 2,000 characters."))
    wanted = (data.feedback_wanted or "").strip()
    if not wanted or len(wanted) > 2000:
        problem("feedback_wanted", _("Say in at most 2,000 characters what feedback you want."))
    if data.feedback_kind not in FeedbackKind.values:
        problem("feedback_kind", _("Unknown kind of feedback."))
    url = (data.document_url or "").strip()
    if url and (not url.startswith(("https://", "http://")) or len(url) > 500):
        problem("document_url", _("Give a web address starting with https://."))
    if not url and document is None:
        problem("document", _("Upload the document or give a link to it."), "required")
    if url and document is not None:
        problem("document", _("Upload the document or give a link, not both."))
    skill_ids = list(dict.fromkeys(data.skill_ids or []))
    skills = []
    if len(skill_ids) > MAX_SKILLS:
        problem("skills", _("At most %(n)d skills.") % {"n": MAX_SKILLS})
    elif skill_ids:
        skills = list(Skill.objects.filter(pk__in=skill_ids, status=SkillStatus.ACTIVE))
        if len(skills) != len(skill_ids):
            problem("skills", _("One of these skills does not exist."), "unknown")
    if data.deadline is None:
        problem("deadline", _("Give a deadline."), "required")
    elif not today() < data.deadline <= today() + dt.timedelta(days=MAX_DEADLINE_DAYS):
        problem("deadline", _("A date after today and within a year."))
    points = data.points
    if not isinstance(points, int) or isinstance(points, bool) or not 0 <= points <= MAX_POINTS:
        problem("points", _("A whole number from 0 to %(max)d.") % {"max": MAX_POINTS})
    mine = organization_ids(actor)
    organization_id = data.organization_id or (mine[0] if mine else None)
    if not mine:
        problem("organization", _("Only civil servants of an organization ask for reviews."))
    elif organization_id not in mine:
        problem("organization", _("Choose one of your own organizations."))
    if problems:
        raise InvalidInput(problems[0].reason, invalid_params=problems)
    return {
        "title": title,
        "summary": (data.summary or "").strip(),
        "document_url": url,
        "feedback_kind": data.feedback_kind,
        "feedback_wanted": wanted,
        "deadline": data.deadline,
        "points": points,
        "other_organization_only": bool(data.other_organization_only),
        "organization_id": organization_id,
        "skills": skills,
    }


def request_create(
    *,
    actor,
    data: RequestInput,
    document: UploadedFile | None = None,
    idempotency_key: str,
) -> tuple[ReviewRequest, bool]:
    """Ask for a review and reserve the points at once on the organization's account.
    Refused (and nothing made) when the account cannot hold them. The same key again
    returns the request it made; returns (request, made_now)."""
    if not idempotency_key or len(idempotency_key) > 100:
        raise InvalidInput.for_field(
            "idempotency_key", _("Give an idempotency key of 1 to 100 characters.")
        )
    existing = ReviewRequest.objects.filter(
        requester=actor, idempotency_key=idempotency_key
    ).first()
    if existing is not None:
        return existing, False
    values = _clean_request(actor, data, document)
    skills = values.pop("skills")
    name = content_type = ""
    if document is not None:
        name, content_type = check_document(document, max_bytes=max_file_bytes(), field="document")
    invited = None
    if data.invite_user_id is not None:
        from django.contrib.auth import get_user_model

        invited = get_user_model().objects.filter(pk=data.invite_user_id, is_active=True).first()
        if invited is None:
            raise InvalidInput.for_field("invite", _("No such person."), "unknown")
    try:
        with transaction.atomic():
            request = ReviewRequest(requester=actor, idempotency_key=idempotency_key, **values)
            if invited is not None:
                _require_reviewer(request, invited, "invite")
                request.reviewer = invited
                request.status = Status.ASKED
            if document is not None:
                request.document_name, request.document_type = name, content_type
                request.document.save(name, document, save=False)
            request.save()
            request.skills.set(skills)
            if request.points:
                request.reservation = ledger.reserve(
                    account=ledger.organization_account(request.organization),
                    amount=request.points,
                    reason=Reason.REVIEW,
                    reference=f"review:{request.pk}",
                    caused_by=actor,
                    idempotency_key=f"review-request:{request.pk}",
                )
                request.save(update_fields=["reservation"])
            audit_record(
                actor=actor,
                action="reviews.request",
                obj=request,
                changes={"points": request.points},
            )
    except IntegrityError:
        # The same key twice at once: the other request made it.
        existing = ReviewRequest.objects.filter(
            requester=actor, idempotency_key=idempotency_key
        ).first()
        if existing is None:
            raise
        return existing, False
    if invited is not None:
        _tell(
            invited,
            request,
            kind="reviews.asked",
            text=gettext_lazy("%(requester)s asks you to review “%(title)s”."),
        )
    _schedule(request.deadline)
    return request, True


def request_withdraw(*, actor, request: ReviewRequest) -> ReviewRequest:
    """The requester stops the request before a review is submitted; the points return."""
    _require_requester(actor, request)
    with transaction.atomic():
        _step(
            request,
            (Status.OPEN, Status.ASKED, Status.IN_PROGRESS),
            status=Status.WITHDRAWN,
            closed_at=timezone.now(),
        )
        _release(request)
    if request.reviewer_id:
        _tell(
            request.reviewer,
            request,
            kind="reviews.withdrawn",
            text=gettext_lazy("%(requester)s withdrew the request “%(title)s”."),
        )
    return request


def _release(request: ReviewRequest) -> None:
    if request.reservation_id:
        ledger.release(reservation=request.reservation)


# -- finding a reviewer ---------------------------------------------------------------


def volunteer(*, actor, request: ReviewRequest, message: str = "") -> Volunteer:
    """Offer to review an open request."""
    if request.status != Status.OPEN:
        raise Conflict(_("This request is not looking for a reviewer."))
    _require_reviewer(request, actor)
    if len(message or "") > 500:
        raise InvalidInput.for_field("message", _("At most 500 characters."))
    try:
        with transaction.atomic():
            made = Volunteer.objects.create(
                request=request, user=actor, message=(message or "").strip()
            )
    except IntegrityError:
        raise Conflict(_("You have offered to review this already.")) from None
    _tell(
        request.requester,
        request,
        kind="reviews.volunteer",
        text=gettext_lazy("%(actor)s offers to review “%(title)s”."),
        actor=actor,
    )
    return made


def volunteer_withdraw(*, actor, request: ReviewRequest) -> None:
    Volunteer.objects.filter(request=request, user=actor).delete()


def reviewer_pick(*, actor, request: ReviewRequest, user) -> ReviewRequest:
    """The requester asks one person (a volunteer, a suggestion, anyone eligible)."""
    _require_requester(actor, request)
    _require_reviewer(request, user)
    _step(request, (Status.OPEN,), status=Status.ASKED, reviewer=user)
    _tell(
        user,
        request,
        kind="reviews.asked",
        text=gettext_lazy("%(requester)s asks you to review “%(title)s”."),
    )
    return request


def assignment_accept(*, actor, request: ReviewRequest) -> ReviewRequest:
    """The asked reviewer says yes; their organization will receive the points."""
    _require_assigned(actor, request)
    if request.deadline < today():
        raise Conflict(_("The deadline has passed."))
    organization = _require_reviewer(request, actor)
    _step(
        request,
        (Status.ASKED,),
        status=Status.IN_PROGRESS,
        reviewer_organization=organization,
    )
    Volunteer.objects.filter(request=request).exclude(user=actor).delete()
    _tell(
        request.requester,
        request,
        kind="reviews.accepted_assignment",
        text=gettext_lazy("%(actor)s will review “%(title)s”."),
        actor=actor,
    )
    return request


def assignment_decline(*, actor, request: ReviewRequest, reason: str = "") -> ReviewRequest:
    """The asked reviewer says no; the request looks for someone else."""
    _require_assigned(actor, request)
    _step(request, (Status.ASKED,), status=Status.OPEN, reviewer=None)
    Volunteer.objects.filter(request=request, user=actor).delete()
    _tell(
        request.requester,
        request,
        kind="reviews.declined",
        text=gettext_lazy("%(actor)s cannot review “%(title)s”. %(reason)s"),
        actor=actor,
        reason=(reason or "")[:300],
    )
    return request


# -- the review -----------------------------------------------------------------------


def review_submit(
    *, actor, request: ReviewRequest, text: str, file: UploadedFile | None = None
) -> Submission:
    """The reviewer hands in the review (or its revision), with an optional annotated
    copy of the document."""
    _require_assigned(actor, request)
    text = (text or "").strip()
    if not 20 <= len(text) <= 20000:
        raise InvalidInput.for_field("text", _("Write the review in 20 to 20,000 characters."))
    name = content_type = ""
    if file is not None:
        name, content_type = check_document(file, max_bytes=max_file_bytes())
    due = request.revision_due if request.status == Status.REVISION else request.deadline
    if due and due < today():
        raise Conflict(_("The deadline has passed."))
    with transaction.atomic():
        round_ = request.submissions.count() + 1
        _step(
            request,
            (Status.IN_PROGRESS, Status.REVISION),
            status=Status.SUBMITTED,
            submitted_at=timezone.now(),
        )
        submission = Submission(request=request, round=round_, text=text)
        if file is not None:
            submission.file_name, submission.file_type = name, content_type
            submission.file.save(name, file, save=False)
        submission.save()
    _tell(
        request.requester,
        request,
        kind="reviews.submitted",
        text=gettext_lazy("%(actor)s submitted the review of “%(title)s”."),
        actor=actor,
    )
    _schedule(timezone.localdate(request.submitted_at) + dt.timedelta(days=DECISION_DAYS))
    return submission


def revision_ask(*, actor, request: ReviewRequest, note: str) -> ReviewRequest:
    """The requester asks, once, for a revision of the submitted review."""
    _require_requester(actor, request)
    note = (note or "").strip()
    if not 5 <= len(note) <= 2000:
        raise InvalidInput.for_field("note", _("Say in 5 to 2,000 characters what to revise."))
    if request.revision_due is not None:
        raise Conflict(_("A revision can be asked for once."))
    due = max(request.deadline, today() + dt.timedelta(days=REVISION_DAYS))
    _step(
        request, (Status.SUBMITTED,), status=Status.REVISION, revision_note=note, revision_due=due
    )
    _tell(
        request.reviewer,
        request,
        kind="reviews.revision",
        text=gettext_lazy("%(requester)s asks for a revision of your review of “%(title)s”."),
    )
    _schedule(due)
    return request


def review_accept(*, actor, request: ReviewRequest, automatic: bool = False) -> ReviewRequest:
    """The requester accepts the review: the reserved points go to the reviewer's
    organization, in the same transaction as the status. Accepting twice pays once."""
    if not automatic:
        _require_requester(actor, request)
    with transaction.atomic():
        locked = ReviewRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status == Status.ACCEPTED:
            request.refresh_from_db()
            return request
        if locked.status != Status.SUBMITTED:
            raise Conflict(
                _("This request is now “%(status)s”; that step is no longer possible.")
                % {"status": locked.get_status_display()}
            )
        payment = None
        if locked.reservation_id:
            target = ledger.organization_account(locked.reviewer_organization)
            if target.organization_id == locked.organization_id:
                # A colleague of the same organization: nothing to pay across.
                ledger.release(reservation=locked.reservation)
            else:
                payment = ledger.capture(
                    reservation=locked.reservation,
                    target=target,
                    caused_by=actor,
                    memo=locked.title,
                )
        _step(
            locked,
            (Status.SUBMITTED,),
            status=Status.ACCEPTED,
            payment=payment,
            closed_at=timezone.now(),
        )
    request.refresh_from_db()
    _tell(
        request.reviewer,
        request,
        kind="reviews.paid",
        text=(
            gettext_lazy(
                "Your review of “%(title)s” was accepted automatically; "
                "%(points)s points went to %(organization)s."
            )
            if automatic
            else gettext_lazy(
                "%(requester)s accepted your review of “%(title)s”; "
                "%(points)s points went to %(organization)s."
            )
        ),
    )
    return request


def expire_overdue(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The sweep behind deadlines: a request without a submitted review expires the day
    after its deadline (the points return); a revision not made in time leaves the first
    review for the requester to decide on; a review left undecided for DECISION_DAYS is
    accepted and paid. Safe to run at any time and more than once."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    done = {"expired": 0, "reopened": 0, "accepted": 0}
    overdue = ReviewRequest.objects.filter(
        status__in=(Status.OPEN, Status.ASKED, Status.IN_PROGRESS), deadline__lt=day
    )
    for request in overdue.select_related("requester", "reviewer"):
        try:
            with transaction.atomic():
                _step(
                    request,
                    (Status.OPEN, Status.ASKED, Status.IN_PROGRESS),
                    status=Status.EXPIRED,
                    closed_at=now,
                )
                _release(request)
        except Conflict:
            continue
        done["expired"] += 1
        for person in filter(None, (request.requester, request.reviewer)):
            _tell(
                person,
                request,
                kind="reviews.expired",
                text=gettext_lazy(
                    "The deadline of “%(title)s” passed without a review; "
                    "the reserved points returned."
                ),
            )
    for request in ReviewRequest.objects.filter(status=Status.REVISION, revision_due__lt=day):
        try:
            _step(request, (Status.REVISION,), status=Status.SUBMITTED, submitted_at=now)
        except Conflict:
            continue
        done["reopened"] += 1
    waited = now - dt.timedelta(days=DECISION_DAYS)
    for request in ReviewRequest.objects.filter(status=Status.SUBMITTED, submitted_at__lt=waited):
        try:
            review_accept(actor=None, request=request, automatic=True)
        except Conflict:
            continue
        done["accepted"] += 1
    return done


def _schedule(day: dt.date) -> None:
    """Ask the task worker to sweep just after `day` ends (on backends that can run a
    task later; `eenoverheid reviews-expire` sweeps too)."""
    from django_tasks import default_task_backend

    from eenoverheid.reviews.tasks import expire_overdue_task

    if not default_task_backend.supports_defer:
        return
    start_of_next = dt.datetime.combine(
        day + dt.timedelta(days=1), dt.time(0, 0, 5), tzinfo=timezone.get_current_timezone()
    )
    transaction.on_commit(lambda: expire_overdue_task.using(run_after=start_of_next).enqueue())


# -- afterwards: ratings and readers --------------------------------------------------


def rate(*, actor, request: ReviewRequest, score: int, comment: str = "") -> Rating:
    """Each side rates the other once, after the review was accepted."""
    if request.status != Status.ACCEPTED:
        raise Conflict(_("Rate each other after the review was accepted."))
    if not _signed_in(actor) or actor.pk not in (request.requester_id, request.reviewer_id):
        raise NotAllowed(_("Only the requester and the reviewer rate each other."))
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
        raise InvalidInput.for_field("score", _("A score from 1 to 5."))
    if len(comment or "") > 1000:
        raise InvalidInput.for_field("comment", _("At most 1,000 characters."))
    rated = request.reviewer if actor.pk == request.requester_id else request.requester
    try:
        with transaction.atomic():
            return Rating.objects.create(
                request=request,
                rater=actor,
                rated=rated,
                score=score,
                comment=(comment or "").strip(),
            )
    except IntegrityError:
        raise Conflict(_("You rated this review already.")) from None


def reader_add(*, actor, request: ReviewRequest, user) -> Reader:
    """The requester or the reviewer lets a colleague read the document and review."""
    if not _signed_in(actor) or actor.pk not in (request.requester_id, request.reviewer_id):
        raise NotAllowed(_("Only the requester and the reviewer add readers."))
    if not _signed_in(user):
        raise InvalidInput.for_field("user", _("No such person."), "unknown")
    if user.pk in (request.requester_id, request.reviewer_id):
        raise InvalidInput.for_field("user", _("This person reads it already."))
    reader, made = Reader.objects.get_or_create(
        request=request, user=user, defaults={"added_by": actor}
    )
    if made:
        _tell(
            user,
            request,
            kind="reviews.reader",
            text=gettext_lazy("%(actor)s shared the review request “%(title)s” with you."),
            actor=actor,
        )
    return reader


def reader_remove(*, actor, request: ReviewRequest, user) -> None:
    """The requester, the reviewer, or the reader themselves."""
    if not _signed_in(actor) or actor.pk not in (
        request.requester_id,
        request.reviewer_id,
        user.pk,
    ):
        raise NotAllowed(_("Only the requester and the reviewer remove readers."))
    Reader.objects.filter(request=request, user=user).delete()


def rating_summary(user_ids) -> dict[int, tuple[float, int]]:
    """Average score and number of ratings each person received."""
    rows = (
        Rating.objects.filter(rated_id__in=list(user_ids))
        .values("rated_id")
        .annotate(avg=Avg("score"), n=Count("id"))
    )
    return {row["rated_id"]: (round(row["avg"], 1), row["n"]) for row in rows}


def reviews_done(user_ids) -> dict[int, int]:
    rows = (
        ReviewRequest.objects.filter(reviewer_id__in=list(user_ids), status=Status.ACCEPTED)
        .values("reviewer_id")
        .annotate(n=Count("id"))
    )
    return {row["reviewer_id"]: row["n"] for row in rows}


def export_for(user) -> dict:
    """What a person wrote in peer review, for their GDPR export."""
    return {
        "requests": [
            {"title": r.title, "summary": r.summary, "feedback_wanted": r.feedback_wanted}
            for r in ReviewRequest.objects.filter(requester=user)
        ],
        "reviews": [
            {"request": s.request.title, "round": s.round, "text": s.text}
            for s in Submission.objects.filter(request__reviewer=user).select_related("request")
        ],
        "ratings": [
            {"request": r.request.title, "score": r.score, "comment": r.comment}
            for r in Rating.objects.filter(rater=user).select_related("request")
        ],
    }


def person_forget(user) -> None:
    """Before a person's account is deleted: their running requests are withdrawn (the
    points return) and, with everything they asked, deleted with the files; requests
    they were asked to review or were reviewing look for someone else. Reviews they
    submitted stay with the requester's organization, which asked and paid for them,
    without their name."""
    for request in ReviewRequest.objects.filter(requester=user, status__in=OPEN_STATUSES):
        with transaction.atomic():
            ReviewRequest.objects.filter(pk=request.pk).update(
                status=Status.WITHDRAWN, closed_at=timezone.now()
            )
            _release(request)
    for request in ReviewRequest.objects.filter(requester=user):
        if request.document:
            request.document.delete(save=False)
        for submission in request.submissions.exclude(file=""):
            submission.file.delete(save=False)
    ReviewRequest.objects.filter(
        reviewer=user, status__in=(Status.ASKED, Status.IN_PROGRESS)
    ).update(status=Status.OPEN, reviewer=None, reviewer_organization=None)
    ReviewRequest.objects.filter(reviewer=user, status=Status.REVISION).update(
        status=Status.SUBMITTED, submitted_at=timezone.now()
    )


# -- telling people -------------------------------------------------------------------


def _tell(user, request: ReviewRequest, *, kind: str, text, actor=None, **extra) -> None:
    """An in-app notification (and so the e-mail digest) in the person's language."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        organization = request.reviewer_organization
        params = {
            "title": request.title,
            "requester": str(request.requester),
            "actor": str(actor or ""),
            "points": request.points,
            "organization": str(organization or ""),
            **extra,
        }
        notifications.notify(
            user_ids=[user.pk],
            kind=kind,
            text=(str(text) % params).strip(),
            url=reverse("reviews:detail", args=[request.pk]),
        )


def visible_q(user) -> Q:
    """Requests whose document and review `user` may read."""
    if not _signed_in(user):
        return Q(pk__in=[])
    return (
        Q(requester=user)
        | Q(reviewer=user)
        | Q(pk__in=Reader.objects.filter(user=user).values("request_id"))
    )
