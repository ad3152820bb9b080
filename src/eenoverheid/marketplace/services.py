"""The rules of the marketplace: who publishes, opportunities from draft to filled,
applications and invitations with every step kept, the manager's release, completion
paid in points through the ledger, feedback, endorsements, saved searches and the
notifications of new opportunities.

Places are never given twice: accepting an offer locks the opportunity row and counts
the applications that hold a place in the same transaction (SQLite's IMMEDIATE
transaction takes the write lock). A gig's points are reserved on the publishing
organization's account when the offer is made (so an offer is never made with points
that are not there), released when the offer ends without work, and paid to the
worker's organization when both sides confirm completion; paying twice is impossible
because the capture is the ledger's, once per reservation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eenoverheid.core.errors import Conflict, InvalidInput, InvalidParam, NotAllowed, NotFound
from eenoverheid.core.services import audit_record
from eenoverheid.core.visibility import Visibility, is_platform_admin
from eenoverheid.ledger import services as ledger
from eenoverheid.ledger.models import Reason
from eenoverheid.marketplace import matching, selectors
from eenoverheid.marketplace.models import (
    PLACE_STATUSES,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Direction,
    Endorsement,
    Feedback,
    Interest,
    Kind,
    Opportunity,
    OpportunitySkill,
    Recruiter,
    ReleasePolicy,
    SavedSearch,
    Status,
    WorkMode,
)
from eenoverheid.notifications import services as notifications
from eenoverheid.organizations.models import Membership, MembershipRole, Organization, Team
from eenoverheid.people.models import Profile, Skill, SkillLevel, SkillStatus

MAX_SKILLS = 12
MAX_SAVED_SEARCHES = 20
MAX_ENDORSEMENTS = 10
ANNOUNCE_TO_PEOPLE = 50  # people who fit a new opportunity and are told about it
ANNOUNCE_MIN_SCORE = 55
POINT_KINDS = {Kind.GIG, Kind.SKILL_SHARING, Kind.PEER_COACHING, Kind.MENTORING}
SCALE_KINDS = {Kind.VACANCY, Kind.DEPLOYMENT, Kind.JOB_SWAP, Kind.JOB_SHARING}
A = ApplicationStatus


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _require_signed_in(user) -> None:
    if not _signed_in(user):
        raise NotAllowed(_("Sign in first."))


# -- who publishes ----------------------------------------------------------------------


def require_admin(actor, organization: Organization) -> None:
    if is_platform_admin(actor):
        return
    if not Membership.objects.filter(
        user=actor, organization=organization, role=MembershipRole.ADMIN
    ).exists():
        raise NotAllowed(_("Only the organization's administrators can do this."))


def recruiter_add(*, actor, organization: Organization, user) -> Recruiter:
    require_admin(actor, organization)
    recruiter, created = Recruiter.objects.get_or_create(organization=organization, user=user)
    if created:
        audit_record(actor=actor, action="marketplace.recruiter_add", obj=recruiter)
    return recruiter


def recruiter_remove(*, actor, organization: Organization, user) -> None:
    require_admin(actor, organization)
    deleted, _rows = Recruiter.objects.filter(organization=organization, user=user).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="marketplace.recruiter_remove",
            obj=organization,
            changes={"user": user.pk},
        )


def release_policy_set(*, actor, organization: Organization, required: bool) -> ReleasePolicy:
    require_admin(actor, organization)
    policy, _created = ReleasePolicy.objects.update_or_create(
        organization=organization, defaults={"required": required}
    )
    audit_record(
        actor=actor,
        action="marketplace.release_policy",
        obj=organization,
        changes={"required": required},
    )
    return policy


def release_required(organization: Organization | None) -> bool:
    if organization is None:
        return False
    return ReleasePolicy.objects.filter(organization=organization, required=True).exists()


def _require_publisher(actor, organization: Organization) -> None:
    _require_signed_in(actor)
    if not selectors.may_publish(user=actor, organization=organization):
        raise NotAllowed(
            _("Only the organization's administrators and recruiters publish opportunities.")
        )


def require_manager(actor, opportunity: Opportunity) -> None:
    _require_signed_in(actor)
    if not selectors.may_manage(user=actor, opportunity=opportunity):
        raise NotAllowed(_("Only those who publish for this organization can do this."))


# -- opportunities ----------------------------------------------------------------------


@dataclass
class OpportunityInput:
    kind: str = Kind.GIG
    title: str = ""
    description: str = ""
    team_id: int | None = None
    skills: list[tuple[int, str, bool]] = field(default_factory=list)  # (id, level, required)
    hours_per_week: int | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    duration_weeks: int | None = None
    work_mode: str = WorkMode.HYBRID
    municipality: str | None = None  # a municipality's code
    location: str = ""
    salary_scale_min: int | None = None
    salary_scale_max: int | None = None
    closing_date: dt.date | None = None
    points: int = 0
    budget_euros: int = 0
    places: int = 1
    visibility: str = Visibility.SIGNED_IN


def _clean(organization: Organization, data: OpportunityInput) -> tuple[dict, list]:
    errors: list[InvalidParam] = []

    def bad(name, reason, code="invalid"):
        errors.append(InvalidParam(name, str(reason), code))

    if data.kind not in Kind.values:
        bad("kind", _("Unknown kind."), "unknown_kind")
    title, description = (data.title or "").strip(), (data.description or "").strip()
    if len(title) < 3:
        bad("title", _("Give a title of at least three characters."), "too_short")
    if not description:
        bad("description", _("Describe the opportunity."), "required")
    if data.work_mode not in WorkMode.values:
        bad("work_mode", _("Unknown work mode."))
    if data.visibility not in (Visibility.PUBLIC, Visibility.SIGNED_IN, Visibility.MEMBERS):
        bad("visibility", _("Choose everyone, signed-in civil servants or your organization."))
    if data.hours_per_week is not None and not 1 <= data.hours_per_week <= 40:
        bad("hours_per_week", _("Between 1 and 40 hours a week."))
    if data.duration_weeks is not None and not 1 <= data.duration_weeks <= 520:
        bad("duration_weeks", _("Between 1 and 520 weeks."))
    if data.start_date and data.end_date and data.end_date < data.start_date:
        bad("end_date", _("The end comes after the start."))
    for name in ("salary_scale_min", "salary_scale_max"):
        value = getattr(data, name)
        if value is not None and not 1 <= value <= 18:
            bad(name, _("Salary scales run from 1 to 18."))
    if (
        data.salary_scale_min
        and data.salary_scale_max
        and data.salary_scale_min > data.salary_scale_max
    ):
        bad("salary_scale_max", _("The highest scale is at least the lowest."))
    if (data.salary_scale_min or data.salary_scale_max) and data.kind not in SCALE_KINDS:
        bad("salary_scale_min", _("A salary scale belongs to vacancies and secondments."))
    if data.points < 0 or data.points > 100_000:
        bad("points", _("Between 0 and 100,000 points."))
    elif data.points and data.kind not in POINT_KINDS:
        bad("points", _("Points are offered for gigs, mentoring, coaching and skill sharing."))
    if data.budget_euros < 0 or data.budget_euros > 10_000_000:
        bad("budget_euros", _("Between 0 and 10,000,000 euros."))
    if not 1 <= data.places <= 50:
        bad("places", _("Between 1 and 50 places."))
    municipality = None
    if data.municipality:
        municipality = Organization.objects.filter(
            code=str(data.municipality).lower(), kind="municipality"
        ).first()
        if municipality is None:
            bad("municipality", _("Unknown municipality code."), "unknown_municipality")
    if (
        data.work_mode != WorkMode.REMOTE
        and municipality is None
        and not data.location.strip()
        and organization.kind != "municipality"
        and organization.province_id is None
    ):
        bad("municipality", _("Say where the work is, or make it remote."), "required")
    team = None
    if data.team_id:
        team = Team.objects.filter(pk=data.team_id, organization=organization).first()
        if team is None:
            bad("team", _("No such team in this organization."), "unknown_team")
    skills = []
    seen = set()
    if len(data.skills) > MAX_SKILLS:
        bad("skills", _("At most %(n)d skills.") % {"n": MAX_SKILLS}, "too_many")
    else:
        wanted = {skill_id for skill_id, _l, _r in data.skills}
        known = set(
            Skill.objects.filter(pk__in=wanted, status=SkillStatus.ACTIVE).values_list(
                "pk", flat=True
            )
        )
        for skill_id, level, required in data.skills:
            if skill_id not in known:
                bad("skills", _("Unknown skill: %(id)s.") % {"id": skill_id}, "unknown_skill")
            elif level not in SkillLevel.values:
                bad("skills", _("Unknown level: %(level)s.") % {"level": level})
            elif skill_id not in seen:
                seen.add(skill_id)
                skills.append((skill_id, level, bool(required)))
    values = {
        "kind": data.kind,
        "title": title[:200],
        "description": description[:5000],
        "team": team,
        "hours_per_week": data.hours_per_week,
        "start_date": data.start_date,
        "end_date": data.end_date,
        "duration_weeks": data.duration_weeks,
        "work_mode": data.work_mode,
        "municipality": municipality,
        "location": (data.location or "").strip()[:200],
        "salary_scale_min": data.salary_scale_min,
        "salary_scale_max": data.salary_scale_max,
        "closing_date": data.closing_date,
        "points": data.points,
        "budget_euros": data.budget_euros,
        "places": data.places,
        "visibility": data.visibility,
    }
    if errors:
        raise InvalidInput(errors[0].reason, invalid_params=errors)
    return values, skills


def _set_skills(opportunity: Opportunity, skills) -> None:
    OpportunitySkill.objects.filter(opportunity=opportunity).delete()
    OpportunitySkill.objects.bulk_create(
        [
            OpportunitySkill(opportunity=opportunity, skill_id=s, level=lvl, required=req)
            for s, lvl, req in skills
        ]
    )


def _reindex(opportunity: Opportunity) -> None:
    from eenoverheid.search.services import documents_refresh

    if opportunity.created_by_id:
        documents_refresh([opportunity.created_by_id])


def opportunity_create(
    *, actor, organization: Organization, data: OpportunityInput, publish: bool = False
) -> Opportunity:
    _require_publisher(actor, organization)
    values, skills = _clean(organization, data)
    with transaction.atomic():
        opportunity = Opportunity.objects.create(
            organization=organization, created_by=actor, **values
        )
        _set_skills(opportunity, skills)
        audit_record(actor=actor, action="marketplace.create", obj=opportunity)
    if publish:
        opportunity = opportunity_publish(actor=actor, opportunity=opportunity)
    return opportunity


def opportunity_update(*, actor, opportunity: Opportunity, data: OpportunityInput) -> Opportunity:
    require_manager(actor, opportunity)
    values, skills = _clean(opportunity.organization, data)
    if opportunity.status == Status.OPEN and values["closing_date"]:
        _require_future(values["closing_date"])
    with transaction.atomic():
        Opportunity.objects.filter(pk=opportunity.pk).update(**values, updated_at=timezone.now())
        _set_skills(opportunity, skills)
        audit_record(actor=actor, action="marketplace.update", obj=opportunity)
        opportunity.refresh_from_db()
        _reindex(opportunity)
    return opportunity


def _require_future(closing: dt.date) -> None:
    if closing < selectors.today():
        raise InvalidInput.for_field(
            "closing_date", _("The closing date has passed; choose a later one."), "in_past"
        )


def _move(opportunity: Opportunity, expected, status: str, actor, **extra) -> Opportunity:
    changes = {"status": status, "updated_at": timezone.now(), **extra}
    with transaction.atomic():
        done = Opportunity.objects.filter(pk=opportunity.pk, status__in=expected).update(**changes)
        if not done:
            opportunity.refresh_from_db()
            raise Conflict(
                _("This opportunity is “%(status)s”; that is not possible now.")
                % {"status": opportunity.get_status_display()}
            )
        opportunity.refresh_from_db()
        audit_record(actor=actor, action=f"marketplace.{status}", obj=opportunity)
        _reindex(opportunity)
    return opportunity


def opportunity_publish(*, actor, opportunity: Opportunity) -> Opportunity:
    """Open a draft: it becomes findable and people who fit it (and saved searches that
    match it) hear about it, after commit, from the task worker."""
    require_manager(actor, opportunity)
    if opportunity.closing_date:
        _require_future(opportunity.closing_date)
    opportunity = _move(
        opportunity, [Status.DRAFT], Status.OPEN, actor, published_at=timezone.now()
    )
    from eenoverheid.marketplace.tasks import announce_task

    pk = opportunity.pk
    transaction.on_commit(lambda: announce_task.enqueue(pk))
    if opportunity.closing_date:
        _schedule_close(opportunity.closing_date)
    return opportunity


def _schedule_close(day: dt.date) -> None:
    """Ask the task worker to close what passed its closing date just after `day` ends
    (on backends that can run a task later; `eenoverheid marketplace-close-expired` and
    every search filter on the date too)."""
    from django_tasks import default_task_backend

    from eenoverheid.marketplace.tasks import close_expired_task

    if not default_task_backend.supports_defer:
        return
    start_of_next = dt.datetime.combine(
        day + dt.timedelta(days=1), dt.time(0, 0, 5), tzinfo=timezone.get_current_timezone()
    )
    transaction.on_commit(lambda: close_expired_task.using(run_after=start_of_next).enqueue())


def opportunity_close(*, actor, opportunity: Opportunity) -> Opportunity:
    """No new applications; running ones go on."""
    require_manager(actor, opportunity)
    return _move(opportunity, [Status.OPEN], Status.CLOSED, actor, closed_at=timezone.now())


def opportunity_reopen(*, actor, opportunity: Opportunity) -> Opportunity:
    require_manager(actor, opportunity)
    if opportunity.closing_date and opportunity.closing_date < selectors.today():
        raise InvalidInput.for_field(
            "closing_date", _("The closing date has passed; change it before reopening.")
        )
    with transaction.atomic():
        locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        if _places_taken(locked) >= locked.places:
            raise Conflict(_("Every place is taken; add places before reopening."))
        return _move(opportunity, [Status.CLOSED, Status.FILLED], Status.OPEN, actor)


def opportunity_fill(*, actor, opportunity: Opportunity) -> Opportunity:
    """Mark it filled (also when it was filled outside the platform): everyone still
    waiting hears that it went to someone else, and held points return."""
    require_manager(actor, opportunity)
    opportunity = _move(
        opportunity, [Status.OPEN, Status.CLOSED], Status.FILLED, actor, closed_at=timezone.now()
    )
    _turn_down_the_rest(opportunity, actor)
    return opportunity


def opportunity_delete(*, actor, opportunity: Opportunity) -> None:
    require_manager(actor, opportunity)
    if opportunity.status != Status.DRAFT or opportunity.applications.exists():
        raise Conflict(_("Only a draft without applications can be deleted; close it instead."))
    audit_record(actor=actor, action="marketplace.delete", obj=opportunity)
    opportunity.delete()


def close_expired(*, today: dt.date | None = None) -> int:
    """The daily sweep: open opportunities past their closing date close."""
    today = today or selectors.today()
    expired = list(Opportunity.objects.filter(status=Status.OPEN, closing_date__lt=today))
    for opportunity in expired:
        Opportunity.objects.filter(pk=opportunity.pk, status=Status.OPEN).update(
            status=Status.CLOSED, closed_at=timezone.now()
        )
        _reindex(opportunity)
    return len(expired)


# -- what people seek and offer ---------------------------------------------------------


def interests_set(*, user, seek: list[str], offer: list[str]) -> dict[str, list[str]]:
    _require_signed_in(user)
    for name, kinds in (("seek", seek), ("offer", offer)):
        unknown = [k for k in kinds if k not in Kind.values]
        if unknown:
            raise InvalidInput.for_field(name, _("Unknown kind: %(k)s.") % {"k": unknown[0]})
    with transaction.atomic():
        Interest.objects.filter(user=user).delete()
        Interest.objects.bulk_create(
            [Interest(user=user, kind=k, direction=Direction.SEEK) for k in sorted(set(seek))]
            + [Interest(user=user, kind=k, direction=Direction.OFFER) for k in sorted(set(offer))]
        )
    return selectors.interests_of(user)


# -- applications -------------------------------------------------------------------------


def _event(application: Application, actor, status: str, note: str = "") -> None:
    ApplicationEvent.objects.create(
        application=application, actor=actor, status=status, note=note[:2000]
    )


def _step(application: Application, expected, actor, note: str = "", **changes) -> None:
    """Move the application on, but only from a status in `expected`: when someone else
    moved it first, nothing changes and the caller hears why."""
    changes.setdefault("updated_at", timezone.now())
    done = Application.objects.filter(pk=application.pk, status__in=expected).update(**changes)
    if not done:
        application.refresh_from_db()
        raise Conflict(
            _("This application is now “%(status)s”; that step is no longer possible.")
            % {"status": application.get_status_display()}
        )
    for name, value in changes.items():
        setattr(application, name, value)
    if "status" in changes:
        _event(application, actor, changes["status"], note)


def _tell(user, application: Application, *, kind: str, text, url: str | None = None, **extra):
    """An in-app notification (and so the e-mail digest) in the person's language."""
    if user is None:
        return
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        params = {
            "title": application.opportunity.title,
            "person": str(application.applicant),
            "organization": application.opportunity.organization.name,
            **{k: str(v) for k, v in extra.items()},
        }
        notifications.notify(
            user_ids=[user.pk],
            kind=kind,
            text=(str(text) % params).strip(),
            url=url or reverse("marketplace:application", args=[application.pk]),
        )


