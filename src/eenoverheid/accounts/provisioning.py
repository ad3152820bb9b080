"""Provisioning: an organization's identity system creates, changes, deactivates and
deletes its people and teams (SCIM 2.0, see accounts.scim for the protocol).

The rules, whatever the protocol:
- an organization only ever sees and touches the people it provisioned and its own teams;
- it may not provision an address on another organization's domain, nor take over an
  account of someone who does not work for it;
- deactivating a person ends their sessions and tokens at once and hides their profile;
  what they wrote stays.
"""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from eenoverheid.accounts.models import ApiToken, IdentityProviderDomain, ScimToken, ScimUser, User
from eenoverheid.accounts.services import new_token_secret, secret_matches
from eenoverheid.core.errors import Conflict, InvalidInput
from eenoverheid.core.services import audit_record
from eenoverheid.organizations.models import (
    EmailDomain,
    Membership,
    MembershipSource,
    Organization,
    Team,
)
from eenoverheid.organizations.selectors import email_domain_candidates
from eenoverheid.organizations.services import membership_ensure, require_admin

TOKEN_PREFIX = "scim"
LAST_USED_RESOLUTION = timedelta(minutes=1)


# -- tokens ------------------------------------------------------------------------------


@transaction.atomic
def scim_token_create(*, organization: Organization, actor, name: str) -> tuple[ScimToken, str]:
    """A provisioning token for `organization`; returns it with its one-time plain text."""
    require_admin(user=actor, organization=organization)
    name = (name or "").strip()
    if not name:
        raise InvalidInput.for_field("name", _("A token needs a name."), "required")
    if len(name) > 100:
        raise InvalidInput.for_field("name", _("At most 100 characters."), "max_length")
    prefix, secret, secret_hash = new_token_secret()
    token = ScimToken.objects.create(
        organization=organization,
        name=name,
        prefix=prefix,
        secret_hash=secret_hash,
        created_by=actor,
    )
    audit_record(actor=actor, action="scim_token.created", obj=token)
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


@transaction.atomic
def scim_token_revoke(*, token: ScimToken, actor) -> ScimToken:
    require_admin(user=actor, organization=token.organization)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="scim_token.revoked", obj=token)
    return token


