"""`/api/v1/opportunities`: gigs and vacancies across government. Search with "why it
fits", "opportunities for me", "people who fit", applications and invitations with
every step, the manager's release, completion paid in points, feedback, endorsements,
saved searches, what one seeks and offers, and schema.org JobPosting."""

from datetime import date, datetime
from typing import Literal

from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from eenoverheid.accounts import auth
from eenoverheid.core.api_schemas import InputSchema, IsoDate, Problem
from eenoverheid.core.errors import InvalidInput, NotFound
from eenoverheid.marketplace import jsonld, selectors, services
from eenoverheid.marketplace.models import Application, Opportunity, SavedSearch
from eenoverheid.organizations.models import Organization
from eenoverheid.people.models import Profile

router = Router(tags=["opportunities"])

KIND = Literal[
    "vacancy",
    "gig",
    "job_swap",
    "job_sharing",
    "shadowing",
    "mentoring",
    "peer_coaching",
    "skill_sharing",
    "deployment",
]
LEVEL = Literal["interested", "practitioner", "expert"]
WORK_MODE = Literal["on_site", "hybrid", "remote"]
VISIBILITY = Literal["public", "signed_in", "members"]
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem}


class MatchedSkillOut(Schema):
    skill: int
    skill_name: str
    held_skill: int
    held_skill_name: str
    relation: str = Field(description="exact, narrower (a child you hold) or broader")
    level: str
    needed_level: str
    required: bool
    credit: float


class MissingSkillOut(Schema):
    skill: int
    skill_name: str
    level: str
    required: bool


class FitOut(Schema):
    score: int = Field(description="0-100: skills 60, text 15, place 10, hours 8, drive 7.")
    matched: list[MatchedSkillOut]
    missing: list[MissingSkillOut]
    reasons: list[str] = Field(description="Other parts that carried the score.")

    @staticmethod
    def resolve_matched(obj) -> list[dict]:
        return [
            {
                "skill": m.skill_id,
                "skill_name": skill.name if skill else "",
                "held_skill": m.held_skill_id,
                "held_skill_name": held.name if held else "",
                "relation": m.relation,
                "level": m.level,
                "needed_level": m.needed_level,
                "required": m.required,
                "credit": m.credit,
            }
            for m, skill, held in obj.matched
        ]

    @staticmethod
    def resolve_missing(obj) -> list[dict]:
        return [
            {
                "skill": n.skill_id,
                "skill_name": skill.name if skill else "",
                "level": n.level,
                "required": n.required,
            }
            for n, skill in obj.missing
        ]


class AskedSkillOut(Schema):
    id: int
    code: str
    name: str
    level: str
    required: bool


class OpportunityOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    organization: str = Field(description="The publishing organization's code.")
    organization_name: str
    team: str | None
    hours_per_week: int | None
    start_date: date | None
    end_date: date | None
    duration_weeks: int | None
    work_mode: str
    municipality: str | None = Field(description="The municipality's code.")
    location: str
    salary_scale_min: int | None
    salary_scale_max: int | None
    closing_date: date | None
    points: int
    budget_euros: int
    places: int
    visibility: str
    status: str
    published_at: datetime | None
    skills: list[AskedSkillOut]
    fit: FitOut | None = Field(None, description="How you fit it (signed in).")

    @staticmethod
    def resolve_organization(obj: Opportunity) -> str:
        return obj.organization.code

    @staticmethod
    def resolve_organization_name(obj: Opportunity) -> str:
        return obj.organization.name

    @staticmethod
    def resolve_team(obj: Opportunity) -> str | None:
        return obj.team.name if obj.team_id else None

    @staticmethod
    def resolve_municipality(obj: Opportunity) -> str | None:
        return obj.municipality.code if obj.municipality_id else None

    @staticmethod
    def resolve_skills(obj: Opportunity) -> list[dict]:
        return [
            {
                "id": s.skill_id,
                "code": s.skill.code,
                "name": s.skill.name,
                "level": s.level,
                "required": s.required,
            }
            for s in obj.skills.all()
        ]

    @staticmethod
    def resolve_fit(obj: Opportunity):
        return getattr(obj, "fit", None)


