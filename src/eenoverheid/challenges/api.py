"""`/api/v1/challenges`: societal challenges, their suggestions (organizations at the
right level, a team, datasets), invitations, team, related challenges and tasks."""

from datetime import date, datetime
from typing import Literal

from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from eenoverheid.accounts import auth
from eenoverheid.challenges import selectors, services, suggestions
from eenoverheid.challenges.models import Challenge, Invitation, Task
from eenoverheid.core.api_schemas import InputSchema, Problem
from eenoverheid.core.errors import NotAllowed, NotFound
from eenoverheid.notifications import services as follows

router = Router(tags=["challenges"])

AREA_KINDS = Literal["municipalities", "province", "region", "national"]
VISIBILITY = Literal["public", "signed_in", "members"]
STATUS = Literal["open", "running", "closed"]


class Ref(Schema):
    id: int
    code: str
    name: str


class NeedOut(Schema):
    skill_id: int
    name: str
    people_needed: int


class ChallengeOut(Schema):
    id: int
    title: str
    description: str
    organization: Ref
    lead: str
    area_kind: str
    area_organization: Ref | None
    municipalities: list[str] = Field(description="CBS codes of the area's municipalities.")
    policy_domains: list[str]
    needs: list[NeedOut]
    information_needs: str
    starts_on: date | None
    ends_on: date | None
    team_size: int
    status: str
    visibility: str
    created_at: datetime
    url: str

    @staticmethod
    def resolve_lead(obj: Challenge) -> str:
        return str(obj.lead)

    @staticmethod
    def resolve_municipalities(obj: Challenge) -> list[str]:
        return [m.cbs_code or m.code for m in obj.municipalities.all()]

    @staticmethod
    def resolve_policy_domains(obj: Challenge) -> list[str]:
        return [d.code for d in obj.policy_domains.all()]

    @staticmethod
    def resolve_needs(obj: Challenge) -> list[dict]:
        return [
            {"skill_id": n.skill_id, "name": n.skill.name, "people_needed": n.people_needed}
            for n in obj.needs.all()
        ]

    @staticmethod
    def resolve_url(obj: Challenge) -> str:
        return reverse("challenges:detail", args=[obj.pk])


class NeedIn(InputSchema):
    skill_id: int = Field(ge=1, le=2**31 - 1)
    people_needed: int = Field(1, ge=1, le=10)


class ChallengeIn(InputSchema):
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(min_length=1, max_length=10_000)
    organization: str = Field(max_length=200, description="Code of the lead organization (yours).")
    area_kind: AREA_KINDS
    municipalities: list[str] = Field([], max_length=342, description="CBS or register codes.")
    area_organization: str | None = Field(
        None, max_length=200, description="Province or region code."
    )
    policy_domains: list[str] = Field([], max_length=30)
    needs: list[NeedIn] = Field([], max_length=15)
    information_needs: str = Field("", max_length=4000)
    starts_on: date | None = None
    ends_on: date | None = None
    team_size: int = Field(6, ge=1, le=25)
    visibility: VISIBILITY = "signed_in"


class ChallengePatch(InputSchema):
    title: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, min_length=1, max_length=10_000)
    area_kind: AREA_KINDS | None = None
    municipalities: list[str] | None = Field(None, max_length=342)
    area_organization: str | None = Field(None, max_length=200)
    policy_domains: list[str] | None = Field(None, max_length=30)
    needs: list[NeedIn] | None = Field(None, max_length=15)
    information_needs: str | None = Field(None, max_length=4000)
    starts_on: date | None = None
    ends_on: date | None = None
    team_size: int | None = Field(None, ge=1, le=25)
    visibility: VISIBILITY | None = None
    status: STATUS | None = None


class ChallengeFilters(Schema):
    q: str | None = Field(None, max_length=200)
    province: str | None = Field(None, max_length=200, description="Province code, e.g. pv26.")
    municipality: str | None = Field(
        None, max_length=200, description="Municipality code, e.g. GM0344."
    )
    policy_domain: str | None = Field(None, max_length=8)
    status: STATUS | None = None
    mine: bool = Field(False, description="Only challenges whose team I am on.")