def scim_token_authenticate(*, raw: str) -> ScimToken | None:
    """The unrevoked token of an active organization that `raw` stands for, or None."""
    parts = (raw or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = (
        ScimToken.objects.select_related("organization")
        .filter(prefix=parts[1], revoked_at__isnull=True, organization__is_active=True)
        .first()
    )
    if token is None or not secret_matches(token.secret_hash, parts[2]):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ScimToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


# -- what a SCIM User document says ------------------------------------------------------


def email_of(document: dict) -> str:
    """The address of the account: the primary e-mail, else the first, else a userName
    that is an address."""
    emails = [e for e in document.get("emails") or [] if isinstance(e, dict) and e.get("value")]
    chosen = next((e for e in emails if e.get("primary")), emails[0] if emails else None)
    value = chosen["value"] if chosen else document.get("userName") or ""
    value = User.objects.normalize_email(str(value).strip()).lower()
    if "@" not in value or value.startswith("@") or value.endswith("@"):
        raise InvalidInput.for_field(
            "emails",
            _("A person needs an e-mail address: in emails, or as the userName."),
            "invalidValue",
        )
    if len(value) > 254:
        raise InvalidInput.for_field("emails", _("The e-mail address is too long."))
    return value


def name_of(document: dict) -> str:
    name = document.get("name") or {}
    parts = [name.get("givenName"), name.get("middleName"), name.get("familyName")]
    value = (
        document.get("displayName")
        or name.get("formatted")
        or " ".join(p for p in parts if p)
        or ""
    )
    return str(value).strip()[:150]


def _claimed_elsewhere(email: str, organization: Organization) -> bool:
    """Whether another organization owns the address's domain (e-mail domains or
    sign-in domains). Such an address is theirs to provision, not ours."""
    candidates = email_domain_candidates(email)
    by_domain = EmailDomain.objects.annotate(d=Lower("domain")).filter(d__in=candidates)
    by_idp = IdentityProviderDomain.objects.annotate(d=Lower("domain")).filter(d__in=candidates)
    return (
        by_domain.exclude(organization=organization).exists()
        or by_idp.exclude(provider__organization=organization).exists()
    )


def _check_address(*, email: str, organization: Organization, scim_user=None) -> User | None:
    """The existing account the address belongs to, if the organization may link it."""
    if _claimed_elsewhere(email, organization):
        raise Conflict(_("%(email)s is on another organization's domain.") % {"email": email})
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None or (scim_user is not None and existing.pk == scim_user.user_id):
        return existing
    if ScimUser.objects.filter(organization=organization, user=existing).exists():
        raise Conflict(_("This person has been provisioned already."))
    if (
        scim_user is not None
        or not Membership.objects.filter(user=existing, organization=organization).exists()
    ):
        raise Conflict(_("The address belongs to an account outside your organization."))
    return existing


def _check_user_name(*, organization, user_name: str, exclude_pk=None) -> str:
    user_name = (user_name or "").strip()
    if not user_name:
        raise InvalidInput.for_field("userName", _("A userName is required."), "invalidValue")
    if len(user_name) > 255:
        raise InvalidInput.for_field("userName", _("At most 255 characters."), "invalidValue")
    taken = ScimUser.objects.filter(organization=organization, user_name__iexact=user_name)
    if taken.exclude(pk=exclude_pk).exists():
        raise Conflict(_("This userName is in use already."))
    return user_name


def _clean_document(document: dict) -> dict:
    # A password never leaves the request: people sign in with their organization.
    return {k: v for k, v in document.items() if k not in {"password", "id", "meta", "groups"}}


# -- people --------------------------------------------------------------------------------


@transaction.atomic
def user_provision(*, organization: Organization, document: dict) -> ScimUser:
    user_name = _check_user_name(organization=organization, user_name=document.get("userName"))
    email = email_of(document)
    user = _check_address(email=email, organization=organization)
    name = name_of(document)
    active = document.get("active", True) is not False
    if user is None:
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=email, password=None, name=name, is_active=active
                )
        except IntegrityError as exc:  # the same address, provisioned at the same moment
            raise Conflict(_("This person has been provisioned already.")) from exc
        audit_record(actor=None, action="user.provisioned", obj=user)
    else:
        User.objects.filter(pk=user.pk).update(name=name or user.name)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    try:
        with transaction.atomic():
            scim_user = ScimUser.objects.create(
                organization=organization,
                user=user,
                user_name=user_name,
                external_id=str(document.get("externalId") or "")[:255],
                document=_clean_document(document),
            )
    except IntegrityError as exc:  # the same person or userName, provisioned at once
        raise Conflict(_("This person has been provisioned already.")) from exc
    membership = membership_ensure(
        user=user, organization=organization, source=MembershipSource.PROVISIONED
    )
    if membership.source != MembershipSource.PROVISIONED:
        Membership.objects.filter(pk=membership.pk).update(source=MembershipSource.PROVISIONED)
    user.refresh_from_db()
    if user.is_active != active:
        user_set_active(user=user, active=active, organization=organization)
    audit_record(
        actor=None,
        action="scim.user_provisioned",
        obj=scim_user,
        changes={"organization": organization.code},
    )
    return scim_user


@transaction.atomic
def user_replace(*, scim_user: ScimUser, document: dict) -> ScimUser:
    """Replace what the directory says about a person (SCIM PUT, and PATCH after the
    operations have been applied to the stored document)."""
    scim_user = ScimUser.objects.select_for_update().select_related("user").get(pk=scim_user.pk)
    organization = scim_user.organization
    scim_user.user_name = _check_user_name(
        organization=organization, user_name=document.get("userName"), exclude_pk=scim_user.pk
    )
    email = email_of(document)
    user = scim_user.user
    if email != user.email:
        _check_address(email=email, organization=organization, scim_user=scim_user)
        EmailAddress.objects.filter(user=user).update(primary=False)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        user.email = email
    user.name = name_of(document) or user.name
    user.save(update_fields=["email", "name"])
    scim_user.external_id = str(document.get("externalId") or "")[:255]
    scim_user.document = _clean_document(document)
    scim_user.version += 1
    scim_user.save()
    active = document.get("active", True) is not False
    if user.is_active != active:
        user_set_active(user=user, active=active, organization=organization)
    audit_record(actor=None, action="scim.user_replaced", obj=scim_user)
    return scim_user


def user_set_active(*, user: User, active: bool, organization: Organization) -> None:
    """(De)activate an account. Deactivation takes effect at once: every session is
    ended and every token revoked; the profile disappears from pages and search."""
    from allauth.usersessions.models import UserSession

    now = timezone.now()
    User.objects.filter(pk=user.pk).update(is_active=active)
    user.is_active = active
    if not active:
        for session in UserSession.objects.filter(user=user):
            session.end()
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    audit_record(
        actor=None,
        action="user.activated" if active else "user.deactivated",
        obj=user,
        changes={"by": organization.code},
    )
    from eenoverheid.search.services import documents_refresh

    transaction.on_commit(lambda: documents_refresh([user.pk]))