def _publishers(opportunity: Opportunity) -> list:
    """Who hears about applications: the person who published it."""
    return [opportunity.created_by] if opportunity.created_by_id else []


def _applicant_organization(user, organization_code: str | None) -> Organization | None:
    memberships = Membership.objects.filter(user=user, organization__is_active=True)
    if organization_code:
        membership = memberships.filter(organization__code=organization_code.lower()).first()
        if membership is None:
            raise InvalidInput.for_field(
                "organization", _("You do not work for that organization."), "not_a_member"
            )
        return membership.organization
    membership = memberships.select_related("organization").order_by("id").first()
    return membership.organization if membership else None


def apply(
    *, actor, opportunity: Opportunity, motivation: str, organization: str | None = None
) -> Application:
    """Apply with a motivation (or accept an invitation to apply)."""
    _require_signed_in(actor)
    motivation = (motivation or "").strip()
    if len(motivation) < 10:
        raise InvalidInput.for_field(
            "motivation", _("Say in a few sentences why you want this."), "too_short"
        )
    if not Opportunity.objects.visible_to(actor).filter(pk=opportunity.pk).exists():
        invited = Application.objects.filter(
            opportunity=opportunity, applicant=actor, status=A.INVITED
        ).exists()
        if not invited:
            raise NotFound(_("No such opportunity, or it is not visible to you."))
    if opportunity.created_by_id == actor.pk:
        raise InvalidInput.for_field("opportunity", _("You published this yourself."), "own")
    on_behalf = _applicant_organization(actor, organization)
    with transaction.atomic():
        locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        if (
            locked.status != Status.OPEN
            or not Opportunity.objects.filter(selectors.open_q(), pk=locked.pk).exists()
        ):
            raise Conflict(_("This opportunity no longer takes applications."))
        existing = Application.objects.filter(opportunity=locked, applicant=actor).first()
        if existing is not None:
            if existing.status != A.INVITED:
                raise Conflict(_("You have already applied; see your application."))
            _step(
                existing,
                [A.INVITED],
                actor,
                motivation=motivation[:3000],
                applicant_organization=on_behalf,
                status=A.APPLIED,
            )
            application = existing
        else:
            try:
                with transaction.atomic():
                    application = Application.objects.create(
                        opportunity=locked,
                        applicant=actor,
                        applicant_organization=on_behalf,
                        motivation=motivation[:3000],
                        status=A.APPLIED,
                    )
            except IntegrityError:
                raise Conflict(_("You have already applied; see your application.")) from None
            _event(application, actor, A.APPLIED, motivation)
        for publisher in _publishers(locked):
            _tell(
                publisher,
                application,
                kind="marketplace.applied",
                text=gettext_lazy("%(person)s applied for “%(title)s”."),
            )
    return application


