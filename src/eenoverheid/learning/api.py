"""`/api/v1/courses`: the government-wide course catalogue, sessions with places,
enrolment with a waiting list, attendance and completion, reviews, iCalendar and the
import of a provider's catalogue."""

from datetime import date, datetime
from typing import Literal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from eenoverheid.accounts import auth
from eenoverheid.core.api_schemas import InputSchema, IsoDate, Problem
from eenoverheid.core.errors import InvalidInput, NotAllowed, NotFound
from eenoverheid.learning import ical, importer, selectors, services
from eenoverheid.learning.models import Course, Enrolment, Session
from eenoverheid.organizations.models import Organization

router = Router(tags=["courses"])

FORMAT = Literal["classroom", "online", "blended", "self_paced"]
COST = Literal["free", "own_free", "paid"]
LEVEL = Literal["interested", "practitioner", "expert"]


class CourseSkillOut(Schema):
    id: int
    code: str
    name: str
    level: str


class CourseOut(Schema):
    id: int
    code: str
    title: str
    description: str
    provider: str = Field(description="The provider organization's code.")
    provider_name: str
    format: str
    language: str
    duration: str
    study_load_hours: int
    cost_kind: str
    price_euros: int
    price_points: int
    prerequisites: str
    accreditation: str
    url: str
    status: str
    skills: list[CourseSkillOut]
    rating: float | None
    ratings: int
    next_start: datetime | None

    @staticmethod
    def resolve_provider(obj: Course) -> str:
        return obj.provider.code

    @staticmethod
    def resolve_provider_name(obj: Course) -> str:
        return obj.provider.name

    @staticmethod
    def resolve_skills(obj: Course) -> list[dict]:
        return [
            {"id": cs.skill_id, "code": cs.skill.code, "name": cs.skill.name, "level": cs.level}
            for cs in obj.course_skills.all()
        ]

    @staticmethod
    def resolve_rating(obj: Course) -> float | None:
        rating = getattr(obj, "rating", None)
        return round(rating, 1) if rating is not None else None

    @staticmethod
    def resolve_ratings(obj: Course) -> int:
        return getattr(obj, "ratings", 0) or 0

    @staticmethod
    def resolve_next_start(obj: Course) -> datetime | None:
        return getattr(obj, "next_start", None)


class CatalogueQuery(Schema):
    q: str = Field("", max_length=200)
    skill: int | None = Field(None, ge=1, le=2**31 - 1)
    format: FORMAT | None = None
    province: str | None = Field(None, max_length=40, description="A province's code.")
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None
    cost: Literal["free", "points", "euros"] | None = None
    provider: str | None = Field(None, max_length=120, description="An organization's code.")


@router.get(
    "/courses",
    response={200: list[CourseOut], 400: Problem},
    auth=auth.OPTIONAL,
    summary="Search the catalogue (text, skill, format, province, dates, cost, provider)",
)
@paginate
def course_list(request, query: Query[CatalogueQuery]):
    return selectors.catalogue(
        viewer=request.user,
        filters=selectors.CatalogueFilters(
            q=query.q.strip(),
            skill_id=query.skill,
            format=query.format,
            province=query.province,
            date_from=query.date_from,
            date_to=query.date_to,
            cost=query.cost,
            provider=query.provider,
        ),
    )


class CourseSkillIn(InputSchema):
    skill: int = Field(ge=1, le=2**31 - 1)
    level: LEVEL = "practitioner"


class CourseIn(InputSchema):
    provider: str = Field(min_length=1, max_length=120, description="The provider's code.")
    code: str = Field(min_length=1, max_length=40)
    title: str = Field(min_length=3, max_length=200)
    description: str = Field(min_length=1, max_length=5000)
    format: FORMAT = "classroom"
    language: Literal["nl", "en"] = "nl"
    duration: str = Field(min_length=1, max_length=60)
    study_load_hours: int = Field(ge=1, le=2000)
    cost_kind: COST = "free"
    price_euros: int = Field(0, ge=0, le=100_000)
    price_points: int = Field(0, ge=0, le=100_000)
    prerequisites: str = Field("", max_length=2000)
    accreditation: str = Field("", max_length=200)
    url: str = Field("", max_length=500)
    skills: list[CourseSkillIn] = Field(default_factory=list, max_length=10)
    publish: bool = False


