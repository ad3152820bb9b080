"""Changes to challenges: describing them, inviting people and organizations, answering
invitations, the team, related challenges, tasks and follows. Every rule lives here;
the pages and the API only translate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenoverheid.challenges.models import (
    AreaKind,
    Challenge,
    ChallengeLink,
    ChallengeMember,
    ChallengePartner,
    ChallengeSkill,
    ChallengeStatus,
    Invitation,
    InvitationStatus,
    MemberRole,
    Task,
    TaskStatus,
)
from eenoverheid.communities import services as communities
from eenoverheid.communities.models import Block, CommunityKind, CommunityRole, JoinPolicy
from eenoverheid.core.errors import Conflict, InvalidInput, InvalidParam, NotAllowed, NotFound
from eenoverheid.core.services import audit_record
from eenoverheid.core.visibility import Visibility, is_platform_admin
from eenoverheid.notifications import services as follows
from eenoverheid.organizations import selectors as org_selectors
from eenoverheid.organizations.models import (
    AreaScope,
    Coverage,
    Membership,
    Organization,
    OrganizationKind,
    PolicyDomain,
)
from eenoverheid.organizations.services import can_administer
from eenoverheid.people.models import Skill, SkillStatus

MAX_MUNICIPALITIES = 342
MAX_SKILLS = 15
VISIBILITIES = {Visibility.PUBLIC, Visibility.SIGNED_IN, Visibility.MEMBERS}


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_manage(*, user, challenge: Challenge) -> bool:
    """The lead, a coordinator, or a platform administrator."""
    if not _signed_in(user):
        return False
    if is_platform_admin(user) or challenge.lead_id == user.pk:
        return True
    return ChallengeMember.objects.filter(
        challenge=challenge, user=user, role__in=[MemberRole.LEAD, MemberRole.COORDINATOR]
    ).exists()


def is_member(*, user, challenge: Challenge) -> bool:
    return (
        _signed_in(user) and ChallengeMember.objects.filter(challenge=challenge, user=user).exists()
    )


def require_manager(user, challenge: Challenge) -> None:
    if not can_manage(user=user, challenge=challenge):
        raise NotAllowed(_("Only the lead and coordinators of this challenge can do this."))


def _require_visible(user, challenge: Challenge) -> None:
    if not challenge.is_visible_to(user):
        raise NotFound(_("No challenge with this id, or it is not visible to you."))


# -- describing a challenge -------------------------------------------------------------


@dataclass
class ChallengeInput:
    title: str | None = None
    description: str | None = None
    area_kind: str | None = None
    municipalities: list[str] | None = None  # codes, for area_kind municipalities
    area_organization: str | None = None  # a province's or regional body's code
    policy_domains: list[str] | None = None  # codes
    skills: list[tuple[int, int]] | None = None  # (skill id, people needed)
    information_needs: str | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    team_size: int | None = None
    visibility: str | None = None
    status: str | None = None


def _resolve_area(kind: str, municipalities: list[str] | None, area_code: str | None, errors):
    """The area as (area organization, municipality ids)."""
    if kind == AreaKind.NATIONAL:
        return None, []
    if kind == AreaKind.MUNICIPALITIES:
        codes = [c.strip() for c in (municipalities or []) if c and c.strip()]
        if not codes:
            errors.append(
                InvalidParam("municipalities", _("Choose at least one municipality."), "required")
            )
            return None, []
        if len(codes) > MAX_MUNICIPALITIES:
            errors.append(InvalidParam("municipalities", _("Too many municipalities."), "too_many"))
            return None, []
        ids = []
        for code in codes:
            try:
                ids.append(org_selectors.municipality_get(code).pk)
            except NotFound:
                errors.append(
                    InvalidParam(
                        "municipalities",
                        _("Unknown municipality: %(code)s") % {"code": code[:20]},
                        "unknown_municipality",
                    )
                )
                return None, []
        return None, sorted(set(ids))
    code = (area_code or "").strip().lower()
    if not code:
        errors.append(
            InvalidParam("area_organization", _("Choose the province or region."), "required")
        )
        return None, []
    organization = Organization.objects.active().filter(code=code).first()
    if kind == AreaKind.PROVINCE:
        if organization is None or organization.kind != OrganizationKind.PROVINCE:
            errors.append(
                InvalidParam("area_organization", _("Unknown province."), "unknown_province")
            )
            return None, []
        ids = list(
            Organization.objects.active()
            .municipalities()
            .filter(province=organization)
            .values_list("id", flat=True)
        )
        return organization, ids
    if (
        organization is None
        or organization.area_scope != AreaScope.MUNICIPALITIES
        or organization.kind
        in {
            OrganizationKind.MUNICIPALITY,
            OrganizationKind.PROVINCE,
        }
    ):
        errors.append(
            InvalidParam(
                "area_organization",
                _("Choose a regional body whose area is a set of municipalities."),
                "unknown_region",
            )
        )
        return None, []
    ids = list(
        Coverage.objects.filter(
            organization=organization, municipality__is_active=True
        ).values_list("municipality_id", flat=True)
    )
    return organization, ids


def _resolve_domains(codes: list[str], errors) -> list[int]:
    codes = sorted({c.strip() for c in codes if c and c.strip()})
    found = dict(PolicyDomain.objects.filter(code__in=codes).values_list("code", "id"))
    unknown = [c for c in codes if c not in found]
    if unknown:
        errors.append(
            InvalidParam(
                "policy_domains",
                _("Unknown policy domain: %(code)s") % {"code": unknown[0][:8]},
                "unknown_policy_domain",
            )
        )
    return list(found.values())


def _resolve_skills(pairs: list[tuple[int, int]], errors) -> list[tuple[int, int]]:
    if len(pairs) > MAX_SKILLS:
        errors.append(
            InvalidParam("skills", _("At most %(n)d skills.") % {"n": MAX_SKILLS}, "too_many")
        )
        return []
    needed: dict[int, int] = {}
    for skill_id, people in pairs:
        if not 1 <= people <= 10:
            errors.append(
                InvalidParam("skills", _("Between 1 and 10 people per skill."), "out_of_range")
            )
            return []
        needed[skill_id] = needed.get(skill_id, 0) + people
    active = set(
        Skill.objects.filter(pk__in=list(needed), status=SkillStatus.ACTIVE).values_list(
            "id", flat=True
        )
    )
    if set(needed) - active:
        errors.append(InvalidParam("skills", _("Unknown skill."), "unknown_skill"))
        return []
    return [(s, min(n, 10)) for s, n in needed.items()]


def _clean(data: ChallengeInput, *, creating: bool, challenge: Challenge | None = None) -> dict:
    errors: list[InvalidParam] = []
    values: dict = {}
    if data.title is not None or creating:
        title = (data.title or "").strip()
        if not title:
            errors.append(InvalidParam("title", _("Give the challenge a title."), "required"))
        elif len(title) > 200:
            errors.append(InvalidParam("title", _("At most 200 characters."), "too_long"))
        values["title"] = title
    if data.description is not None or creating:
        description = (data.description or "").strip()
        if not description:
            errors.append(InvalidParam("description", _("Describe the challenge."), "required"))
        elif len(description) > 10_000:
            errors.append(InvalidParam("description", _("At most 10,000 characters."), "too_long"))
        values["description"] = description
    if data.information_needs is not None:
        if len(data.information_needs) > 4000:
            errors.append(
                InvalidParam("information_needs", _("At most 4,000 characters."), "too_long")
            )
        values["information_needs"] = data.information_needs.strip()
    if data.area_kind is not None or creating:
        kind = data.area_kind or ""
        if kind not in AreaKind.values:
            errors.append(
                InvalidParam("area_kind", _("Choose the kind of area."), "invalid_choice")
            )
        else:
            area_organization, municipality_ids = _resolve_area(
                kind, data.municipalities, data.area_organization, errors
            )
            values.update(area_kind=kind, area_organization=area_organization)
            values["_municipalities"] = municipality_ids
    if data.policy_domains is not None:
        values["_domains"] = _resolve_domains(data.policy_domains, errors)
    if data.skills is not None:
        values["_skills"] = _resolve_skills(data.skills, errors)
    if data.team_size is not None or creating:
        size = data.team_size if data.team_size is not None else 6
        if not 1 <= size <= 25:
            errors.append(InvalidParam("team_size", _("Between 1 and 25 people."), "out_of_range"))
        values["team_size"] = size
    if data.visibility is not None or creating:
        visibility = data.visibility or Visibility.SIGNED_IN
        if visibility not in VISIBILITIES:
            errors.append(
                InvalidParam("visibility", _("Choose a valid visibility."), "invalid_choice")
            )
        values["visibility"] = visibility
    if data.status is not None:
        if data.status not in ChallengeStatus.values:
            errors.append(InvalidParam("status", _("Choose a valid status."), "invalid_choice"))
        values["status"] = data.status
    starts = (
        data.starts_on
        if data.starts_on is not None
        else (challenge.starts_on if challenge else None)
    )
    ends = data.ends_on if data.ends_on is not None else (challenge.ends_on if challenge else None)
    if starts and ends and ends < starts:
        errors.append(InvalidParam("ends_on", _("The end lies before the start."), "before_start"))
    if data.starts_on is not None:
        values["starts_on"] = data.starts_on
    if data.ends_on is not None:
        values["ends_on"] = data.ends_on
    if errors:
        raise InvalidInput(errors[0].reason, invalid_params=errors)
    return values


def _apply_relations(challenge: Challenge, values: dict) -> None:
    if "_municipalities" in values:
        challenge.municipalities.set(values["_municipalities"])
    if "_domains" in values:
        challenge.policy_domains.set(values["_domains"])
    if "_skills" in values:
        ChallengeSkill.objects.filter(challenge=challenge).delete()
        ChallengeSkill.objects.bulk_create(
            [
                ChallengeSkill(challenge=challenge, skill_id=s, people_needed=n)
                for s, n in values["_skills"]
            ]
        )


def challenge_create(*, actor, organization: Organization, data: ChallengeInput) -> Challenge:
    """Any civil servant describes a challenge on behalf of an organization they belong
    to; they become its lead."""
    if not _signed_in(actor):
        raise NotAllowed(_("Sign in to describe a challenge."))
    if not (
        is_platform_admin(actor)
        or Membership.objects.filter(user=actor, organization=organization).exists()
    ):
        raise InvalidInput.for_field(
            "organization",
            _("You can only start a challenge for an organization you work for."),
            "not_member",
        )
    values = _clean(data, creating=True)
    with transaction.atomic():
        challenge = Challenge.objects.create(
            lead=actor,
            organization=organization,
            **{k: v for k, v in values.items() if not k.startswith("_")},
        )
        _apply_relations(challenge, values)
        ChallengeMember.objects.create(challenge=challenge, user=actor, role=MemberRole.LEAD)
        workspace_ensure(challenge)
        audit_record(actor=actor, action="challenges.create", obj=challenge)
    return challenge


# -- the workspace ----------------------------------------------------------------------------

WORKSPACE_ROLES = {
    MemberRole.LEAD: CommunityRole.OWNER,
    MemberRole.COORDINATOR: CommunityRole.MANAGER,
    MemberRole.MEMBER: CommunityRole.MEMBER,
}


def workspace_ensure(challenge: Challenge):
    """The team's workspace: a members-only community with discussions and files, whose
    membership follows the team (the lead owns it, coordinators manage it)."""
    if challenge.workspace_id is None:
        with transaction.atomic():
            workspace = communities.community_create(
                actor=challenge.lead,
                name=_("Workspace: %(title)s") % {"title": challenge.title[:120]},
                description=_("The team's discussions and files for this challenge."),
                join_policy=JoinPolicy.SECRET,
                blocks=[Block.DISCUSSIONS, Block.QUESTIONS, Block.FILES],
                slug=f"opgave-{challenge.pk}",
                kind=CommunityKind.WORKSPACE,
            )
            challenge.workspace = workspace
            challenge.save(update_fields=["workspace"])
            for member in challenge.members.select_related("user"):
                communities.membership_sync(
                    community=workspace, user=member.user, role=WORKSPACE_ROLES[member.role]
                )
    return challenge.workspace


def _workspace_sync(challenge: Challenge, user_id: int, role: str | None) -> None:
    workspace = workspace_ensure(challenge)
    user = get_user_model().objects.get(pk=user_id)
    communities.membership_sync(
        community=workspace, user=user, role=WORKSPACE_ROLES[role] if role else None
    )


def challenge_update(*, challenge: Challenge, actor, data: ChallengeInput) -> Challenge:
    require_manager(actor, challenge)
    values = _clean(data, creating=False, challenge=challenge)
    with transaction.atomic():
        fields = {k: v for k, v in values.items() if not k.startswith("_")}
        for key, value in fields.items():
            setattr(challenge, key, value)
        challenge.save()
        _apply_relations(challenge, values)
        audit_record(
            actor=actor,
            action="challenges.update",
            obj=challenge,
            changes={"fields": sorted(k.lstrip("_") for k in values)},
        )
    return challenge


def challenge_delete(*, challenge: Challenge, actor) -> None:
    if not (is_platform_admin(actor) or (_signed_in(actor) and challenge.lead_id == actor.pk)):
        raise NotAllowed(_("Only the lead can delete a challenge."))
    with transaction.atomic():
        audit_record(actor=actor, action="challenges.delete", obj=challenge)
        follows.follows_forget(content_type_model=Challenge, object_ids=[challenge.pk])
        ChallengeLink.objects.filter(first=challenge).delete()
        ChallengeLink.objects.filter(second=challenge).delete()
        workspace = challenge.workspace
        challenge.delete()
        if workspace is not None:
            workspace.delete()


# -- invitations and the team --------------------------------------------------------------


def invite_person(
    *, challenge: Challenge, actor, user_id: int, message: str = "", reason: str = ""
) -> Invitation:
    require_manager(actor, challenge)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise InvalidInput.for_field("user", _("No active person with this id."), "unknown_user")
    if ChallengeMember.objects.filter(challenge=challenge, user=user).exists():
        raise Conflict(_("%(name)s is already on the team.") % {"name": user})
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                challenge=challenge,
                user=user,
                invited_by=actor,
                message=message.strip()[:2000],
                reason=reason.strip()[:500],
            )
    except IntegrityError as exc:
        raise Conflict(_("%(name)s has already been invited.") % {"name": user}) from exc
    audit_record(actor=actor, action="challenges.invite", obj=challenge, changes={"user": user.pk})
    return invitation


def invite_organization(
    *, challenge: Challenge, actor, organization_id: int, message: str = "", reason: str = ""
) -> Invitation:
    require_manager(actor, challenge)
    organization = Organization.objects.active().filter(pk=organization_id).first()
    if organization is None:
        raise InvalidInput.for_field(
            "organization", _("No active organization with this id."), "unknown_organization"
        )
    if ChallengePartner.objects.filter(challenge=challenge, organization=organization).exists():
        raise Conflict(_("%(name)s already takes part.") % {"name": organization.name})
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                challenge=challenge,
                organization=organization,
                invited_by=actor,
                message=message.strip()[:2000],
                reason=reason.strip()[:500],
            )
    except IntegrityError as exc:
        raise Conflict(
            _("%(name)s has already been invited.") % {"name": organization.name}
        ) from exc
    audit_record(
        actor=actor,
        action="challenges.invite",
        obj=challenge,
        changes={"organization": organization.pk},
    )
    return invitation


def can_answer(*, user, invitation: Invitation) -> bool:
    if not _signed_in(user):
        return False
    if invitation.user_id is not None:
        return invitation.user_id == user.pk
    return can_administer(user=user, organization=invitation.organization)


def invitation_answer(*, invitation_id: int, actor, accept: bool) -> Invitation:
    """The invited person, or an administrator of the invited organization, accepts or
    declines. Answering twice, or answering a withdrawn invitation, is a conflict: the
    row is locked so that two answers at once cannot both count."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("challenge", "organization")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or not can_answer(user=actor, invitation=invitation):
            raise NotFound(_("No invitation with this id for you."))
        if invitation.status != InvitationStatus.PENDING:
            raise Conflict(
                _("This invitation has already been answered or withdrawn (%(status)s).")
                % {"status": invitation.get_status_display()}
            )
        invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
        invitation.answered_by = actor
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_by", "answered_at"])
        if accept and invitation.user_id:
            member, _created = ChallengeMember.objects.get_or_create(
                challenge=invitation.challenge,
                user_id=invitation.user_id,
                defaults={"role": MemberRole.MEMBER},
            )
            _workspace_sync(invitation.challenge, invitation.user_id, member.role)
        elif accept:
            ChallengePartner.objects.get_or_create(
                challenge=invitation.challenge, organization=invitation.organization
            )
        audit_record(
            actor=actor,
            action="challenges.invitation_" + ("accept" if accept else "decline"),
            obj=invitation.challenge,
            changes={"invitation": invitation.pk},
        )
    return invitation