def invite(*, actor, opportunity: Opportunity, user, message: str = "") -> Application:
    """Invite someone who fits to apply; they see it among their applications."""
    require_manager(actor, opportunity)
    if opportunity.status != Status.OPEN:
        raise Conflict(_("Publish the opportunity before inviting people."))
    if user.pk == actor.pk or not user.is_active:
        raise InvalidInput.for_field("person", _("Invite someone else."), "invalid")
    if not Profile.objects.visible_to(actor).filter(user=user).exists():
        raise NotFound(_("No such person, or their profile is not visible to you."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    opportunity=opportunity,
                    applicant=user,
                    status=A.INVITED,
                    invited_by=actor,
                    message=(message or "").strip()[:2000],
                )
        except IntegrityError:
            raise Conflict(_("This person has already applied or been invited.")) from None
        _event(application, actor, A.INVITED, message or "")
        _tell(
            user,
            application,
            kind="marketplace.invited",
            text=gettext_lazy("%(organization)s invites you to apply for “%(title)s”."),
        )
    return application


def _require_message(message: str, name: str = "message") -> str:
    message = (message or "").strip()
    if len(message) < 3:
        raise InvalidInput.for_field(name, _("Say why, in a few words."), "required")
    return message[:2000]


def _release_points(application: Application) -> None:
    if application.reservation_id:
        ledger.release(reservation=application.reservation)


def shortlist(*, actor, application: Application) -> Application:
    require_manager(actor, application.opportunity)
    _step(application, [A.APPLIED], actor, status=A.SHORTLISTED)
    _tell(
        application.applicant,
        application,
        kind="marketplace.shortlisted",
        text=gettext_lazy("You are on the shortlist for “%(title)s”."),
    )
    return application


def make_offer(*, actor, application: Application, message: str = "") -> Application:
    """Offer the place. For a gig with points, the points are set aside on the
    publishing organization's account now, so that they are there when the work is
    done; not enough room refuses the offer."""
    opportunity = application.opportunity
    require_manager(actor, opportunity)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status not in (A.APPLIED, A.SHORTLISTED):
            raise Conflict(
                _("This application is now “%(status)s”; that step is no longer possible.")
                % {"status": locked.get_status_display()}
            )
        reservation = None
        if opportunity.points:
            reservation = ledger.reserve(
                account=ledger.organization_account(opportunity.organization),
                amount=opportunity.points,
                reason=Reason.GIG,
                reference=f"gig:{opportunity.pk}",
                caused_by=actor,
                idempotency_key=f"gig-offer:{application.pk}",
            )
        _step(
            application,
            [A.APPLIED, A.SHORTLISTED],
            actor,
            note=message,
            status=A.OFFERED,
            message=(message or "").strip()[:2000],
            reservation=reservation,
        )
        _tell(
            application.applicant,
            application,
            kind="marketplace.offered",
            text=gettext_lazy("%(organization)s offers you “%(title)s”. Accept or decline."),
        )
    return application


def reject(*, actor, application: Application, message: str) -> Application:
    """Not selected, with a message the applicant reads."""
    require_manager(actor, application.opportunity)
    message = _require_message(message)
    with transaction.atomic():
        _step(
            application,
            [A.INVITED, A.APPLIED, A.SHORTLISTED, A.OFFERED],
            actor,
            note=message,
            status=A.REJECTED,
            message=message,
            reason=message,
        )
        _release_points(application)
        _tell(
            application.applicant,
            application,
            kind="marketplace.rejected",
            text=gettext_lazy("Your application for “%(title)s” was not selected."),
        )
    return application


def _places_taken(opportunity: Opportunity) -> int:
    return Application.objects.filter(opportunity=opportunity, status__in=PLACE_STATUSES).count()


def _turn_down_the_rest(opportunity: Opportunity, actor) -> None:
    """Every place is taken: those still waiting hear so, and held points return."""
    note = _("Every place has been taken.")
    for application in Application.objects.filter(
        opportunity=opportunity, status__in=[A.INVITED, A.APPLIED, A.SHORTLISTED, A.OFFERED]
    ).select_related("opportunity__organization", "applicant", "reservation"):
        try:
            _step(
                application,
                [A.INVITED, A.APPLIED, A.SHORTLISTED, A.OFFERED],
                actor,
                note=note,
                status=A.REJECTED,
                message=note,
                reason=note,
            )
        except Conflict:
            continue
        _release_points(application)
        _tell(
            application.applicant,
            application,
            kind="marketplace.filled",
            text=gettext_lazy("“%(title)s” has been filled by someone else."),
        )


def offer_accept(*, actor, application: Application, manager_email: str = "") -> Application:
    """The applicant accepts. This takes a place: the opportunity row is locked and the
    places taken are counted in the same transaction, so the last place goes to one
    person only. Where the applicant's organization requires it, their manager (a
    colleague they name, or any administrator of the organization) must release them
    first; until then the place is held."""
    if application.applicant_id != getattr(actor, "pk", None):
        raise NotAllowed(_("Only the applicant can accept the offer."))
    manager = None
    needs_release = release_required(application.applicant_organization)
    if needs_release:
        manager = _manager(application, manager_email)
    with transaction.atomic():
        opportunity = Opportunity.objects.select_for_update().get(pk=application.opportunity_id)
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != A.OFFERED:
            raise Conflict(
                _("This application is now “%(status)s”; that step is no longer possible.")
                % {"status": locked.get_status_display()}
            )
        if _places_taken(opportunity) >= opportunity.places:
            raise Conflict(_("Someone else took the last place a moment ago."))
        if needs_release:
            _step(application, [A.OFFERED], actor, status=A.RELEASE_PENDING, manager=manager)
        else:
            _step(application, [A.OFFERED], actor, status=A.ACCEPTED)
        full = _places_taken(opportunity) >= opportunity.places
        if full and opportunity.status != Status.FILLED:
            Opportunity.objects.filter(pk=opportunity.pk).update(
                status=Status.FILLED, closed_at=timezone.now(), updated_at=timezone.now()
            )
            _reindex(opportunity)
        for publisher in _publishers(opportunity):
            _tell(
                publisher,
                application,
                kind="marketplace.accepted",
                text=gettext_lazy("%(person)s accepted your offer for “%(title)s”."),
            )
        if needs_release:
            targets = [manager] if manager else _administrators(application.applicant_organization)
            for person in targets:
                _tell(
                    person,
                    application,
                    kind="marketplace.release",
                    text=gettext_lazy(
                        "%(person)s asks you to release them for “%(title)s” (%(organization)s)."
                    ),
                )
    if full:
        _turn_down_the_rest(opportunity, actor)
    return application


def _administrators(organization: Organization | None) -> list:
    if organization is None:
        return []
    return [
        m.user
        for m in Membership.objects.filter(
            organization=organization, role=MembershipRole.ADMIN
        ).select_related("user")
    ]


def _manager(application: Application, email: str):
    """The colleague who gives the release: named by e-mail, a member of the applicant's
    organization; without a name, the organization's administrators decide."""
    email = (email or "").strip().lower()
    if not email:
        return None
    from django.contrib.auth import get_user_model

    manager = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if (
        manager is None
        or manager.pk == application.applicant_id
        or not Membership.objects.filter(
            user=manager, organization=application.applicant_organization
        ).exists()
    ):
        raise InvalidInput.for_field(
            "manager_email",
            _("Name a manager who works for your organization on the platform."),
            "unknown_manager",
        )
    return manager


def may_release(user, application: Application) -> bool:
    if not _signed_in(user) or user.pk == application.applicant_id:
        return False
    if application.manager_id:
        return application.manager_id == user.pk or _is_admin_of(
            user, application.applicant_organization_id
        )
    return _is_admin_of(user, application.applicant_organization_id)


def _is_admin_of(user, organization_id) -> bool:
    return Membership.objects.filter(
        user=user, organization_id=organization_id, role=MembershipRole.ADMIN
    ).exists()


def release_decide(*, actor, application: Application, release: bool, reason: str = ""):
    """The manager releases the applicant for the hours, or does not (with a reason the
    applicant and the publisher read; the place frees)."""
    if not may_release(actor, application):
        raise NotAllowed(_("Only the applicant's manager or administrators decide on release."))
    with transaction.atomic():
        if release:
            _step(application, [A.RELEASE_PENDING], actor, note=reason, status=A.ACCEPTED)
            text = gettext_lazy("%(person)s has been released for “%(title)s”.")
        else:
            reason = _require_message(reason, "reason")
            _step(
                application,
                [A.RELEASE_PENDING],
                actor,
                note=reason,
                status=A.DECLINED,
                reason=reason,
            )
            _release_points(application)
            # The place frees: a filled opportunity opens again.
            Opportunity.objects.filter(pk=application.opportunity_id, status=Status.FILLED).update(
                status=Status.OPEN, closed_at=None, updated_at=timezone.now()
            )
            text = gettext_lazy("The manager of %(person)s did not release them for “%(title)s”.")
        for person in [application.applicant, *_publishers(application.opportunity)]:
            _tell(person, application, kind="marketplace.release_decided", text=text)
    _reindex(application.opportunity)
    return application


def decline(*, actor, application: Application, reason: str) -> Application:
    """The applicant declines an invitation or an offer, with a reason."""
    if application.applicant_id != getattr(actor, "pk", None):
        raise NotAllowed(_("Only the applicant can decline."))
    reason = _require_message(reason, "reason")
    with transaction.atomic():
        _step(
            application,
            [A.INVITED, A.OFFERED],
            actor,
            note=reason,
            status=A.DECLINED,
            reason=reason,
        )
        _release_points(application)
        for publisher in _publishers(application.opportunity):
            _tell(
                publisher,
                application,
                kind="marketplace.declined",
                text=gettext_lazy("%(person)s declined “%(title)s”."),
            )
    return application


def withdraw(*, actor, application: Application, reason: str) -> Application:
    """The applicant withdraws before the work starts, with a reason."""
    if application.applicant_id != getattr(actor, "pk", None):
        raise NotAllowed(_("Only the applicant can withdraw."))
    reason = _require_message(reason, "reason")
    with transaction.atomic():
        was = application.status
        _step(
            application,
            [A.APPLIED, A.SHORTLISTED, A.OFFERED, A.RELEASE_PENDING],
            actor,
            note=reason,
            status=A.WITHDRAWN,
            reason=reason,
        )
        _release_points(application)
        if was == A.RELEASE_PENDING:
            Opportunity.objects.filter(pk=application.opportunity_id, status=Status.FILLED).update(
                status=Status.OPEN, closed_at=None, updated_at=timezone.now()
            )
        for publisher in _publishers(application.opportunity):
            _tell(
                publisher,
                application,
                kind="marketplace.withdrawn",
                text=gettext_lazy("%(person)s withdrew from “%(title)s”."),
            )
    _reindex(application.opportunity)
    return application


def complete_confirm(*, actor, application: Application) -> Application:
    """Each side confirms the work is done; when both have, the gig is completed and its
    points go to the worker's organization (once: the capture is idempotent)."""
    opportunity = application.opportunity
    is_applicant = application.applicant_id == getattr(actor, "pk", None)
    if not is_applicant:
        require_manager(actor, opportunity)
    with transaction.atomic():
        locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
        if locked.status == A.COMPLETED:
            application.refresh_from_db()
            return application
        if locked.status != A.ACCEPTED:
            raise Conflict(_("Only accepted work can be completed."))
        now = timezone.now()
        field_name = "applicant_confirmed_at" if is_applicant else "publisher_confirmed_at"
        if getattr(locked, field_name) is None:
            setattr(locked, field_name, now)
        changes = {field_name: getattr(locked, field_name), "updated_at": now}
        both = locked.applicant_confirmed_at and locked.publisher_confirmed_at
        if both:
            changes.update(status=A.COMPLETED, completed_at=now)
            if locked.reservation_id:
                changes["payment"] = _pay(locked, actor)
        Application.objects.filter(pk=locked.pk).update(**changes)
        if both:
            _event(application, actor, A.COMPLETED)
        other = _publishers(opportunity) if is_applicant else [application.applicant]
        for person in other:
            _tell(
                person,
                application,
                kind="marketplace.completed" if both else "marketplace.confirm",
                text=(
                    gettext_lazy("“%(title)s” is completed. Give each other feedback.")
                    if both
                    else gettext_lazy("The other side says “%(title)s” is done. Confirm it too.")
                ),
            )
    application.refresh_from_db()
    if both:
        from eenoverheid.search.services import documents_refresh

        documents_refresh([application.applicant_id])
    return application


def _pay(application: Application, actor):
    worker = application.applicant_organization
    if worker is None or worker.pk == application.opportunity.organization_id:
        # A colleague of the same organization (or nobody to pay): the points return.
        ledger.release(reservation=application.reservation)
        return None
    return ledger.capture(
        reservation=application.reservation,
        target=ledger.organization_account(worker),
        caused_by=actor,
        memo=application.opportunity.title,
    )


def feedback_give(*, actor, application: Application, rating: int, text: str = "") -> Feedback:
    is_applicant = application.applicant_id == getattr(actor, "pk", None)
    if not is_applicant:
        require_manager(actor, application.opportunity)
    if application.status != A.COMPLETED:
        raise Conflict(_("Feedback comes after the work is completed."))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise InvalidInput.for_field("rating", _("A rating from 1 to 5."))
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                application=application,
                author=actor,
                rating=rating,
                text=(text or "").strip()[:2000],
            )
    except IntegrityError:
        raise Conflict(_("You already gave feedback on this.")) from None
    other = _publishers(application.opportunity) if is_applicant else [application.applicant]
    for person in other:
        _tell(
            person,
            application,
            kind="marketplace.feedback",
            text=gettext_lazy("You received feedback on “%(title)s”."),
        )
    return feedback