@transaction.atomic
def user_deprovision(*, scim_user: ScimUser) -> None:
    """SCIM DELETE. The account goes, as a person deleting it themselves would (their
    writings stay, attributed to a former member), unless the person also works for
    another organization: then only this organization's membership and record go."""
    organization = scim_user.organization
    user = scim_user.user
    elsewhere = Membership.objects.filter(user=user).exclude(organization=organization).exists()
    audit_record(
        actor=None,
        action="scim.user_deprovisioned",
        obj=scim_user,
        changes={"organization": organization.code, "account_kept": elsewhere},
    )
    if elsewhere:
        scim_user.delete()
        Membership.objects.filter(user=user, organization=organization).delete()
        for team in Team.objects.filter(organization=organization, members=user):
            team.members.remove(user)
        return
    from eenoverheid.accounts.services import user_erase

    user_erase(user=user)


def people_of(organization: Organization):
    return ScimUser.objects.filter(organization=organization).select_related("user")


# -- teams -----------------------------------------------------------------------------


def _members(*, organization, member_ids: list[str]) -> list[User]:
    ids = []
    for value in member_ids:
        try:
            ids.append(int(value))
        except (TypeError, ValueError) as exc:
            raise InvalidInput.for_field(
                "members", _("Unknown member: %(id)s.") % {"id": value}, "invalidValue"
            ) from exc
    found = dict(
        ScimUser.objects.filter(organization=organization, pk__in=ids).values_list("pk", "user_id")
    )
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise InvalidInput.for_field(
            "members",
            _("Unknown member: %(id)s.") % {"id": ", ".join(missing)},
            "invalidValue",
        )
    return list(User.objects.filter(pk__in=found.values()))


def _team_name(*, organization, name: str, exclude_pk=None) -> str:
    name = (name or "").strip()
    if not name:
        raise InvalidInput.for_field("displayName", _("A displayName is required."))
    if len(name) > 150:
        raise InvalidInput.for_field("displayName", _("At most 150 characters."))
    taken = Team.objects.filter(organization=organization, name__iexact=name)
    if taken.exclude(pk=exclude_pk).exists():
        raise Conflict(_("A team with this name exists already."))
    return name


@transaction.atomic
def group_provision(*, organization, document: dict, member_ids: list[str]) -> Team:
    from eenoverheid.accounts.models import ScimGroup

    name = _team_name(organization=organization, name=document.get("displayName"))
    members = _members(organization=organization, member_ids=member_ids)
    try:
        with transaction.atomic():
            team = Team.objects.create(organization=organization, name=name)
    except IntegrityError as exc:
        raise Conflict(_("A team with this name exists already.")) from exc
    team.members.add(*members)
    ScimGroup.objects.create(
        team=team,
        external_id=str(document.get("externalId") or "")[:255],
        document=_clean_group(document),
    )
    audit_record(actor=None, action="scim.group_provisioned", obj=team)
    return team


def _clean_group(document: dict) -> dict:
    return {k: v for k, v in document.items() if k not in {"id", "meta"}}


@transaction.atomic
def group_replace(*, team: Team, document: dict, member_ids: list[str]) -> Team:
    """Replace a team's name and its provisioned members. Members the organization's
    administrators added by hand (not provisioned) stay."""
    from eenoverheid.accounts.models import ScimGroup

    team = Team.objects.select_for_update().get(pk=team.pk)
    organization = team.organization
    team.name = _team_name(
        organization=organization, name=document.get("displayName"), exclude_pk=team.pk
    )
    team.save(update_fields=["name"])
    wanted = {u.pk for u in _members(organization=organization, member_ids=member_ids)}
    provisioned = set(
        ScimUser.objects.filter(organization=organization).values_list("user_id", flat=True)
    )
    current = set(team.members.filter(pk__in=provisioned).values_list("pk", flat=True))
    team.members.remove(*(current - wanted))
    team.members.add(*(wanted - current))
    group, _created = ScimGroup.objects.get_or_create(team=team)
    group.external_id = str(document.get("externalId") or "")[:255]
    group.document = _clean_group(document)
    group.version += 1
    group.save()
    audit_record(actor=None, action="scim.group_replaced", obj=team)
    return team


@transaction.atomic
def group_deprovision(*, team: Team) -> None:
    audit_record(actor=None, action="scim.group_deprovisioned", obj=team)
    team.delete()


def teams_of(organization: Organization):
    return Team.objects.filter(organization=organization)
