"""Writes of the organization register: memberships, what organizations say about
themselves (description, logo, e-mail domains, policy domains, teams), and the
policy-domain taxonomy."""

from __future__ import annotations

import re
from collections import defaultdict

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from eenoverheid.core.errors import Conflict, InvalidInput, InvalidParam, NotAllowed, NotFound
from eenoverheid.core.images import check_image
from eenoverheid.core.services import audit_record
from eenoverheid.core.visibility import is_platform_admin
from eenoverheid.organizations import taxonomy
from eenoverheid.organizations.models import (
    EmailDomain,
    Membership,
    MembershipRole,
    MembershipSource,
    Organization,
    OrganizationDomain,
    PolicyDomain,
    PolicyDomainOverride,
    Team,
)
from eenoverheid.organizations.selectors import organization_for_email

DOMAIN_NAME = re.compile(r"^(?=.{4,253}$)([a-z0-9](-*[a-z0-9])*\.)+[a-z]{2,63}$")
LOGO_MAX_BYTES = 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}


@transaction.atomic
def membership_ensure(
    *,
    user,
    organization: Organization,
    role: str = MembershipRole.MEMBER,
    source: str = MembershipSource.MANUAL,
    actor=None,
) -> Membership:
    """Make `user` a member of `organization`; never lowers an existing role.

    Safe under concurrent calls: the unique constraint on (user, organization) decides,
    and `get_or_create` returns the row that won.
    """
    membership, created = Membership.objects.get_or_create(
        user=user, organization=organization, defaults={"role": role, "source": source}
    )
    if created:
        audit_record(
            actor=actor or user,
            action="membership.created",
            obj=membership,
            changes={"role": role, "source": source},
        )
        # The person's organization is a filter of the expertise search.
        from eenoverheid.search.services import documents_refresh

        documents_refresh([user.pk])
    elif role == MembershipRole.ADMIN and membership.role != MembershipRole.ADMIN:
        membership.role = MembershipRole.ADMIN
        membership.save(update_fields=["role"])
        audit_record(
            actor=actor, action="membership.role_changed", obj=membership, changes={"role": role}
        )
    return membership


def membership_grant_for_verified_email(*, user, email: str) -> Membership | None:
    """A verified address on an organization's domain makes its holder a member."""
    organization = organization_for_email(email=email)
    if organization is None:
        return None
    return membership_ensure(
        user=user, organization=organization, source=MembershipSource.EMAIL_DOMAIN
    )


# -- permissions -----------------------------------------------------------------------


def can_administer(*, user, organization: Organization) -> bool:
    """Platform administrators and the organization's own administrators."""
    if is_platform_admin(user):
        return True
    if not (user and user.is_authenticated and user.is_active):
        return False
    return Membership.objects.filter(
        user=user, organization=organization, role=MembershipRole.ADMIN
    ).exists()


def require_admin(*, user, organization: Organization) -> None:
    if not can_administer(user=user, organization=organization):
        raise NotAllowed(_("Only the organization's administrators may change this."))


# -- the organization's own information -----------------------------------------------


def _check_logo(logo: UploadedFile) -> None:
    check_image(
        logo,
        field="logo",
        max_bytes=LOGO_MAX_BYTES,
        formats=LOGO_FORMATS,
        too_large=_("The logo may be at most 1 MB."),
        wrong_type=_("The logo must be a PNG, JPEG, WebP or GIF image."),
    )


@transaction.atomic
def organization_update(
    *,
    organization: Organization,
    actor,
    description: str | None = None,
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
) -> Organization:
    """Change what the register does not say: the description and the logo."""
    require_admin(user=actor, organization=organization)
    changes = {}
    if description is not None and description != organization.description:
        if len(description) > 5000:
            raise InvalidInput.for_field(
                "description", _("The description may be at most 5000 characters."), "too_long"
            )
        organization.description = description
        changes["description"] = "changed"
    if logo is not None:
        _check_logo(logo)
        if organization.logo:
            organization.logo.delete(save=False)
        organization.logo.save(logo.name or "logo.png", logo, save=False)
        changes["logo"] = "replaced"
    elif remove_logo and organization.logo:
        organization.logo.delete(save=False)
        changes["logo"] = "removed"
    if changes:
        organization.save()
        audit_record(actor=actor, action="organization.updated", obj=organization, changes=changes)
    return organization


