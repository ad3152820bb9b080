"""What the platform suggests for a challenge: the organizations at the right government
level, a team that covers the needed skills, and the datasets that inform it.

Everything is computed from the register (areas and policy domains), the profiles
(skills, availability, organizations) and the dataset register, through those apps'
selectors; nothing here knows about particular organizations or challenges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eenoverheid.challenges import teams
from eenoverheid.challenges.models import AreaKind, Challenge
from eenoverheid.datasets.models import Dataset
from eenoverheid.organizations.models import (
    AreaScope,
    Coverage,
    GovernmentLayer,
    Organization,
    OrganizationDomain,
    OrganizationKind,
    PolicyDomain,
)
from eenoverheid.organizations.selectors import KIND_ORDER, LAYER_ORDER
from eenoverheid.people import selectors as people_selectors
from eenoverheid.people.models import Profile, ProfileSkill, Skill, SkillLevel

GROUP_LIMIT = 25
# People are looked for first in this many of the most specific suggested organizations:
# for a national challenge "every municipality" would be everyone, and no preference.
PREFERRED_LIMIT = 40
DATASET_LIMIT = 12


# -- organizations and the level --------------------------------------------------------


@dataclass
class OrganizationSuggestion:
    organization: Organization
    covered: int  # municipalities of the challenge's area that it covers
    area_size: int  # municipalities in its own area (all of them for national bodies)
    full: bool  # covers the whole area of the challenge
    domains: list[PolicyDomain]
    reason: str = ""


@dataclass
class LayerSuggestions:
    layer: str
    label: str
    organizations: list[OrganizationSuggestion]
    count: int


@dataclass
class LevelFit:
    layer: str | None
    label: str
    organization: Organization | None
    reason: str


@dataclass
class OrganizationAdvice:
    level: LevelFit
    groups: list[LayerSuggestions]
    organization_ids: list[int] = field(default_factory=list)  # all, not only those shown
    # The most specific of them, to look for people in first (see suggest_team).
    preferred_ids: list[int] = field(default_factory=list)

    def all(self) -> list[OrganizationSuggestion]:
        return [s for g in self.groups for s in g.organizations]


def challenge_domain_ids(challenge: Challenge) -> list[int]:
    """The challenge's policy domains, a main task field standing for its task fields."""
    chosen = list(challenge.policy_domains.all())
    ids = {d.pk for d in chosen}
    parents = [d.pk for d in chosen if d.parent_id is None]
    if parents:
        ids |= set(PolicyDomain.objects.filter(parent_id__in=parents).values_list("id", flat=True))
    return sorted(ids)


def area_municipality_ids(challenge: Challenge) -> list[int]:
    if challenge.area_kind == AreaKind.NATIONAL:
        return list(Organization.objects.active().municipalities().values_list("id", flat=True))
    return list(challenge.municipalities.values_list("id", flat=True))


def _layer_rank(layer: str) -> int:
    return LAYER_ORDER.index(layer) if layer in LAYER_ORDER else len(LAYER_ORDER)


def _domain_names(domains: list[PolicyDomain]) -> str:
    return ", ".join(f"{d.name} ({d.code})" for d in domains[:3])


