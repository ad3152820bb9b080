"""`/api/v1/organizations`, `/api/v1/municipalities`, `/api/v1/policy-domains`: the
register of government organizations, who covers which municipality, and what
organizations say about themselves."""

from datetime import date

from django.contrib.auth import get_user_model
from django.shortcuts import reverse
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from eenoverheid.accounts import auth
from eenoverheid.core.api_schemas import InputSchema, Problem
from eenoverheid.core.errors import InvalidInput, NotFound
from eenoverheid.organizations import selectors, services
from eenoverheid.organizations.models import (
    AreaScope,
    GovernmentLayer,
    Organization,
    OrganizationKind,
    Team,
)

router = Router(tags=["organizations"])


class PolicyDomainOut(Schema):
    code: str
    name: str
    name_en: str
    parent: str | None = Field(None, description="Code of the main task field above it.")


class OrganizationRef(Schema):
    id: int
    code: str
    name: str


class OrganizationOut(Schema):
    id: int
    code: str = Field(description="TOOI code, or the register's id where there is none.")
    name: str
    short_name: str
    kind: OrganizationKind
    layer: GovernmentLayer
    province: OrganizationRef | None
    parent: OrganizationRef | None
    website: str
    is_active: bool
    url: str = Field(description="The organization's page.")

    @staticmethod
    def resolve_url(obj: Organization) -> str:
        return reverse("organizations:detail", args=[obj.code])


class ParticipantOut(Schema):
    name: str
    organization: OrganizationRef | None
    joined_on: date | None
    left_on: date | None


class OrganizationDomainOut(Schema):
    code: str
    name: str
    basis: str = Field(description="law, name (derived from its name) or override.")


class EmailDomainOut(Schema):
    id: int
    domain: str
    source: str


class TeamOut(Schema):
    id: int
    name: str
    description: str
    member_count: int


class OrganizationDetailOut(OrganizationOut):
    tooi_uri: str
    cbs_code: str
    oin: str
    kvk: str
    register_id: str = Field(description="Number in organisaties.overheid.nl.")
    wikidata: str
    inhabitants: int | None
    cooperation_form: str
    valid_from: date | None
    valid_until: date | None
    description: str
    logo_url: str | None
    area_scope: AreaScope
    area_count: int = Field(description="Municipalities in its area (342 when national).")
    area: list[OrganizationRef]
    participants: list[ParticipantOut]
    policy_domains: list[OrganizationDomainOut]
    email_domains: list[EmailDomainOut]
    member_count: int | None = Field(None, description="Only for signed-in callers.")
    teams: list[TeamOut] | None = Field(None, description="Only for signed-in callers.")
    can_edit: bool

    # The view hangs the selector's OrganizationDetail on the organization as `detail`.
    @staticmethod
    def resolve_register_id(obj) -> str:
        return obj.roo_id

    @staticmethod
    def resolve_logo_url(obj) -> str | None:
        return reverse("organizations:logo", args=[obj.code]) if obj.logo else None

    @staticmethod
    def resolve_area_count(obj) -> int:
        return obj.detail.area_count

    @staticmethod
    def resolve_area(obj):
        return obj.detail.area

    @staticmethod
    def resolve_participants(obj):
        return [
            {
                "name": p.participant_name,
                "organization": p.participant,
                "joined_on": p.joined_on,
                "left_on": p.left_on,
            }
            for p in obj.detail.participants
        ]

    @staticmethod
    def resolve_policy_domains(obj):
        return [
            {"code": d.domain.code, "name": d.domain.label, "basis": d.basis}
            for d in obj.detail.domains
        ]

    @staticmethod
    def resolve_email_domains(obj):
        return obj.detail.email_domains

    @staticmethod
    def resolve_member_count(obj):
        return obj.detail.member_count if obj.signed_in else None

    @staticmethod
    def resolve_teams(obj):
        return obj.detail.teams if obj.signed_in else None


class LayerGroupOut(Schema):
    layer: GovernmentLayer
    label: str
    count: int
    organizations: list[OrganizationOut]


class CoveringOut(Schema):
    municipality: OrganizationRef
    policy_domain: str | None
    groups: list[LayerGroupOut]


class MunicipalityOut(Schema):
    id: int
    code: str
    cbs_code: str
    name: str
    province: OrganizationRef | None
    inhabitants: int | None


class OrganizationFilters(Schema):
    q: str | None = Field(None, max_length=200, description="Words in the name or a code.")
    kind: OrganizationKind | None = None
    layer: GovernmentLayer | None = None
    province: str | None = Field(None, max_length=8, description="Province code, e.g. pv26.")
    municipality: str | None = Field(
        None, max_length=8, description="Covers this municipality (CBS code, e.g. GM0344)."
    )
    policy_domain: str | None = Field(None, max_length=8, description="e.g. 6.72 or 6.")
    include_inactive: bool = False


class CoveringFilters(Schema):
    municipality: str = Field(min_length=1, max_length=8, description="CBS code, e.g. GM0344.")
    policy_domain: str | None = Field(None, max_length=8)
    layer: GovernmentLayer | None = None