def invitation_withdraw(*, invitation_id: int, actor) -> Invitation:
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("challenge")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None:
            raise NotFound(_("No invitation with this id."))
        require_manager(actor, invitation.challenge)
        if invitation.status != InvitationStatus.PENDING:
            raise Conflict(_("Only an invitation that waits for an answer can be withdrawn."))
        invitation.status = InvitationStatus.WITHDRAWN
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_at"])
    return invitation


def member_remove(*, challenge: Challenge, actor, user_id: int) -> None:
    """Managers remove members; anyone leaves. The lead stays (hand over the lead first)."""
    member = ChallengeMember.objects.filter(challenge=challenge, user_id=user_id).first()
    if member is None:
        raise NotFound(_("This person is not on the team."))
    if not (
        can_manage(user=actor, challenge=challenge) or (_signed_in(actor) and actor.pk == user_id)
    ):
        raise NotAllowed(_("Only the lead and coordinators remove others from the team."))
    if challenge.lead_id == user_id:
        raise Conflict(_("The lead cannot leave the team; hand over the lead first."))
    with transaction.atomic():
        member.delete()
        _workspace_sync(challenge, user_id, None)
        Task.objects.filter(challenge=challenge, owner_id=user_id, status=TaskStatus.OPEN).update(
            owner=None
        )
        audit_record(
            actor=actor, action="challenges.member_remove", obj=challenge, changes={"user": user_id}
        )


