"""The rules of the course catalogue: who publishes for a provider, courses and their
sessions, enrolment with a waiting list, attendance and completion, skills from a
completed course, reviews by those who completed, and the import of a catalogue.

Places are never overbooked: enrolling, cancelling and changing a session's places lock
the session row (`SELECT ... FOR UPDATE`; SQLite's IMMEDIATE transaction takes the write
lock) and count the confirmed enrolments inside the same transaction. When a place
frees, the first in line (by `queued_at`, then id) moves up in that transaction and is
told.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eenoverheid.core.errors import Conflict, InvalidInput, InvalidParam, NotAllowed, NotFound
from eenoverheid.core.services import audit_record
from eenoverheid.core.visibility import is_platform_admin
from eenoverheid.learning.models import (
    CostKind,
    Course,
    CourseManager,
    CourseReview,
    CourseSkill,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    Format,
    Language,
    Session,
)
from eenoverheid.notifications import services as notifications
from eenoverheid.organizations.models import Organization
from eenoverheid.people.models import Skill, SkillLevel, SkillStatus

MAX_SKILLS = 10
LEVEL_RANK = {SkillLevel.INTERESTED: 1, SkillLevel.PRACTITIONER: 2, SkillLevel.EXPERT: 3}


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


# -- who publishes --------------------------------------------------------------------


def may_manage(*, user, provider: Organization) -> bool:
    """Platform administrators, the provider's administrators and its course managers."""
    if not _signed_in(user):
        return False
    if is_platform_admin(user):
        return True
    from eenoverheid.organizations.services import can_administer

    if can_administer(user=user, organization=provider):
        return True
    return CourseManager.objects.filter(organization=provider, user=user).exists()


def managed_provider_ids(user) -> set[int]:
    if not _signed_in(user):
        return set()
    from eenoverheid.organizations.models import Membership, MembershipRole

    ids = set(
        Membership.objects.filter(user=user, role=MembershipRole.ADMIN).values_list(
            "organization_id", flat=True
        )
    )
    ids |= set(CourseManager.objects.filter(user=user).values_list("organization_id", flat=True))
    return ids


def require_manager(user, provider: Organization) -> None:
    if not may_manage(user=user, provider=provider):
        raise NotAllowed(_("Only the provider's course managers do this."))


def manager_add(*, actor, organization: Organization, user) -> CourseManager:
    from eenoverheid.organizations.services import can_administer

    if not (is_platform_admin(actor) or can_administer(user=actor, organization=organization)):
        raise NotAllowed(_("Only the organization's administrators appoint course managers."))
    manager, _made = CourseManager.objects.get_or_create(organization=organization, user=user)
    audit_record(actor=actor, action="learning.manager_add", obj=manager)
    return manager


def manager_remove(*, actor, manager: CourseManager) -> None:
    from eenoverheid.organizations.services import can_administer

    if not (
        is_platform_admin(actor) or can_administer(user=actor, organization=manager.organization)
    ):
        raise NotAllowed(_("Only the organization's administrators remove course managers."))
    audit_record(actor=actor, action="learning.manager_remove", obj=manager)
    manager.delete()


# -- courses --------------------------------------------------------------------------


@dataclass
class CourseInput:
    code: str = ""
    title: str = ""
    description: str = ""
    format: str = Format.CLASSROOM
    language: str = Language.DUTCH
    duration: str = ""
    study_load_hours: int = 0
    cost_kind: str = CostKind.FREE
    price_euros: int = 0
    price_points: int = 0
    prerequisites: str = ""
    accreditation: str = ""
    url: str = ""
    skills: list[tuple[int, str]] = field(default_factory=list)  # (skill id, level)