class SearchQuery(Schema):
    q: str = Field("", max_length=200)
    kind: KIND | None = None
    skill: str | None = Field(None, max_length=120, description="A skill's id, code or name.")
    organization: str | None = Field(None, max_length=120)
    layer: str | None = Field(None, max_length=40)
    province: str | None = Field(None, max_length=40)
    municipality: str | None = Field(None, max_length=40)
    hours_max: int | None = Field(None, ge=1, le=40)
    work_mode: WORK_MODE | None = None


def _filters(query: SearchQuery) -> selectors.OpportunityFilters:
    return selectors.filters_from_params(**query.dict())


@router.get(
    "/opportunities",
    response={200: list[OpportunityOut], 400: Problem},
    auth=auth.OPTIONAL,
    summary="Search open opportunities (text, kind, skill, organization, layer, region, "
    "hours, work mode), each with how you fit it",
)
@paginate
def opportunity_list(request, query: Query[SearchQuery]):
    return selectors.search(viewer=request.user, filters=_filters(query))


@router.get(
    "/opportunities/for-me",
    response={200: list[OpportunityOut], 400: Problem, 401: Problem},
    auth=auth.REQUIRED,
    summary="Opportunities for me: ranked from your skills, profile, place, hours and "
    "what you seek, with the skills that match and those missing",
)
@paginate
def opportunity_for_me(request, query: Query[SearchQuery]):
    return selectors.for_me(viewer=request.user, filters=_filters(query))


@router.get(
    "/opportunities/managed",
    response={200: list[OpportunityOut], 401: Problem},
    auth=auth.REQUIRED,
    summary="Opportunities of the organizations you publish for, drafts included",
)
@paginate
def opportunity_managed(request):
    return selectors.with_details(selectors.managed(request.user))


class AskedSkillIn(InputSchema):
    skill: int = Field(ge=1, le=2**31 - 1)
    level: LEVEL = "practitioner"
    required: bool = True


class OpportunityIn(InputSchema):
    organization: str = Field(min_length=1, max_length=120, description="An organization code.")
    kind: KIND
    title: str = Field(min_length=3, max_length=200)
    description: str = Field(min_length=1, max_length=5000)
    team: int | None = Field(None, ge=1, le=2**31 - 1)
    skills: list[AskedSkillIn] = Field(default_factory=list, max_length=12)
    hours_per_week: int | None = Field(None, ge=1, le=40)
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None
    duration_weeks: int | None = Field(None, ge=1, le=520)
    work_mode: WORK_MODE = "hybrid"
    municipality: str | None = Field(None, max_length=40)
    location: str = Field("", max_length=200)
    salary_scale_min: int | None = Field(None, ge=1, le=18)
    salary_scale_max: int | None = Field(None, ge=1, le=18)
    closing_date: IsoDate | None = None
    points: int = Field(0, ge=0, le=100_000)
    budget_euros: int = Field(0, ge=0, le=10_000_000)
    places: int = Field(1, ge=1, le=50)
    visibility: VISIBILITY = "signed_in"
    publish: bool = False


class OpportunityPatch(InputSchema):
    kind: KIND | None = None
    title: str | None = Field(None, min_length=3, max_length=200)
    description: str | None = Field(None, min_length=1, max_length=5000)
    team: int | None = Field(None, ge=1, le=2**31 - 1)
    skills: list[AskedSkillIn] | None = Field(None, max_length=12)
    hours_per_week: int | None = Field(None, ge=1, le=40)
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None
    duration_weeks: int | None = Field(None, ge=1, le=520)
    work_mode: WORK_MODE | None = None
    municipality: str | None = Field(None, max_length=40)
    location: str | None = Field(None, max_length=200)
    salary_scale_min: int | None = Field(None, ge=1, le=18)
    salary_scale_max: int | None = Field(None, ge=1, le=18)
    closing_date: IsoDate | None = None
    points: int | None = Field(None, ge=0, le=100_000)
    budget_euros: int | None = Field(None, ge=0, le=10_000_000)
    places: int | None = Field(None, ge=1, le=50)
    visibility: VISIBILITY | None = None