def _clean_domain(domain: str) -> str:
    cleaned = (domain or "").strip().lower().rstrip(".").removeprefix("@")
    if not DOMAIN_NAME.match(cleaned):
        raise InvalidInput.for_field(
            "domain", _("Enter a domain name such as gemeente.nl."), "invalid_domain"
        )
    return cleaned


@transaction.atomic
def email_domain_add(*, organization: Organization, actor, domain: str) -> EmailDomain:
    """An extra e-mail domain: verified addresses on it make their holders members."""
    require_admin(user=actor, organization=organization)
    cleaned = _clean_domain(domain)
    taken = EmailDomain.objects.filter(domain__iexact=cleaned).select_related("organization")
    for existing in taken:
        if existing.organization_id == organization.pk:
            return existing
        message = _("This domain already belongs to %(name)s.") % {
            "name": existing.organization.name
        }
        raise Conflict(message, invalid_params=[InvalidParam("domain", message, "taken")])
    try:
        with transaction.atomic():
            created = EmailDomain.objects.create(
                organization=organization, domain=cleaned, source=EmailDomain.Source.ADMIN
            )
    except IntegrityError as exc:  # a concurrent request added it first
        raise Conflict(_("This domain is already registered.")) from exc
    audit_record(
        actor=actor,
        action="organization.email_domain_added",
        obj=organization,
        changes={"domain": cleaned},
    )
    return created


@transaction.atomic
def email_domain_remove(*, organization: Organization, actor, domain_id: int) -> None:
    require_admin(user=actor, organization=organization)
    domain = EmailDomain.objects.filter(organization=organization, pk=domain_id).first()
    if domain is None:
        raise NotFound(_("This organization has no such e-mail domain."))
    audit_record(
        actor=actor,
        action="organization.email_domain_removed",
        obj=organization,
        changes={"domain": domain.domain},
    )
    domain.delete()


# -- policy domains ----------------------------------------------------------------------


def policy_domains_sync() -> int:
    """Make the PolicyDomain table match `taxonomy.POLICY_DOMAINS`; returns how many
    rows changed. Domains are never deleted: overrides may point at them."""
    existing = {d.code: d for d in PolicyDomain.objects.all()}
    changed = 0
    for position, (code, name, name_en, _parent) in enumerate(taxonomy.POLICY_DOMAINS):
        domain = existing.get(code)
        if domain is None:
            existing[code] = PolicyDomain.objects.create(
                code=code, name=name, name_en=name_en, position=position
            )
            changed += 1
        elif (domain.name, domain.name_en, domain.position) != (name, name_en, position):
            domain.name, domain.name_en, domain.position = name, name_en, position
            domain.save(update_fields=["name", "name_en", "position"])
            changed += 1
    for code, _name, _en, parent in taxonomy.POLICY_DOMAINS:
        parent_id = existing[parent].pk if parent else None
        if existing[code].parent_id != parent_id:
            existing[code].parent_id = parent_id
            existing[code].save(update_fields=["parent"])
            changed += 1
    return changed


def organization_domains_refresh(organization_ids=None) -> tuple[int, int]:
    """Recompute the effective policy domains (law + name + overrides) of the given
    organizations, or of all; writes only the difference. Returns (created, deleted)."""
    domain_ids = dict(PolicyDomain.objects.values_list("code", "id"))
    organizations = Organization.objects.all()
    existing = OrganizationDomain.objects.all()
    overrides = PolicyDomainOverride.objects.all()
    if organization_ids is not None:
        organizations = organizations.filter(pk__in=organization_ids)
        existing = existing.filter(organization_id__in=organization_ids)
        overrides = overrides.filter(organization_id__in=organization_ids)
    overrides_of = defaultdict(list)
    for o in overrides:
        overrides_of[o.organization_id].append(o)
    want: dict[tuple[int, int], str] = {}
    for pk, kind, code, name in organizations.values_list("pk", "kind", "code", "name"):
        defaults = taxonomy.default_domain_codes(kind=kind, code=code, name=name)
        for domain_code, basis in defaults.items():
            want[(pk, domain_ids[domain_code])] = basis
        for override in overrides_of[pk]:
            key = (pk, override.domain_id)
            if override.included:
                want.setdefault(key, OrganizationDomain.Basis.OVERRIDE)
            else:
                want.pop(key, None)
    have = {(d.organization_id, d.domain_id): d for d in existing}
    stale = [d.pk for key, d in have.items() if key not in want]
    changed = [d for key, d in have.items() if key in want and d.basis != want[key]]
    for d in changed:
        d.basis = want[(d.organization_id, d.domain_id)]
    for start in range(0, len(stale), 500):
        OrganizationDomain.objects.filter(pk__in=stale[start : start + 500]).delete()
    OrganizationDomain.objects.bulk_update(changed, ["basis"], 500)
    new = [
        OrganizationDomain(organization_id=o, domain_id=d, basis=basis)
        for (o, d), basis in want.items()
        if (o, d) not in have
    ]
    OrganizationDomain.objects.bulk_create(new, batch_size=1000)
    return len(new), len(stale)