def member_role_set(*, challenge: Challenge, actor, user_id: int, role: str) -> ChallengeMember:
    """Make a member coordinator or member; giving the lead role hands the lead over."""
    require_manager(actor, challenge)
    if role not in MemberRole.values:
        raise InvalidInput.for_field("role", _("Choose a valid role."), "invalid_choice")
    with transaction.atomic():
        member = (
            ChallengeMember.objects.select_for_update()
            .filter(challenge=challenge, user_id=user_id)
            .first()
        )
        if member is None:
            raise NotFound(_("This person is not on the team."))
        if role == MemberRole.LEAD:
            for former in ChallengeMember.objects.filter(challenge=challenge, role=MemberRole.LEAD):
                former.role = MemberRole.COORDINATOR
                former.save(update_fields=["role"])
                _workspace_sync(challenge, former.user_id, MemberRole.COORDINATOR)
            challenge.lead_id = user_id
            challenge.save(update_fields=["lead", "updated_at"])
        elif challenge.lead_id == user_id:
            raise Conflict(_("Hand the lead to someone else first."))
        member.role = role
        member.save(update_fields=["role"])
        _workspace_sync(challenge, user_id, role)
        audit_record(
            actor=actor,
            action="challenges.role",
            obj=challenge,
            changes={"user": user_id, "role": role},
        )
    return member