def suggest_organizations(challenge: Challenge) -> OrganizationAdvice:
    """Organizations whose area covers (part of) the challenge's area and who hold its
    policy domains, grouped by government layer, the most specific first; and the level
    at which the challenge fits best: the smallest area that contains the whole
    challenge and holds its domains."""
    area = set(area_municipality_ids(challenge))
    domain_ids = challenge_domain_ids(challenge)
    municipality_count = Organization.objects.active().municipalities().count()

    covered = dict(
        Coverage.objects.filter(municipality_id__in=area, organization__is_active=True)
        .exclude(organization__kind=OrganizationKind.DEPARTMENT)
        .values("organization_id")
        .annotate(n=Count("municipality_id", distinct=True))
        .values_list("organization_id", "n")
    )
    national_ids = set(
        Organization.objects.active()
        .filter(area_scope=AreaScope.NATIONAL)
        .exclude(kind=OrganizationKind.DEPARTMENT)
        .values_list("id", flat=True)
    )
    candidate_ids = set(covered) | national_ids
    matched: dict[int, list[int]] = {}
    if domain_ids:
        for organization_id, domain_id in OrganizationDomain.objects.filter(
            organization_id__in=candidate_ids, domain_id__in=domain_ids
        ).values_list("organization_id", "domain_id"):
            matched.setdefault(organization_id, []).append(domain_id)
        candidate_ids = set(matched)
    area_sizes = dict(
        Coverage.objects.filter(organization_id__in=candidate_ids - national_ids)
        .values("organization_id")
        .annotate(n=Count("id"))
        .values_list("organization_id", "n")
    )
    domains = {d.pk: d for d in PolicyDomain.objects.filter(pk__in=domain_ids)}
    organizations = Organization.objects.filter(pk__in=candidate_ids).select_related("province")

    suggestions = []
    for organization in organizations:
        national = organization.pk in national_ids
        in_area = len(area) if national else covered.get(organization.pk, 0)
        size = municipality_count if national else area_sizes.get(organization.pk, in_area)
        suggestion = OrganizationSuggestion(
            organization=organization,
            covered=in_area,
            area_size=size,
            full=bool(area) and in_area >= len(area),
            domains=sorted(
                (domains[d] for d in matched.get(organization.pk, []) if d in domains),
                key=lambda d: d.position,
            ),
        )
        suggestion.reason = _reason(suggestion, len(area), national)
        suggestions.append(suggestion)

    kind_rank = {kind: rank for rank, kind in enumerate(KIND_ORDER)}

    def order(s: OrganizationSuggestion):
        return (
            not s.full,
            -len(s.domains),
            s.area_size,
            kind_rank.get(s.organization.kind, len(kind_rank)),
            s.organization.name.lower(),
        )

    grouped: dict[str, list[OrganizationSuggestion]] = {}
    for suggestion in sorted(suggestions, key=order):
        grouped.setdefault(suggestion.organization.layer, []).append(suggestion)
    labels = dict(GovernmentLayer.choices)
    groups = [
        LayerSuggestions(
            layer=layer,
            label=str(labels.get(layer, layer)),
            organizations=grouped[layer][:GROUP_LIMIT],
            count=len(grouped[layer]),
        )
        for layer in sorted(grouped, key=_layer_rank)
    ]
    return OrganizationAdvice(
        level=_level(challenge, suggestions, len(area), domain_ids),
        groups=groups,
        organization_ids=[s.organization.pk for s in suggestions if s.full or s.domains],
        preferred_ids=[
            s.organization.pk for s in sorted(suggestions, key=order) if s.full or s.domains
        ][:PREFERRED_LIMIT],
    )


def _reason(s: OrganizationSuggestion, area_size: int, national: bool) -> str:
    parts = []
    if national:
        parts.append(_("works nationwide"))
    elif s.full:
        parts.append(
            ngettext(
                "covers the whole area (its own area: %(size)d municipality)",
                "covers the whole area (its own area: %(size)d municipalities)",
                s.area_size,
            )
            % {"size": s.area_size}
        )
    else:
        parts.append(
            _("covers %(covered)d of the %(total)d municipalities")
            % {"covered": s.covered, "total": area_size}
        )
    if s.domains:
        parts.append(_("holds %(domains)s") % {"domains": _domain_names(s.domains)})
    return "; ".join(parts)