def endorse(*, actor, application: Application, skill_ids: list[int]) -> list[Endorsement]:
    """The publisher endorses skills the person showed; they appear on their profile."""
    require_manager(actor, application.opportunity)
    if application.status != A.COMPLETED:
        raise Conflict(_("Skills are endorsed after the work is completed."))
    if not skill_ids or len(skill_ids) > MAX_ENDORSEMENTS:
        raise InvalidInput.for_field(
            "skills", _("Endorse one to %(n)d skills.") % {"n": MAX_ENDORSEMENTS}
        )
    skills = Skill.objects.filter(pk__in=skill_ids, status=SkillStatus.ACTIVE)
    if skills.count() != len(set(skill_ids)):
        raise InvalidInput.for_field("skills", _("Unknown skill."), "unknown_skill")
    made = []
    with transaction.atomic():
        for skill in skills:
            endorsement, _created = Endorsement.objects.get_or_create(
                application=application,
                skill=skill,
                defaults={
                    "user_id": application.applicant_id,
                    "organization_id": application.opportunity.organization_id,
                    "endorsed_by": actor,
                },
            )
            made.append(endorsement)
        _tell(
            application.applicant,
            application,
            kind="marketplace.endorsed",
            text=gettext_lazy("%(organization)s endorsed your skills after “%(title)s”."),
        )
    from eenoverheid.search.services import documents_refresh

    documents_refresh([application.applicant_id])
    return made


