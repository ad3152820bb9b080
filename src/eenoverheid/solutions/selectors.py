"""Reads of shared solutions, joint initiatives and ideas, with what each list needs
fetched in a fixed number of queries, and visibility applied everywhere."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, FloatField, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from eenoverheid.core.errors import NotFound
from eenoverheid.core.pagination import Lazy
from eenoverheid.organizations.models import GovernmentLayer, Organization, OrganizationDomain
from eenoverheid.organizations.selectors import organization_ids_of
from eenoverheid.solutions.models import (
    ACTIVE_PHASES,
    JOINABLE_PHASES,
    Adoption,
    Commitment,
    Idea,
    IdeaComment,
    IdeaStatus,
    JointInitiative,
    Solution,
    Vote,
)
from eenoverheid.solutions.services.initiatives import STANDING, progress_of

TRENDING_DAYS = 7
TRENDING_DEPTH = 1000  # ideas ranked by the last week's votes; the rest by all votes


def _terms(q: str) -> list[str]:
    return [t for t in (q or "").split() if t][:8]


def _organization_q(code: str, field_name: str) -> Q:
    return Q(**{f"{field_name}__code": code})


# -- solutions -------------------------------------------------------------------------


@dataclass
class SolutionFilters:
    q: str = ""
    kind: str | None = None
    status: str | None = None
    domain: str | None = None
    owner: str | None = None  # organization code
    used_by: str | None = None  # organization code
    layer: str | None = None  # the layer of the owner or of an organization that uses it
    province: str | None = None  # province code: owner or users there
    standard: int | None = None
    sort: str = "name"  # name, used, recent


def solutions_visible(viewer) -> QuerySet[Solution]:
    return Solution.objects.visible_to(viewer)


def solutions_list(*, viewer, filters: SolutionFilters | None = None) -> QuerySet[Solution]:
    f = filters or SolutionFilters()
    solutions = solutions_visible(viewer)
    for term in _terms(f.q):
        solutions = solutions.filter(
            Q(name__icontains=term)
            | Q(summary__icontains=term)
            | Q(description__icontains=term)
            | Q(owner__name__icontains=term)
            | Q(standards__name__icontains=term)
        )
    if f.kind:
        solutions = solutions.filter(kind=f.kind)
    if f.status:
        solutions = solutions.filter(status=f.status)
    if f.domain:
        solutions = solutions.filter(
            Q(policy_domains__code=f.domain) | Q(policy_domains__parent__code=f.domain)
        )
    if f.owner:
        solutions = solutions.filter(owner__code=f.owner)
    if f.used_by:
        solutions = solutions.filter(
            Q(adoptions__organization__code=f.used_by) | Q(owner__code=f.used_by)
        )
    if f.layer:
        solutions = solutions.filter(
            Q(owner__layer=f.layer) | Q(adoptions__organization__layer=f.layer)
        )
    if f.province:
        solutions = solutions.filter(
            Q(owner__province__code=f.province)
            | Q(owner__code=f.province)
            | Q(adoptions__organization__province__code=f.province)
        )
    if f.standard:
        solutions = solutions.filter(standards__pk=f.standard)
    if f.q or f.domain or f.used_by or f.layer or f.province or f.standard:
        # The joins above may repeat a solution; the ids make the page unique.
        solutions = Solution.objects.filter(pk__in=solutions.values("pk"))
    order = {
        "used": ["-adopter_count", "name", "id"],
        "recent": ["-created_at", "-id"],
    }.get(f.sort, ["name", "id"])
    return with_details(solutions).order_by(*order)


def with_details(solutions: QuerySet[Solution]) -> QuerySet[Solution]:
    return solutions.select_related("owner", "contact").prefetch_related(
        "policy_domains", "standards"
    )


def solution_get(*, viewer, pk: int) -> Solution:
    solution = with_details(solutions_visible(viewer)).filter(pk=pk).first()
    if solution is None:
        raise NotFound("No solution with this number.")
    return solution


def adoptions_of(solution: Solution) -> list[Adoption]:
    return list(
        Adoption.objects.filter(solution=solution).select_related(
            "organization", "organization__province", "contact"
        )
    )


@dataclass
class Group:
    label: str
    organizations: list = field(default_factory=list)


def users_by_layer(solution: Solution, adoptions: list[Adoption]) -> list[Group]:
    """The owner and the organizations that use it, per government layer in the order
    of the layers."""
    groups = {value: Group(label=str(label)) for value, label in GovernmentLayer.choices}
    for adoption in adoptions:
        groups[adoption.organization.layer].organizations.append(adoption.organization)
    return [g for g in groups.values() if g.organizations]


def users_by_region(adoptions: list[Adoption]) -> list[Group]:
    """Per province (of the organization, or the province itself); organizations with
    no province (national bodies) under "the whole country"."""
    from django.utils.translation import gettext as _

    regions: dict[str, Group] = {}
    for adoption in adoptions:
        o = adoption.organization
        province = o if o.kind == "province" else o.province
        key = province.name if province else ""
        regions.setdefault(key, Group(label=key or _("The whole country"))).organizations.append(o)
    return sorted(regions.values(), key=lambda g: (g.label == _("The whole country"), g.label))


def like_yours(*, viewer, organization: Organization, limit: int = 6) -> list[Solution]:
    """Solutions used by organizations like `organization` (the same kind; more so in the
    same province and of a similar size) that it neither owns nor uses yet, most used by
    such organizations first. The weights are summed by the database: three queries."""
    mine = Adoption.objects.filter(organization=organization).values("solution_id")
    weight = Case(
        When(organization__province_id=organization.province_id or -1, then=Value(2.0)),
        default=Value(1.0),
        output_field=FloatField(),
    )
    if organization.inhabitants:
        weight = weight + Case(
            When(
                organization__inhabitants__gte=organization.inhabitants / 2,
                organization__inhabitants__lte=organization.inhabitants * 2,
                then=Value(0.5),
            ),
            default=Value(0.0),
            output_field=FloatField(),
        )
    ranked = list(
        Adoption.objects.filter(organization__kind=organization.kind)
        .exclude(organization=organization)
        .exclude(solution_id__in=mine)
        .exclude(solution__owner=organization)
        .exclude(solution__status="retired")
        .values("solution_id")
        .annotate(w=Sum(weight))
        .order_by("-w", "solution_id")
        .values_list("solution_id", "w")[: limit * 10]
    )
    if not ranked:
        return []
    weights = dict(ranked)
    visible = set(
        solutions_visible(viewer).filter(pk__in=list(weights)).values_list("pk", flat=True)
    )
    chosen_ids = [pk for pk, _w in ranked if pk in visible][:limit]
    found = with_details(Solution.objects.filter(pk__in=chosen_ids)).in_bulk()
    chosen = [found[pk] for pk in chosen_ids]
    for s in chosen:
        s.peer_weight = round(weights[s.pk], 1)
    return chosen


def viewer_organizations(viewer) -> list[Organization]:
    if not (viewer and viewer.is_authenticated):
        return []
    return list(Organization.objects.filter(pk__in=organization_ids_of(viewer)).order_by("name"))


# -- initiatives -----------------------------------------------------------------------


@dataclass
class InitiativeFilters:
    q: str = ""
    phase: str | None = None
    active: bool = False
    domain: str | None = None
    layer: str | None = None  # of the lead or of a participant
    province: str | None = None
    organization: str | None = None  # the lead or a participant


def initiatives_visible(viewer) -> QuerySet[JointInitiative]:
    return JointInitiative.objects.visible_to(viewer)


def initiatives_list(
    *, viewer, filters: InitiativeFilters | None = None
) -> QuerySet[JointInitiative]:
    f = filters or InitiativeFilters()
    found = initiatives_visible(viewer)
    for term in _terms(f.q):
        found = found.filter(
            Q(title__icontains=term) | Q(goal__icontains=term) | Q(lead__name__icontains=term)
        )
    if f.phase:
        found = found.filter(phase=f.phase)
    elif f.active:
        found = found.filter(phase__in=ACTIVE_PHASES)
    joined = Q(commitments__status__in=STANDING)
    if f.domain:
        found = found.filter(
            Q(policy_domains__code=f.domain) | Q(policy_domains__parent__code=f.domain)
        )
    if f.layer:
        found = found.filter(
            Q(lead__layer=f.layer) | (joined & Q(commitments__organization__layer=f.layer))
        )
    if f.province:
        found = found.filter(province__code=f.province)
    if f.organization:
        found = found.filter(
            Q(lead__code=f.organization)
            | (joined & Q(commitments__organization__code=f.organization))
        )
    if f.q or f.domain or f.layer or f.organization:
        found = JointInitiative.objects.filter(pk__in=found.values("pk"))
    return initiative_details(found).order_by("-created_at", "-id")


def initiatives_with_progress(*, viewer, filters: InitiativeFilters | None = None) -> Lazy:
    """`initiatives_list`, a page at a time, each with its progress (one query a page)."""
    found = initiatives_list(viewer=viewer, filters=filters)
    return Lazy(found.count, lambda window: attach_progress(list(found[window])))


def initiative_details(initiatives: QuerySet[JointInitiative]) -> QuerySet[JointInitiative]:
    return initiatives.select_related("lead", "province").prefetch_related("policy_domains")


def attach_progress(initiatives: list[JointInitiative]) -> list[JointInitiative]:
    """Set `progress` and `participant_count` on each, in one query for the page."""
    totals = {
        row["initiative_id"]: row
        for row in Commitment.objects.filter(
            initiative__in=[i.pk for i in initiatives], status__in=STANDING
        )
        .values("initiative_id")
        .annotate(euros=Sum("euros"), hours=Sum("hours"), points=Sum("points"), n=Count("id"))
        .order_by()
    }
    for i in initiatives:
        row = totals.get(i.pk, {})
        i.progress = progress_of(i, row)
        i.participant_count = row.get("n", 0)
    return initiatives


def initiative_get(*, viewer, pk: int) -> JointInitiative:
    found = (
        initiative_details(initiatives_visible(viewer))
        .select_related("idea", "solution", "proposed_by")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound("No initiative with this number.")
    return found


def commitments_of(initiative: JointInitiative) -> list[Commitment]:
    return list(
        Commitment.objects.filter(initiative=initiative)
        .select_related("organization", "organization__province")
        .order_by("status", "created_at", "id")
    )


def participants_by_layer(
    initiative: JointInitiative, commitments: list[Commitment]
) -> list[Group]:
    """The lead and the organizations with a standing commitment, per layer."""
    groups = {value: Group(label=str(label)) for value, label in GovernmentLayer.choices}
    groups[initiative.lead.layer].organizations.append(initiative.lead)
    for c in commitments:
        if c.status in STANDING and c.organization_id != initiative.lead_id:
            groups[c.organization.layer].organizations.append(c.organization)
    return [g for g in groups.values() if g.organizations]


def suggested_initiatives(
    *, viewer, organization: Organization, limit: int = 6
) -> list[JointInitiative]:
    """Initiatives that `organization` could join: open to joining, not led or joined by
    it, and sharing its policy domains (most), its region or its layer. Each carries
    `reasons`: what it shares."""
    from django.utils.translation import gettext as _

    # An initiative about a broad domain ("6", social domain) concerns an organization
    # that holds a narrower one ("6.1"): compare with the broader domains too.
    domain_ids = set()
    for domain_id, parent_id in OrganizationDomain.objects.filter(
        organization=organization
    ).values_list("domain_id", "domain__parent_id"):
        domain_ids.add(domain_id)
        if parent_id:
            domain_ids.add(parent_id)
    province_id = organization.pk if organization.kind == "province" else organization.province_id
    joined = Commitment.objects.filter(organization=organization, status__in=STANDING).values(
        "initiative_id"
    )
    candidates = (
        initiatives_visible(viewer)
        .filter(phase__in=JOINABLE_PHASES)
        .exclude(lead=organization)
        .exclude(pk__in=joined)
        .filter(
            Q(policy_domains__in=domain_ids)
            | Q(province_id=province_id if province_id else -1)
            | Q(lead__layer=organization.layer)
        )
        .values_list("pk", flat=True)
        .distinct()[:500]
    )
    ids = list(candidates)
    if not ids:
        return []
    domains_of = defaultdict(set)
    for initiative_id, domain_id in JointInitiative.policy_domains.through.objects.filter(
        jointinitiative_id__in=ids
    ).values_list("jointinitiative_id", "policydomain_id"):
        domains_of[initiative_id].add(domain_id)
    found = initiative_details(JointInitiative.objects.filter(pk__in=ids)).in_bulk()
    scored = []
    for pk, i in found.items():
        reasons = []
        shared = len(domains_of[pk] & domain_ids)
        score = 3 * shared
        if shared:
            reasons.append(_("shares %(n)d of your policy domains") % {"n": shared})
        if province_id and i.province_id == province_id:
            score += 2
            reasons.append(_("in your region"))
        if i.lead.layer == organization.layer:
            score += 1
            reasons.append(_("led by an organization of your layer"))
        i.reasons = reasons
        scored.append((score, i))
    scored.sort(key=lambda pair: (-pair[0], -pair[1].pk))
    return attach_progress([i for _s, i in scored[:limit]])


# -- ideas -----------------------------------------------------------------------------


@dataclass
class IdeaFilters:
    q: str = ""
    sort: str = "support"  # support, recent, trending
    status: str | None = None
    domain: str | None = None
    include_merged: bool = False


def ideas_visible(viewer) -> QuerySet[Idea]:
    return Idea.objects.visible_to(viewer)


def ideas_list(*, viewer, filters: IdeaFilters | None = None) -> QuerySet[Idea] | Lazy:
    f = filters or IdeaFilters()
    ideas = ideas_visible(viewer)
    for term in _terms(f.q):
        ideas = ideas.filter(Q(title__icontains=term) | Q(body__icontains=term))
    if f.status:
        ideas = ideas.filter(status=f.status)
    elif not f.include_merged:
        ideas = ideas.exclude(status=IdeaStatus.MERGED)
    if f.domain:
        ideas = Idea.objects.filter(
            pk__in=ideas.filter(
                Q(policy_domains__code=f.domain) | Q(policy_domains__parent__code=f.domain)
            ).values("pk")
        )
    ideas = ideas.select_related("author", "initiative").prefetch_related("policy_domains")
    if f.sort == "recent":
        return ideas.order_by("-created_at", "-id")
    if f.sort == "trending":
        return trending(ideas)
    return ideas.order_by("-vote_count", "-id")


def trending(ideas: QuerySet[Idea]) -> Lazy:
    """Ideas by the support of the last week, then by all support, a page at a time. The
    week's votes are counted from the (created_at, idea) index alone, not per idea, so a
    page costs the same with 20,000 ideas as with 20."""
    since = timezone.now() - dt.timedelta(days=TRENDING_DAYS)
    recent = list(
        Vote.objects.filter(created_at__gte=since)
        .values("idea_id")
        .annotate(n=Count("idea_id"))
        .order_by("-n", "-idea_id")
        .values_list("idea_id", "n")[:TRENDING_DEPTH]
    )
    allowed = set(ideas.filter(pk__in=[pk for pk, _n in recent]).values_list("pk", flat=True))
    ranked = [pk for pk, _n in recent if pk in allowed]

    def load(window: slice) -> list[Idea]:
        start, stop = window.start or 0, window.stop
        head = ranked[start:stop]
        found = ideas.filter(pk__in=head).in_bulk()
        page = [found[pk] for pk in head if pk in found]
        if stop is None or stop > len(ranked):
            rest = ideas.exclude(pk__in=ranked).order_by("-vote_count", "-id")
            offset = max(0, start - len(ranked))
            page += list(rest[offset : None if stop is None else stop - len(ranked)])
        return page

    return Lazy(ideas.count, load)


def idea_get(*, viewer, pk: int) -> Idea:
    idea = (
        ideas_visible(viewer)
        .select_related("author", "merged_into", "initiative")
        .prefetch_related("policy_domains")
        .filter(pk=pk)
        .first()
    )
    if idea is None:
        raise NotFound("No idea with this number.")
    return idea


def initiative_of(idea: Idea) -> JointInitiative | None:
    return JointInitiative.objects.filter(idea=idea).first()


def comments_of(idea: Idea) -> QuerySet[IdeaComment]:
    return (
        IdeaComment.objects.filter(idea=idea).select_related("author").order_by("created_at", "id")
    )


def supported_ids(viewer, idea_ids: list[int]) -> set[int]:
    if not (viewer and viewer.is_authenticated):
        return set()
    from eenoverheid.solutions.models import Vote

    return set(
        Vote.objects.filter(user=viewer, idea_id__in=idea_ids).values_list("idea_id", flat=True)
    )