def _input(payload, base: Opportunity | None = None) -> services.OpportunityInput:
    data = services.OpportunityInput()
    if base is not None:
        data = services.OpportunityInput(
            kind=base.kind,
            title=base.title,
            description=base.description,
            team_id=base.team_id,
            skills=[(s.skill_id, s.level, s.required) for s in base.skills.all()],
            hours_per_week=base.hours_per_week,
            start_date=base.start_date,
            end_date=base.end_date,
            duration_weeks=base.duration_weeks,
            work_mode=base.work_mode,
            municipality=base.municipality.code if base.municipality_id else None,
            location=base.location,
            salary_scale_min=base.salary_scale_min,
            salary_scale_max=base.salary_scale_max,
            closing_date=base.closing_date,
            points=base.points,
            budget_euros=base.budget_euros,
            places=base.places,
            visibility=base.visibility,
        )
    given = payload.model_dump(exclude_unset=True) if base is not None else payload.model_dump()
    for name, value in given.items():
        if name in ("organization", "publish"):
            continue
        if name == "skills":
            if value is not None:
                data.skills = [(s["skill"], s["level"], s["required"]) for s in value]
        elif name == "team":
            data.team_id = value
        elif value is not None or name in NULLABLE:
            setattr(data, name, value)
    return data


# Fields a PATCH may clear with null; for the others null means "leave as is".
NULLABLE = {"hours_per_week", "start_date", "end_date", "duration_weeks", "municipality",
            "salary_scale_min", "salary_scale_max", "closing_date"}  # fmt: skip


def _organization(code: str) -> Organization:
    organization = Organization.objects.filter(code=code.lower(), is_active=True).first()
    if organization is None:
        raise InvalidInput.for_field("organization", _("No such organization."), "unknown")
    return organization