# -- saved searches and announcements ---------------------------------------------------


def saved_search_create(*, user, name: str, filters, notify: bool = True) -> SavedSearch:
    _require_signed_in(user)
    name = (name or "").strip()
    if not name:
        raise InvalidInput.for_field("name", _("Give the search a name."), "required")
    if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
        raise Conflict(_("You have %(n)d saved searches; delete one first.") % {"n": 20})
    return SavedSearch.objects.create(
        user=user, name=name[:100], params=filters.as_params(), notify=notify
    )


def saved_search_update(*, user, search: SavedSearch, name=None, notify=None) -> SavedSearch:
    if search.user_id != user.pk:
        raise NotFound(_("No such saved search."))
    if name is not None:
        if not name.strip():
            raise InvalidInput.for_field("name", _("Give the search a name."), "required")
        search.name = name.strip()[:100]
    if notify is not None:
        search.notify = notify
    search.save()
    return search


def saved_search_delete(*, user, search: SavedSearch) -> None:
    if search.user_id != user.pk:
        raise NotFound(_("No such saved search."))
    search.delete()


def matches_saved(opportunity: Opportunity, params: dict, taxonomy) -> bool:
    """Does a new opportunity pass a saved search's filters? Text is matched on word
    stems in its title, description and skills, as the engine's Dutch stemmer does."""
    try:
        f = selectors.filters_from_params(**params)
    except (InvalidInput, TypeError):
        return False
    return selectors.filtered(
        Opportunity.objects.filter(pk=opportunity.pk), f, taxonomy
    ).exists() and (not f.q or _text_matches(opportunity, f.q))