def _level(challenge, suggestions, area_size, domain_ids) -> LevelFit:
    labels = dict(GovernmentLayer.choices)
    full = [s for s in suggestions if s.full]
    if not full:
        if not suggestions:
            return LevelFit(
                None,
                _("No organization found"),
                None,
                _("No organization in the register covers this area with these policy domains."),
            )
        layers = sorted({s.organization.layer for s in suggestions}, key=_layer_rank)
        return LevelFit(
            None,
            _("Cooperation between organizations"),
            None,
            _(
                "No single organization covers the whole area with these policy domains: "
                "the %(count)d organizations below each cover part of it (%(layers)s)."
            )
            % {
                "count": len(suggestions),
                "layers": ", ".join(str(labels.get(layer, layer)).lower() for layer in layers),
            },
        )
    best = min(
        full,
        key=lambda s: (
            s.area_size,
            _layer_rank(s.organization.layer),
            -len(s.domains),
            s.organization.name,
        ),
    )
    layer_label = str(labels.get(best.organization.layer, best.organization.layer))
    if domain_ids:
        why = _(
            "%(name)s is the smallest organization whose area contains the whole challenge "
            "(%(size)d municipalities) and that holds %(domains)s."
        ) % {
            "name": best.organization.name,
            "size": best.area_size,
            "domains": _domain_names(best.domains),
        }
    else:
        why = _(
            "%(name)s is the smallest organization whose area contains the whole challenge "
            "(%(size)d municipalities); give policy domains to narrow this down."
        ) % {"name": best.organization.name, "size": best.area_size}
    wider = sorted(
        (
            s
            for s in full
            if s.organization.layer != best.organization.layer and s.area_size > best.area_size
        ),
        key=lambda s: s.area_size,
    )
    if wider:
        why += " " + _(
            "%(name)s covers it too, but its area is larger (%(size)d municipalities)."
        ) % {
            "name": wider[0].organization.name,
            "size": wider[0].area_size,
        }
    return LevelFit(best.organization.layer, layer_label, best.organization, why)


# -- the team -------------------------------------------------------------------------------


@dataclass
class TeamMemberSuggestion:
    profile: Profile
    skills: list[Skill]
    organization: Organization | None
    cost: float
    reasons: list[str]
    pinned: bool = False
    alternatives: list[tuple[Skill, list[Profile]]] = field(default_factory=list)


@dataclass
class TeamSuggestion:
    members: list[TeamMemberSuggestion]
    uncovered: list[tuple[Skill, int]]
    cost: float
    team_size: int
    candidates: int
    excluded: list[int]
    pinned: list[int]

    @property
    def complete(self) -> bool:
        return not self.uncovered


COST_BASE = 1.0
COST_NOT_SUGGESTED = 0.5
COST_OUTSIDE_AREA = 0.2
COST_NO_EXPERT = 0.2


def candidate_cost(*, in_suggested: bool, in_area: bool | None, has_expert: bool) -> float:
    """What adding a person costs: one for being a person (small teams), more when they
    work for none of the suggested organizations, outside the area, or bring no needed
    skill at expert level."""
    cost = COST_BASE
    if not in_suggested:
        cost += COST_NOT_SUGGESTED
    if in_area is False:
        cost += COST_OUTSIDE_AREA
    if not has_expert:
        cost += COST_NO_EXPERT
    return round(cost, 4)


