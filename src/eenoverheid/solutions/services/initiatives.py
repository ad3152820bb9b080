"""Writes of joint initiatives: proposing, joining with a commitment, withdrawing, and
moving through the phases.

Who may do what:
- a member of the lead organization proposes (on its behalf);
- "the lead" is the proposer while still a member of the lead organization, its
  administrators, and platform administrators: they edit and change the phase;
- an organization's administrators commit it (a commitment binds the organization) and
  withdraw that commitment.

Phases: proposed -> forming -> funded -> running -> delivered, and stopped from any phase
before delivered. "Funded" needs commitments that cover everything needed; a withdrawal
that uncovers a funded initiative takes it back to forming. Organizations join while it
is proposed, forming or funded.

Points: a commitment of points reserves them on the committing organization's ledger
account at once (refused when the account has no room); withdrawing, or stopping the
initiative, releases them. When the lead moves the initiative to running, every held
reservation is paid to the lead organization's account, in the same transaction as the
phase change; the change is a conditional update from the phase it started from, so two
requests at once pay once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from eenoverheid.core.errors import Conflict, InvalidInput, InvalidParam, NotAllowed
from eenoverheid.core.services import audit_record
from eenoverheid.core.visibility import Visibility, is_platform_admin
from eenoverheid.ledger import services as ledger
from eenoverheid.ledger.models import Reason
from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.services import can_administer
from eenoverheid.solutions.models import (
    JOINABLE_PHASES,
    Commitment,
    CommitmentStatus,
    Idea,
    JointInitiative,
    Phase,
    Solution,
)
from eenoverheid.solutions.services.solutions import _domains, _require_member, is_member

MAX_EUROS = 10**10
MAX_HOURS = 10**6
MAX_POINTS = 10**9

NEXT_PHASES = {
    Phase.PROPOSED: {Phase.FORMING, Phase.STOPPED},
    Phase.FORMING: {Phase.FUNDED, Phase.STOPPED},
    Phase.FUNDED: {Phase.RUNNING, Phase.FORMING, Phase.STOPPED},
    Phase.RUNNING: {Phase.DELIVERED, Phase.STOPPED},
    Phase.DELIVERED: set(),
    Phase.STOPPED: set(),
}
STANDING = (CommitmentStatus.PLEDGED, CommitmentStatus.PAID)


@dataclass
class InitiativeInput:
    title: str
    goal: str
    plan: str = ""
    euros_needed: int = 0
    hours_needed: int = 0
    points_needed: int = 0
    province: Organization | None = None
    visibility: str = Visibility.SIGNED_IN
    policy_domain_codes: list[str] = field(default_factory=list)


@dataclass
class Progress:
    euros: int
    hours: int
    points: int
    euros_needed: int
    hours_needed: int
    points_needed: int

    @staticmethod
    def _percent(have: int, need: int) -> int | None:
        return None if not need else min(100, round(100 * have / need))

    @property
    def euros_percent(self):
        return self._percent(self.euros, self.euros_needed)

    @property
    def hours_percent(self):
        return self._percent(self.hours, self.hours_needed)

    @property
    def points_percent(self):
        return self._percent(self.points, self.points_needed)

    @property
    def covered(self) -> bool:
        return (
            self.euros >= self.euros_needed
            and self.hours >= self.hours_needed
            and self.points >= self.points_needed
        )


# -- permissions -----------------------------------------------------------------------


def is_lead(user, initiative: JointInitiative) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    if is_platform_admin(user) or can_administer(user=user, organization=initiative.lead):
        return True
    return initiative.proposed_by_id == user.pk and is_member(user, initiative.lead)


def _require_lead(user, initiative: JointInitiative) -> None:
    if not is_lead(user, initiative):
        raise NotAllowed(_("Only the lead organization of this initiative may do this."))


def _require_organization_admin(user, organization: Organization) -> None:
    if not can_administer(user=user, organization=organization):
        raise NotAllowed(
            _("Only the administrators of %(name)s may commit it or withdraw its commitment.")
            % {"name": organization.name}
        )


# -- checks ----------------------------------------------------------------------------


def _check(data: InitiativeInput) -> dict:
    errors = []
    title = (data.title or "").strip()
    goal = (data.goal or "").strip()
    plan = (data.plan or "").strip()
    if not 5 <= len(title) <= 200:
        errors.append(InvalidParam("title", _("Between 5 and 200 characters."), "length"))
    if not 20 <= len(goal) <= 5000:
        errors.append(InvalidParam("goal", _("Between 20 and 5,000 characters."), "length"))
    if len(plan) > 20000:
        errors.append(InvalidParam("plan", _("At most 20,000 characters."), "max_length"))
    for name, value, high in (
        ("euros_needed", data.euros_needed, MAX_EUROS),
        ("hours_needed", data.hours_needed, MAX_HOURS),
        ("points_needed", data.points_needed, MAX_POINTS),
    ):
        if not isinstance(value, int) or value < 0 or value > high:
            errors.append(
                InvalidParam(name, _("A whole number from 0 to %(n)d.") % {"n": high}, "range")
            )
    if not errors and not (data.euros_needed or data.hours_needed or data.points_needed):
        errors.append(
            InvalidParam(
                "euros_needed", _("Say what is needed: euros, hours or points."), "required"
            )
        )
    if data.province is not None and data.province.kind != "province":
        errors.append(InvalidParam("province", _("Must be a province."), "invalid"))
    if data.visibility not in (Visibility.PUBLIC, Visibility.SIGNED_IN):
        errors.append(InvalidParam("visibility", _("Must be public or signed_in."), "enum"))
    if errors:
        raise InvalidInput(errors[0].reason, invalid_params=errors)
    return {
        "title": title,
        "goal": goal,
        "plan": plan,
        "euros_needed": data.euros_needed,
        "hours_needed": data.hours_needed,
        "points_needed": data.points_needed,
        "province": data.province,
        "visibility": data.visibility,
    }


def progress_of(initiative: JointInitiative, totals: dict | None = None) -> Progress:
    """What the standing commitments add up to, against what is needed (one query, or
    none when `totals` was fetched for a whole page)."""
    if totals is None:
        totals = Commitment.objects.filter(initiative=initiative, status__in=STANDING).aggregate(
            euros=Sum("euros"), hours=Sum("hours"), points=Sum("points")
        )
    return Progress(
        euros=totals.get("euros") or 0,
        hours=totals.get("hours") or 0,
        points=totals.get("points") or 0,
        euros_needed=initiative.euros_needed,
        hours_needed=initiative.hours_needed,
        points_needed=initiative.points_needed,
    )


# -- initiatives -----------------------------------------------------------------------


@transaction.atomic
def initiative_create(
    *, actor, lead: Organization, data: InitiativeInput, idea: Idea | None = None
) -> JointInitiative:
    """Propose an initiative with `lead` in the lead (the actor works there)."""
    _require_member(actor, lead)
    values = _check(data)
    domains = _domains(data.policy_domain_codes)
    if values["province"] is None and lead.kind != "ministry" and lead.province_id:
        values["province"] = lead.province
    initiative = JointInitiative.objects.create(lead=lead, proposed_by=actor, idea=idea, **values)
    initiative.policy_domains.set(domains)
    audit_record(
        actor=actor,
        action="initiative.proposed",
        obj=initiative,
        changes={"title": initiative.title},
    )
    return initiative


@transaction.atomic
def initiative_update(
    *, actor, initiative: JointInitiative, data: InitiativeInput
) -> JointInitiative:
    _require_lead(actor, initiative)
    if initiative.phase in (Phase.DELIVERED, Phase.STOPPED):
        raise Conflict(_("A delivered or stopped initiative is not changed any more."))
    values = _check(data)
    domains = _domains(data.policy_domain_codes)
    for name, value in values.items():
        setattr(initiative, name, value)
    initiative.save()
    initiative.policy_domains.set(domains)
    audit_record(
        actor=actor,
        action="initiative.updated",
        obj=initiative,
        changes={"title": initiative.title},
    )
    return initiative


def phase_set(
    *,
    actor,
    initiative: JointInitiative,
    phase: str,
    note: str = "",
    solution: Solution | None = None,
) -> JointInitiative:
    """Move the initiative to `phase`. Running pays the held points to the lead; stopped
    releases them. Two requests at once: one wins, the other gets a 409."""
    _require_lead(actor, initiative)
    if phase not in Phase.values:
        raise InvalidInput.for_field("phase", _("Unknown phase."), "enum")
    if len(note) > 500:
        raise InvalidInput.for_field("note", _("At most %(n)d characters.") % {"n": 500})
    start = initiative.phase
    if phase not in NEXT_PHASES[start]:
        raise Conflict(
            _("An initiative that is %(now)s cannot become %(next)s.")
            % {"now": Phase(start).label, "next": Phase(phase).label}
        )
    if phase == Phase.STOPPED and not note.strip():
        raise InvalidInput.for_field("note", _("Say why the initiative stops."), "required")
    with transaction.atomic():
        # Commitments are written under this lock too: the cover is read as it stands.
        JointInitiative.objects.select_for_update().filter(pk=initiative.pk).first()
        if phase == Phase.FUNDED and not progress_of(initiative).covered:
            raise Conflict(_("The commitments do not cover what is needed yet."))
        changed = JointInitiative.objects.filter(pk=initiative.pk, phase=start).update(
            phase=phase,
            phase_note=note.strip(),
            phase_changed_at=timezone.now(),
            updated_at=timezone.now(),
            **({"solution": solution} if solution is not None else {}),
        )
        if not changed:
            raise Conflict(_("Someone changed the phase at the same moment; reload and try again."))
        if phase == Phase.RUNNING:
            _pay_commitments(actor=actor, initiative=initiative)
        elif phase == Phase.STOPPED:
            _release_commitments(initiative=initiative, status=CommitmentStatus.RELEASED)
        audit_record(
            actor=actor,
            action="initiative.phase_changed",
            obj=initiative,
            changes={"from": start, "to": phase},
        )
    initiative.refresh_from_db()
    _after_commit_notify(initiative, "phase", actor=actor)
    return initiative


def _pay_commitments(*, actor, initiative: JointInitiative) -> int:
    """Pay every held points reservation of the initiative to the lead's account."""
    target = ledger.organization_account(initiative.lead)
    paid = 0
    held = Commitment.objects.filter(
        initiative=initiative, status=CommitmentStatus.PLEDGED, reservation__isnull=False
    ).select_related("reservation")
    for commitment in held:
        made = ledger.capture(
            reservation=commitment.reservation,
            target=target,
            caused_by=actor,
            memo=_("Joint initiative: %(title)s") % {"title": initiative.title[:200]},
        )
        Commitment.objects.filter(pk=commitment.pk, status=CommitmentStatus.PLEDGED).update(
            status=CommitmentStatus.PAID, transfer=made
        )
        paid += commitment.points
    return paid