def _input(payload, organization_required: bool):
    needs = getattr(payload, "needs", None)
    return services.ChallengeInput(
        title=payload.title,
        description=payload.description,
        area_kind=payload.area_kind,
        municipalities=payload.municipalities,
        area_organization=payload.area_organization,
        policy_domains=payload.policy_domains,
        skills=[(n.skill_id, n.people_needed) for n in needs] if needs is not None else None,
        information_needs=payload.information_needs,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        team_size=payload.team_size,
        visibility=payload.visibility,
        status=getattr(payload, "status", None),
    )


def _challenge(request, challenge_id: int) -> Challenge:
    return selectors.challenge_get(viewer=request.user, pk=challenge_id)


@router.get(
    "/challenges",
    response={200: list[ChallengeOut], 400: Problem},
    auth=auth.OPTIONAL,
    summary="Challenges you can see, by place, policy domain and status",
)
@paginate
def challenge_list(request, filters: Query[ChallengeFilters]):
    f = selectors.filters_from_params(
        q=filters.q,
        province=filters.province,
        municipality=filters.municipality,
        domain=filters.policy_domain,
        status=filters.status,
        mine=filters.mine,
    )
    return (
        selectors.challenge_list(viewer=request.user, filters=f)
        .prefetch_related("municipalities", "policy_domains", "needs__skill")
        .select_related("lead")
    )


class ProvinceCountOut(Schema):
    province: Ref
    challenges: int


class MapOut(Schema):
    provinces: list[ProvinceCountOut]
    national: int


@router.get(
    "/challenges/map",
    response={200: MapOut},
    auth=auth.OPTIONAL,
    summary="How many challenges you can see per province (and nationwide)",
)
def challenge_map(request):
    counts, national = selectors.province_counts(viewer=request.user)
    return {
        "provinces": [{"province": p, "challenges": n} for p, n in counts],
        "national": national,
    }


@router.post(
    "/challenges",
    response={201: ChallengeOut, 400: Problem, 401: Problem, 403: Problem},
    auth=auth.REQUIRED,
    summary="Describe a challenge; you become its lead",
)
def challenge_create(request, payload: ChallengeIn):
    from eenoverheid.organizations.models import Organization

    organization = Organization.objects.filter(code=payload.organization.strip().lower()).first()
    if organization is None:
        from eenoverheid.core.errors import InvalidInput

        raise InvalidInput.for_field(
            "organization", "Unknown organization code.", "unknown_organization"
        )
    challenge = services.challenge_create(
        actor=request.user, organization=organization, data=_input(payload, True)
    )
    return Status(201, _challenge(request, challenge.pk))


@router.get(
    "/challenges/{challenge_id}",
    response={200: ChallengeOut, 404: Problem},
    auth=auth.OPTIONAL,
    summary="One challenge",
)
def challenge_read(request, challenge_id: int):
    return _challenge(request, challenge_id)


