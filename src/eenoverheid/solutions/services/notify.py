"""Who hears what about shared solutions, initiatives and ideas. These run after the
change commits (the services register them with `transaction.on_commit`); each person
gets the text in their own language.

- an initiative changes phase: the administrators of the organizations that committed,
  and the proposer; an organization joins: the lead's proposer and administrators;
- a comment on an idea: its author; an idea's status changes (considered, declined,
  merged, became an initiative): its author and everyone who supports it.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from eenoverheid.notifications import services as notifications
from eenoverheid.organizations.models import Membership, MembershipRole


def _send(user_ids, *, kind: str, url: str, text_of, exclude: int | None = None) -> int:
    """`text_of()` is called once per language, inside that language."""
    by_language = defaultdict(list)
    for pk, language in (
        get_user_model()
        .objects.filter(pk__in=set(user_ids), is_active=True)
        .values_list("pk", "preferred_language")
    ):
        by_language[language or settings.LANGUAGE_CODE].append(pk)
    sent = 0
    for language, ids in by_language.items():
        with translation.override(language):
            sent += notifications.notify(
                user_ids=ids, kind=kind, text=str(text_of()), url=url, exclude=exclude
            )
    return sent


def _admins(organization_ids) -> list[int]:
    return list(
        Membership.objects.filter(
            organization_id__in=list(organization_ids), role=MembershipRole.ADMIN
        ).values_list("user_id", flat=True)
    )


def initiative_changed(
    *,
    initiative_id: int,
    event: str,
    organization_id: int | None = None,
    actor_id: int | None = None,
) -> int:
    from eenoverheid.organizations.models import Organization
    from eenoverheid.solutions.models import Commitment, JointInitiative, Phase
    from eenoverheid.solutions.services.initiatives import STANDING

    initiative = JointInitiative.objects.filter(pk=initiative_id).select_related("lead").first()
    if initiative is None:
        return 0
    url = reverse("solutions:initiative", args=[initiative.pk])
    if event == "joined":
        joined = Organization.objects.filter(pk=organization_id).first()
        recipients = [*_admins([initiative.lead_id]), initiative.proposed_by_id]
        return _send(
            recipients,
            kind="initiative.joined",
            url=url,
            exclude=actor_id,
            text_of=lambda: (
                _("%(organization)s joined “%(title)s”.")
                % {"organization": joined, "title": initiative.title}
            ),
        )
    committed = Commitment.objects.filter(initiative=initiative, status__in=STANDING).values_list(
        "organization_id", flat=True
    )
    recipients = [*_admins(committed), initiative.proposed_by_id]
    return _send(
        recipients,
        kind="initiative.phase",
        url=url,
        exclude=actor_id,
        text_of=lambda: (
            _("“%(title)s” is now: %(phase)s.")
            % {"title": initiative.title, "phase": Phase(initiative.phase).label}
        ),
    )


def idea_commented(*, comment_id: int) -> int:
    from eenoverheid.solutions.models import IdeaComment

    comment = IdeaComment.objects.filter(pk=comment_id).select_related("idea", "author").first()
    if comment is None or not comment.idea.author_id:
        return 0
    return _send(
        [comment.idea.author_id],
        kind="idea.comment",
        url=reverse("solutions:idea", args=[comment.idea_id]) + f"#reactie-{comment.pk}",
        exclude=comment.author_id,
        text_of=lambda: (
            _("%(who)s reacted to your idea “%(title)s”.")
            % {"who": comment.author or _("Former member"), "title": comment.idea.title}
        ),
    )


def idea_status_changed(*, idea_id: int) -> int:
    from eenoverheid.solutions.models import Idea, IdeaStatus, Vote

    idea = Idea.objects.filter(pk=idea_id).first()
    if idea is None:
        return 0
    recipients = list(Vote.objects.filter(idea=idea).values_list("user_id", flat=True))
    if idea.status == IdeaStatus.MERGED and idea.merged_into_id:
        recipients = list(
            Vote.objects.filter(idea_id=idea.merged_into_id).values_list("user_id", flat=True)
        )
    recipients.append(idea.author_id)
    return _send(
        recipients,
        kind="idea.status",
        url=reverse("solutions:idea", args=[idea.pk]),
        text_of=lambda: (
            _("The idea “%(title)s”: %(status)s.")
            % {"title": idea.title, "status": IdeaStatus(idea.status).label}
        ),
    )