def _release_commitments(*, initiative: JointInitiative, status: str) -> int:
    released = 0
    for commitment in Commitment.objects.filter(
        initiative=initiative, status=CommitmentStatus.PLEDGED
    ).select_related("reservation"):
        if commitment.reservation_id:
            ledger.release(reservation=commitment.reservation)
        Commitment.objects.filter(pk=commitment.pk).update(status=status, ended_at=timezone.now())
        released += 1
    return released


# -- commitments -----------------------------------------------------------------------


def commitment_make(
    *,
    actor,
    initiative: JointInitiative,
    organization: Organization,
    euros: int = 0,
    hours: int = 0,
    points: int = 0,
    note: str = "",
) -> Commitment:
    """Commit `organization` to the initiative. Points are reserved on its account at
    once; without room, nothing is made (409). One standing commitment per organization:
    to change it, withdraw it and commit again."""
    _require_organization_admin(actor, organization)
    errors = []
    for name, value, high in (
        ("euros", euros, MAX_EUROS),
        ("hours", hours, MAX_HOURS),
        ("points", points, MAX_POINTS),
    ):
        if not isinstance(value, int) or value < 0 or value > high:
            errors.append(
                InvalidParam(name, _("A whole number from 0 to %(n)d.") % {"n": high}, "range")
            )
    if len(note) > 500:
        errors.append(
            InvalidParam("note", _("At most %(n)d characters.") % {"n": 500}, "max_length")
        )
    if errors:
        raise InvalidInput(errors[0].reason, invalid_params=errors)
    if not (euros or hours or points):
        raise InvalidInput.for_field("euros", _("Commit euros, hours or points."), "required")
    if points and organization.pk == initiative.lead_id:
        raise InvalidInput.for_field(
            "points",
            _("The lead organization's points stay on its own account; commit hours or euros."),
        )
    if initiative.phase not in JOINABLE_PHASES:
        raise Conflict(_("Organizations join while the initiative is proposed, forming or funded."))
    if Commitment.objects.filter(
        initiative=initiative, organization=organization, status__in=STANDING
    ).exists():
        raise Conflict(
            _("%(name)s has committed already; withdraw to change it.")
            % {"name": organization.name}
        )
    with transaction.atomic():
        # The row lock keeps a phase change from passing between the check and the write
        # on PostgreSQL; on SQLite the write transaction serializes it.
        locked = JointInitiative.objects.select_for_update().get(pk=initiative.pk)
        if locked.phase not in JOINABLE_PHASES:
            raise Conflict(
                _("Organizations join while the initiative is proposed, forming or funded.")
            )
        try:
            with transaction.atomic():
                commitment = Commitment.objects.create(
                    initiative=initiative,
                    organization=organization,
                    euros=euros,
                    hours=hours,
                    points=points,
                    note=note.strip(),
                    created_by=actor,
                )
        except IntegrityError:
            raise Conflict(
                _("%(name)s has committed already; withdraw to change it.")
                % {"name": organization.name}
            ) from None
        if points:
            held = ledger.reserve(
                account=ledger.organization_account(organization),
                amount=points,
                reason=Reason.INITIATIVE,
                reference=f"initiative:{initiative.pk}",
                caused_by=actor,
                idempotency_key=f"initiative-commitment:{commitment.pk}:{uuid.uuid4().hex[:8]}",
            )
            Commitment.objects.filter(pk=commitment.pk).update(reservation=held)
            commitment.reservation = held
        audit_record(
            actor=actor,
            action="initiative.committed",
            obj=commitment,
            changes={
                "organization": organization.code,
                "euros": euros,
                "hours": hours,
                "points": points,
            },
        )
    _after_commit_notify(initiative, "joined", organization=organization, actor=actor)
    return commitment


