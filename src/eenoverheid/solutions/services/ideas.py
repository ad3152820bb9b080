"""Writes of ideas: posting, supporting (one vote a person), commenting, and what
moderators do: marking the status, merging duplicates (the votes follow), and turning
an idea into a joint initiative.

Moderators are platform administrators and the people given the permission
"solutions.moderate_idea" in the admin.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from eenoverheid.core.errors import Conflict, InvalidInput, InvalidParam, NotAllowed
from eenoverheid.core.services import audit_record
from eenoverheid.core.visibility import Visibility
from eenoverheid.organizations.models import Organization
from eenoverheid.solutions.models import Idea, IdeaComment, IdeaStatus, JointInitiative, Vote
from eenoverheid.solutions.services.initiatives import InitiativeInput, initiative_create
from eenoverheid.solutions.services.solutions import _domains

CLOSED = (IdeaStatus.MERGED, IdeaStatus.DECLINED)
MODERATED = (IdeaStatus.NEW, IdeaStatus.CONSIDERING, IdeaStatus.DECLINED)


@dataclass
class IdeaInput:
    title: str
    body: str
    visibility: str = Visibility.SIGNED_IN
    policy_domain_codes: list[str] = field(default_factory=list)


def is_moderator(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("solutions.moderate_idea"))
    )


def _require_signed_in(user) -> None:
    if not (user and user.is_authenticated and user.is_active):
        raise NotAllowed(_("Sign in to do this."))


def _check(data: IdeaInput) -> dict:
    errors = []
    title = (data.title or "").strip()
    body = (data.body or "").strip()
    if not 5 <= len(title) <= 200:
        errors.append(InvalidParam("title", _("Between 5 and 200 characters."), "length"))
    if not 20 <= len(body) <= 10000:
        errors.append(InvalidParam("body", _("Between 20 and 10,000 characters."), "length"))
    if data.visibility not in (Visibility.PUBLIC, Visibility.SIGNED_IN):
        errors.append(InvalidParam("visibility", _("Must be public or signed_in."), "enum"))
    if errors:
        raise InvalidInput(errors[0].reason, invalid_params=errors)
    return {"title": title, "body": body, "visibility": data.visibility}


@transaction.atomic
def idea_create(*, actor, data: IdeaInput) -> Idea:
    _require_signed_in(actor)
    values = _check(data)
    domains = _domains(data.policy_domain_codes)
    idea = Idea.objects.create(author=actor, **values)
    idea.policy_domains.set(domains)
    audit_record(actor=actor, action="idea.posted", obj=idea, changes={"title": idea.title})
    return idea


@transaction.atomic
def idea_update(*, actor, idea: Idea, data: IdeaInput) -> Idea:
    """The author (while nobody decided about it) and moderators change an idea."""
    if not (is_moderator(actor) or (actor.is_authenticated and idea.author_id == actor.pk)):
        raise NotAllowed(_("Only the author and moderators may change an idea."))
    if idea.status != IdeaStatus.NEW and not is_moderator(actor):
        raise Conflict(_("A moderator has looked at this idea; ask them to change it."))
    values = _check(data)
    domains = _domains(data.policy_domain_codes)
    for name, value in values.items():
        setattr(idea, name, value)
    idea.save()
    idea.policy_domains.set(domains)
    return idea


def vote_set(*, actor, idea: Idea, support: bool) -> tuple[Idea, bool]:
    """Support an idea or take the support back; once per person whatever happens at the
    same time (the unique constraint decides). Returns (idea, whether anything changed)."""
    _require_signed_in(actor)
    if support and idea.status in CLOSED:
        raise Conflict(_("This idea is closed; support the idea it was merged into."))
    with transaction.atomic():
        if support:
            try:
                with transaction.atomic():
                    Vote.objects.create(idea=idea, user=actor)
            except IntegrityError:
                changed = False
            else:
                Idea.objects.filter(pk=idea.pk).update(vote_count=F("vote_count") + 1)
                changed = True
        else:
            deleted, _kinds = Vote.objects.filter(idea=idea, user=actor).delete()
            if deleted:
                Idea.objects.filter(pk=idea.pk).update(vote_count=F("vote_count") - 1)
            changed = bool(deleted)
    idea.refresh_from_db(fields=["vote_count"])
    return idea, changed


@transaction.atomic
def comment_add(*, actor, idea: Idea, body: str) -> IdeaComment:
    _require_signed_in(actor)
    body = (body or "").strip()
    if not 2 <= len(body) <= 5000:
        raise InvalidInput.for_field("body", _("Between 2 and 5,000 characters."), "length")
    if idea.status == IdeaStatus.MERGED:
        raise Conflict(_("This idea was merged; comment on the idea it was merged into."))
    comment = IdeaComment.objects.create(idea=idea, author=actor, body=body)
    Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + 1)
    from eenoverheid.solutions.services.notify import idea_commented

    transaction.on_commit(lambda: idea_commented(comment_id=comment.pk))
    return comment


@transaction.atomic
def comment_delete(*, actor, comment: IdeaComment) -> None:
    if not (is_moderator(actor) or (actor.is_authenticated and comment.author_id == actor.pk)):
        raise NotAllowed(_("Only the author and moderators may remove a comment."))
    Idea.objects.filter(pk=comment.idea_id).update(comment_count=F("comment_count") - 1)
    audit_record(actor=actor, action="idea.comment_removed", obj=comment, changes={})
    comment.delete()


def status_set(*, actor, idea: Idea, status: str, reason: str = "") -> Idea:
    """A moderator marks an idea new, under consideration, or declined (with a reason)."""
    if not is_moderator(actor):
        raise NotAllowed(_("Only moderators mark the status of an idea."))
    if status not in MODERATED:
        raise InvalidInput.for_field(
            "status", _("Must be one of: %(v)s.") % {"v": ", ".join(MODERATED)}, "enum"
        )
    reason = (reason or "").strip()
    if status == IdeaStatus.DECLINED and len(reason) < 10:
        raise InvalidInput.for_field(
            "reason", _("Say why the idea is declined (at least 10 characters)."), "required"
        )
    if len(reason) > 1000:
        raise InvalidInput.for_field("reason", _("At most %(n)d characters.") % {"n": 1000})
    with transaction.atomic():
        start = idea.status
        if start in (IdeaStatus.MERGED, IdeaStatus.INITIATIVE):
            raise Conflict(_("This idea was merged or became an initiative; its status stays."))
        changed = Idea.objects.filter(pk=idea.pk, status=start).update(
            status=status, status_reason=reason
        )
        if not changed:
            raise Conflict(
                _("Someone changed the status at the same moment; reload and try again.")
            )
        audit_record(
            actor=actor, action="idea.status", obj=idea, changes={"from": start, "to": status}
        )
    idea.refresh_from_db()
    from eenoverheid.solutions.services.notify import idea_status_changed

    transaction.on_commit(lambda: idea_status_changed(idea_id=idea.pk))
    return idea


def merge(*, actor, duplicate: Idea, into: Idea) -> Idea:
    """Merge `duplicate` into `into`: its votes follow (one per person: who supported
    both keeps one), it is closed with a link, and `into`'s count is recomputed. Both
    rows are locked, in id order, for the whole merge."""
    if not is_moderator(actor):
        raise NotAllowed(_("Only moderators merge ideas."))
    if duplicate.pk == into.pk:
        raise InvalidInput.for_field("into", _("An idea cannot be merged into itself."))
    with transaction.atomic():
        locked = {
            i.pk: i
            for i in Idea.objects.select_for_update()
            .filter(pk__in=[duplicate.pk, into.pk])
            .order_by("pk")
        }
        duplicate, into = locked[duplicate.pk], locked[into.pk]
        if duplicate.status in (IdeaStatus.MERGED, IdeaStatus.INITIATIVE):
            raise Conflict(_("This idea was merged already or became an initiative."))
        if into.status == IdeaStatus.MERGED:
            raise InvalidInput.for_field(
                "into", _("That idea was merged itself; merge into the one it went to.")
            )
        both = Vote.objects.filter(idea=into).values("user_id")
        Vote.objects.filter(idea=duplicate, user_id__in=both).delete()
        Vote.objects.filter(idea=duplicate).update(idea=into)
        Idea.objects.filter(pk=into.pk).update(vote_count=Vote.objects.filter(idea=into).count())
        Idea.objects.filter(pk=duplicate.pk).update(
            status=IdeaStatus.MERGED,
            merged_into=into,
            vote_count=0,
            status_reason=_("Merged into “%(title)s”.") % {"title": into.title[:150]},
        )
        # Ideas merged into the duplicate earlier now point at the survivor.
        Idea.objects.filter(merged_into=duplicate).update(merged_into=into)
        audit_record(actor=actor, action="idea.merged", obj=duplicate, changes={"into": into.pk})
    into.refresh_from_db()
    from eenoverheid.solutions.services.notify import idea_status_changed

    transaction.on_commit(lambda: idea_status_changed(idea_id=duplicate.pk))
    return into


def to_initiative(
    *, actor, idea: Idea, lead: Organization, data: InitiativeInput
) -> JointInitiative:
    """Turn an idea into a joint initiative led by `lead` (the actor works there): the
    initiative links to the idea and the idea to the initiative, once."""
    if idea.status == IdeaStatus.MERGED:
        raise Conflict(_("This idea was merged; turn the idea it went into into an initiative."))
    with transaction.atomic():
        locked = Idea.objects.select_for_update().get(pk=idea.pk)
        if JointInitiative.objects.filter(idea=locked).exists():
            raise Conflict(_("This idea became an initiative already."))
        if not data.policy_domain_codes:
            data.policy_domain_codes = list(idea.policy_domains.values_list("code", flat=True))
        initiative = initiative_create(actor=actor, lead=lead, data=data, idea=locked)
        Idea.objects.filter(pk=idea.pk).update(
            status=IdeaStatus.INITIATIVE,
            status_reason=_("Became the initiative “%(title)s”.")
            % {"title": initiative.title[:150]},
        )
    idea.refresh_from_db()
    from eenoverheid.solutions.services.notify import idea_status_changed

    transaction.on_commit(lambda: idea_status_changed(idea_id=idea.pk))
    return initiative