@router.post(
    "/opportunities",
    response={201: OpportunityOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Publish an opportunity (or save a draft) for an organization you publish for",
)
def opportunity_create(request, payload: OpportunityIn):
    opportunity = services.opportunity_create(
        actor=request.user,
        organization=_organization(payload.organization),
        data=_input(payload),
        publish=payload.publish,
    )
    return Status(201, selectors.opportunity_get(viewer=request.user, pk=opportunity.pk))


def _get(request, opportunity_id: int) -> Opportunity:
    return selectors.opportunity_get(viewer=request.user, pk=opportunity_id)


def _transition(name: str, summary: str):
    action = getattr(services, f"opportunity_{name}")

    def view(request, opportunity_id: int):
        action(actor=request.user, opportunity=_get(request, opportunity_id))
        return _get(request, opportunity_id)

    view.__name__ = f"opportunity_{name}"
    router.post(
        f"/opportunities/{{opportunity_id}}/{name}",
        response={200: OpportunityOut, **ERRORS},
        auth=auth.REQUIRED,
        summary=summary,
    )(view)


_transition("publish", "Publish a draft; people who fit it and matching saved searches hear")
_transition("close", "Close: no new applications")
_transition("reopen", "Reopen a closed or filled opportunity that has a free place")
_transition("fill", "Mark filled; those still waiting hear, held points return")


class CandidateOut(Schema):
    profile_id: int
    name: str
    job_title: str
    organizations: list[str]
    available: bool
    hours_per_week: int | None
    fit: FitOut
    application_status: str | None


@router.get(
    "/opportunities/{opportunity_id}/candidates",
    response={200: list[CandidateOut], **ERRORS},
    auth=auth.REQUIRED,
    summary="People who fit: available people of any organization whose profile you may "
    "see, ranked, with the skills that match and those missing",
)
def opportunity_candidates(
    request,
    opportunity_id: int,
    limit: int = Query(20, ge=1, le=100),
    offset: int = Query(0, ge=0, le=1000),
):
    opportunity = _get(request, opportunity_id)
    services.require_manager(request.user, opportunity)
    window, _count = selectors.people_who_fit(
        viewer=request.user, opportunity=opportunity, limit=limit, offset=offset
    )
    return [
        {
            "profile_id": c.profile.pk,
            "name": c.profile.user.name or c.profile.user.email,
            "job_title": c.profile.job_title,
            "organizations": [m.organization.code for m in c.profile.user.memberships.all()],
            "available": c.profile.available,
            "hours_per_week": c.profile.hours_per_week,
            "fit": c.fit,
            "application_status": c.application.status if c.application else None,
        }
        for c in window
    ]


class StepOut(Schema):
    status: str
    note: str
    at: datetime = Field(alias="created_at")
    by: int | None = Field(alias="actor_id")


class FeedbackOut(Schema):
    author: int = Field(alias="author_id")
    rating: int
    text: str


class ApplicationOut(Schema):
    id: int
    opportunity: int = Field(alias="opportunity_id")
    opportunity_title: str
    applicant: int = Field(alias="applicant_id")
    applicant_name: str
    organization: str | None = Field(description="The applicant's organization's code.")
    status: str
    motivation: str
    message: str
    reason: str
    manager: int | None = Field(alias="manager_id")
    points_reserved: int
    points_paid: int
    publisher_confirmed_at: datetime | None
    applicant_confirmed_at: datetime | None
    completed_at: datetime | None
    steps: list[StepOut]
    feedback: list[FeedbackOut]
    endorsed_skills: list[int]

    @staticmethod
    def resolve_opportunity_title(obj: Application) -> str:
        return obj.opportunity.title

    @staticmethod
    def resolve_applicant_name(obj: Application) -> str:
        return obj.applicant.name or obj.applicant.email

    @staticmethod
    def resolve_organization(obj: Application) -> str | None:
        return obj.applicant_organization.code if obj.applicant_organization_id else None

    @staticmethod
    def resolve_points_reserved(obj: Application) -> int:
        return obj.reservation.amount if obj.reservation_id else 0

    @staticmethod
    def resolve_points_paid(obj: Application) -> int:
        return obj.payment.amount if obj.payment_id else 0

    @staticmethod
    def resolve_steps(obj: Application):
        return list(obj.events.all())

    @staticmethod
    def resolve_feedback(obj: Application):
        return list(obj.feedback.all())

    @staticmethod
    def resolve_endorsed_skills(obj: Application) -> list[int]:
        return [e.skill_id for e in obj.endorsements.all()]


def _application(request, application_id: int) -> Application:
    return selectors.application_get(viewer=request.user, pk=application_id)


def _fresh(request, application_id: int) -> Application:
    return (
        Application.objects.select_related(
            "opportunity", "applicant", "applicant_organization", "reservation", "payment"
        )
        .prefetch_related("events", "feedback", "endorsements")
        .get(pk=application_id)
    )


@router.get(
    "/opportunities/applications",
    response={200: list[ApplicationOut], 401: Problem},
    auth=auth.REQUIRED,
    summary="Your applications and invitations, with every step",
)
@paginate
def application_mine(request):
    return (
        selectors.applications_by(request.user)
        .select_related("applicant", "applicant_organization", "reservation", "payment")
        .prefetch_related("endorsements")
    )


@router.get(
    "/opportunities/releases",
    response={200: list[ApplicationOut], 401: Problem},
    auth=auth.REQUIRED,
    summary="Releases you are asked to give, as a manager or administrator",
)
@paginate
def release_list(request):
    return (
        selectors.releases_for(request.user)
        .select_related("applicant_organization", "reservation", "payment")
        .prefetch_related("events", "feedback", "endorsements")
    )


@router.get(
    "/opportunities/applications/{application_id}",
    response={200: ApplicationOut, 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="One application (the applicant, the publisher, the manager)",
)
def application_detail(request, application_id: int):
    _application(request, application_id)
    return _fresh(request, application_id)


@router.get(
    "/opportunities/{opportunity_id}/applications",
    response={200: list[ApplicationOut], **ERRORS},
    auth=auth.REQUIRED,
    summary="Applications and invitations for an opportunity (those who publish it)",
)
@paginate
def application_list(request, opportunity_id: int):
    opportunity = _get(request, opportunity_id)
    services.require_manager(request.user, opportunity)
    return selectors.applications_of(opportunity).select_related("reservation", "payment")


class ApplyIn(InputSchema):
    motivation: str = Field(min_length=10, max_length=3000)
    organization: str | None = Field(
        None, max_length=120, description="On behalf of which of your organizations."
    )


@router.post(
    "/opportunities/{opportunity_id}/applications",
    response={201: ApplicationOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Apply with a motivation (also to answer an invitation)",
)
def application_create(request, opportunity_id: int, payload: ApplyIn):
    application = services.apply(
        actor=request.user,
        opportunity=_get(request, opportunity_id),
        motivation=payload.motivation,
        organization=payload.organization,
    )
    return Status(201, _fresh(request, application.pk))


class OpportunityInviteIn(InputSchema):
    person: int = Field(ge=1, le=2**31 - 1, description="The person's profile id.")
    message: str = Field("", max_length=2000)


@router.post(
    "/opportunities/{opportunity_id}/invitations",
    response={201: ApplicationOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Invite someone who fits to apply",
)
def invitation_create(request, opportunity_id: int, payload: OpportunityInviteIn):
    opportunity = _get(request, opportunity_id)
    profile = Profile.objects.visible_to(request.user).filter(pk=payload.person).first()
    if profile is None:
        raise NotFound(_("No such person, or their profile is not visible to you."))
    application = services.invite(
        actor=request.user, opportunity=opportunity, user=profile.user, message=payload.message
    )
    return Status(201, _fresh(request, application.pk))


class MessageIn(InputSchema):
    message: str = Field("", max_length=2000)


class ReasonIn(InputSchema):
    reason: str = Field(min_length=3, max_length=2000)


class AcceptIn(InputSchema):
    manager_email: str = Field(
        "",
        max_length=254,
        description="Where your organization requires release: your manager's e-mail.",
    )


class ReleaseIn(InputSchema):
    release: bool
    reason: str = Field("", max_length=2000)


def _application_step(path: str, summary: str, handler, body=None):
    if body is None:

        def view(request, application_id: int):
            handler(request, _application(request, application_id), None)
            return _fresh(request, application_id)

    else:

        def view(request, application_id: int, payload: body):  # type: ignore[valid-type]
            handler(request, _application(request, application_id), payload)
            return _fresh(request, application_id)

    view.__name__ = "application_" + path.replace("-", "_")
    router.post(
        f"/opportunities/applications/{{application_id}}/{path}",
        response={200: ApplicationOut, **ERRORS},
        auth=auth.REQUIRED,
        summary=summary,
    )(view)


_application_step(
    "shortlist",
    "Put on the shortlist (the publisher)",
    lambda r, a, p: services.shortlist(actor=r.user, application=a),
)
_application_step(
    "offer",
    "Make an offer (the publisher); a gig's points are reserved now",
    lambda r, a, p: services.make_offer(actor=r.user, application=a, message=p.message),
    MessageIn,
)
_application_step(
    "rejection",
    "Not selected, with a message (the publisher)",
    lambda r, a, p: services.reject(actor=r.user, application=a, message=p.message),
    MessageIn,
)
_application_step(
    "acceptance",
    "Accept the offer (the applicant); takes a place, or waits for the manager's release",
    lambda r, a, p: services.offer_accept(
        actor=r.user, application=a, manager_email=p.manager_email
    ),
    AcceptIn,
)
_application_step(
    "decline",
    "Decline an invitation or offer, with a reason (the applicant)",
    lambda r, a, p: services.decline(actor=r.user, application=a, reason=p.reason),
    ReasonIn,
)
_application_step(
    "withdrawal",
    "Withdraw, with a reason (the applicant)",
    lambda r, a, p: services.withdraw(actor=r.user, application=a, reason=p.reason),
    ReasonIn,
)
_application_step(
    "release",
    "Release the applicant for the hours, or not with a reason (their manager)",
    lambda r, a, p: services.release_decide(
        actor=r.user, application=a, release=p.release, reason=p.reason
    ),
    ReleaseIn,
)
_application_step(
    "completion",
    "Confirm the work is done; when both sides have, the points are paid",
    lambda r, a, p: services.complete_confirm(actor=r.user, application=a),
)


class FeedbackIn(InputSchema):
    rating: int = Field(ge=1, le=5)
    text: str = Field("", max_length=2000)


_application_step(
    "feedback",
    "Give feedback after completion (either side, once)",
    lambda r, a, p: services.feedback_give(
        actor=r.user, application=a, rating=p.rating, text=p.text
    ),
    FeedbackIn,
)


class EndorseIn(InputSchema):
    skills: list[int] = Field(min_length=1, max_length=10)


_application_step(
    "endorsements",
    "Endorse skills the person showed (the publisher, after completion)",
    lambda r, a, p: services.endorse(
        actor=r.user, application=a, skill_ids=[s for s in p.skills if 0 < s < 2**31]
    ),
    EndorseIn,
)


# -- interests, saved searches, recruiters ---------------------------------------------


class InterestsOut(Schema):
    seek: list[str]
    offer: list[str]


class InterestsIn(InputSchema):
    seek: list[KIND] = Field(default_factory=list, max_length=9)
    offer: list[KIND] = Field(default_factory=list, max_length=9)


@router.get(
    "/opportunities/interests",
    response={200: InterestsOut, 401: Problem},
    auth=auth.REQUIRED,
    summary="The kinds you seek and offer (shown on your profile)",
)
def interests_get(request):
    return selectors.interests_of(request.user)


@router.put(
    "/opportunities/interests",
    response={200: InterestsOut, 400: Problem, 401: Problem},
    auth=auth.REQUIRED,
    summary="Say which kinds you seek and offer",
)
def interests_put(request, payload: InterestsIn):
    return services.interests_set(user=request.user, seek=payload.seek, offer=payload.offer)


class SavedSearchOut(Schema):
    id: int
    name: str
    filters: dict = Field(alias="params")
    notify: bool
    created_at: datetime


class SavedSearchIn(InputSchema):
    name: str = Field(min_length=1, max_length=100)
    notify: bool = True
    q: str = Field("", max_length=200)
    kind: KIND | None = None
    skill: str | None = Field(None, max_length=120)
    organization: str | None = Field(None, max_length=120)
    layer: str | None = Field(None, max_length=40)
    province: str | None = Field(None, max_length=40)
    municipality: str | None = Field(None, max_length=40)
    hours_max: int | None = Field(None, ge=1, le=40)
    work_mode: WORK_MODE | None = None


class SavedSearchPatch(InputSchema):
    name: str | None = Field(None, min_length=1, max_length=100)
    notify: bool | None = None


@router.get(
    "/opportunities/saved-searches",
    response={200: list[SavedSearchOut], 401: Problem},
    auth=auth.REQUIRED,
    summary="Your saved searches",
)
@paginate
def saved_search_list(request):
    return selectors.saved_searches(request.user)


@router.post(
    "/opportunities/saved-searches",
    response={201: SavedSearchOut, 400: Problem, 401: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Save a search; new opportunities that match it are notified to you",
)
def saved_search_create(request, payload: SavedSearchIn):
    params = payload.model_dump(exclude={"name", "notify"})
    saved = services.saved_search_create(
        user=request.user,
        name=payload.name,
        filters=selectors.filters_from_params(**params),
        notify=payload.notify,
    )
    return Status(201, saved)


def _saved(request, search_id: int) -> SavedSearch:
    saved = SavedSearch.objects.filter(pk=search_id, user=request.user).first()
    if saved is None:
        raise NotFound(_("No such saved search."))
    return saved


@router.patch(
    "/opportunities/saved-searches/{search_id}",
    response={200: SavedSearchOut, 400: Problem, 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Rename a saved search or switch its notifications",
)
def saved_search_update(request, search_id: int, payload: SavedSearchPatch):
    return services.saved_search_update(
        user=request.user,
        search=_saved(request, search_id),
        name=payload.name,
        notify=payload.notify,
    )


@router.delete(
    "/opportunities/saved-searches/{search_id}",
    response={204: None, 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Delete a saved search",
)
def saved_search_delete(request, search_id: int):
    services.saved_search_delete(user=request.user, search=_saved(request, search_id))
    return Status(204, None)


class PolicyOut(Schema):
    organization: str
    release_required: bool
    recruiters: list[int]


class PolicyIn(InputSchema):
    release_required: bool | None = None
    add_recruiter: int | None = Field(None, ge=1, le=2**31 - 1, description="A user id.")
    remove_recruiter: int | None = Field(None, ge=1, le=2**31 - 1, description="A user id.")


def _policy(organization: Organization) -> dict:
    return {
        "organization": organization.code,
        "release_required": services.release_required(organization),
        "recruiters": list(organization.recruiters.values_list("user_id", flat=True)),
    }


@router.get(
    "/opportunities/organizations/{code}/settings",
    response={200: PolicyOut, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="An organization's marketplace settings (its administrators)",
)
def policy_get(request, code: str):
    organization = Organization.objects.filter(code=code.lower()).first()
    if organization is None:
        raise NotFound(_("No such organization."))
    services.require_admin(request.user, organization)
    return _policy(organization)


@router.patch(
    "/opportunities/organizations/{code}/settings",
    response={200: PolicyOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Require the manager's release, appoint or remove recruiters (administrators)",
)
def policy_update(request, code: str, payload: PolicyIn):
    from django.contrib.auth import get_user_model

    organization = Organization.objects.filter(code=code.lower()).first()
    if organization is None:
        raise NotFound(_("No such organization."))
    services.require_admin(request.user, organization)
    users = get_user_model().objects
    if payload.release_required is not None:
        services.release_policy_set(
            actor=request.user, organization=organization, required=payload.release_required
        )
    for name, action in (
        ("add_recruiter", services.recruiter_add),
        ("remove_recruiter", services.recruiter_remove),
    ):
        user_id = getattr(payload, name)
        if user_id is not None:
            user = users.filter(pk=user_id, is_active=True).first()
            if user is None:
                raise InvalidInput.for_field(name, _("No such person."), "unknown")
            action(actor=request.user, organization=organization, user=user)
    return _policy(organization)


# -- one opportunity: after the literal paths above, which its {opportunity_id} would take


@router.get(
    "/opportunities/{opportunity_id}",
    response={200: OpportunityOut, 404: Problem},
    auth=auth.OPTIONAL,
    summary="One opportunity, with how you fit it",
)
def opportunity_detail(request, opportunity_id: int):
    opportunity = _get(request, opportunity_id)
    return selectors.attach_fit(request.user, [opportunity])[0]


@router.get(
    "/opportunities/{opportunity_id}/jobposting",
    response={200: dict, 404: Problem},
    auth=auth.OPTIONAL,
    summary="The opportunity as schema.org JobPosting (JSON-LD), for job search engines",
)
def opportunity_jobposting(request, opportunity_id: int):
    opportunity = _get(request, opportunity_id)
    return JsonResponse(
        jsonld.job_posting(opportunity, request), content_type="application/ld+json"
    )


@router.patch(
    "/opportunities/{opportunity_id}",
    response={200: OpportunityOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Change an opportunity (those who publish for its organization)",
)
def opportunity_update(request, opportunity_id: int, payload: OpportunityPatch):
    opportunity = _get(request, opportunity_id)
    services.opportunity_update(
        actor=request.user, opportunity=opportunity, data=_input(payload, opportunity)
    )
    return _get(request, opportunity_id)


@router.delete(
    "/opportunities/{opportunity_id}",
    response={204: None, **ERRORS},
    auth=auth.REQUIRED,
    summary="Delete a draft without applications",
)
def opportunity_delete(request, opportunity_id: int):
    services.opportunity_delete(actor=request.user, opportunity=_get(request, opportunity_id))
    return Status(204, None)