class OrganizationIn(InputSchema):
    description: str | None = Field(None, max_length=5000)


class EmailDomainIn(InputSchema):
    domain: str = Field(min_length=1, max_length=253, examples=["gemeente.nl"])


class PolicyDomainOverrideIn(InputSchema):
    included: bool = Field(description="True: holds this domain; false: does not.")


class TeamIn(InputSchema):
    name: str = Field(min_length=1, max_length=150)
    description: str = Field("", max_length=2000)


class TeamPatch(InputSchema):
    name: str | None = Field(None, min_length=1, max_length=150)
    description: str | None = Field(None, max_length=2000)


class TeamMemberIn(InputSchema):
    user_id: int


class TeamMemberOut(Schema):
    id: int
    name: str


def _province(code: str | None) -> Organization | None:
    if not code:
        return None
    province = selectors.provinces().filter(code=code.strip().lower()).first()
    if province is None:
        raise InvalidInput.for_field("province", "Unknown province code.", "unknown_province")
    return province


def _municipality(code: str | None, field: str = "municipality") -> Organization | None:
    if not code:
        return None
    try:
        return selectors.municipality_get(code)
    except NotFound as exc:
        raise InvalidInput.for_field(field, str(exc.detail), "unknown_municipality") from exc


def _domain_code(code: str | None, field: str = "policy_domain") -> str | None:
    if not code:
        return None
    try:
        selectors.policy_domain_ids(code)
    except NotFound as exc:
        raise InvalidInput.for_field(field, str(exc.detail), "unknown_policy_domain") from exc
    return code


@router.get(
    "/organizations",
    response={200: list[OrganizationOut], 400: Problem},
    auth=auth.OPTIONAL,
    summary="Search the register of government organizations",
)
@paginate
def organization_list(request, filters: Query[OrganizationFilters]):
    return selectors.organization_search(
        q=filters.q,
        kind=filters.kind,
        layer=filters.layer,
        province=_province(filters.province),
        municipality=_municipality(filters.municipality),
        domain=_domain_code(filters.policy_domain),
        include_inactive=filters.include_inactive,
    )


@router.get(
    "/organizations/covering",
    response={200: CoveringOut, 400: Problem},
    auth=auth.OPTIONAL,
    summary="Every organization whose area includes a municipality, by government layer",
)
def organization_covering(request, filters: Query[CoveringFilters]):
    municipality = _municipality(filters.municipality.strip())
    if municipality is None:
        raise InvalidInput.for_field("municipality", "Give a municipality.", "required")
    groups = selectors.organizations_covering(
        municipality=municipality,
        domain=_domain_code(filters.policy_domain),
        layer=filters.layer,
    )
    return {
        "municipality": municipality,
        "policy_domain": filters.policy_domain,
        "groups": [
            {"layer": g.layer, "label": g.label, "count": g.count, "organizations": g.organizations}
            for g in groups
        ],
    }


def _detail(request, organization: Organization) -> Organization:
    """The organization, carrying what OrganizationDetailOut's resolvers read."""
    organization.detail = selectors.organization_detail(organization)
    organization.signed_in = request.user.is_authenticated
    organization.can_edit = services.can_administer(user=request.user, organization=organization)
    return organization


@router.get(
    "/organizations/{organization_id}",
    response={200: OrganizationDetailOut, 404: Problem},
    auth=auth.OPTIONAL,
    summary="One organization: identifiers, area, participants, policy domains",
)
def organization_read(request, organization_id: int):
    return _detail(request, selectors.organization_get(pk=organization_id))


