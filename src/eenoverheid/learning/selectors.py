"""Reading the catalogue: search with filters, one course, its sessions with free places,
what a person wants to learn, courses for the skills a person lacks, and enrolments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from eenoverheid.core.errors import NotFound
from eenoverheid.learning import services
from eenoverheid.learning.models import (
    CostKind,
    Course,
    CourseSkill,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    Format,
    Session,
)
from eenoverheid.organizations.selectors import organization_ids_of
from eenoverheid.people.models import ProfileSkill, SkillLevel


@dataclass
class CatalogueFilters:
    q: str = ""
    skill_id: int | None = None
    format: str | None = None
    province: str | None = None  # a province's code: sessions there (and online ones)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    cost: str | None = None  # "free" (for me), "points", "euros"
    provider: str | None = None  # an organization's code


def with_facts(courses: QuerySet[Course]) -> QuerySet[Course]:
    now = timezone.now()
    return (
        courses.select_related("provider")
        .prefetch_related(
            Prefetch("course_skills", queryset=CourseSkill.objects.select_related("skill"))
        )
        .annotate(
            rating=Avg("reviews__score"),
            ratings=Count("reviews", distinct=True),
            next_start=Min(
                "sessions__starts_at",
                filter=Q(sessions__starts_at__gt=now, sessions__cancelled=False),
            ),
        )
    )


def catalogue(*, viewer, filters: CatalogueFilters) -> QuerySet[Course]:
    """Published courses matching the filters, those with the soonest session first."""
    from eenoverheid.people.selectors import skill_descendants

    courses = Course.objects.filter(status=CourseStatus.PUBLISHED)
    f = filters
    if f.q:
        courses = courses.filter(
            Q(title__icontains=f.q) | Q(description__icontains=f.q) | Q(code__iexact=f.q)
        )
    if f.skill_id:
        narrower = skill_descendants([f.skill_id]).get(f.skill_id, {f.skill_id})
        courses = courses.filter(
            Exists(CourseSkill.objects.filter(course=OuterRef("pk"), skill_id__in=narrower))
        )
    if f.format in Format.values:
        courses = courses.filter(format=f.format)
    if f.provider:
        courses = courses.filter(provider__code=f.provider)
    sessions = Session.objects.filter(course=OuterRef("pk"), cancelled=False)
    dated = False
    if f.date_from:
        sessions = sessions.filter(starts_at__date__gte=f.date_from)
        dated = True
    if f.date_to:
        sessions = sessions.filter(starts_at__date__lte=f.date_to)
        dated = True
    if f.province:
        sessions = sessions.filter(Q(municipality__province__code=f.province) | ~Q(online_url=""))
        courses = courses.filter(Exists(sessions) | Q(format=Format.SELF_PACED))
    elif dated:
        courses = courses.filter(Exists(sessions))
    if f.cost == "free":
        mine = organization_ids_of(viewer)
        courses = courses.filter(
            Q(cost_kind=CostKind.FREE) | Q(cost_kind=CostKind.OWN_FREE, provider_id__in=mine)
        )
    elif f.cost == "points":
        courses = courses.exclude(cost_kind=CostKind.FREE).filter(price_points__gt=0)
    elif f.cost == "euros":
        courses = courses.exclude(cost_kind=CostKind.FREE).filter(price_euros__gt=0)
    return with_facts(courses).order_by(
        # Courses with a coming session first, soonest first; then the rest by title.
        "next_start",
        "title",
        "id",
    )


def course_get(*, viewer, pk: int) -> Course:
    """A published course, or any course of a provider the viewer manages."""
    course = with_facts(Course.objects.filter(pk=pk)).first()
    if course is None or (
        course.status != CourseStatus.PUBLISHED
        and not services.may_manage(user=viewer, provider=course.provider)
    ):
        raise NotFound(_("No such course."))
    return course


def sessions_of(course: Course, *, include_past: bool = False) -> list[Session]:
    """The course's sessions with `confirmed` and `waiting` counts."""
    sessions = course.sessions.select_related("municipality").annotate(
        confirmed=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.CONFIRMED)),
        waiting=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITING)),
    )
    if not include_past:
        sessions = sessions.filter(ends_at__gt=timezone.now())
    found = list(sessions.order_by("starts_at", "id"))
    for session in found:
        session.free_places = max(0, session.capacity - session.confirmed)
    return found


