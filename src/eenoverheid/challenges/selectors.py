"""Reads of challenges: lists with filters, one challenge with its team, the map's
counts per province, similar challenges, invitations waiting for someone."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from eenoverheid.challenges.models import (
    AreaKind,
    Challenge,
    ChallengeLink,
    ChallengeMember,
    ChallengePartner,
    ChallengeSkill,
    Invitation,
    InvitationStatus,
    Task,
)
from eenoverheid.core.errors import InvalidInput, InvalidParam, NotFound
from eenoverheid.organizations import selectors as org_selectors
from eenoverheid.organizations.models import Membership, MembershipRole, Organization


@dataclass
class ChallengeFilters:
    q: str = ""
    province: Organization | None = None
    municipality: Organization | None = None
    domain: str | None = None
    status: str | None = None
    mine: bool = False


def filters_from_params(
    *, q=None, province=None, municipality=None, domain=None, status=None, mine=False
):
    errors = []
    f = ChallengeFilters(q=(q or "").strip()[:200], status=status or None, mine=bool(mine))
    if province:
        f.province = org_selectors.provinces().filter(code=str(province).strip().lower()).first()
        if f.province is None:
            errors.append(InvalidParam("province", _("Unknown province code."), "unknown_province"))
    if municipality:
        try:
            f.municipality = org_selectors.municipality_get(str(municipality))
        except NotFound:
            errors.append(
                InvalidParam(
                    "municipality", _("Unknown municipality code."), "unknown_municipality"
                )
            )
    if domain:
        try:
            org_selectors.policy_domain_ids(str(domain))
            f.domain = str(domain)
        except NotFound:
            errors.append(
                InvalidParam("policy_domain", _("Unknown policy domain."), "unknown_policy_domain")
            )
    if errors:
        raise InvalidInput(errors[0].reason, invalid_params=errors)
    return f


def challenge_list(*, viewer, filters: ChallengeFilters) -> QuerySet[Challenge]:
    challenges = Challenge.objects.visible_to(viewer).select_related(
        "organization", "area_organization"
    )
    for term in filters.q.split()[:8]:
        challenges = challenges.filter(Q(title__icontains=term) | Q(description__icontains=term))
    if filters.province is not None:
        challenges = challenges.filter(
            Q(area_kind=AreaKind.NATIONAL)
            | Q(
                pk__in=Challenge.municipalities.through.objects.filter(
                    organization__province=filters.province
                ).values("challenge_id")
            )
        )
    if filters.municipality is not None:
        challenges = challenges.filter(
            Q(area_kind=AreaKind.NATIONAL) | Q(municipalities=filters.municipality)
        )
    if filters.domain:
        challenges = challenges.filter(
            pk__in=Challenge.policy_domains.through.objects.filter(
                policydomain_id__in=org_selectors.policy_domain_ids(filters.domain)
            ).values("challenge_id")
        )
    if filters.status:
        challenges = challenges.filter(status=filters.status)
    if filters.mine and viewer.is_authenticated:
        challenges = challenges.filter(members__user=viewer)
    return challenges.annotate(
        member_count=Count("members", distinct=True),
        municipality_count=Count("municipalities", distinct=True),
    ).order_by("-created_at", "-id")


def province_counts(*, viewer) -> tuple[list[tuple[Organization, int]], int]:
    """Visible challenges per province (a challenge spanning two provinces counts in
    both), and the number of national ones: what the map shows. Two queries."""
    visible = Challenge.objects.visible_to(viewer)
    counts = dict(
        Challenge.municipalities.through.objects.filter(challenge__in=visible)
        .values("organization__province_id")
        .annotate(n=Count("challenge_id", distinct=True))
        .values_list("organization__province_id", "n")
    )
    national = visible.filter(area_kind=AreaKind.NATIONAL).count()
    return [(p, counts.get(p.pk, 0)) for p in org_selectors.provinces()], national


def challenge_get(*, viewer, pk: int) -> Challenge:
    challenge = (
        Challenge.objects.visible_to(viewer)
        .filter(pk=pk)
        .select_related("organization", "area_organization", "lead")
        .prefetch_related(
            Prefetch(
                "needs",
                queryset=ChallengeSkill.objects.select_related("skill").order_by("skill__name"),
            ),
            "policy_domains",
        )
        .first()
    )
    if challenge is None:
        raise NotFound(_("No challenge with this id, or it is not visible to you."))
    return challenge


def team_of(challenge: Challenge) -> list[ChallengeMember]:
    return list(
        challenge.members.select_related("user", "user__profile").order_by("role", "joined_at")
    )


def partners_of(challenge: Challenge) -> list[ChallengePartner]:
    return list(challenge.partners.select_related("organization").order_by("organization__name"))


def invitations_of(challenge: Challenge, *, pending_only: bool = False) -> list[Invitation]:
    invitations = challenge.invitations.select_related("user", "organization", "invited_by")
    if pending_only:
        invitations = invitations.filter(status=InvitationStatus.PENDING)
    return list(invitations[:200])


def invitations_for(*, user) -> QuerySet[Invitation]:
    """Invitations waiting for `user`: to them, or to an organization they administer."""
    administered = Membership.objects.filter(user=user, role=MembershipRole.ADMIN).values(
        "organization_id"
    )
    return (
        Invitation.objects.filter(status=InvitationStatus.PENDING)
        .filter(Q(user=user) | Q(organization__in=administered))
        .select_related("challenge", "challenge__organization", "organization", "invited_by")
        .order_by("-created_at", "-id")
    )


def municipalities_of(challenge: Challenge, limit: int = 60) -> tuple[list[Organization], int]:
    municipalities = challenge.municipalities.order_by("name")
    shown = list(municipalities[:limit])
    return shown, (len(shown) if len(shown) < limit else municipalities.count())


def related_of(*, viewer, challenge: Challenge) -> list[tuple[Challenge, str]]:
    links = list(ChallengeLink.objects.filter(Q(first=challenge) | Q(second=challenge)))
    other_ids = {
        link.second_id if link.first_id == challenge.pk else link.first_id: link.note
        for link in links
    }
    visible = (
        Challenge.objects.visible_to(viewer)
        .filter(pk__in=list(other_ids))
        .select_related("organization")
    )
    return [(c, other_ids[c.pk]) for c in visible.order_by("title")]


def similar_to(*, viewer, challenge: Challenge, limit: int = 5) -> list[Challenge]:
    """Challenges the viewer can see that share policy domains or needed skills, not yet
    linked: "the same problem elsewhere"."""
    domain_ids = list(challenge.policy_domains.values_list("id", flat=True))
    skill_ids = list(challenge.needs.values_list("skill_id", flat=True))
    if not domain_ids and not skill_ids:
        return []
    linked = [
        link.second_id if link.first_id == challenge.pk else link.first_id
        for link in ChallengeLink.objects.filter(Q(first=challenge) | Q(second=challenge))
    ]
    return list(
        Challenge.objects.visible_to(viewer)
        .exclude(pk__in=[challenge.pk, *linked])
        .annotate(
            shared_domains=Count(
                "policy_domains", filter=Q(policy_domains__in=domain_ids), distinct=True
            ),
            shared_skills=Count("needs", filter=Q(needs__skill_id__in=skill_ids), distinct=True),
        )
        .filter(Q(shared_domains__gt=0) | Q(shared_skills__gt=0))
        .select_related("organization")
        .order_by("-shared_domains", "-shared_skills", "-created_at")[:limit]
    )


def tasks_of(challenge: Challenge) -> list[Task]:
    return list(challenge.tasks.select_related("owner").order_by("status", "due_on", "id")[:500])