def partner_remove(*, challenge: Challenge, actor, organization_id: int) -> None:
    partner = (
        ChallengePartner.objects.filter(challenge=challenge, organization_id=organization_id)
        .select_related("organization")
        .first()
    )
    if partner is None:
        raise NotFound(_("This organization does not take part."))
    if not (
        can_manage(user=actor, challenge=challenge)
        or can_administer(user=actor, organization=partner.organization)
    ):
        raise NotAllowed(_("Only the lead or the organization's administrators can do this."))
    partner.delete()


# -- related challenges, follows ---------------------------------------------------------


def link_add(*, challenge: Challenge, actor, other_id: int, note: str = "") -> ChallengeLink:
    """Say that another challenge is the same problem elsewhere. Any team member links,
    to a challenge they can see."""
    if not (
        is_member(user=actor, challenge=challenge) or can_manage(user=actor, challenge=challenge)
    ):
        raise NotAllowed(_("Only the team links related challenges."))
    other = Challenge.objects.visible_to(actor).filter(pk=other_id).first()
    if other is None:
        raise InvalidInput.for_field(
            "challenge", _("No challenge with this id that you can see."), "unknown_challenge"
        )
    if other.pk == challenge.pk:
        raise InvalidInput.for_field(
            "challenge", _("A challenge cannot be related to itself."), "same"
        )
    first, second = sorted([challenge.pk, other.pk])
    try:
        with transaction.atomic():
            return ChallengeLink.objects.create(
                first_id=first, second_id=second, note=note.strip()[:300], created_by=actor
            )
    except IntegrityError as exc:
        raise Conflict(_("These challenges are already linked.")) from exc