def _number(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def clean_course(data: CourseInput) -> tuple[dict, list[tuple[Skill, str]], list[InvalidParam]]:
    """The course's values and skills, and every problem found (none when valid)."""
    problems: list[InvalidParam] = []

    def problem(name: str, reason, code: str = "invalid") -> None:
        problems.append(InvalidParam(name=name, reason=reason, code=code))

    code = (data.code or "").strip()
    if not 1 <= len(code) <= 40:
        problem("code", _("Give a course code of 1 to 40 characters."))
    title = (data.title or "").strip()
    if not 3 <= len(title) <= 200:
        problem("title", _("Give a title of 3 to 200 characters."))
    description = (data.description or "").strip()
    if not 1 <= len(description) <= 5000:
        problem("description", _("Describe the course in at most 5,000 characters."))
    if data.format not in Format.values:
        problem("format", _("Choose one of: %(values)s.") % {"values": ", ".join(Format.values)})
    if data.language not in Language.values:
        problem("language", _("Choose nl or en."))
    duration = (data.duration or "").strip()
    if not 1 <= len(duration) <= 60:
        problem("duration", _("Give the duration in at most 60 characters."))
    if not _number(data.study_load_hours, 1, 2000):
        problem("study_load_hours", _("A whole number of hours from 1 to 2,000."))
    if data.cost_kind not in CostKind.values:
        problem("cost_kind", _("Unknown kind of cost."))
    for name in ("price_euros", "price_points"):
        if not _number(getattr(data, name), 0, 100_000):
            problem(name, _("A whole number from 0 to 100,000."))
    if (
        data.cost_kind in (CostKind.OWN_FREE, CostKind.PAID)
        and _number(data.price_euros, 0, 100_000)
        and _number(data.price_points, 0, 100_000)
        and not (data.price_euros or data.price_points)
    ):
        problem("price_euros", _("A course that others pay for needs a price."))
    url = (data.url or "").strip()
    if url and (not url.startswith(("https://", "http://")) or len(url) > 500):
        problem("url", _("Give a web address starting with https://."))
    skills: list[tuple[Skill, str]] = []
    wanted = list(dict(data.skills or []).items())
    if len(wanted) > MAX_SKILLS:
        problem("skills", _("At most %(n)d skills.") % {"n": MAX_SKILLS})
    elif wanted:
        found = {
            s.pk: s
            for s in Skill.objects.filter(
                pk__in=[pk for pk, _level in wanted], status=SkillStatus.ACTIVE
            )
        }
        for pk, level in wanted:
            if pk not in found:
                problem("skills", _("One of these skills does not exist."), "unknown")
                break
            if level not in SkillLevel.values:
                problem("skills", _("Unknown skill level."))
                break
            skills.append((found[pk], level))
    values = {
        "code": code,
        "title": title,
        "description": description,
        "format": data.format,
        "language": data.language,
        "duration": duration,
        "study_load_hours": data.study_load_hours,
        "cost_kind": data.cost_kind,
        "price_euros": data.price_euros,
        "price_points": data.price_points,
        "prerequisites": (data.prerequisites or "").strip()[:2000],
        "accreditation": (data.accreditation or "").strip()[:200],
        "url": url,
    }
    return values, skills, problems


def _raise(problems: list[InvalidParam]) -> None:
    if problems:
        raise InvalidInput(problems[0].reason, invalid_params=problems)


def course_skills_set(course: Course, skills: list[tuple[Skill, str]]) -> None:
    CourseSkill.objects.filter(course=course).exclude(skill__in=[s for s, _l in skills]).delete()
    for skill, level in skills:
        CourseSkill.objects.update_or_create(course=course, skill=skill, defaults={"level": level})


def course_create(
    *, actor, provider: Organization, data: CourseInput, publish: bool = False
) -> Course:
    require_manager(actor, provider)
    values, skills, problems = clean_course(data)
    _raise(problems)
    try:
        with transaction.atomic():
            course = Course.objects.create(
                provider=provider,
                created_by=actor,
                status=CourseStatus.PUBLISHED if publish else CourseStatus.DRAFT,
                **values,
            )
            course_skills_set(course, skills)
            audit_record(actor=actor, action="learning.course_create", obj=course)
    except IntegrityError:
        raise InvalidInput.for_field(
            "code", _("This provider has a course with this code already."), "duplicate"
        ) from None
    return course


def course_update(*, actor, course: Course, data: CourseInput) -> Course:
    require_manager(actor, course.provider)
    values, skills, problems = clean_course(data)
    _raise(problems)
    try:
        with transaction.atomic():
            for name, value in values.items():
                setattr(course, name, value)
            course.save()
            course_skills_set(course, skills)
            audit_record(actor=actor, action="learning.course_update", obj=course)
    except IntegrityError:
        raise InvalidInput.for_field(
            "code", _("This provider has a course with this code already."), "duplicate"
        ) from None
    return course


def course_status_set(*, actor, course: Course, status: str) -> Course:
    """Publish, archive or return to draft. An archived course takes no enrolments;
    the sessions and enrolments it has stay."""
    require_manager(actor, course.provider)
    if status not in CourseStatus.values:
        raise InvalidInput.for_field("status", _("Unknown status."))
    course.status = status
    course.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="learning.course_status", obj=course, changes={"to": status})
    return course