def session_get(*, viewer, pk: int) -> Session:
    session = (
        Session.objects.select_related("course__provider", "municipality").filter(pk=pk).first()
    )
    if session is None:
        raise NotFound(_("No such session."))
    course_get(viewer=viewer, pk=session.course_id)
    return session


def wanted_skill_ids(user) -> set[int]:
    """The skills a person wants to learn: those on their profile at the level
    "interested"."""
    if not (user and user.is_authenticated):
        return set()
    return set(
        ProfileSkill.objects.filter(profile__user=user, level=SkillLevel.INTERESTED).values_list(
            "skill_id", flat=True
        )
    )


def held_skill_ids(user) -> set[int]:
    """Skills a person has at practitioner level or above."""
    if not (user and user.is_authenticated):
        return set()
    return set(
        ProfileSkill.objects.filter(
            profile__user=user, level__in=[SkillLevel.PRACTITIONER, SkillLevel.EXPERT]
        ).values_list("skill_id", flat=True)
    )


def courses_for_skills(skill_ids: set[int], *, limit: int = 20) -> list[Course]:
    """Published courses that teach any of these skills (or narrower ones), those that
    teach most of them first."""
    from eenoverheid.people.selectors import skill_descendants

    if not skill_ids:
        return []
    wide = set()
    for ids in skill_descendants(list(skill_ids)).values():
        wide |= ids
    courses = (
        Course.objects.filter(status=CourseStatus.PUBLISHED, course_skills__skill_id__in=wide)
        .annotate(teaches=Count("course_skills", filter=Q(course_skills__skill_id__in=wide)))
        .order_by("-teaches", "title")
        .values_list("id", flat=True)
        .distinct()[:limit]
    )
    ids = list(courses)
    found = {c.pk: c for c in with_facts(Course.objects.filter(pk__in=ids))}
    return [found[pk] for pk in ids if pk in found]


def lacking_for_challenge(*, viewer, challenge) -> set[int]:
    """The skills a challenge needs that the viewer does not have."""
    needed = set(challenge.needs.values_list("skill_id", flat=True))
    return needed - held_skill_ids(viewer)


def enrolments_of(user, *, upcoming: bool = True) -> QuerySet[Enrolment]:
    enrolments = Enrolment.objects.filter(user=user).select_related(
        "session__course__provider", "session__municipality"
    )
    if upcoming:
        return enrolments.filter(
            status__in=[EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITING],
            session__ends_at__gt=timezone.now(),
        ).order_by("session__starts_at")
    return enrolments.order_by("-session__starts_at")


def with_positions(enrolments: list[Enrolment]) -> list[Enrolment]:
    """Set `position` (1 for the first in line, None when not waiting) on each
    enrolment, with one query for all their sessions' waiting lists."""
    waiting = [e for e in enrolments if e.status == EnrolmentStatus.WAITING]
    line: dict[int, list[int]] = {}
    for session_id, pk in (
        Enrolment.objects.filter(
            session_id__in={e.session_id for e in waiting}, status=EnrolmentStatus.WAITING
        )
        .order_by("session_id", "queued_at", "id")
        .values_list("session_id", "id")
    ):
        line.setdefault(session_id, []).append(pk)
    for enrolment in enrolments:
        in_line = line.get(enrolment.session_id, [])
        waits = enrolment.status == EnrolmentStatus.WAITING and enrolment.pk in in_line
        enrolment.position = in_line.index(enrolment.pk) + 1 if waits else None
    return enrolments


def enrolments_in(session: Session) -> list[Enrolment]:
    return list(
        session.enrolments.exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("user")
        .order_by("status", "queued_at", "id")
    )


def managed_courses(user) -> QuerySet[Course]:
    from eenoverheid.core.visibility import is_platform_admin

    courses = Course.objects.all()
    if not is_platform_admin(user):
        courses = courses.filter(provider_id__in=services.managed_provider_ids(user))
    return with_facts(courses).order_by("provider__name", "title")