def commitment_withdraw(*, actor, commitment: Commitment, note: str = "") -> Commitment:
    """Withdraw a commitment before the initiative runs; its points are released. A
    funded initiative that is no longer covered goes back to forming."""
    _require_organization_admin(actor, commitment.organization)
    with transaction.atomic():
        initiative = JointInitiative.objects.select_for_update().get(pk=commitment.initiative_id)
        if initiative.phase not in JOINABLE_PHASES:
            raise Conflict(_("Once the initiative runs, commitments are kept."))
        changed = Commitment.objects.filter(
            pk=commitment.pk, status=CommitmentStatus.PLEDGED
        ).update(
            status=CommitmentStatus.WITHDRAWN,
            ended_at=timezone.now(),
            note=note.strip()[:500] or commitment.note,
        )
        if not changed:
            raise Conflict(_("This commitment was withdrawn already."))
        if commitment.reservation_id:
            ledger.release(reservation=commitment.reservation)
        if initiative.phase == Phase.FUNDED and not progress_of(initiative).covered:
            JointInitiative.objects.filter(pk=initiative.pk, phase=Phase.FUNDED).update(
                phase=Phase.FORMING,
                phase_note=_("A commitment was withdrawn; not everything is covered any more."),
                phase_changed_at=timezone.now(),
            )
        audit_record(
            actor=actor,
            action="initiative.commitment_withdrawn",
            obj=commitment,
            changes={"organization": commitment.organization.code},
        )
    commitment.refresh_from_db()
    return commitment