def _course_input(payload) -> services.CourseInput:
    return services.CourseInput(
        code=payload.code,
        title=payload.title,
        description=payload.description,
        format=payload.format,
        language=payload.language,
        duration=payload.duration,
        study_load_hours=payload.study_load_hours,
        cost_kind=payload.cost_kind,
        price_euros=payload.price_euros,
        price_points=payload.price_points,
        prerequisites=payload.prerequisites,
        accreditation=payload.accreditation,
        url=payload.url,
        skills=[(s.skill, s.level) for s in payload.skills],
    )


def _provider(code: str) -> Organization:
    provider = Organization.objects.filter(code=code, is_active=True).first()
    if provider is None:
        raise InvalidInput.for_field("provider", _("No such organization."), "unknown")
    return provider


@router.post(
    "/courses",
    response={201: CourseOut, 400: Problem, 401: Problem, 403: Problem},
    auth=auth.REQUIRED,
    summary="Publish a course (or save a draft) for a provider you manage",
)
def course_create(request, payload: CourseIn):
    course = services.course_create(
        actor=request.user,
        provider=_provider(payload.provider),
        data=_course_input(payload),
        publish=payload.publish,
    )
    return Status(201, selectors.course_get(viewer=request.user, pk=course.pk))


@router.get(
    "/courses/mine",
    response={200: list[CourseOut], 401: Problem},
    auth=auth.REQUIRED,
    summary="Courses of the providers you manage, drafts included",
)
@paginate
def course_managed(request):
    return selectors.managed_courses(request.user)


class EnrolmentOut(Schema):
    id: int
    session: int = Field(alias="session_id")
    course: int
    course_title: str
    starts_at: datetime
    ends_at: datetime
    status: str
    waiting_position: int | None
    attended: bool | None
    completed_at: datetime | None

    @staticmethod
    def resolve_course(obj: Enrolment) -> int:
        return obj.session.course_id

    @staticmethod
    def resolve_course_title(obj: Enrolment) -> str:
        return obj.session.course.title

    @staticmethod
    def resolve_starts_at(obj: Enrolment) -> datetime:
        return obj.session.starts_at

    @staticmethod
    def resolve_ends_at(obj: Enrolment) -> datetime:
        return obj.session.ends_at

    @staticmethod
    def resolve_waiting_position(obj: Enrolment) -> int | None:
        return services.waiting_position(obj)


@router.get(
    "/courses/enrolments",
    response={200: list[EnrolmentOut], 401: Problem},
    auth=auth.REQUIRED,
    summary="Your enrolments (coming, or all with ?all=true)",
)
@paginate
def enrolment_list(request, all: bool = False):
    return selectors.enrolments_of(request.user, upcoming=not all)


