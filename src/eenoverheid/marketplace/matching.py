"""How well a person fits an opportunity: one scoring function, used both ways
("opportunities for me" and "people who fit"), that explains itself.

The score (0-100) is a weighted sum of five parts:

- skills (60): each skill the opportunity asks for earns credit from the best skill the
  person holds: the same skill counts fully, a narrower one (a child in the taxonomy:
  the person knows part of the field) 0.6 per step, a broader one (a parent: the person
  knows the field around it) 0.4 per step; a level below the one asked for counts 0.6,
  two below 0.3. Required skills weigh twice as much as desired ones.
- text (15): how well the free text matches, from the search engine (BM25 with Dutch
  stemming), relative to the best match of the same query.
- place (10): remote work fits anyone; otherwise the same municipality fully, the same
  province partly.
- hours (8): the hours the person has against the hours asked.
- drive (7): the person says they seek this kind of opportunity (or, less, that they
  are available at all).

The explanation is the skills that matched (and how), the skills that are missing, and
the other parts with their share, so a page can say why something fits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eenoverheid.people.models import Skill, SkillLevel

WEIGHTS = {"skills": 0.60, "text": 0.15, "place": 0.10, "hours": 0.08, "drive": 0.07}
NARROWER = 0.6  # the person holds a child of the asked-for skill, per step down
BROADER = 0.4  # the person holds a parent of the asked-for skill, per step up
MAX_STEPS = 3
LEVEL_RANK = {SkillLevel.INTERESTED: 1, SkillLevel.PRACTITIONER: 2, SkillLevel.EXPERT: 3}
LEVEL_SHORTFALL = {0: 1.0, 1: 0.6, 2: 0.3}
REQUIRED_WEIGHT, DESIRED_WEIGHT = 2.0, 1.0
MISSING_BELOW = 0.35  # a skill credited less than this counts as missing


class Taxonomy:
    """The skills tree as parent links, loaded in one query."""

    def __init__(self, parents: dict[int, int | None]):
        self.parents = parents
        self._ancestors: dict[int, list[int]] = {}
        self.children: dict[int, list[int]] = {}
        for child, parent in parents.items():
            if parent is not None:
                self.children.setdefault(parent, []).append(child)

    @classmethod
    def load(cls) -> Taxonomy:
        return cls(dict(Skill.objects.values_list("id", "parent_id")))

    def ancestors(self, skill_id: int) -> list[int]:
        """Parent first, up to MAX_STEPS (remembered: a ranking asks thousands of times)."""
        chain = self._ancestors.get(skill_id)
        if chain is None:
            chain, current = [], self.parents.get(skill_id)
            while current is not None and current not in chain and len(chain) < MAX_STEPS:
                chain.append(current)
                current = self.parents.get(current)
            self._ancestors[skill_id] = chain
        return chain

    def descendants(self, skill_id: int) -> dict[int, int]:
        """Every narrower skill within MAX_STEPS, with its distance."""
        found, frontier = {}, [skill_id]
        for depth in range(1, MAX_STEPS + 1):
            frontier = [c for s in frontier for c in self.children.get(s, []) if c not in found]
            for child in frontier:
                found[child] = depth
        found.pop(skill_id, None)
        return found

    def related(self, skill_ids) -> set[int]:
        """The skills that can earn credit for (or from) these skills: themselves, their
        ancestors and their descendants."""
        out = set()
        for skill_id in skill_ids:
            out.add(skill_id)
            out.update(self.ancestors(skill_id))
            out.update(self.descendants(skill_id))
        return out

    def relation(self, held: int, needed: int) -> tuple[str, float] | None:
        if held == needed:
            return "exact", 1.0
        for steps, ancestor in enumerate(self.ancestors(held), start=1):
            if ancestor == needed:
                return "narrower", NARROWER**steps
        for steps, ancestor in enumerate(self.ancestors(needed), start=1):
            if ancestor == held:
                return "broader", BROADER**steps
        return None


@dataclass(frozen=True)
class Need:
    skill_id: int
    level: str = SkillLevel.PRACTITIONER
    required: bool = True

    @property
    def weight(self) -> float:
        return REQUIRED_WEIGHT if self.required else DESIRED_WEIGHT


@dataclass
class PersonFacts:
    user_id: int
    skills: dict[int, str] = field(default_factory=dict)  # skill id -> level
    hours_per_week: int | None = None
    available: bool = False
    municipality_ids: set[int] = field(default_factory=set)
    province_ids: set[int] = field(default_factory=set)
    seeks: set[str] = field(default_factory=set)  # kinds


@dataclass
class OpportunityFacts:
    opportunity_id: int
    kind: str
    needs: list[Need] = field(default_factory=list)
    hours_per_week: int | None = None
    work_mode: str = "hybrid"
    municipality_id: int | None = None
    province_id: int | None = None


@dataclass
class SkillMatch:
    skill_id: int  # asked for
    held_skill_id: int
    relation: str  # exact, narrower, broader
    level: str  # the level the person holds
    needed_level: str
    required: bool
    credit: float


@dataclass
class Match:
    score: int
    matched: list[SkillMatch]
    missing: list[Need]
    parts: dict[str, float]  # each part's credit, 0..1

    @property
    def reasons(self) -> list[str]:
        """The parts that carried the score, strongest first (for a short "why")."""
        weighted = sorted(
            ((WEIGHTS[k] * v, k) for k, v in self.parts.items() if v >= 0.5 and k != "skills"),
            reverse=True,
        )
        return [k for _w, k in weighted]


def _level_factor(held: str, needed: str) -> float:
    shortfall = max(0, LEVEL_RANK.get(needed, 2) - LEVEL_RANK.get(held, 2))
    return LEVEL_SHORTFALL.get(shortfall, 0.0)


def skill_credit(
    taxonomy: Taxonomy, held: dict[int, str], need: Need
) -> tuple[float, SkillMatch | None]:
    best, best_match = 0.0, None
    for held_id, level in held.items():
        relation = taxonomy.relation(held_id, need.skill_id)
        if relation is None:
            continue
        name, closeness = relation
        credit = closeness * _level_factor(level, need.level)
        if credit > best:
            best = credit
            best_match = SkillMatch(
                skill_id=need.skill_id,
                held_skill_id=held_id,
                relation=name,
                level=level,
                needed_level=need.level,
                required=need.required,
                credit=round(credit, 3),
            )
    return best, best_match


def _place(person: PersonFacts, opportunity: OpportunityFacts) -> float:
    if opportunity.work_mode == "remote" or opportunity.municipality_id is None:
        return 1.0
    if opportunity.municipality_id in person.municipality_ids:
        return 1.0
    if not person.municipality_ids and not person.province_ids:
        return 0.3  # the person did not say where they work
    if opportunity.province_id is not None and opportunity.province_id in person.province_ids:
        return 0.7 if opportunity.work_mode == "hybrid" else 0.5
    return 0.3 if opportunity.work_mode == "hybrid" else 0.0


def _hours(person: PersonFacts, opportunity: OpportunityFacts) -> float:
    if not opportunity.hours_per_week:
        return 1.0
    if not person.hours_per_week:
        return 0.5
    return min(1.0, person.hours_per_week / opportunity.hours_per_week)


def _drive(person: PersonFacts, opportunity: OpportunityFacts) -> float:
    if opportunity.kind in person.seeks:
        return 1.0
    return 0.5 if person.available else 0.0


def score(
    person: PersonFacts, opportunity: OpportunityFacts, taxonomy: Taxonomy, *, text: float = 0.0
) -> Match:
    """How well `person` fits `opportunity`; `text` is the free-text relevance (0..1)."""
    matched, missing = [], []
    earned = possible = 0.0
    for need in opportunity.needs:
        credit, how = skill_credit(taxonomy, person.skills, need)
        possible += need.weight
        earned += need.weight * credit
        if how is not None and credit >= MISSING_BELOW:
            matched.append(how)
        else:
            missing.append(need)
    parts = {
        "skills": earned / possible if possible else 0.0,
        "text": max(0.0, min(1.0, text)),
        "place": _place(person, opportunity),
        "hours": _hours(person, opportunity),
        "drive": _drive(person, opportunity),
    }
    total = sum(WEIGHTS[k] * v for k, v in parts.items())
    matched.sort(key=lambda m: (not m.required, -m.credit))
    return Match(score=round(100 * total), matched=matched, missing=missing, parts=parts)


def relative(scores: dict[int, float]) -> dict[int, float]:
    """Engine scores as a share of the best one (BM25 has no fixed scale)."""
    top = max(scores.values(), default=0.0)
    return {k: v / top for k, v in scores.items()} if top > 0 else {}