# -- sessions -------------------------------------------------------------------------


@dataclass
class SessionInput:
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    municipality: str | None = None  # a municipality's code
    place: str = ""
    online_url: str = ""
    capacity: int = 0


def clean_session(course: Course, data: SessionInput) -> tuple[dict, list[InvalidParam]]:
    from eenoverheid.organizations.selectors import municipality_get

    problems: list[InvalidParam] = []

    def problem(name: str, reason, code: str = "invalid") -> None:
        problems.append(InvalidParam(name=name, reason=reason, code=code))

    if data.starts_at is None:
        problem("starts_at", _("Give when the session starts."), "required")
    if data.ends_at is None:
        problem("ends_at", _("Give when the session ends."), "required")
    if data.starts_at and data.ends_at and data.ends_at <= data.starts_at:
        problem("ends_at", _("The session ends after it starts."))
    if not _number(data.capacity, 1, 10_000):
        problem("capacity", _("A whole number of places from 1 to 10,000."))
    municipality = None
    if data.municipality:
        try:
            municipality = municipality_get(data.municipality)
        except NotFound:
            problem("municipality", _("No such municipality."), "unknown")
    online = (data.online_url or "").strip()
    if online and (not online.startswith(("https://", "http://")) or len(online) > 500):
        problem("online_url", _("Give a web address starting with https://."))
    place = (data.place or "").strip()[:200]
    in_person = course.format in (Format.CLASSROOM, Format.BLENDED)
    if in_person and not (municipality or place):
        problem("municipality", _("Say where a classroom session takes place."), "required")
    if course.format == Format.ONLINE and not online:
        problem("online_url", _("Give the link of an online session."), "required")
    values = {
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
        "municipality": municipality,
        "place": place,
        "online_url": online,
        "capacity": data.capacity,
    }
    return values, problems


def session_create(*, actor, course: Course, data: SessionInput) -> Session:
    require_manager(actor, course.provider)
    values, problems = clean_session(course, data)
    _raise(problems)
    if values["starts_at"] <= timezone.now():
        raise InvalidInput.for_field("starts_at", _("A new session starts in the future."))
    session = Session.objects.create(course=course, **values)
    audit_record(actor=actor, action="learning.session_create", obj=session)
    return session


def session_update(*, actor, session: Session, data: SessionInput) -> Session:
    """Change a session; more places move the waiting list up, fewer places than are
    confirmed are refused."""
    require_manager(actor, session.course.provider)
    values, problems = clean_session(session.course, data)
    _raise(problems)
    promoted: list[Enrolment] = []
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        confirmed = locked.enrolments.filter(status=EnrolmentStatus.CONFIRMED).count()
        if values["capacity"] < confirmed:
            raise Conflict(
                _("%(n)d people are confirmed; cancel enrolments before lowering the places.")
                % {"n": confirmed}
            )
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save()
        promoted = promote(locked)
        audit_record(actor=actor, action="learning.session_update", obj=locked)
    for enrolment in promoted:
        tell_promoted(enrolment)
    session.refresh_from_db()
    return session