def suggest_team(
    challenge: Challenge,
    *,
    viewer,
    suggested_organizations: list[int],
    prefer_organizations: list[int] | None = None,
    team_size: int | None = None,
    exclude: list[int] = (),
    pin: list[int] = (),
) -> TeamSuggestion:
    needs = list(challenge.needs.select_related("skill"))
    demand = {n.skill_id: n.people_needed for n in needs}
    skills = {n.skill_id: n.skill for n in needs}
    size = max(1, min(team_size or challenge.team_size, 25))
    current = set(challenge.members.values_list("user_id", flat=True))
    if not demand:
        return TeamSuggestion([], [], 0.0, size, 0, list(exclude), list(pin))
    holders = people_selectors.skill_holders(
        viewer=viewer,
        skill_ids=list(demand),
        prefer_organizations=(
            suggested_organizations if prefer_organizations is None else prefer_organizations
        ),
        exclude_users=list(exclude),
    )
    area = (
        None if challenge.area_kind == AreaKind.NATIONAL else set(area_municipality_ids(challenge))
    )
    suggested = set(suggested_organizations)
    by_user: dict[int, list] = {}
    for holder in holders:
        by_user.setdefault(holder.user_id, []).append(holder)
    candidates: dict[int, teams.Candidate] = {}
    for user_id, held in by_user.items():
        first = held[0]
        relevant = [o for o in first.organization_ids if o in suggested]
        organization = (relevant or first.organization_ids or [None])[0]
        in_area = (
            None
            if area is None or first.work_municipality_id is None
            else (first.work_municipality_id in area)
        )
        candidates[user_id] = teams.Candidate(
            key=user_id,
            skills=frozenset(h.skill_id for h in held),
            cost=candidate_cost(
                in_suggested=bool(relevant),
                in_area=in_area if area is not None else None,
                has_expert=any(h.level == SkillLevel.EXPERT for h in held),
            ),
            organization=organization,
        )
    pinned = [candidates[k] for k in pin if k in candidates and k not in current]
    on_team = _team_so_far(current, demand)
    result = teams.form_team(
        demand,
        [c for k, c in candidates.items() if k not in current],
        max_size=size,
        pinned=pinned + on_team,
    )
    members = [m for m in result.members if m.key not in current]
    options = teams.alternatives(
        demand, result.members, [c for c in candidates.values() if c.key not in current]
    )
    shown_ids = {m.key for m in members} | {c.key for cs in options.values() for c in cs}
    profiles = people_selectors.profiles_for(viewer=viewer, user_ids=list(shown_ids))
    organizations = Organization.objects.in_bulk(
        [m.organization for m in members if m.organization is not None]
    )
    levels = {(h.user_id, h.skill_id): h.level for h in holders}
    suggestions = []
    for member in members:
        profile = profiles.get(member.key)
        if profile is None:
            continue
        organization = organizations.get(member.organization)
        reasons = []
        brought = sorted(member.skills, key=lambda s: skills[s].name)
        for skill_id in brought:
            level = levels.get((member.key, skill_id))
            reasons.append(
                (
                    _("expert in %(skill)s")
                    if level == SkillLevel.EXPERT
                    else _("practises %(skill)s")
                )
                % {"skill": skills[skill_id].name}
            )
        if member.organization in suggested and organization is not None:
            reasons.append(
                _("works at %(name)s, a suggested organization") % {"name": organization.name}
            )
        suggestions.append(
            TeamMemberSuggestion(
                profile=profile,
                skills=[skills[s] for s in brought],
                organization=organization,
                cost=member.cost,
                reasons=reasons,
                pinned=member.key in pin,
                alternatives=[
                    (skills[s], [profiles[c.key] for c in options.get(s, []) if c.key in profiles])
                    for s in brought
                ],
            )
        )
    return TeamSuggestion(
        members=suggestions,
        uncovered=[(skills[s], n) for s, n in sorted(result.uncovered.items())],
        cost=result.cost,
        team_size=size,
        candidates=len(candidates),
        excluded=list(exclude),
        pinned=[k for k in pin if k in candidates],
    )


def _team_so_far(current: set[int], demand: dict[int, int]) -> list[teams.Candidate]:
    """The people already on the team count towards the demand, available or not, at no
    cost: the suggestion completes the team rather than replacing it."""
    if not current:
        return []
    narrower = people_selectors.skill_descendants(list(demand))
    brings: dict[int, set[int]] = {user_id: set() for user_id in current}
    for user_id, skill_id in ProfileSkill.objects.filter(
        profile__user_id__in=current, level__in=[SkillLevel.EXPERT, SkillLevel.PRACTITIONER]
    ).values_list("profile__user_id", "skill_id"):
        for needed, ids in narrower.items():
            if skill_id in ids:
                brings[user_id].add(needed)
    # Those who bring none of the needed skills (a lead who coordinates) take no seat.
    return [
        teams.Candidate(key=user_id, skills=frozenset(skills), cost=0.0)
        for user_id, skills in sorted(brings.items())
        if skills
    ]


# -- information ----------------------------------------------------------------------------


