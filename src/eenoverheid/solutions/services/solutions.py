"""Writes of the solutions catalogue: registering a solution (by hand or from a
publiccode.yml), changing and removing it, and organizations declaring that they use it.

Who may do what:
- a member of an organization registers a solution in its name;
- the owner organization's administrators and the person who registered it change or
  remove it (platform administrators too);
- a member of an organization declares that it uses a solution; that person and the
  organization's administrators end the declaration.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenoverheid.core.errors import Conflict, InvalidInput, InvalidParam, NotAllowed
from eenoverheid.core.services import audit_record
from eenoverheid.core.visibility import Visibility, is_platform_admin
from eenoverheid.organizations.models import Organization, PolicyDomain
from eenoverheid.organizations.selectors import organization_ids_of
from eenoverheid.organizations.services import can_administer
from eenoverheid.solutions import publiccode
from eenoverheid.solutions.models import (
    Adoption,
    CostModel,
    Solution,
    SolutionKind,
    SolutionStatus,
    Standard,
)

MAX_DOMAINS = 10
MAX_STANDARDS = 20


@dataclass
class SolutionInput:
    name: str
    kind: str
    summary: str
    description: str = ""
    status: str = SolutionStatus.IN_USE
    licence: str = ""
    source_url: str = ""
    documentation_url: str = ""
    website_url: str = ""
    contact_name: str = ""
    contact_email: str = ""
    cost_model: str = CostModel.FREE
    cost_note: str = ""
    visibility: str = Visibility.SIGNED_IN
    policy_domain_codes: list[str] = field(default_factory=list)
    standards: list[str] = field(default_factory=list)


# -- permissions -----------------------------------------------------------------------


def is_member(user, organization: Organization) -> bool:
    if is_platform_admin(user):
        return True
    return bool(user and user.is_authenticated) and organization.pk in organization_ids_of(user)


def may_change(user, solution: Solution) -> bool:
    """The owner organization's administrators, the registrant while still a member of
    the owner, and platform administrators."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if can_administer(user=user, organization=solution.owner):
        return True
    return solution.created_by_id == user.pk and is_member(user, solution.owner)


def may_end_adoption(user, adoption: Adoption) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    if can_administer(user=user, organization=adoption.organization):
        return True
    return adoption.created_by_id == user.pk and is_member(user, adoption.organization)


def _require_member(user, organization: Organization) -> None:
    if not is_member(user, organization):
        raise NotAllowed(
            _("Only people who work for %(name)s may do this on its behalf.")
            % {"name": organization.name}
        )


# -- checks ----------------------------------------------------------------------------