@router.patch(
    "/organizations/{organization_id}",
    response={200: OrganizationDetailOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Change the organization's description (its administrators)",
)
def organization_update(request, organization_id: int, payload: OrganizationIn):
    organization = selectors.organization_get(pk=organization_id)
    services.organization_update(
        organization=organization, actor=request.user, description=payload.description
    )
    return _detail(request, organization)


@router.post(
    "/organizations/{organization_id}/logo",
    response={200: OrganizationDetailOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Upload the organization's logo (PNG, JPEG, WebP or GIF, at most 1 MB)",
)
def organization_logo_upload(request, organization_id: int, logo: File[UploadedFile]):
    organization = selectors.organization_get(pk=organization_id)
    services.organization_update(organization=organization, actor=request.user, logo=logo)
    return _detail(request, organization)


@router.delete(
    "/organizations/{organization_id}/logo",
    response={204: None, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Remove the organization's logo",
)
def organization_logo_delete(request, organization_id: int):
    organization = selectors.organization_get(pk=organization_id)
    services.organization_update(organization=organization, actor=request.user, remove_logo=True)
    return Status(204, None)


@router.post(
    "/organizations/{organization_id}/email-domains",
    response={
        201: EmailDomainOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Add an e-mail domain: verified addresses on it make their holders members",
)
def email_domain_add(request, organization_id: int, payload: EmailDomainIn):
    organization = selectors.organization_get(pk=organization_id)
    domain = services.email_domain_add(
        organization=organization, actor=request.user, domain=payload.domain
    )
    return Status(201, EmailDomainOut.from_orm(domain))


@router.delete(
    "/organizations/{organization_id}/email-domains/{domain_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Remove an e-mail domain",
)
def email_domain_remove(request, organization_id: int, domain_id: int):
    organization = selectors.organization_get(pk=organization_id)
    services.email_domain_remove(organization=organization, actor=request.user, domain_id=domain_id)
    return Status(204, None)


@router.put(
    "/organizations/{organization_id}/policy-domains/{code}",
    response={200: OrganizationDetailOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Say that the organization does or does not hold a policy domain",
)
def policy_domain_override(
    request, organization_id: int, code: str, payload: PolicyDomainOverrideIn
):
    organization = selectors.organization_get(pk=organization_id)
    services.policy_domain_override_set(
        organization=organization, actor=request.user, domain_code=code, included=payload.included
    )
    return _detail(request, organization)


@router.delete(
    "/organizations/{organization_id}/policy-domains/{code}",
    response={200: OrganizationDetailOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Drop an override: back to what the organization's kind and name say",
)
def policy_domain_reset(request, organization_id: int, code: str):
    organization = selectors.organization_get(pk=organization_id)
    services.policy_domain_override_set(
        organization=organization, actor=request.user, domain_code=code, included=None
    )
    return _detail(request, organization)


def _team(organization: Organization, team_id: int) -> Team:
    team = Team.objects.filter(organization=organization, pk=team_id).first()
    if team is None:
        raise NotFound("This organization has no such team.")
    return team


def _team_out(team: Team) -> TeamOut:
    return TeamOut(
        id=team.pk,
        name=team.name,
        description=team.description,
        member_count=team.members.count(),
    )


@router.get(
    "/organizations/{organization_id}/teams",
    response={200: list[TeamOut], 400: Problem, 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="The organization's teams",
)
@paginate
def team_list(request, organization_id: int):
    organization = selectors.organization_get(pk=organization_id)
    return selectors.teams_of(organization)


@router.post(
    "/organizations/{organization_id}/teams",
    response={201: TeamOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Create a team (the organization's administrators)",
)
def team_create(request, organization_id: int, payload: TeamIn):
    organization = selectors.organization_get(pk=organization_id)
    team = services.team_create(
        organization=organization,
        actor=request.user,
        name=payload.name,
        description=payload.description,
    )
    return Status(201, _team_out(team))


@router.patch(
    "/organizations/{organization_id}/teams/{team_id}",
    response={200: TeamOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Rename a team or change its description",
)
def team_update(request, organization_id: int, team_id: int, payload: TeamPatch):
    team = _team(selectors.organization_get(pk=organization_id), team_id)
    services.team_update(
        team=team, actor=request.user, name=payload.name, description=payload.description
    )
    return _team_out(team)


@router.delete(
    "/organizations/{organization_id}/teams/{team_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Delete a team",
)
def team_delete(request, organization_id: int, team_id: int):
    team = _team(selectors.organization_get(pk=organization_id), team_id)
    services.team_delete(team=team, actor=request.user)
    return Status(204, None)


@router.get(
    "/organizations/{organization_id}/teams/{team_id}/members",
    response={200: list[TeamMemberOut], 400: Problem, 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="The members of a team",
)
@paginate
def team_member_list(request, organization_id: int, team_id: int):
    team = _team(selectors.organization_get(pk=organization_id), team_id)
    return team.members.order_by("name", "id")


@router.post(
    "/organizations/{organization_id}/teams/{team_id}/members",
    response={204: None, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Add a member of the organization to a team",
)
def team_member_add(request, organization_id: int, team_id: int, payload: TeamMemberIn):
    team = _team(selectors.organization_get(pk=organization_id), team_id)
    user = get_user_model().objects.filter(pk=payload.user_id, is_active=True).first()
    if user is None:
        raise InvalidInput.for_field("user_id", "No such person.", "unknown_user")
    services.team_member_add(team=team, actor=request.user, user=user)
    return Status(204, None)


@router.delete(
    "/organizations/{organization_id}/teams/{team_id}/members/{user_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Remove someone from a team",
)
def team_member_remove(request, organization_id: int, team_id: int, user_id: int):
    team = _team(selectors.organization_get(pk=organization_id), team_id)
    user = team.members.filter(pk=user_id).first()
    if user is None:
        raise NotFound("This person is not in the team.")
    services.team_member_remove(team=team, actor=request.user, user=user)
    return Status(204, None)


@router.get(
    "/municipalities",
    response={200: list[MunicipalityOut], 400: Problem},
    auth=auth.OPTIONAL,
    summary="The 342 current municipalities (CBS division of 1 January 2026)",
    tags=["organizations"],
)
@paginate
def municipality_list(request):
    return selectors.municipalities().select_related("province")


@router.get(
    "/policy-domains",
    response={200: list[PolicyDomainOut]},
    auth=auth.OPTIONAL,
    summary="The policy-domain taxonomy (BBV task fields and the other layers' tasks)",
)
def policy_domain_list(request):
    return [
        PolicyDomainOut(
            code=d.code,
            name=d.name,
            name_en=d.name_en,
            parent=d.parent.code if d.parent_id else None,
        )
        for d in selectors.policy_domains()
    ]
