"""Team formation: a small team that together brings every needed skill.

The problem is weighted set multicover. Each needed skill s must be brought by d(s)
people; each candidate p brings a set of skills S(p) (each at most once) and costs
c(p) (see `challenges.suggestions.candidate_cost`). A team T covers the demand when
every s has at least d(s) members bringing it; its cost is

    cost(T) = sum of c(p) over T  +  VARIETY * sum over organizations of (members - 1)

so that a second person from the same organization costs a little extra: teams spread
over organizations unless one organization is clearly better. The team may have at most
`max_size` members.

`form_team` is the greedy method for weighted set cover (Chvátal 1979), extended to
demands: repeatedly take the candidate with the most uncovered demand per unit of
marginal cost, then drop members that turned out redundant (most expensive first).
Without the variety term, greedy is within H(k) of the optimum, k the most skills one
person brings (Dobson 1982); `bench/challenges.py` measures the ratio to the exact
optimum (`optimal_team`, by enumeration) on random small instances. When greedy fails to
cover within `max_size` people, a bounded exact search looks for a cover that fits,
so that a team covering every skill is found whenever the candidates allow one (within
a node budget that small instances never reach).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

VARIETY = 0.3
SEARCH_BUDGET = 20_000


@dataclass(frozen=True)
class Candidate:
    key: int  # a user id
    skills: frozenset[int]  # the needed skills this person brings
    cost: float
    organization: int | None = None


@dataclass
class TeamResult:
    members: list[Candidate]
    uncovered: dict[int, int] = field(default_factory=dict)  # skill -> people still missing
    cost: float = 0.0

    @property
    def complete(self) -> bool:
        return not self.uncovered


def team_cost(team: Iterable[Candidate], variety: float = VARIETY) -> float:
    team = list(team)
    per_organization = Counter(c.organization for c in team if c.organization is not None)
    return sum(c.cost for c in team) + variety * sum(n - 1 for n in per_organization.values())


def remaining_demand(demand: dict[int, int], team: Iterable[Candidate]) -> dict[int, int]:
    left = dict(demand)
    for member in team:
        for skill in member.skills:
            if left.get(skill, 0) > 0:
                left[skill] -= 1
    return {s: n for s, n in left.items() if n > 0}


def _marginal_cost(candidate: Candidate, organizations: Counter, variety: float) -> float:
    extra = (
        variety
        if candidate.organization is not None and organizations[candidate.organization]
        else 0.0
    )
    return candidate.cost + extra


def form_team(
    demand: dict[int, int],
    candidates: Iterable[Candidate],
    *,
    max_size: int,
    pinned: Iterable[Candidate] = (),
    variety: float = VARIETY,
) -> TeamResult:
    pool = {c.key: c for c in candidates}
    team = list(pinned)
    for c in team:
        pool.pop(c.key, None)
    organizations = Counter(c.organization for c in team if c.organization is not None)
    left = remaining_demand(demand, team)
    while left and len(team) < max_size:
        best, best_ratio = None, 0.0
        for candidate in pool.values():
            gain = sum(1 for s in candidate.skills if left.get(s, 0) > 0)
            if not gain:
                continue
            ratio = gain / _marginal_cost(candidate, organizations, variety)
            if (
                best is None
                or ratio > best_ratio + 1e-12
                or (
                    abs(ratio - best_ratio) <= 1e-12
                    and (candidate.cost, candidate.key) < (best.cost, best.key)
                )
            ):
                best, best_ratio = candidate, ratio
        if best is None:
            break
        team.append(best)
        del pool[best.key]
        if best.organization is not None:
            organizations[best.organization] += 1
        left = remaining_demand(demand, team)
    team = _prune(demand, team, pinned_keys={c.key for c in pinned}, variety=variety)
    left = remaining_demand(demand, team)
    if left:
        better = _search(
            demand,
            list(pool.values()) + [c for c in team if c.key not in {p.key for p in pinned}],
            pinned=list(pinned),
            max_size=max_size,
            variety=variety,
        )
        if better is not None:
            team = better
            left = {}
    return TeamResult(members=team, uncovered=left, cost=round(team_cost(team, variety), 4))


def _prune(demand, team, *, pinned_keys, variety) -> list[Candidate]:
    """Drop members whose skills the others already bring, most expensive first."""
    covered_before = remaining_demand(demand, team)
    order = sorted((c for c in team if c.key not in pinned_keys), key=lambda c: (-c.cost, -c.key))
    for member in order:
        rest = [c for c in team if c.key != member.key]
        if remaining_demand(demand, rest) == covered_before:
            team = rest
    return team


def _search(demand, candidates, *, pinned, max_size, variety) -> list[Candidate] | None:
    """The cheapest cover within `max_size`, by branch and bound over who brings the most
    constrained missing skill; gives up (None) after SEARCH_BUDGET nodes."""
    useful = [c for c in candidates if any(s in demand for s in c.skills)]
    best: list[list[Candidate] | None] = [None]
    best_cost = [float("inf")]
    nodes = [0]

    def visit(team: list[Candidate], start_cost: float) -> None:
        nodes[0] += 1
        if nodes[0] > SEARCH_BUDGET:
            return
        left = remaining_demand(demand, team)
        if not left:
            cost = team_cost(team, variety)
            if cost < best_cost[0]:
                best[0], best_cost[0] = list(team), cost
            return
        if len(team) >= max_size or start_cost >= best_cost[0]:
            return
        in_team = {c.key for c in team}
        # Branch on the missing skill with the fewest candidates.
        holders = {s: [c for c in useful if s in c.skills and c.key not in in_team] for s in left}
        skill = min(left, key=lambda s: (len(holders[s]), s))
        if len(holders[skill]) < left[skill] or len(team) + left[skill] > max_size:
            return
        for candidate in sorted(holders[skill], key=lambda c: (c.cost, c.key)):
            team.append(candidate)
            visit(team, team_cost(team, variety))
            team.pop()

    visit(list(pinned), team_cost(pinned, variety))
    return best[0]


def optimal_team(
    demand: dict[int, int], candidates: list[Candidate], *, max_size: int, variety: float = VARIETY
) -> TeamResult | None:
    """The exact optimum by enumerating every team up to `max_size`: for tests and the
    benchmark on small instances only (it is exponential)."""
    useful = [c for c in candidates if any(s in demand for s in c.skills)]
    best, best_cost = None, float("inf")
    for size in range(0, min(max_size, len(useful)) + 1):
        for team in combinations(useful, size):
            if remaining_demand(demand, team):
                continue
            cost = team_cost(team, variety)
            if cost < best_cost - 1e-12:
                best, best_cost = list(team), cost
    if best is None:
        return None
    return TeamResult(members=best, cost=round(best_cost, 4))


def alternatives(
    demand: dict[int, int],
    team: list[Candidate],
    candidates: Iterable[Candidate],
    *,
    per_skill: int = 3,
) -> dict[int, list[Candidate]]:
    """For each needed skill, the next-best candidates outside the team who bring it,
    cheapest first: what the user can swap in."""
    in_team = {c.key for c in team}
    out: dict[int, list[Candidate]] = {}
    for skill in demand:
        options = sorted(
            (c for c in candidates if skill in c.skills and c.key not in in_team),
            key=lambda c: (c.cost, -len(c.skills), c.key),
        )
        out[skill] = options[:per_skill]
    return out