def _domains(codes: list[str]) -> list[PolicyDomain]:
    codes = list(dict.fromkeys(c.strip() for c in codes if c and c.strip()))
    if len(codes) > MAX_DOMAINS:
        raise InvalidInput.for_field(
            "policy_domains", _("At most %(n)d policy domains.") % {"n": MAX_DOMAINS}
        )
    found = {d.code: d for d in PolicyDomain.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise InvalidInput.for_field(
            "policy_domains",
            _("Unknown policy domain: %(codes)s.") % {"codes": ", ".join(unknown)},
            "unknown",
        )
    return [found[c] for c in codes]


def _standards(names: list[str]) -> list[Standard]:
    names = list(dict.fromkeys(n.strip()[:120] for n in names if n and n.strip()))
    if len(names) > MAX_STANDARDS:
        raise InvalidInput.for_field(
            "standards", _("At most %(n)d standards.") % {"n": MAX_STANDARDS}
        )
    standards = []
    for name in names:
        existing = Standard.objects.filter(name__iexact=name).first()
        if existing is None:
            try:
                with transaction.atomic():
                    existing = Standard.objects.create(name=name)
            except IntegrityError:
                existing = Standard.objects.get(name__iexact=name)
        standards.append(existing)
    return standards


def _check(data: SolutionInput) -> dict:
    errors = []

    def need(name: str, value: str, low: int, high: int) -> str:
        value = (value or "").strip()
        if len(value) < low:
            errors.append(
                InvalidParam(
                    name, _("Required, at least %(n)d characters.") % {"n": low}, "required"
                )
            )
        elif len(value) > high:
            errors.append(
                InvalidParam(name, _("At most %(n)d characters.") % {"n": high}, "max_length")
            )
        return value

    values = {
        "name": need("name", data.name, 2, 200),
        "summary": need("summary", data.summary, 10, 300),
        "description": need("description", data.description, 0, 20000),
        "licence": need("licence", data.licence, 0, 100),
        "contact_name": need("contact_name", data.contact_name, 0, 150),
        "contact_email": need("contact_email", data.contact_email, 0, 254),
        "cost_note": need("cost_note", data.cost_note, 0, 300),
    }
    for name, value, allowed in (
        ("kind", data.kind, SolutionKind.values),
        ("status", data.status, SolutionStatus.values),
        ("cost_model", data.cost_model, CostModel.values),
        ("visibility", data.visibility, [Visibility.PUBLIC, Visibility.SIGNED_IN]),
    ):
        if value not in allowed:
            errors.append(
                InvalidParam(name, _("Must be one of: %(v)s.") % {"v": ", ".join(allowed)}, "enum")
            )
        values[name] = value
    for name in ("source_url", "documentation_url", "website_url"):
        value = (getattr(data, name) or "").strip()
        if value and (not publiccode.URL.match(value) or len(value) > 500):
            errors.append(
                InvalidParam(
                    name, _("Must be a web address starting with http:// or https://."), "url"
                )
            )
        values[name] = value
    if values["licence"] and not publiccode.SPDX.match(values["licence"]):
        errors.append(InvalidParam("licence", _("Must be an SPDX licence expression."), "spdx"))
    if values["contact_email"] and "@" not in values["contact_email"]:
        errors.append(InvalidParam("contact_email", _("Must be an e-mail address."), "email"))
    if errors:
        raise InvalidInput(errors[0].reason, invalid_params=errors)
    return values


def _recount(solution_id: int) -> None:
    Solution.objects.filter(pk=solution_id).update(
        adopter_count=Adoption.objects.filter(solution_id=solution_id).count()
    )


# -- solutions -------------------------------------------------------------------------


@transaction.atomic
def solution_create(
    *, actor, owner: Organization, data: SolutionInput, source: str = ""
) -> Solution:
    """Register a solution in the name of `owner` (the actor works there)."""
    _require_member(actor, owner)
    values = _check(data)
    domains = _domains(data.policy_domain_codes)
    standards = _standards(data.standards)
    solution = Solution.objects.create(owner=owner, created_by=actor, publiccode=source, **values)
    solution.policy_domains.set(domains)
    solution.standards.set(standards)
    audit_record(
        actor=actor, action="solution.created", obj=solution, changes={"name": solution.name}
    )
    return solution


@transaction.atomic
def solution_update(*, actor, solution: Solution, data: SolutionInput) -> Solution:
    if not may_change(actor, solution):
        raise NotAllowed(_("Only the owner's administrators and who registered it may change it."))
    values = _check(data)
    domains = _domains(data.policy_domain_codes)
    standards = _standards(data.standards)
    for name, value in values.items():
        setattr(solution, name, value)
    # What the catalogue says now is no longer the imported file.
    solution.publiccode = ""
    solution.save()
    solution.policy_domains.set(domains)
    solution.standards.set(standards)
    audit_record(
        actor=actor, action="solution.updated", obj=solution, changes={"name": solution.name}
    )
    return solution


@transaction.atomic
def solution_delete(*, actor, solution: Solution) -> None:
    if not may_change(actor, solution):
        raise NotAllowed(_("Only the owner's administrators and who registered it may remove it."))
    audit_record(
        actor=actor, action="solution.deleted", obj=solution, changes={"name": solution.name}
    )
    solution.delete()


def publiccode_check(text: str) -> publiccode.Parsed:
    parsed, errors = publiccode.parse(text or "")
    if errors:
        raise InvalidInput(
            _("The publiccode.yml file is not valid: %(n)d problem(s).") % {"n": len(errors)},
            invalid_params=errors,
        )
    return parsed


KIND_OF_CATEGORY = {
    "website-builder": SolutionKind.WEBSITE_TEMPLATE,
    "website": SolutionKind.WEBSITE_TEMPLATE,
}


@transaction.atomic
def solution_import(
    *,
    actor,
    owner: Organization,
    text: str,
    kind: str = "",
    visibility: str = Visibility.SIGNED_IN,
    policy_domain_codes: list[str] | None = None,
) -> tuple[Solution, list[Organization]]:
    """Register a solution from a publiccode.yml file; the organizations in its `usedBy`
    that the register knows by name are recorded as users of it. Returns the solution
    and those organizations. Nothing is written when the file has any error."""
    _require_member(actor, owner)
    parsed = publiccode_check(text)
    if not kind:
        kind = next(
            (KIND_OF_CATEGORY[c] for c in parsed.categories if c in KIND_OF_CATEGORY),
            SolutionKind.APPLICATION,
        )
    solution = solution_create(
        actor=actor,
        owner=owner,
        source=text,
        data=SolutionInput(
            name=parsed.name,
            kind=kind,
            summary=parsed.summary if len(parsed.summary) >= 10 else parsed.description[:300],
            description=parsed.description,
            status=parsed.status,
            licence=parsed.licence,
            source_url=parsed.source_url,
            documentation_url=parsed.documentation_url,
            website_url=parsed.website_url,
            contact_name=parsed.contact_name,
            contact_email=parsed.contact_email,
            visibility=visibility,
            policy_domain_codes=policy_domain_codes or [],
        ),
    )
    users = []
    if parsed.used_by:
        names = {n.casefold(): n for n in parsed.used_by}
        candidates = Organization.objects.filter(is_active=True, name__in=list(parsed.used_by))
        for organization in candidates.exclude(pk=owner.pk):
            if organization.name.casefold() in names:
                Adoption.objects.get_or_create(
                    solution=solution,
                    organization=organization,
                    defaults={"created_by": actor, "note": _("Named in the publiccode.yml file.")},
                )
                users.append(organization)
        _recount(solution.pk)
        solution.refresh_from_db()
    return solution, users


# -- adoptions -------------------------------------------------------------------------


@transaction.atomic
def adoption_set(
    *,
    actor,
    solution: Solution,
    organization: Organization,
    since: dt.date | None = None,
    contact=None,
    note: str = "",
) -> tuple[Adoption, bool]:
    """Declare (or update) that `organization` uses `solution`. Returns (adoption, new)."""
    _require_member(actor, organization)
    if organization.pk == solution.owner_id:
        raise InvalidInput.for_field(
            "organization", _("The owner's own use is implied; choose another organization.")
        )
    if since is not None and since > timezone.localdate():
        raise InvalidInput.for_field("since", _("Cannot be in the future."))
    if len(note) > 500:
        raise InvalidInput.for_field("note", _("At most %(n)d characters.") % {"n": 500})
    if contact is not None and organization.pk not in organization_ids_of(contact):
        raise InvalidInput.for_field(
            "contact", _("The contact person must work for %(name)s.") % {"name": organization.name}
        )
    if (
        solution.status == SolutionStatus.RETIRED
        and not Adoption.objects.filter(solution=solution, organization=organization).exists()
    ):
        raise Conflict(_("This solution is retired; nobody can start using it."))
    try:
        with transaction.atomic():
            adoption, created = Adoption.objects.get_or_create(
                solution=solution,
                organization=organization,
                defaults={"since": since, "contact": contact, "note": note, "created_by": actor},
            )
    except IntegrityError:  # declared at the same moment by a colleague
        adoption, created = (
            Adoption.objects.get(solution=solution, organization=organization),
            False,
        )
    if not created:
        adoption.since, adoption.contact, adoption.note = since, contact, note
        adoption.save(update_fields=["since", "contact", "note"])
    _recount(solution.pk)
    audit_record(
        actor=actor,
        action="solution.adopted" if created else "solution.adoption_updated",
        obj=adoption,
        changes={"organization": organization.code},
    )
    return adoption, created


@transaction.atomic
def adoption_end(*, actor, adoption: Adoption) -> None:
    if not may_end_adoption(actor, adoption):
        raise NotAllowed(
            _("Only the organization's administrators and who declared it may end it.")
        )
    solution_id = adoption.solution_id
    audit_record(
        actor=actor,
        action="solution.adoption_ended",
        obj=adoption,
        changes={"organization": adoption.organization.code},
    )
    adoption.delete()
    _recount(solution_id)


def adoption_actions(
    user, *, solution: Solution, adoptions: list[Adoption], organizations
) -> tuple[list[Organization], list[Adoption]]:
    """For a solution's page: which of the viewer's `organizations` can still say they
    use it, and which declarations the viewer may end (checked for their own
    organizations only, so the queries follow their memberships, not the users' count)."""
    using = {a.organization_id for a in adoptions}
    mine = {o.pk for o in organizations}
    adoptable = [o for o in organizations if o.pk not in using and o.pk != solution.owner_id]
    endable = [
        a
        for a in adoptions
        if (a.organization_id in mine or is_platform_admin(user)) and may_end_adoption(user, a)
    ]
    return adoptable, endable