def session_cancel(*, actor, session: Session, reason: str = "") -> int:
    """Cancel a session and every enrolment in it; each person is told why."""
    require_manager(actor, session.course.provider)
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if locked.cancelled:
            return 0
        locked.cancelled = True
        locked.save(update_fields=["cancelled"])
        active = list(
            locked.enrolments.filter(
                status__in=[EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITING]
            ).select_related("user")
        )
        Enrolment.objects.filter(pk__in=[e.pk for e in active]).update(
            status=EnrolmentStatus.CANCELLED, cancelled_at=timezone.now()
        )
        for enrolment in active:
            _release_price(enrolment)
        audit_record(actor=actor, action="learning.session_cancel", obj=locked)
    for enrolment in active:
        _tell(
            enrolment.user,
            enrolment.session,
            kind="learning.session_cancelled",
            text=gettext_lazy("The session of %(course)s on %(date)s is cancelled. %(reason)s"),
            reason=(reason or "")[:300],
        )
    return len(active)


# -- enrolment ------------------------------------------------------------------------


def promote(session: Session) -> list[Enrolment]:
    """Inside the session's lock (the caller holds it): fill free places from the waiting
    list, in order; returns who moved up, to be told after the commit."""
    confirmed = session.enrolments.filter(status=EnrolmentStatus.CONFIRMED).count()
    free = session.capacity - confirmed
    if free <= 0:
        return []
    moving = list(
        session.enrolments.filter(status=EnrolmentStatus.WAITING)
        .order_by("queued_at", "id")
        .select_related("user", "session__course")[:free]
    )
    now = timezone.now()
    Enrolment.objects.filter(pk__in=[e.pk for e in moving]).update(
        status=EnrolmentStatus.CONFIRMED, confirmed_at=now
    )
    return moving


def enrol(*, actor, session: Session) -> Enrolment:
    """A place while places last, otherwise a place on the waiting list."""
    if not _signed_in(actor):
        raise NotAllowed(_("Sign in to enrol."))
    try:
        with transaction.atomic():
            # Checked under the lock: the session may have changed since it was read.
            locked = (
                Session.objects.select_for_update(of=("self",))
                .select_related("course")
                .get(pk=session.pk)
            )
            if locked.course.status != CourseStatus.PUBLISHED:
                raise Conflict(_("This course takes no enrolments."))
            if locked.cancelled:
                raise Conflict(_("This session is cancelled."))
            if locked.starts_at <= timezone.now():
                raise Conflict(_("This session has started."))
            if locked.enrolments.filter(
                user=actor, status__in=[EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITING]
            ).exists():
                raise Conflict(_("You are enrolled in this session already."))
            confirmed = locked.enrolments.filter(status=EnrolmentStatus.CONFIRMED).count()
            waiting = locked.enrolments.filter(status=EnrolmentStatus.WAITING).exists()
            has_place = confirmed < locked.capacity and not waiting
            enrolment = Enrolment.objects.create(
                session=locked,
                user=actor,
                status=EnrolmentStatus.CONFIRMED if has_place else EnrolmentStatus.WAITING,
                confirmed_at=timezone.now() if has_place else None,
            )
            _reserve_price(enrolment, locked.course, actor)
    except IntegrityError:
        raise Conflict(_("You are enrolled in this session already.")) from None
    if enrolment.status == EnrolmentStatus.CONFIRMED:
        text = gettext_lazy("You have a place in %(course)s on %(date)s.")
    else:
        text = gettext_lazy(
            "%(course)s on %(date)s is full; you are on the waiting list and hear when a "
            "place frees."
        )
    _tell(actor, session, kind="learning.enrolled", text=text)
    return enrolment


# -- paying in points -----------------------------------------------------------------


def points_owed(course: Course, organization_ids: list[int]) -> tuple[int, int | None]:
    """What a person of these organizations pays in points for the course, and which of
    their organizations pays: nothing for a free course, nothing for the provider's own
    staff when it is free for them, and nothing across when the only organization is the
    provider itself."""
    if course.cost_kind == CostKind.FREE or not course.price_points:
        return 0, None
    if course.cost_kind == CostKind.OWN_FREE and course.provider_id in organization_ids:
        return 0, None
    others = [pk for pk in organization_ids if pk != course.provider_id]
    if not others:
        return 0, None
    return course.price_points, others[0]