def link_remove(*, challenge: Challenge, actor, other_id: int) -> None:
    if not (
        is_member(user=actor, challenge=challenge) or can_manage(user=actor, challenge=challenge)
    ):
        raise NotAllowed(_("Only the team unlinks related challenges."))
    first, second = sorted([challenge.pk, other_id])
    deleted, _rows = ChallengeLink.objects.filter(first_id=first, second_id=second).delete()
    if not deleted:
        raise NotFound(_("These challenges are not linked."))


def follow_set(*, challenge: Challenge, actor, following: bool) -> bool:
    if not _signed_in(actor):
        raise NotAllowed(_("Sign in to follow a challenge."))
    _require_visible(actor, challenge)
    return follows.follow_set(user=actor, obj=challenge, following=following)


# -- tasks ----------------------------------------------------------------------------------


def _require_member(user, challenge: Challenge) -> None:
    if not (
        is_member(user=user, challenge=challenge) or can_manage(user=user, challenge=challenge)
    ):
        raise NotAllowed(_("Only the team works on the task list."))


def _task_owner(challenge: Challenge, owner_id: int | None):
    if owner_id is None:
        return None
    if not ChallengeMember.objects.filter(challenge=challenge, user_id=owner_id).exists():
        raise InvalidInput.for_field("owner", _("The owner must be on the team."), "not_member")
    return owner_id