@router.get(
    "/courses/enrolments.ics",
    response={200: None, 401: Problem},
    auth=auth.REQUIRED,
    summary="Your enrolments as iCalendar",
)
def enrolment_calendar(request):
    enrolments = selectors.enrolments_of(request.user, upcoming=False)
    body = ical.enrolments_calendar(enrolments, name=_("My courses"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@router.post(
    "/courses/enrolments/{enrolment_id}/cancel",
    response={200: EnrolmentOut, 401: Problem, 403: Problem, 404: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Cancel an enrolment; a freed place goes to the first in line",
)
def enrolment_cancel(request, enrolment_id: int):
    enrolment = _enrolment(request, enrolment_id)
    return services.enrolment_cancel(actor=request.user, enrolment=enrolment)


def _enrolment(request, enrolment_id: int) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_related("session__course__provider")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None or (
        enrolment.user_id != request.user.pk
        and not services.may_manage(user=request.user, provider=enrolment.session.course.provider)
    ):
        raise NotFound(_("No such enrolment."))
    return enrolment


class ProgressIn(InputSchema):
    attended: bool | None = None
    completed: bool | None = None


@router.patch(
    "/courses/enrolments/{enrolment_id}",
    response={
        200: EnrolmentOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Mark attendance or completion (the provider)",
)
def enrolment_progress(request, enrolment_id: int, payload: ProgressIn):
    enrolment = _enrolment(request, enrolment_id)
    if payload.attended is not None:
        services.attendance_set(actor=request.user, enrolment=enrolment, attended=payload.attended)
    if payload.completed is not None:
        services.completion_set(
            actor=request.user, enrolment=enrolment, completed=payload.completed
        )
    enrolment.refresh_from_db()
    return enrolment


class SkillsIn(InputSchema):
    skills: list[int] = Field(max_length=10)


@router.post(
    "/courses/enrolments/{enrolment_id}/skills",
    response={200: list[int], 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Add skills of a completed course to your profile; returns those added or raised",
)
def enrolment_skills(request, enrolment_id: int, payload: SkillsIn):
    enrolment = _enrolment(request, enrolment_id)
    return services.skills_from_completion(
        actor=request.user,
        enrolment=enrolment,
        skill_ids=[s for s in payload.skills if 0 < s < 2**31],
    )


class ImportRejectedOut(Schema):
    lines: str
    code: str
    reason: str


class ImportReportOut(Schema):
    format: str
    created: int
    updated: int
    sessions: int
    rejected: list[ImportRejectedOut]


@router.post(
    "/courses/import",
    response={200: ImportReportOut, 400: Problem, 401: Problem, 403: Problem},
    auth=auth.REQUIRED,
    summary="Import a provider's catalogue (CSV or JSON); rejected rows are reported",
)
def catalogue_import(request, provider: str, file: File[UploadedFile]):
    return importer.import_catalogue(
        actor=request.user, provider=_provider(provider), content=file.read()
    )


@router.get(
    "/courses/{course_id}",
    response={200: CourseOut, 404: Problem},
    auth=auth.OPTIONAL,
    summary="One course",
)
def course_read(request, course_id: int):
    return selectors.course_get(viewer=request.user, pk=course_id)


@router.put(
    "/courses/{course_id}",
    response={200: CourseOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Change a course (its provider cannot change)",
)
def course_update(request, course_id: int, payload: CourseIn):
    course = selectors.course_get(viewer=request.user, pk=course_id)
    if payload.provider != course.provider.code:
        raise InvalidInput.for_field("provider", _("A course keeps its provider."))
    services.course_update(actor=request.user, course=course, data=_course_input(payload))
    if payload.publish and course.status != "published":
        services.course_status_set(actor=request.user, course=course, status="published")
    return selectors.course_get(viewer=request.user, pk=course_id)


class StatusIn(InputSchema):
    status: Literal["draft", "published", "archived"]


@router.post(
    "/courses/{course_id}/status",
    response={200: CourseOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Publish, archive or return a course to draft",
)
def course_status(request, course_id: int, payload: StatusIn):
    course = selectors.course_get(viewer=request.user, pk=course_id)
    services.course_status_set(actor=request.user, course=course, status=payload.status)
    return selectors.course_get(viewer=request.user, pk=course_id)


class SessionOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    municipality: str | None
    place: str
    online_url: str
    capacity: int
    confirmed: int
    waiting: int
    free: int
    cancelled: bool

    @staticmethod
    def resolve_municipality(obj: Session) -> str | None:
        return obj.municipality.code if obj.municipality_id else None

    @staticmethod
    def resolve_free(obj: Session) -> int:
        return max(0, obj.capacity - obj.confirmed)


@router.get(
    "/courses/{course_id}/sessions",
    response={200: list[SessionOut], 404: Problem},
    auth=auth.OPTIONAL,
    summary="The course's coming sessions with their free places and waiting list",
)
def session_list(request, course_id: int, past: bool = False):
    course = selectors.course_get(viewer=request.user, pk=course_id)
    return selectors.sessions_of(course, include_past=past)


class SessionIn(InputSchema):
    starts_at: datetime
    ends_at: datetime
    municipality: str | None = Field(None, max_length=40, description="A municipality's code.")
    place: str = Field("", max_length=200)
    online_url: str = Field("", max_length=500)
    capacity: int = Field(ge=1, le=10_000)


def _session_input(payload: SessionIn) -> services.SessionInput:
    return services.SessionInput(
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        municipality=payload.municipality,
        place=payload.place,
        online_url=payload.online_url,
        capacity=payload.capacity,
    )


def _session_out(session: Session) -> Session:
    return next(
        s for s in selectors.sessions_of(session.course, include_past=True) if s.pk == session.pk
    )


@router.post(
    "/courses/{course_id}/sessions",
    response={201: SessionOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Add a session",
)
def session_create(request, course_id: int, payload: SessionIn):
    course = selectors.course_get(viewer=request.user, pk=course_id)
    session = services.session_create(
        actor=request.user, course=course, data=_session_input(payload)
    )
    return Status(201, _session_out(session))


def _session(request, course_id: int, session_id: int) -> Session:
    session = selectors.session_get(viewer=request.user, pk=session_id)
    if session.course_id != course_id:
        raise NotFound(_("No such session."))
    return session


@router.put(
    "/courses/{course_id}/sessions/{session_id}",
    response={
        200: SessionOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Change a session; more places move the waiting list up",
)
def session_update(request, course_id: int, session_id: int, payload: SessionIn):
    session = _session(request, course_id, session_id)
    services.session_update(actor=request.user, session=session, data=_session_input(payload))
    return _session_out(session)


class SessionCancelIn(InputSchema):
    reason: str = Field("", max_length=300)


@router.post(
    "/courses/{course_id}/sessions/{session_id}/cancel",
    response={200: SessionOut, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Cancel a session; everyone enrolled is told",
)
def session_cancel(request, course_id: int, session_id: int, payload: SessionCancelIn):
    session = _session(request, course_id, session_id)
    services.session_cancel(actor=request.user, session=session, reason=payload.reason)
    return _session_out(session)


@router.get(
    "/courses/{course_id}/sessions/{session_id}/calendar",
    response={200: None, 404: Problem},
    auth=auth.OPTIONAL,
    summary="A session as iCalendar",
)
def session_calendar(request, course_id: int, session_id: int):
    session = _session(request, course_id, session_id)
    return HttpResponse(ical.session_calendar(session), content_type="text/calendar; charset=utf-8")


@router.post(
    "/courses/{course_id}/sessions/{session_id}/enrolments",
    response={201: EnrolmentOut, 401: Problem, 404: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Enrol: a place while places last, otherwise the waiting list",
)
def enrolment_create(request, course_id: int, session_id: int):
    session = _session(request, course_id, session_id)
    return Status(201, services.enrol(actor=request.user, session=session))


class CourseParticipantOut(Schema):
    id: int
    name: str
    email: str
    status: str
    attended: bool | None
    completed_at: datetime | None

    @staticmethod
    def resolve_name(obj: Enrolment) -> str:
        return str(obj.user)

    @staticmethod
    def resolve_email(obj: Enrolment) -> str:
        return obj.user.email


@router.get(
    "/courses/{course_id}/sessions/{session_id}/enrolments",
    response={200: list[CourseParticipantOut], 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Who is enrolled and who waits, in order (the provider)",
)
def participant_list(request, course_id: int, session_id: int):
    session = _session(request, course_id, session_id)
    if not services.may_manage(user=request.user, provider=session.course.provider):
        raise NotAllowed(_("Only the provider's course managers see who enrolled."))
    return selectors.enrolments_in(session)


class CourseReviewOut(Schema):
    score: int
    text: str
    author: str
    created_at: date

    @staticmethod
    def resolve_author(obj) -> str:
        return str(obj.user)

    @staticmethod
    def resolve_created_at(obj) -> date:
        return obj.created_at.date()


@router.get(
    "/courses/{course_id}/reviews",
    response={200: list[CourseReviewOut], 404: Problem},
    auth=auth.OPTIONAL,
    summary="Reviews by people who completed the course",
)
@paginate
def review_list(request, course_id: int):
    course = selectors.course_get(viewer=request.user, pk=course_id)
    return course.reviews.select_related("user")


class ReviewIn(InputSchema):
    score: int = Field(ge=1, le=5)
    text: str = Field("", max_length=3000)


@router.post(
    "/courses/{course_id}/reviews",
    response={
        201: CourseReviewOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Review a course you completed, once",
)
def review_create(request, course_id: int, payload: ReviewIn):
    course = selectors.course_get(viewer=request.user, pk=course_id)
    return Status(
        201,
        services.review_create(
            actor=request.user, course=course, score=payload.score, text=payload.text
        ),
    )