def _reserve_price(enrolment: Enrolment, course: Course, actor) -> None:
    """Inside the enrolment's transaction: set the price aside on the learner's
    organization's account (refused, and the enrolment with it, when it cannot)."""
    from eenoverheid.ledger import services as ledger
    from eenoverheid.ledger.models import Reason
    from eenoverheid.organizations.selectors import organization_ids_of

    ids = organization_ids_of(actor)
    if course.cost_kind != CostKind.FREE and course.price_points and not ids:
        raise Conflict(
            _("Courses paid in points are for civil servants of an organization on the platform.")
        )
    points, payer = points_owed(course, ids)
    if not points:
        return
    organization = Organization.objects.get(pk=payer)
    enrolment.paying_organization = organization
    enrolment.reservation = ledger.reserve(
        account=ledger.organization_account(organization),
        amount=points,
        reason=Reason.COURSE,
        reference=f"course:{course.pk}",
        caused_by=actor,
        idempotency_key=f"enrolment:{enrolment.pk}",
    )
    enrolment.save(update_fields=["paying_organization", "reservation"])


def _release_price(enrolment: Enrolment) -> None:
    from eenoverheid.ledger import services as ledger
    from eenoverheid.ledger.models import ReservationStatus

    if enrolment.reservation_id and enrolment.reservation.status == ReservationStatus.HELD:
        ledger.release(reservation=enrolment.reservation)


