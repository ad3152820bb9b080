"""`/api/v1/solutions`, `/api/v1/initiatives`, `/api/v1/ideas`: build once, use in many
organizations. Solutions (and their publiccode.yml), who uses them, joint initiatives
with commitments that reserve points, and ideas with support and comments."""

import dataclasses

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from eenoverheid.accounts import auth
from eenoverheid.core.api_schemas import Problem
from eenoverheid.core.errors import InvalidInput, NotFound
from eenoverheid.organizations.models import Organization
from eenoverheid.solutions import publiccode, selectors, services
from eenoverheid.solutions.models import Adoption, Commitment, Solution, Standard
from eenoverheid.solutions.schemas import (
    AdoptionIn,
    AdoptionOut,
    CommentIn,
    CommentOut,
    CommitmentIn,
    CommitmentOut,
    IdeaIn,
    IdeaListQuery,
    IdeaOut,
    IdeaPatch,
    IdeaStatusIn,
    IdeaToInitiativeIn,
    ImportOut,
    InitiativeIn,
    InitiativeListQuery,
    InitiativeOut,
    InitiativePatch,
    MergeIn,
    PhaseIn,
    PubliccodeCheckIn,
    PubliccodeCheckOut,
    PubliccodeIn,
    SolutionIn,
    SolutionListQuery,
    SolutionOut,
    SolutionPatch,
    StandardOut,
    SuggestedInitiativeOut,
    VoteOut,
)

router = Router(tags=["solutions"])
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem}
READ = {400: Problem, 404: Problem}


def _organization(code: str, field: str = "organization") -> Organization:
    organization = Organization.objects.filter(code=code.lower(), is_active=True).first()
    if organization is None:
        raise InvalidInput.for_field(field, _("No such organization."), "unknown")
    return organization


def _one_of_mine(request, code: str | None) -> Organization | None:
    """The caller's organization of this code (400 if they do not work there), else their
    first; None when they work for none."""
    mine = selectors.viewer_organizations(request.user)
    if not code:
        return mine[0] if mine else None
    chosen = next((o for o in mine if o.code == code.lower()), None)
    if chosen is None:
        raise InvalidInput.for_field("organization", _("You do not work for this organization."))
    return chosen


def _province(code: str | None) -> Organization | None:
    if not code:
        return None
    province = Organization.objects.filter(code=code.lower(), kind="province").first()
    if province is None:
        raise InvalidInput.for_field("province", _("No such province."), "unknown")
    return province


# -- solutions -------------------------------------------------------------------------


# What a PATCH falls back on for the fields it leaves out.
SOLUTION_FIELDS = [
    f.name
    for f in dataclasses.fields(services.SolutionInput)
    if f.name not in ("policy_domain_codes", "standards")
]


def _solution_input(solution: Solution | None, payload) -> services.SolutionInput:
    fields = payload.model_dump(exclude_unset=True)
    base = {}
    if solution is not None:
        base = {name: getattr(solution, name) for name in SOLUTION_FIELDS}
        base["policy_domain_codes"] = [d.code for d in solution.policy_domains.all()]
        base["standards"] = [s.name for s in solution.standards.all()]
    fields.pop("organization", None)
    if "policy_domains" in fields:
        fields["policy_domain_codes"] = fields.pop("policy_domains")
    base.update({k: v for k, v in fields.items() if v is not None})
    return services.SolutionInput(**base)


@router.get(
    "/solutions",
    response={200: list[SolutionOut], 400: Problem},
    auth=auth.OPTIONAL,
    summary="The catalogue of shared solutions: search and filter",
)
@paginate
def solution_list(request, query: Query[SolutionListQuery]):
    return selectors.solutions_list(
        viewer=request.user, filters=selectors.SolutionFilters(**query.model_dump())
    )