def _after_commit_notify(
    initiative: JointInitiative, event: str, organization=None, actor=None
) -> None:
    from eenoverheid.solutions.services.notify import initiative_changed

    transaction.on_commit(
        lambda: initiative_changed(
            initiative_id=initiative.pk,
            event=event,
            organization_id=organization.pk if organization else None,
            actor_id=actor.pk if actor is not None else None,
        )
    )


@dataclass
class InitiativeActions:
    """What a viewer may do on an initiative's page."""

    commit_for: list[Organization]  # organizations they administer that have not joined
    withdrawable: list[Commitment]  # standing pledges of organizations they administer
    next_phases: list[str]  # for the lead, in the order of the phases
    joinable: bool
    is_lead: bool


def actions_for(
    user, *, initiative: JointInitiative, commitments: list[Commitment], organizations
) -> InitiativeActions:
    """`organizations` are the viewer's own: the administrator checks are made for those
    only, so the queries follow the viewer's memberships, not the participants' count."""
    if is_platform_admin(user):
        administered = {o.pk for o in organizations} | {c.organization_id for c in commitments}
    else:
        administered = {o.pk for o in organizations if can_administer(user=user, organization=o)}
    standing = [c for c in commitments if c.status in STANDING]
    committed = {c.organization_id for c in standing}
    lead = is_lead(user, initiative)
    return InitiativeActions(
        commit_for=[o for o in organizations if o.pk in administered and o.pk not in committed],
        withdrawable=[
            c
            for c in standing
            if c.status == CommitmentStatus.PLEDGED and c.organization_id in administered
        ],
        next_phases=[p for p in Phase.values if p in NEXT_PHASES[initiative.phase]] if lead else [],
        joinable=initiative.phase in JOINABLE_PHASES,
        is_lead=lead,
    )