def task_create(
    *, challenge: Challenge, actor, title: str, owner_id: int | None = None, due_on=None
) -> Task:
    _require_member(actor, challenge)
    title = (title or "").strip()
    if not title or len(title) > 200:
        raise InvalidInput.for_field(
            "title", _("Give the task a title of at most 200 characters."), "invalid"
        )
    return Task.objects.create(
        challenge=challenge,
        title=title,
        owner_id=_task_owner(challenge, owner_id),
        due_on=due_on,
        created_by=actor,
    )


_UNSET = object()


def task_update(
    *, task: Task, actor, title=None, owner_id=_UNSET, due_on=_UNSET, done: bool | None = None
) -> Task:
    _require_member(actor, task.challenge)
    fields = []
    if title is not None:
        title = title.strip()
        if not title or len(title) > 200:
            raise InvalidInput.for_field(
                "title", _("Give the task a title of at most 200 characters."), "invalid"
            )
        task.title = title
        fields.append("title")
    if owner_id is not _UNSET:
        task.owner_id = _task_owner(task.challenge, owner_id)
        fields.append("owner")
    if due_on is not _UNSET:
        task.due_on = due_on
        fields.append("due_on")
    if done is not None:
        task.status = TaskStatus.DONE if done else TaskStatus.OPEN
        task.done_at = timezone.now() if done else None
        fields += ["status", "done_at"]
    if fields:
        task.save(update_fields=fields)
    return task


def task_delete(*, task: Task, actor) -> None:
    _require_member(actor, task.challenge)
    task.delete()