def _text_matches(opportunity: Opportunity, q: str) -> bool:
    from eenoverheid.search.backends.base import Filters
    from eenoverheid.search.selectors import find_documents

    keys = find_documents(
        q,
        Filters(see_everything=True, organization=opportunity.organization_id),
        kind="opportunity",
    )
    return f"opportunity:{opportunity.pk}" in keys


def announce(opportunity_id: int) -> int:
    """A new opportunity: tell the people whose saved search it matches, and the people
    who fit it best and say they seek this kind. Each person hears once."""
    opportunity = (
        Opportunity.objects.filter(pk=opportunity_id, status=Status.OPEN)
        .select_related("organization", "municipality")
        .first()
    )
    if opportunity is None:
        return 0
    taxonomy = matching.Taxonomy.load()
    told: set[int] = set()
    readers = Opportunity.objects.filter(pk=opportunity.pk)
    for search in SavedSearch.objects.filter(notify=True).select_related("user"):
        if search.user_id in told or search.user_id == opportunity.created_by_id:
            continue
        if not search.user.is_active or not readers.visible_to(search.user).exists():
            continue
        if matches_saved(opportunity, search.params, taxonomy):
            told.add(search.user_id)
            _announce_to(search.user, opportunity, search.name)
    seekers = set(
        Interest.objects.filter(kind=opportunity.kind, direction=Direction.SEEK).values_list(
            "user_id", flat=True
        )
    )
    if seekers and opportunity.created_by is not None:
        fitting, _count = selectors.people_who_fit(
            viewer=opportunity.created_by, opportunity=opportunity, limit=ANNOUNCE_TO_PEOPLE
        )
        for candidate in fitting:
            user = candidate.profile.user
            if (
                user.pk in seekers
                and user.pk not in told
                and candidate.fit.score >= ANNOUNCE_MIN_SCORE
                and readers.visible_to(user).exists()
            ):
                told.add(user.pk)
                _announce_to(user, opportunity, None)
    return len(told)