@dataclass
class DatasetSuggestion:
    dataset: Dataset
    reasons: list[str]
    score: float


WORD = re.compile(r"\w{4,}", re.UNICODE)


def suggest_datasets(
    challenge: Challenge, *, publishers: list[int], limit: int = DATASET_LIMIT
) -> list[DatasetSuggestion]:
    """Datasets of the suggested organizations, or on the challenge's policy domains;
    those matching both first, then those mentioning what the challenge says it needs."""
    domain_ids = challenge_domain_ids(challenge)
    condition = Q(publisher_id__in=publishers)
    if domain_ids:
        condition |= Q(
            pk__in=Dataset.policy_domains.through.objects.filter(
                policydomain_id__in=domain_ids
            ).values("dataset_id")
        )
    datasets = (
        Dataset.objects.filter(condition)
        .annotate(
            by_partner=Case(
                When(publisher_id__in=publishers, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            domain_hits=Count(
                "policy_domains", filter=Q(policy_domains__in=domain_ids), distinct=True
            ),
        )
        .select_related("publisher")
        .order_by("-by_partner", "-domain_hits", "-modified", "id")
    )
    if domain_ids:
        # Of the suggested organizations' datasets, those off-topic are noise.
        datasets = datasets.filter(domain_hits__gt=0)
    pool = list(datasets[: limit * 5])
    needs = {w.lower() for w in WORD.findall(f"{challenge.information_needs} {challenge.title}")}
    domains = {d.pk: d for d in PolicyDomain.objects.filter(pk__in=domain_ids)}
    dataset_domains: dict[int, list[int]] = {}
    for dataset_id, domain_id in Dataset.policy_domains.through.objects.filter(
        dataset_id__in=[d.pk for d in pool], policydomain_id__in=domain_ids
    ).values_list("dataset_id", "policydomain_id"):
        dataset_domains.setdefault(dataset_id, []).append(domain_id)
    out = []
    for dataset in pool:
        reasons = []
        score = 0.0
        if dataset.by_partner:
            score += 2
            reasons.append(
                _("published by %(name)s, a suggested organization")
                % {"name": dataset.publisher.name}
            )
        matched = [domains[d] for d in dataset_domains.get(dataset.pk, []) if d in domains]
        if matched:
            score += len(matched)
            reasons.append(_("about %(domains)s") % {"domains": _domain_names(matched)})
        words = {w.lower() for w in WORD.findall(f"{dataset.title} {' '.join(dataset.keywords)}")}
        shared = sorted(needs & words)
        if shared:
            score += 0.5 * len(shared)
            reasons.append(_("mentions %(words)s") % {"words": ", ".join(shared[:4])})
        out.append(DatasetSuggestion(dataset=dataset, reasons=reasons, score=score))
    out.sort(key=lambda s: (-s.score, s.dataset.title))
    return out[:limit]


# -- all of it --------------------------------------------------------------------------------


@dataclass
class Suggestions:
    organizations: OrganizationAdvice
    team: TeamSuggestion
    datasets: list[DatasetSuggestion]


def suggestions_for(
    challenge: Challenge,
    *,
    viewer,
    team_size: int | None = None,
    exclude: list[int] = (),
    pin: list[int] = (),
) -> Suggestions:
    advice = suggest_organizations(challenge)
    relevant = list(advice.organization_ids)
    # The suggested organizations' own departments count as those organizations.
    departments = dict(
        Organization.objects.filter(parent_id__in=relevant, is_active=True).values_list(
            "id", "parent_id"
        )
    )
    preferred = set(advice.preferred_ids)
    prefer = list(advice.preferred_ids) + [d for d, p in departments.items() if p in preferred]
    relevant += list(departments)
    return Suggestions(
        organizations=advice,
        team=suggest_team(
            challenge,
            viewer=viewer,
            suggested_organizations=relevant,
            prefer_organizations=prefer,
            team_size=team_size,
            exclude=exclude,
            pin=pin,
        ),
        datasets=suggest_datasets(challenge, publishers=advice.organization_ids),
    )