@router.post(
    "/solutions",
    response={201: SolutionOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Register a solution in the name of an organization you work for",
)
def solution_create(request, payload: SolutionIn):
    made = services.solution_create(
        actor=request.user,
        owner=_organization(payload.organization),
        data=_solution_input(None, payload),
    )
    return Status(201, selectors.solution_get(viewer=request.user, pk=made.pk))


@router.post(
    "/solutions/import",
    response={201: ImportOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Register a solution from a publiccode.yml file; errors name each field",
)
def solution_import(request, payload: PubliccodeIn):
    made, users = services.solution_import(
        actor=request.user,
        owner=_organization(payload.organization),
        text=payload.publiccode,
        kind=payload.kind or "",
        visibility=payload.visibility,
        policy_domain_codes=payload.policy_domains,
    )
    return Status(
        201,
        {"solution": selectors.solution_get(viewer=request.user, pk=made.pk), "adopted_by": users},
    )


@router.post(
    "/solutions/publiccode-check",
    response={200: PubliccodeCheckOut, 400: Problem, 401: Problem},
    auth=auth.OPTIONAL,
    summary="Check a publiccode.yml file without registering it",
)
def publiccode_check(request, payload: PubliccodeCheckIn):
    parsed = services.publiccode_check(payload.publiccode)
    return {
        "name": parsed.name,
        "summary": parsed.summary,
        "status": parsed.status,
        "licence": parsed.licence,
        "source_url": parsed.source_url,
        "used_by": parsed.used_by,
    }


@router.get(
    "/solutions/standards",
    response={200: list[StandardOut], 400: Problem},
    auth=auth.OPTIONAL,
    summary="The standards that solutions say they implement, with how many do",
)
@paginate
def standard_list(request):
    from django.db.models import Count

    return Standard.objects.annotate(solution_count=Count("solutions")).order_by("name")


@router.get(
    "/solutions/like-my-organization",
    response={200: list[SolutionOut], 400: Problem, 401: Problem, 403: Problem},
    auth=auth.REQUIRED,
    summary="What organizations like yours use that yours does not use yet",
)
def like_mine(request, organization: str | None = Query(None, max_length=200)):
    chosen = _one_of_mine(request, organization)
    if chosen is None:
        return []
    return selectors.like_yours(viewer=request.user, organization=chosen, limit=20)


def _solution(request, solution_id: int) -> Solution:
    return selectors.solution_get(viewer=request.user, pk=solution_id)


@router.get(
    "/solutions/{solution_id}",
    response={200: SolutionOut, **READ},
    auth=auth.OPTIONAL,
    summary="One solution",
)
def solution_detail(request, solution_id: int):
    return _solution(request, solution_id)


@router.patch(
    "/solutions/{solution_id}",
    response={200: SolutionOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Change a solution (the owner's administrators, who registered it)",
)
def solution_update(request, solution_id: int, payload: SolutionPatch):
    solution = _solution(request, solution_id)
    services.solution_update(
        actor=request.user, solution=solution, data=_solution_input(solution, payload)
    )
    return _solution(request, solution_id)


@router.delete(
    "/solutions/{solution_id}",
    response={204: None, **ERRORS},
    auth=auth.REQUIRED,
    summary="Remove a solution from the catalogue",
)
def solution_delete(request, solution_id: int):
    services.solution_delete(actor=request.user, solution=_solution(request, solution_id))
    return Status(204, None)


@router.get(
    "/solutions/{solution_id}/publiccode.yml",
    response={200: str, **READ},
    auth=auth.OPTIONAL,
    summary="The solution as a publiccode.yml file",
    openapi_extra={
        "responses": {"200": {"content": {"application/yaml": {"schema": {"type": "string"}}}}}
    },
)
def solution_publiccode(request, solution_id: int):
    solution = _solution(request, solution_id)
    used_by = [a.organization.name for a in selectors.adoptions_of(solution)]
    page = request.build_absolute_uri(reverse("solutions:detail", args=[solution.pk]))
    text = publiccode.export(solution, used_by=used_by, page_url=page)
    return HttpResponse(text, content_type="application/yaml; charset=utf-8")


@router.get(
    "/solutions/{solution_id}/adoptions",
    response={200: list[AdoptionOut], **READ},
    auth=auth.OPTIONAL,
    summary="The organizations that use a solution",
)
@paginate
def adoption_list(request, solution_id: int):
    solution = _solution(request, solution_id)
    return Adoption.objects.filter(solution=solution).select_related(
        "organization", "organization__province", "contact"
    )


@router.put(
    "/solutions/{solution_id}/adoptions",
    response={200: AdoptionOut, 201: AdoptionOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Declare that your organization uses a solution (or update the declaration)",
)
def adoption_set(request, solution_id: int, payload: AdoptionIn):
    solution = _solution(request, solution_id)
    contact = None
    if payload.contact is not None:
        contact = get_user_model().objects.filter(pk=payload.contact, is_active=True).first()
        if contact is None:
            raise InvalidInput.for_field("contact", _("No such person."), "unknown")
    adoption, created = services.adoption_set(
        actor=request.user,
        solution=solution,
        organization=_organization(payload.organization),
        since=payload.since,
        contact=contact,
        note=payload.note,
    )
    return Status(201 if created else 200, adoption)


@router.delete(
    "/solutions/{solution_id}/adoptions/{code}",
    response={204: None, **ERRORS},
    auth=auth.REQUIRED,
    summary="End the declaration that an organization uses a solution",
)
def adoption_end(request, solution_id: int, code: str):
    solution = _solution(request, solution_id)
    adoption = Adoption.objects.filter(solution=solution, organization__code=code.lower()).first()
    if adoption is None:
        raise NotFound(_("This organization does not use this solution."))
    services.adoption_end(actor=request.user, adoption=adoption)
    return Status(204, None)


# -- initiatives -----------------------------------------------------------------------


def _initiative(request, initiative_id: int):
    found = selectors.initiative_get(viewer=request.user, pk=initiative_id)
    return selectors.attach_progress([found])[0]


@router.get(
    "/initiatives",
    response={200: list[InitiativeOut], 400: Problem},
    auth=auth.OPTIONAL,
    summary="Joint initiatives: search and filter",
)
@paginate
def initiative_list(request, query: Query[InitiativeListQuery]):
    return selectors.initiatives_with_progress(
        viewer=request.user, filters=selectors.InitiativeFilters(**query.model_dump())
    )


@router.get(
    "/initiatives/suggested",
    response={200: list[SuggestedInitiativeOut], 400: Problem, 401: Problem, 403: Problem},
    auth=auth.REQUIRED,
    summary="Initiatives your organization could join: shared policy domains, region or layer",
)
def initiative_suggested(request, organization: str | None = Query(None, max_length=200)):
    chosen = _one_of_mine(request, organization)
    if chosen is None:
        return []
    return selectors.suggested_initiatives(viewer=request.user, organization=chosen, limit=20)


@router.post(
    "/initiatives",
    response={201: InitiativeOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Propose a joint initiative led by an organization you work for",
)
def initiative_create(request, payload: InitiativeIn):
    made = services.initiative_create(
        actor=request.user,
        lead=_organization(payload.lead, "lead"),
        data=services.InitiativeInput(
            title=payload.title,
            goal=payload.goal,
            plan=payload.plan,
            euros_needed=payload.euros_needed,
            hours_needed=payload.hours_needed,
            points_needed=payload.points_needed,
            province=_province(payload.province),
            visibility=payload.visibility,
            policy_domain_codes=payload.policy_domains,
        ),
    )
    return Status(201, _initiative(request, made.pk))


@router.get(
    "/initiatives/{initiative_id}",
    response={200: InitiativeOut, **READ},
    auth=auth.OPTIONAL,
    summary="One joint initiative with its progress",
)
def initiative_detail(request, initiative_id: int):
    return _initiative(request, initiative_id)


@router.patch(
    "/initiatives/{initiative_id}",
    response={200: InitiativeOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Change an initiative (the lead)",
)
def initiative_update(request, initiative_id: int, payload: InitiativePatch):
    initiative = _initiative(request, initiative_id)
    fields = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    data = services.InitiativeInput(
        title=fields.get("title", initiative.title),
        goal=fields.get("goal", initiative.goal),
        plan=fields.get("plan", initiative.plan),
        euros_needed=fields.get("euros_needed", initiative.euros_needed),
        hours_needed=fields.get("hours_needed", initiative.hours_needed),
        points_needed=fields.get("points_needed", initiative.points_needed),
        province=initiative.province,
        visibility=fields.get("visibility", initiative.visibility),
        policy_domain_codes=fields.get(
            "policy_domains", [d.code for d in initiative.policy_domains.all()]
        ),
    )
    services.initiative_update(actor=request.user, initiative=initiative, data=data)
    return _initiative(request, initiative_id)


@router.post(
    "/initiatives/{initiative_id}/phase",
    response={200: InitiativeOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Move the initiative to its next phase; running pays the committed points",
)
def initiative_phase(request, initiative_id: int, payload: PhaseIn):
    initiative = _initiative(request, initiative_id)
    solution = None
    if payload.solution is not None:
        solution = selectors.solutions_visible(request.user).filter(pk=payload.solution).first()
        if solution is None:
            raise InvalidInput.for_field("solution", _("No such solution."), "unknown")
    services.phase_set(
        actor=request.user,
        initiative=initiative,
        phase=payload.phase,
        note=payload.note,
        solution=solution,
    )
    return _initiative(request, initiative_id)


@router.get(
    "/initiatives/{initiative_id}/commitments",
    response={200: list[CommitmentOut], **READ},
    auth=auth.OPTIONAL,
    summary="The commitments of the organizations that joined",
)
@paginate
def commitment_list(request, initiative_id: int):
    initiative = _initiative(request, initiative_id)
    return (
        Commitment.objects.filter(initiative=initiative)
        .select_related("organization")
        .order_by("created_at", "id")
    )


@router.post(
    "/initiatives/{initiative_id}/commitments",
    response={201: CommitmentOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Commit your organization (its administrators): euros, hours or points",
)
def commitment_make(request, initiative_id: int, payload: CommitmentIn):
    made = services.commitment_make(
        actor=request.user,
        initiative=_initiative(request, initiative_id),
        organization=_organization(payload.organization),
        euros=payload.euros,
        hours=payload.hours,
        points=payload.points,
        note=payload.note,
    )
    return Status(201, Commitment.objects.select_related("organization").get(pk=made.pk))


@router.delete(
    "/initiatives/{initiative_id}/commitments/{code}",
    response={204: None, **ERRORS},
    auth=auth.REQUIRED,
    summary="Withdraw your organization's commitment (before it runs); points are released",
)
def commitment_withdraw(request, initiative_id: int, code: str):
    initiative = _initiative(request, initiative_id)
    commitment = (
        Commitment.objects.filter(
            initiative=initiative, organization__code=code.lower(), status="pledged"
        )
        .select_related("organization", "reservation")
        .first()
    )
    if commitment is None:
        raise NotFound(_("This organization has no standing commitment here."))
    services.commitment_withdraw(actor=request.user, commitment=commitment)
    return Status(204, None)


# -- ideas -----------------------------------------------------------------------------


def _idea(request, idea_id: int):
    return selectors.idea_get(viewer=request.user, pk=idea_id)


@router.get(
    "/ideas",
    response={200: list[IdeaOut], 400: Problem},
    auth=auth.OPTIONAL,
    summary="Ideas for government-wide facilities, by support, recency or trend",
)
@paginate
def idea_list(request, query: Query[IdeaListQuery]):
    return selectors.ideas_list(
        viewer=request.user, filters=selectors.IdeaFilters(**query.model_dump())
    )


@router.post(
    "/ideas",
    response={201: IdeaOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Post an idea",
)
def idea_create(request, payload: IdeaIn):
    made = services.idea_create(
        actor=request.user,
        data=services.IdeaInput(
            title=payload.title,
            body=payload.body,
            visibility=payload.visibility,
            policy_domain_codes=payload.policy_domains,
        ),
    )
    return Status(201, _idea(request, made.pk))


@router.get(
    "/ideas/{idea_id}",
    response={200: IdeaOut, **READ},
    auth=auth.OPTIONAL,
    summary="One idea",
)
def idea_detail(request, idea_id: int):
    return _idea(request, idea_id)


@router.patch(
    "/ideas/{idea_id}",
    response={200: IdeaOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Change an idea (its author while it is new, or a moderator)",
)
def idea_update(request, idea_id: int, payload: IdeaPatch):
    idea = _idea(request, idea_id)
    fields = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    services.idea_update(
        actor=request.user,
        idea=idea,
        data=services.IdeaInput(
            title=fields.get("title", idea.title),
            body=fields.get("body", idea.body),
            visibility=fields.get("visibility", idea.visibility),
            policy_domain_codes=fields.get(
                "policy_domains", [d.code for d in idea.policy_domains.all()]
            ),
        ),
    )
    return _idea(request, idea_id)


@router.put(
    "/ideas/{idea_id}/vote",
    response={200: VoteOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Support an idea (once; again changes nothing)",
)
def vote_put(request, idea_id: int):
    idea, _changed = services.vote_set(
        actor=request.user, idea=_idea(request, idea_id), support=True
    )
    return {"idea": idea.pk, "supported": True, "vote_count": idea.vote_count}


@router.delete(
    "/ideas/{idea_id}/vote",
    response={200: VoteOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Take your support back",
)
def vote_delete(request, idea_id: int):
    idea, _changed = services.vote_set(
        actor=request.user, idea=_idea(request, idea_id), support=False
    )
    return {"idea": idea.pk, "supported": False, "vote_count": idea.vote_count}


@router.get(
    "/ideas/{idea_id}/comments",
    response={200: list[CommentOut], **READ},
    auth=auth.OPTIONAL,
    summary="Comments on an idea, oldest first",
)
@paginate
def comment_list(request, idea_id: int):
    return selectors.comments_of(_idea(request, idea_id))


@router.post(
    "/ideas/{idea_id}/comments",
    response={201: CommentOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Comment on an idea",
)
def comment_add(request, idea_id: int, payload: CommentIn):
    made = services.comment_add(actor=request.user, idea=_idea(request, idea_id), body=payload.body)
    return Status(201, made)


@router.post(
    "/ideas/{idea_id}/status",
    response={200: IdeaOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Mark an idea new, under consideration or declined (moderators)",
)
def idea_status(request, idea_id: int, payload: IdeaStatusIn):
    services.status_set(
        actor=request.user,
        idea=_idea(request, idea_id),
        status=payload.status,
        reason=payload.reason,
    )
    return _idea(request, idea_id)


@router.post(
    "/ideas/{idea_id}/merge",
    response={200: IdeaOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Merge a duplicate into another idea; the votes follow (moderators)",
)
def idea_merge(request, idea_id: int, payload: MergeIn):
    duplicate = _idea(request, idea_id)
    try:
        into = _idea(request, payload.into)
    except NotFound:
        raise InvalidInput.for_field("into", _("No such idea."), "unknown") from None
    survivor = services.merge(actor=request.user, duplicate=duplicate, into=into)
    return _idea(request, survivor.pk)


@router.post(
    "/ideas/{idea_id}/initiative",
    response={201: InitiativeOut, **ERRORS},
    auth=auth.REQUIRED,
    summary="Turn an idea into a joint initiative led by an organization you work for",
)
def idea_to_initiative(request, idea_id: int, payload: IdeaToInitiativeIn):
    idea = _idea(request, idea_id)
    made = services.to_initiative(
        actor=request.user,
        idea=idea,
        lead=_organization(payload.lead, "lead"),
        data=services.InitiativeInput(
            title=payload.title or idea.title,
            goal=payload.goal or idea.body[:5000],
            plan=payload.plan,
            euros_needed=payload.euros_needed,
            hours_needed=payload.hours_needed,
            points_needed=payload.points_needed,
            visibility=idea.visibility,
        ),
    )
    return Status(201, _initiative(request, made.pk))