def _announce_to(user, opportunity: Opportunity, search_name: str | None) -> None:
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        if search_name:
            text = _("New for your search “%(search)s”: %(title)s (%(organization)s)") % {
                "search": search_name,
                "title": opportunity.title,
                "organization": opportunity.organization.name,
            }
        else:
            text = _("New, and it fits your profile: %(title)s (%(organization)s)") % {
                "title": opportunity.title,
                "organization": opportunity.organization.name,
            }
        notifications.notify(
            user_ids=[user.pk],
            kind="marketplace.new",
            text=text,
            url=reverse("marketplace:detail", args=[opportunity.pk]),
        )


# -- leaving ----------------------------------------------------------------------------


def person_forget(user) -> None:
    """Before a person's account is deleted: points held for their offers return, and
    the places they held free up. Their applications go with them (the motivation is
    theirs); opportunities they published stay with their organization."""
    for application in Application.objects.filter(
        applicant=user, reservation__isnull=False, payment__isnull=True
    ).select_related("reservation"):
        if application.reservation.status == "held":
            ledger.release(reservation=application.reservation)
    Opportunity.objects.filter(
        status=Status.FILLED,
        applications__applicant=user,
        applications__status__in=[A.RELEASE_PENDING, A.ACCEPTED],
    ).update(status=Status.OPEN, closed_at=None)


def export_for(user) -> dict:
    """What a person did in the marketplace, for their own data export."""
    return {
        "interests": selectors.interests_of(user),
        "applications": [
            {
                "opportunity": a.opportunity.title,
                "organization": a.opportunity.organization.name,
                "status": a.status,
                "motivation": a.motivation,
                "reason": a.reason,
                "steps": [
                    {"status": e.status, "note": e.note, "at": e.created_at.isoformat()}
                    for e in a.events.all()
                ],
            }
            for a in selectors.applications_by(user)
        ],
        "feedback_given": [
            {"opportunity": f.application.opportunity.title, "rating": f.rating, "text": f.text}
            for f in Feedback.objects.filter(author=user).select_related("application__opportunity")
        ],
        "endorsements": [
            {"skill": e.skill.name, "organization": e.organization.name}
            for e in selectors.endorsements_of(user)
        ],
        "saved_searches": [
            {"name": s.name, "filters": s.params, "notify": s.notify}
            for s in selectors.saved_searches(user)
        ],
    }