def _pay_price(enrolment: Enrolment, actor) -> None:
    """The session took place for this person (attended, absent or completed): the
    reserved points go to the provider, once."""
    from eenoverheid.ledger import services as ledger
    from eenoverheid.ledger.models import ReservationStatus

    if not enrolment.reservation_id or enrolment.payment_id:
        return
    if enrolment.reservation.status != ReservationStatus.HELD:
        return
    payment = ledger.capture(
        reservation=enrolment.reservation,
        target=ledger.organization_account(enrolment.session.course.provider),
        caused_by=actor,
        memo=enrolment.session.course.title,
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(payment=payment)
    enrolment.payment = payment


def waiting_position(enrolment: Enrolment) -> int | None:
    """1 for the first in line; None when not waiting."""
    if enrolment.status != EnrolmentStatus.WAITING:
        return None
    ahead = Enrolment.objects.filter(
        Q(queued_at__lt=enrolment.queued_at)
        | Q(queued_at=enrolment.queued_at, id__lt=enrolment.pk),
        session_id=enrolment.session_id,
        status=EnrolmentStatus.WAITING,
    )
    return ahead.count() + 1


def enrolment_cancel(*, actor, enrolment: Enrolment) -> Enrolment:
    """The person (or the provider) cancels; a freed place goes to the first in line."""
    session = enrolment.session
    if not _signed_in(actor) or (
        actor.pk != enrolment.user_id
        and not may_manage(user=actor, provider=session.course.provider)
    ):
        raise NotAllowed(_("Only the person or the provider cancels an enrolment."))
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        current = Enrolment.objects.get(pk=enrolment.pk)
        if current.status == EnrolmentStatus.CANCELLED:
            return current
        if locked.starts_at <= timezone.now():
            raise Conflict(_("The session has started; it can no longer be cancelled."))
        Enrolment.objects.filter(pk=current.pk).update(
            status=EnrolmentStatus.CANCELLED, cancelled_at=timezone.now()
        )
        _release_price(current)
        promoted = promote(locked)
    for moved in promoted:
        tell_promoted(moved)
    enrolment.refresh_from_db()
    return enrolment


def tell_promoted(enrolment: Enrolment) -> None:
    _tell(
        enrolment.user,
        enrolment.session,
        kind="learning.promoted",
        text=gettext_lazy("A place freed up: you are now enrolled in %(course)s on %(date)s."),
    )


def attendance_set(*, actor, enrolment: Enrolment, attended: bool) -> Enrolment:
    require_manager(actor, enrolment.session.course.provider)
    if enrolment.status != EnrolmentStatus.CONFIRMED:
        raise Conflict(_("Only confirmed participants attend."))
    with transaction.atomic():
        enrolment.attended = bool(attended)
        enrolment.save(update_fields=["attended"])
        _pay_price(enrolment, actor)
    return enrolment


def completion_set(*, actor, enrolment: Enrolment, completed: bool = True) -> Enrolment:
    """The provider marks the course completed; the person may then add its skills to
    their profile and review the course."""
    require_manager(actor, enrolment.session.course.provider)
    if enrolment.status != EnrolmentStatus.CONFIRMED:
        raise Conflict(_("Only confirmed participants complete a course."))
    with transaction.atomic():
        enrolment.completed_at = timezone.now() if completed else None
        if completed:
            enrolment.attended = True
        enrolment.save(update_fields=["completed_at", "attended"])
        _pay_price(enrolment, actor)
    if completed:
        _tell(
            enrolment.user,
            enrolment.session,
            kind="learning.completed",
            text=gettext_lazy(
                "You completed %(course)s. Add its skills to your profile and say how it was."
            ),
        )
    return enrolment


def skills_from_completion(*, actor, enrolment: Enrolment, skill_ids: list[int]) -> list[int]:
    """The person adds the skills they chose from a completed course to their profile,
    at the level the course teaches, never lowering a level they hold. Returns the
    skills added or raised."""
    from eenoverheid.people.models import ProfileSkill
    from eenoverheid.people.services import profile_for, profile_skill_set

    if not _signed_in(actor) or actor.pk != enrolment.user_id:
        raise NotAllowed(_("Only the person adds skills to their own profile."))
    if enrolment.completed_at is None:
        raise Conflict(_("Add skills after completing the course."))
    taught = dict(
        CourseSkill.objects.filter(course_id=enrolment.session.course_id).values_list(
            "skill_id", "level"
        )
    )
    chosen = list(dict.fromkeys(skill_ids))
    if not set(chosen) <= set(taught):
        raise InvalidInput.for_field("skills", _("Choose skills the course teaches."))
    held = dict(
        ProfileSkill.objects.filter(profile=profile_for(actor), skill_id__in=chosen).values_list(
            "skill_id", "level"
        )
    )
    changed = []
    for skill_id in chosen:
        level = taught[skill_id]
        if LEVEL_RANK.get(held.get(skill_id), 0) >= LEVEL_RANK[level]:
            continue
        profile_skill_set(user=actor, skill_id=skill_id, level=level)
        changed.append(skill_id)
    Enrolment.objects.filter(pk=enrolment.pk).update(skills_added=True)
    return changed


def review_create(*, actor, course: Course, score: int, text: str = "") -> CourseReview:
    """Only people who completed the course review it, once."""
    if not _signed_in(actor):
        raise NotAllowed(_("Sign in to review."))
    if not Enrolment.objects.filter(
        user=actor, session__course=course, completed_at__isnull=False
    ).exists():
        raise NotAllowed(_("Only people who completed the course review it."))
    if not _number(score, 1, 5):
        raise InvalidInput.for_field("score", _("A score from 1 to 5."))
    if len(text or "") > 3000:
        raise InvalidInput.for_field("text", _("At most 3,000 characters."))
    try:
        with transaction.atomic():
            return CourseReview.objects.create(
                course=course, user=actor, score=score, text=(text or "").strip()
            )
    except IntegrityError:
        raise Conflict(_("You reviewed this course already.")) from None


# -- telling people -------------------------------------------------------------------


def _tell(user, session: Session, *, kind: str, text, **extra) -> None:
    from django.utils.formats import date_format

    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        local = timezone.localtime(session.starts_at)
        params = {
            "course": session.course.title,
            "date": date_format(local, "l j F Y H:i"),
            **extra,
        }
        notifications.notify(
            user_ids=[user.pk],
            kind=kind,
            text=(str(text) % params).strip(),
            url=reverse("learning:course", args=[session.course_id]),
        )


def export_for(user) -> dict:
    """What a person did and wrote in the catalogue, for their own data export."""
    return {
        "enrolments": [
            {
                "course": e.session.course.title,
                "starts_at": e.session.starts_at.isoformat(),
                "status": e.status,
                "completed_at": e.completed_at.isoformat() if e.completed_at else None,
            }
            for e in Enrolment.objects.filter(user=user).select_related("session__course")
        ],
        "reviews": [
            {"course": r.course.title, "score": r.score, "text": r.text}
            for r in CourseReview.objects.filter(user=user).select_related("course")
        ],
    }
