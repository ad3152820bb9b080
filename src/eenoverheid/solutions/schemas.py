"""Schemas of `/api/v1/solutions`, `/api/v1/initiatives` and `/api/v1/ideas`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from eenoverheid.core.api_schemas import InputSchema, IsoDate

KIND = Literal["application", "website_template", "service", "policy_template", "process"]
STATUS = Literal["idea", "development", "in_use", "retired"]
COST = Literal["free", "shared_costs", "one_off", "subscription", "on_request"]
VISIBILITY = Literal["public", "signed_in"]
PHASE = Literal["proposed", "forming", "funded", "running", "delivered", "stopped"]
IDEA_STATUS = Literal["new", "considering", "initiative", "declined", "merged"]
CODE = Field(min_length=1, max_length=200)
ID = Field(ge=1, le=2**31 - 1)


class OrganizationRef(Schema):
    code: str
    name: str
    layer: str


class PolicyDomainRef(Schema):
    code: str
    name: str


class SolutionOut(Schema):
    id: int
    name: str
    kind: str
    summary: str
    description: str
    owner: OrganizationRef
    status: str
    licence: str
    source_url: str
    documentation_url: str
    website_url: str
    contact_name: str
    contact_email: str
    cost_model: str
    cost_note: str
    visibility: str
    policy_domains: list[PolicyDomainRef]
    standards: list[str]
    adopter_count: int = Field(description="Organizations that use it, besides the owner.")
    imported_from_publiccode: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_policy_domains(obj) -> list[dict]:
        return [{"code": d.code, "name": d.name} for d in obj.policy_domains.all()]

    @staticmethod
    def resolve_standards(obj) -> list[str]:
        return [s.name for s in obj.standards.all()]

    @staticmethod
    def resolve_contact_name(obj) -> str:
        return obj.contact_name or (str(obj.contact) if obj.contact_id else "")

    @staticmethod
    def resolve_imported_from_publiccode(obj) -> bool:
        return bool(obj.publiccode)


class SolutionIn(InputSchema):
    organization: str = Field(min_length=1, max_length=200, description="The owner's code.")
    name: str = Field(min_length=2, max_length=200)
    kind: KIND
    summary: str = Field(min_length=10, max_length=300)
    description: str = Field("", max_length=20000)
    status: STATUS = "in_use"
    licence: str = Field("", max_length=100, description="An SPDX identifier, e.g. EUPL-1.2.")
    source_url: str = Field("", max_length=500)
    documentation_url: str = Field("", max_length=500)
    website_url: str = Field("", max_length=500)
    contact_name: str = Field("", max_length=150)
    contact_email: str = Field("", max_length=254)
    cost_model: COST = "free"
    cost_note: str = Field("", max_length=300)
    visibility: VISIBILITY = "signed_in"
    policy_domains: list[str] = Field(default_factory=list, max_length=10)
    standards: list[str] = Field(default_factory=list, max_length=20)


class SolutionPatch(InputSchema):
    name: str | None = Field(None, min_length=2, max_length=200)
    kind: KIND | None = None
    summary: str | None = Field(None, min_length=10, max_length=300)
    description: str | None = Field(None, max_length=20000)
    status: STATUS | None = None
    licence: str | None = Field(None, max_length=100)
    source_url: str | None = Field(None, max_length=500)
    documentation_url: str | None = Field(None, max_length=500)
    website_url: str | None = Field(None, max_length=500)
    contact_name: str | None = Field(None, max_length=150)
    contact_email: str | None = Field(None, max_length=254)
    cost_model: COST | None = None
    cost_note: str | None = Field(None, max_length=300)
    visibility: VISIBILITY | None = None
    policy_domains: list[str] | None = Field(None, max_length=10)
    standards: list[str] | None = Field(None, max_length=20)


class PubliccodeIn(InputSchema):
    organization: str = Field(min_length=1, max_length=200, description="The owner's code.")
    publiccode: str = Field(
        min_length=1,
        max_length=100_000,
        description="The file's text (at most 100,000 characters).",
    )
    kind: KIND | None = Field(None, description="Otherwise taken from its categories.")
    visibility: VISIBILITY = "signed_in"
    policy_domains: list[str] = Field(default_factory=list, max_length=10)


class PubliccodeCheckIn(InputSchema):
    publiccode: str = Field(min_length=1, max_length=100_000)


class PubliccodeCheckOut(Schema):
    name: str
    summary: str
    status: str
    licence: str
    source_url: str
    used_by: list[str]


class ImportOut(Schema):
    solution: SolutionOut
    adopted_by: list[OrganizationRef] = Field(
        description="Organizations of its usedBy that the register knows, recorded as users."
    )


class SolutionListQuery(Schema):
    q: str = Field("", max_length=200)
    kind: KIND | None = None
    status: STATUS | None = None
    domain: str | None = Field(None, max_length=8, description="Policy domain code.")
    owner: str | None = Field(None, max_length=200, description="Owner organization code.")
    used_by: str | None = Field(
        None, max_length=200, description="Code of an organization using it."
    )
    layer: (
        Literal["national", "province", "water_board", "regional", "municipality", "other"] | None
    ) = None
    province: str | None = Field(None, max_length=200, description="Province code.")
    standard: int | None = Field(None, ge=1, le=2**31 - 1)
    sort: Literal["name", "used", "recent"] = "name"


class AdoptionOut(Schema):
    organization: OrganizationRef
    since: date | None
    contact: str | None
    note: str
    province: str | None

    @staticmethod
    def resolve_contact(obj) -> str | None:
        return str(obj.contact) if obj.contact_id else None

    @staticmethod
    def resolve_province(obj) -> str | None:
        o = obj.organization
        province = o if o.kind == "province" else o.province
        return province.name if province else None


class AdoptionIn(InputSchema):
    organization: str = Field(min_length=1, max_length=200, description="Your organization's code.")
    since: IsoDate | None = None
    contact: int | None = Field(None, ge=1, le=2**31 - 1, description="A colleague's user id.")
    note: str = Field("", max_length=500)


class StandardOut(Schema):
    id: int
    name: str
    solutions: int = Field(description="How many solutions say they implement it.")

    @staticmethod
    def resolve_solutions(obj) -> int:
        return obj.solution_count


# -- initiatives -----------------------------------------------------------------------


class ProgressOut(Schema):
    euros: int
    hours: int
    points: int
    euros_needed: int
    hours_needed: int
    points_needed: int
    covered: bool


class InitiativeOut(Schema):
    id: int
    title: str
    goal: str
    plan: str
    lead: OrganizationRef
    province: str | None
    phase: str
    phase_note: str
    euros_needed: int
    hours_needed: int
    points_needed: int
    progress: ProgressOut
    visibility: str
    policy_domains: list[PolicyDomainRef]
    idea: int | None
    solution: int | None
    created_at: datetime

    @staticmethod
    def resolve_province(obj) -> str | None:
        return obj.province.code if obj.province_id else None

    @staticmethod
    def resolve_policy_domains(obj) -> list[dict]:
        return [{"code": d.code, "name": d.name} for d in obj.policy_domains.all()]

    @staticmethod
    def resolve_idea(obj) -> int | None:
        return obj.idea_id

    @staticmethod
    def resolve_solution(obj) -> int | None:
        return obj.solution_id

    @staticmethod
    def resolve_progress(obj) -> dict:
        p = obj.progress
        return {**p.__dict__, "covered": p.covered}


class SuggestedInitiativeOut(InitiativeOut):
    reasons: list[str]


class InitiativeIn(InputSchema):
    lead: str = Field(min_length=1, max_length=200, description="The lead organization's code.")
    title: str = Field(min_length=5, max_length=200)
    goal: str = Field(min_length=20, max_length=5000)
    plan: str = Field("", max_length=20000)
    euros_needed: int = Field(0, ge=0, le=10**10)
    hours_needed: int = Field(0, ge=0, le=10**6)
    points_needed: int = Field(0, ge=0, le=10**9)
    province: str | None = Field(None, max_length=200, description="A province's code.")
    visibility: VISIBILITY = "signed_in"
    policy_domains: list[str] = Field(default_factory=list, max_length=10)


class InitiativePatch(InputSchema):
    title: str | None = Field(None, min_length=5, max_length=200)
    goal: str | None = Field(None, min_length=20, max_length=5000)
    plan: str | None = Field(None, max_length=20000)
    euros_needed: int | None = Field(None, ge=0, le=10**10)
    hours_needed: int | None = Field(None, ge=0, le=10**6)
    points_needed: int | None = Field(None, ge=0, le=10**9)
    visibility: VISIBILITY | None = None
    policy_domains: list[str] | None = Field(None, max_length=10)


class PhaseIn(InputSchema):
    phase: PHASE
    note: str = Field("", max_length=500)
    solution: int | None = Field(None, ge=1, le=2**31 - 1, description="What it delivered.")


class InitiativeListQuery(Schema):
    q: str = Field("", max_length=200)
    phase: PHASE | None = None
    active: bool = Field(False, description="Only proposed, forming, funded and running.")
    domain: str | None = Field(None, max_length=8)
    layer: (
        Literal["national", "province", "water_board", "regional", "municipality", "other"] | None
    ) = None
    province: str | None = Field(None, max_length=200)
    organization: str | None = Field(None, max_length=200, description="Lead or participant code.")


class CommitmentOut(Schema):
    id: int
    organization: OrganizationRef
    euros: int
    hours: int
    points: int
    note: str
    status: str
    reservation: int | None
    transfer: int | None
    created_at: datetime

    @staticmethod
    def resolve_reservation(obj) -> int | None:
        return obj.reservation_id

    @staticmethod
    def resolve_transfer(obj) -> int | None:
        return obj.transfer_id


class CommitmentIn(InputSchema):
    organization: str = Field(
        min_length=1, max_length=200, description="The code of the organization you commit."
    )
    euros: int = Field(0, ge=0, le=10**10)
    hours: int = Field(0, ge=0, le=10**6)
    points: int = Field(0, ge=0, le=10**9, description="Reserved on its account at once.")
    note: str = Field("", max_length=500)


# -- ideas -----------------------------------------------------------------------------


class IdeaOut(Schema):
    id: int
    title: str
    body: str
    author: str = Field(description="“Former member” when the author left.")
    status: str
    status_reason: str
    merged_into: int | None
    initiative: int | None
    vote_count: int
    comment_count: int
    visibility: str
    policy_domains: list[PolicyDomainRef]
    created_at: datetime

    @staticmethod
    def resolve_author(obj) -> str:
        from django.utils.translation import gettext as _

        return str(obj.author) if obj.author_id else _("Former member")

    @staticmethod
    def resolve_merged_into(obj) -> int | None:
        return obj.merged_into_id

    @staticmethod
    def resolve_initiative(obj) -> int | None:
        from django.core.exceptions import ObjectDoesNotExist

        try:
            return obj.initiative.pk  # select_related by the selectors
        except ObjectDoesNotExist:
            return None

    @staticmethod
    def resolve_policy_domains(obj) -> list[dict]:
        return [{"code": d.code, "name": d.name} for d in obj.policy_domains.all()]


class IdeaIn(InputSchema):
    title: str = Field(min_length=5, max_length=200)
    body: str = Field(min_length=20, max_length=10000)
    visibility: VISIBILITY = "signed_in"
    policy_domains: list[str] = Field(default_factory=list, max_length=10)


class IdeaPatch(InputSchema):
    title: str | None = Field(None, min_length=5, max_length=200)
    body: str | None = Field(None, min_length=20, max_length=10000)
    visibility: VISIBILITY | None = None
    policy_domains: list[str] | None = Field(None, max_length=10)


class IdeaListQuery(Schema):
    q: str = Field("", max_length=200)
    sort: Literal["support", "recent", "trending"] = "support"
    status: IDEA_STATUS | None = None
    domain: str | None = Field(None, max_length=8)


class VoteOut(Schema):
    idea: int
    supported: bool
    vote_count: int


class CommentOut(Schema):
    id: int
    author: str
    body: str
    created_at: datetime

    @staticmethod
    def resolve_author(obj) -> str:
        from django.utils.translation import gettext as _

        return str(obj.author) if obj.author_id else _("Former member")


class CommentIn(InputSchema):
    body: str = Field(min_length=2, max_length=5000)


class IdeaStatusIn(InputSchema):
    status: Literal["new", "considering", "declined"]
    reason: str = Field("", max_length=1000)


class MergeIn(InputSchema):
    into: int = Field(ge=1, le=2**31 - 1, description="The idea that stays.")


class IdeaToInitiativeIn(InputSchema):
    lead: str = Field(min_length=1, max_length=200)
    title: str | None = Field(None, min_length=5, max_length=200)
    goal: str | None = Field(None, min_length=20, max_length=5000)
    plan: str = Field("", max_length=20000)
    euros_needed: int = Field(0, ge=0, le=10**10)
    hours_needed: int = Field(0, ge=0, le=10**6)
    points_needed: int = Field(0, ge=0, le=10**9)