@transaction.atomic
def policy_domain_override_set(
    *, organization: Organization, actor, domain_code: str, included: bool | None
) -> None:
    """Say that the organization does (True) or does not (False) hold a domain, or go
    back to what its kind and name say (None)."""
    require_admin(user=actor, organization=organization)
    domain = PolicyDomain.objects.filter(code=domain_code).first()
    if domain is None:
        raise InvalidInput.for_field("domain", _("Unknown policy domain."), "unknown_domain")
    if included is None:
        PolicyDomainOverride.objects.filter(organization=organization, domain=domain).delete()
    else:
        PolicyDomainOverride.objects.update_or_create(
            organization=organization, domain=domain, defaults={"included": included}
        )
    organization_domains_refresh([organization.pk])
    audit_record(
        actor=actor,
        action="organization.policy_domain_override",
        obj=organization,
        changes={"domain": domain_code, "included": included},
    )


# -- teams -------------------------------------------------------------------------------


def _clean_team_fields(*, name: str | None, description: str | None) -> dict:
    fields = {}
    if name is not None:
        name = name.strip()
        if not name:
            raise InvalidInput.for_field("name", _("A team needs a name."), "required")
        if len(name) > 150:
            raise InvalidInput.for_field("name", _("At most 150 characters."), "too_long")
        fields["name"] = name
    if description is not None:
        if len(description) > 2000:
            raise InvalidInput.for_field("description", _("At most 2000 characters."), "too_long")
        fields["description"] = description.strip()
    return fields


def _name_taken(organization, name, exclude_pk=None) -> bool:
    teams = Team.objects.annotate(lname=Lower("name")).filter(
        organization=organization, lname=name.lower()
    )
    if exclude_pk:
        teams = teams.exclude(pk=exclude_pk)
    return teams.exists()


@transaction.atomic
def team_create(*, organization: Organization, actor, name: str, description: str = "") -> Team:
    require_admin(user=actor, organization=organization)
    fields = _clean_team_fields(name=name, description=description)
    if _name_taken(organization, fields["name"]):
        message = _("This organization already has a team with that name.")
        raise Conflict(message, invalid_params=[InvalidParam("name", message, "taken")])
    try:
        with transaction.atomic():
            team = Team.objects.create(organization=organization, **fields)
    except IntegrityError as exc:
        raise Conflict(_("This organization already has a team with that name.")) from exc
    audit_record(actor=actor, action="team.created", obj=team, changes=fields)
    return team


@transaction.atomic
def team_update(*, team: Team, actor, name: str | None = None, description: str | None = None):
    require_admin(user=actor, organization=team.organization)
    fields = _clean_team_fields(name=name, description=description)
    if "name" in fields and _name_taken(team.organization, fields["name"], team.pk):
        message = _("This organization already has a team with that name.")
        raise Conflict(message, invalid_params=[InvalidParam("name", message, "taken")])
    for key, value in fields.items():
        setattr(team, key, value)
    if fields:
        team.save()
        audit_record(actor=actor, action="team.updated", obj=team, changes=fields)
    return team


@transaction.atomic
def team_delete(*, team: Team, actor) -> None:
    require_admin(user=actor, organization=team.organization)
    audit_record(actor=actor, action="team.deleted", obj=team, changes={"name": team.name})
    team.delete()


@transaction.atomic
def team_member_add(*, team: Team, actor, user) -> None:
    """Only people who work for the organization can be in its teams."""
    require_admin(user=actor, organization=team.organization)
    if not Membership.objects.filter(user=user, organization=team.organization).exists():
        raise InvalidInput.for_field(
            "user", _("This person is not a member of the organization."), "not_a_member"
        )
    team.members.add(user)
    audit_record(actor=actor, action="team.member_added", obj=team, changes={"user": user.pk})


@transaction.atomic
def team_member_remove(*, team: Team, actor, user) -> None:
    require_admin(user=actor, organization=team.organization)
    team.members.remove(user)
    audit_record(actor=actor, action="team.member_removed", obj=team, changes={"user": user.pk})