@router.patch(
    "/challenges/{challenge_id}",
    response={200: ChallengeOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Change a challenge (its lead and coordinators)",
)
def challenge_update(request, challenge_id: int, payload: ChallengePatch):
    challenge = _challenge(request, challenge_id)
    services.challenge_update(challenge=challenge, actor=request.user, data=_input(payload, False))
    return _challenge(request, challenge_id)


@router.delete(
    "/challenges/{challenge_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Delete a challenge (its lead)",
)
def challenge_delete(request, challenge_id: int):
    services.challenge_delete(challenge=_challenge(request, challenge_id), actor=request.user)
    return Status(204, None)


# -- suggestions -----------------------------------------------------------------------------


class SuggestedOrganizationOut(Schema):
    organization: Ref
    kind: str
    covered: int = Field(description="Municipalities of the challenge's area it covers.")
    area_size: int = Field(description="Municipalities in its own area.")
    full: bool = Field(description="Covers the whole area of the challenge.")
    policy_domains: list[str]
    reason: str


class LayerOut(Schema):
    layer: str
    label: str
    count: int
    organizations: list[SuggestedOrganizationOut]


class LevelOut(Schema):
    layer: str | None
    label: str
    organization: Ref | None
    reason: str


class PersonRef(Schema):
    id: int = Field(description="The profile's id (`/api/v1/people/{id}`).")
    user_id: int
    name: str
    job_title: str


class AlternativeOut(Schema):
    skill_id: int
    skill: str
    people: list[PersonRef]


class SuggestedMemberOut(Schema):
    person: PersonRef
    organization: Ref | None
    skills: list[NeedOut]
    cost: float
    reasons: list[str]
    pinned: bool
    alternatives: list[AlternativeOut]


class MissingOut(Schema):
    skill_id: int
    name: str
    people_missing: int


class SuggestedTeamOut(Schema):
    complete: bool
    cost: float
    team_size: int
    candidates: int
    members: list[SuggestedMemberOut]
    uncovered: list[MissingOut]


class SuggestedDatasetOut(Schema):
    id: int
    title: str
    publisher: Ref
    link: str
    reasons: list[str]
    url: str


class SuggestionsOut(Schema):
    level: LevelOut
    organizations: list[LayerOut]
    team: SuggestedTeamOut
    datasets: list[SuggestedDatasetOut]


class SuggestionParams(Schema):
    team_size: int | None = Field(
        None, ge=1, le=25, description="Overrides the challenge's team size."
    )
    exclude: list[int] = Field([], max_length=100, description="User ids to leave out (swap them).")
    pin: list[int] = Field([], max_length=25, description="User ids to keep in the team.")


def _person(profile) -> dict:
    return {
        "id": profile.pk,
        "user_id": profile.user_id,
        "name": str(profile.user),
        "job_title": profile.job_title,
    }


def suggestions_payload(s: suggestions.Suggestions) -> dict:
    level = s.organizations.level
    return {
        "level": {
            "layer": level.layer,
            "label": level.label,
            "organization": level.organization,
            "reason": level.reason,
        },
        "organizations": [
            {
                "layer": g.layer,
                "label": g.label,
                "count": g.count,
                "organizations": [
                    {
                        "organization": o.organization,
                        "kind": o.organization.kind,
                        "covered": o.covered,
                        "area_size": o.area_size,
                        "full": o.full,
                        "policy_domains": [d.code for d in o.domains],
                        "reason": o.reason,
                    }
                    for o in g.organizations
                ],
            }
            for g in s.organizations.groups
        ],
        "team": {
            "complete": s.team.complete,
            "cost": s.team.cost,
            "team_size": s.team.team_size,
            "candidates": s.team.candidates,
            "members": [
                {
                    "person": _person(m.profile),
                    "organization": m.organization,
                    "skills": [
                        {"skill_id": k.pk, "name": k.name, "people_needed": 1} for k in m.skills
                    ],
                    "cost": m.cost,
                    "reasons": m.reasons,
                    "pinned": m.pinned,
                    "alternatives": [
                        {"skill_id": k.pk, "skill": k.name, "people": [_person(p) for p in people]}
                        for k, people in m.alternatives
                    ],
                }
                for m in s.team.members
            ],
            "uncovered": [
                {"skill_id": k.pk, "name": k.name, "people_missing": n} for k, n in s.team.uncovered
            ],
        },
        "datasets": [
            {
                "id": d.dataset.pk,
                "title": d.dataset.title,
                "publisher": d.dataset.publisher,
                "link": d.dataset.link,
                "reasons": d.reasons,
                "url": reverse("datasets:detail", args=[d.dataset.pk]),
            }
            for d in s.datasets
        ],
    }


@router.get(
    "/challenges/{challenge_id}/suggestions",
    response={200: SuggestionsOut, 400: Problem, 404: Problem},
    auth=auth.OPTIONAL,
    summary="Suggested organizations (by government layer, with the level that fits best), "
    "a team that covers the needed skills, and datasets; each with its reason",
)
def challenge_suggestions(request, challenge_id: int, params: Query[SuggestionParams]):
    challenge = _challenge(request, challenge_id)
    return suggestions_payload(
        suggestions.suggestions_for(
            challenge,
            viewer=request.user,
            team_size=params.team_size,
            exclude=params.exclude,
            pin=params.pin,
        )
    )


# -- the team, invitations ---------------------------------------------------------------------


class MemberOut(Schema):
    user_id: int
    name: str
    role: str
    joined_at: datetime


class PartnerOut(Schema):
    organization: Ref
    joined_at: datetime


class InvitationOut(Schema):
    id: int
    challenge_id: int
    challenge: str
    person: str | None
    organization: Ref | None
    invited_by: str | None
    message: str
    reason: str
    status: str
    created_at: datetime
    answered_at: datetime | None

    @staticmethod
    def resolve_challenge(obj: Invitation) -> str:
        return obj.challenge.title

    @staticmethod
    def resolve_person(obj: Invitation) -> str | None:
        return str(obj.user) if obj.user_id else None

    @staticmethod
    def resolve_invited_by(obj: Invitation) -> str | None:
        return str(obj.invited_by) if obj.invited_by_id else None


class TeamStateOut(Schema):
    members: list[MemberOut]
    partners: list[PartnerOut]
    invitations: list[InvitationOut] = Field(description="Only for the lead and coordinators.")
    following: bool
    followers: int


@router.get(
    "/challenges/{challenge_id}/team",
    response={200: TeamStateOut, 404: Problem},
    auth=auth.OPTIONAL,
    summary="The team, partner organizations and (for its managers) open invitations",
)
def challenge_team(request, challenge_id: int):
    challenge = _challenge(request, challenge_id)
    manager = services.can_manage(user=request.user, challenge=challenge)
    return {
        "members": [
            {"user_id": m.user_id, "name": str(m.user), "role": m.role, "joined_at": m.joined_at}
            for m in selectors.team_of(challenge)
        ],
        "partners": selectors.partners_of(challenge),
        "invitations": selectors.invitations_of(challenge) if manager else [],
        "following": follows.is_following(user=request.user, obj=challenge),
        "followers": follows.follower_count(challenge),
    }


class InvitationIn(InputSchema):
    user_id: int | None = Field(None, ge=1, le=2**31 - 1)
    organization_id: int | None = Field(None, ge=1, le=2**31 - 1)
    message: str = Field("", max_length=2000)
    reason: str = Field("", max_length=500, description="Why they were suggested.")


@router.post(
    "/challenges/{challenge_id}/invitations",
    response={
        201: InvitationOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Invite a person to the team, or an organization to take part",
)
def invitation_create(request, challenge_id: int, payload: InvitationIn):
    from eenoverheid.core.errors import InvalidInput

    challenge = _challenge(request, challenge_id)
    if (payload.user_id is None) == (payload.organization_id is None):
        raise InvalidInput.for_field("user_id", "Give either user_id or organization_id.", "one_of")
    if payload.user_id is not None:
        invitation = services.invite_person(
            challenge=challenge,
            actor=request.user,
            user_id=payload.user_id,
            message=payload.message,
            reason=payload.reason,
        )
    else:
        invitation = services.invite_organization(
            challenge=challenge,
            actor=request.user,
            organization_id=payload.organization_id,
            message=payload.message,
            reason=payload.reason,
        )
    return Status(201, invitation)


@router.delete(
    "/challenges/{challenge_id}/invitations/{invitation_id}",
    response={200: InvitationOut, 401: Problem, 403: Problem, 404: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Withdraw an invitation that waits for an answer",
)
def invitation_withdraw(request, challenge_id: int, invitation_id: int):
    _challenge(request, challenge_id)
    if not Invitation.objects.filter(pk=invitation_id, challenge_id=challenge_id).exists():
        raise NotFound("No invitation with this id for this challenge.")
    return services.invitation_withdraw(invitation_id=invitation_id, actor=request.user)


@router.get(
    "/me/challenge-invitations",
    response={200: list[InvitationOut], 401: Problem},
    auth=auth.REQUIRED,
    summary="Invitations waiting for me, or for an organization I administer",
)
@paginate
def my_invitations(request):
    return selectors.invitations_for(user=request.user)


class AnswerIn(InputSchema):
    accept: bool


@router.post(
    "/challenge-invitations/{invitation_id}/answer",
    response={200: InvitationOut, 400: Problem, 401: Problem, 404: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Accept or decline an invitation",
)
def invitation_answer(request, invitation_id: int, payload: AnswerIn):
    return services.invitation_answer(
        invitation_id=invitation_id, actor=request.user, accept=payload.accept
    )


@router.delete(
    "/challenges/{challenge_id}/members/{user_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Remove a member from the team, or leave it yourself",
)
def member_remove(request, challenge_id: int, user_id: int):
    services.member_remove(
        challenge=_challenge(request, challenge_id), actor=request.user, user_id=user_id
    )
    return Status(204, None)


class TeamRoleIn(InputSchema):
    role: Literal["lead", "coordinator", "member"] = Field(
        description="Giving `lead` hands the lead over; the former lead becomes coordinator."
    )


@router.patch(
    "/challenges/{challenge_id}/members/{user_id}",
    response={200: MemberOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Change a team member's role (the lead and coordinators)",
)
def member_role(request, challenge_id: int, user_id: int, payload: TeamRoleIn):
    member = services.member_role_set(
        challenge=_challenge(request, challenge_id),
        actor=request.user,
        user_id=user_id,
        role=payload.role,
    )
    return {
        "user_id": member.user_id,
        "name": str(member.user),
        "role": member.role,
        "joined_at": member.joined_at,
    }


class FollowOut(Schema):
    following: bool
    followers: int


@router.put(
    "/challenges/{challenge_id}/follow",
    response={200: FollowOut, 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Follow a challenge",
)
def follow(request, challenge_id: int):
    challenge = _challenge(request, challenge_id)
    following = services.follow_set(challenge=challenge, actor=request.user, following=True)
    return {"following": following, "followers": follows.follower_count(challenge)}


@router.delete(
    "/challenges/{challenge_id}/follow",
    response={200: FollowOut, 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Stop following a challenge",
)
def unfollow(request, challenge_id: int):
    challenge = _challenge(request, challenge_id)
    following = services.follow_set(challenge=challenge, actor=request.user, following=False)
    return {"following": following, "followers": follows.follower_count(challenge)}


# -- related challenges -------------------------------------------------------------------------


class RelatedOut(Schema):
    id: int
    title: str
    organization: Ref
    note: str
    linked: bool = Field(description="False for a suggestion: same policy domains or skills.")


class LinkIn(InputSchema):
    challenge_id: int = Field(ge=1, le=2**31 - 1)
    note: str = Field("", max_length=300)


@router.get(
    "/challenges/{challenge_id}/related",
    response={200: list[RelatedOut], 404: Problem},
    auth=auth.OPTIONAL,
    summary="Linked challenges (the same problem elsewhere) and similar ones not yet linked",
)
def related(request, challenge_id: int):
    challenge = _challenge(request, challenge_id)
    linked = [
        {"id": c.pk, "title": c.title, "organization": c.organization, "note": note, "linked": True}
        for c, note in selectors.related_of(viewer=request.user, challenge=challenge)
    ]
    similar = [
        {"id": c.pk, "title": c.title, "organization": c.organization, "note": "", "linked": False}
        for c in selectors.similar_to(viewer=request.user, challenge=challenge)
    ]
    return linked + similar


@router.post(
    "/challenges/{challenge_id}/related",
    response={
        201: RelatedOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Link a challenge as the same problem elsewhere",
)
def link_add(request, challenge_id: int, payload: LinkIn):
    challenge = _challenge(request, challenge_id)
    link = services.link_add(
        challenge=challenge, actor=request.user, other_id=payload.challenge_id, note=payload.note
    )
    other = Challenge.objects.select_related("organization").get(pk=payload.challenge_id)
    return Status(
        201,
        {
            "id": other.pk,
            "title": other.title,
            "organization": other.organization,
            "note": link.note,
            "linked": True,
        },
    )


@router.delete(
    "/challenges/{challenge_id}/related/{other_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Unlink a related challenge",
)
def link_remove(request, challenge_id: int, other_id: int):
    services.link_remove(
        challenge=_challenge(request, challenge_id), actor=request.user, other_id=other_id
    )
    return Status(204, None)


# -- tasks -------------------------------------------------------------------------------------


class TaskOut(Schema):
    id: int
    title: str
    owner_id: int | None
    owner: str | None
    due_on: date | None
    status: str
    created_at: datetime

    @staticmethod
    def resolve_owner(obj: Task) -> str | None:
        return str(obj.owner) if obj.owner_id else None


class TaskIn(InputSchema):
    title: str = Field(min_length=1, max_length=200)
    owner_id: int | None = Field(None, ge=1, le=2**31 - 1)
    due_on: date | None = None


class TaskPatch(InputSchema):
    title: str | None = Field(None, min_length=1, max_length=200)
    owner_id: int | None = Field(None, ge=1, le=2**31 - 1)
    due_on: date | None = None
    done: bool | None = None


def _team_only(request, challenge: Challenge) -> None:
    if not (
        services.is_member(user=request.user, challenge=challenge)
        or services.can_manage(user=request.user, challenge=challenge)
    ):
        raise NotAllowed("Only the team sees its task list.")


@router.get(
    "/challenges/{challenge_id}/tasks",
    response={200: list[TaskOut], 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="The team's task list",
)
def task_list(request, challenge_id: int):
    challenge = _challenge(request, challenge_id)
    _team_only(request, challenge)
    return selectors.tasks_of(challenge)


@router.post(
    "/challenges/{challenge_id}/tasks",
    response={201: TaskOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Add a task",
)
def task_create(request, challenge_id: int, payload: TaskIn):
    challenge = _challenge(request, challenge_id)
    task = services.task_create(
        challenge=challenge,
        actor=request.user,
        title=payload.title,
        owner_id=payload.owner_id,
        due_on=payload.due_on,
    )
    return Status(201, task)


def _task(request, challenge_id: int, task_id: int) -> Task:
    challenge = _challenge(request, challenge_id)
    task = (
        Task.objects.select_related("challenge", "owner")
        .filter(challenge=challenge, pk=task_id)
        .first()
    )
    if task is None:
        raise NotFound("No task with this id.")
    return task


@router.patch(
    "/challenges/{challenge_id}/tasks/{task_id}",
    response={200: TaskOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Change a task: title, owner, due date, done",
)
def task_update(request, challenge_id: int, task_id: int, payload: TaskPatch):
    task = _task(request, challenge_id, task_id)
    changes = payload.model_dump(exclude_unset=True)
    kwargs = {}
    if "title" in changes:
        kwargs["title"] = changes["title"]
    if "owner_id" in changes:
        kwargs["owner_id"] = changes["owner_id"]
    if "due_on" in changes:
        kwargs["due_on"] = changes["due_on"]
    if "done" in changes:
        kwargs["done"] = changes["done"]
    return services.task_update(task=task, actor=request.user, **kwargs)


@router.delete(
    "/challenges/{challenge_id}/tasks/{task_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Delete a task",
)
def task_delete(request, challenge_id: int, task_id: int):
    services.task_delete(task=_task(request, challenge_id, task_id), actor=request.user)
    return Status(204, None)
