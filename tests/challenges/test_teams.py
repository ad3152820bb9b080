"""The team-formation method against the exact optimum on small instances."""

import random

import pytest

from eenoverheid.challenges.teams import (
    Candidate,
    alternatives,
    form_team,
    optimal_team,
    remaining_demand,
    team_cost,
)


def random_instance(rng: random.Random):
    skills = list(range(rng.randint(2, 5)))
    demand = {s: rng.randint(1, 2) for s in skills}
    candidates = [
        Candidate(
            key=k,
            skills=frozenset(rng.sample(skills, rng.randint(1, min(3, len(skills))))),
            cost=round(rng.choice([1.0, 1.2, 1.5, 1.7, 1.9]), 2),
            organization=rng.randint(1, 4),
        )
        for k in range(rng.randint(3, 9))
    ]
    return demand, candidates, rng.randint(2, 6)


def test_greedy_covers_the_demand_with_the_cheaper_of_two_equivalent_people():
    demand = {1: 1, 2: 1}
    both_cheap = Candidate(1, frozenset({1, 2}), 1.0, organization=10)
    both_dear = Candidate(2, frozenset({1, 2}), 1.5, organization=11)
    one = Candidate(3, frozenset({1}), 1.0, organization=12)
    result = form_team(demand, [both_dear, one, both_cheap], max_size=3)
    assert [m.key for m in result.members] == [1]
    assert result.complete
    assert result.cost == 1.0


def test_variety_prefers_a_second_organization_when_costs_are_close():
    demand = {1: 2}
    a = Candidate(1, frozenset({1}), 1.0, organization=10)
    b = Candidate(2, frozenset({1}), 1.0, organization=10)
    c = Candidate(3, frozenset({1}), 1.1, organization=11)
    result = form_team(demand, [a, b, c], max_size=3)
    assert {m.key for m in result.members} == {1, 3}


def test_redundant_members_are_dropped():
    # Greedy first takes the cheap specialist, then someone who brings everything.
    demand = {1: 1, 2: 1, 3: 1}
    specialist = Candidate(1, frozenset({1}), 0.5)
    generalist = Candidate(2, frozenset({1, 2, 3}), 1.2)
    result = form_team(demand, [specialist, generalist], max_size=3)
    assert [m.key for m in result.members] == [2]


def test_pinned_people_stay_and_count_towards_the_demand():
    demand = {1: 1, 2: 1}
    pinned = Candidate(9, frozenset({1}), 3.0)
    cheap = Candidate(1, frozenset({1, 2}), 1.0)
    only_two = Candidate(2, frozenset({2}), 1.0, organization=5)
    result = form_team(demand, [cheap, only_two], max_size=3, pinned=[pinned])
    assert {m.key for m in result.members} == {9, 2} or {m.key for m in result.members} == {9, 1}
    assert 9 in {m.key for m in result.members}
    assert result.complete


def test_an_impossible_demand_reports_what_is_missing():
    demand = {1: 2, 2: 1}
    result = form_team(demand, [Candidate(1, frozenset({1}), 1.0)], max_size=5)
    assert result.uncovered == {1: 1, 2: 1}


def test_the_size_limit_finds_a_cover_where_greedy_alone_would_not():
    # Greedy takes the cheap specialists first and runs out of room; a team of two
    # generalists fits within two people.
    demand = {1: 1, 2: 1, 3: 1, 4: 1}
    cheap = [Candidate(k, frozenset({k}), 0.3) for k in (1, 2, 3, 4)]
    generalists = [
        Candidate(10, frozenset({1, 2}), 1.0, organization=1),
        Candidate(11, frozenset({3, 4}), 1.0, organization=2),
    ]
    result = form_team(demand, cheap + generalists, max_size=2)
    assert result.complete
    assert {m.key for m in result.members} == {10, 11}


@pytest.mark.parametrize("seed", range(60))
def test_greedy_is_complete_whenever_a_team_exists_and_close_to_the_optimum(seed):
    demand, candidates, max_size = random_instance(random.Random(seed))
    best = optimal_team(demand, candidates, max_size=max_size)
    found = form_team(demand, candidates, max_size=max_size)
    assert len(found.members) <= max_size
    if best is None:
        assert not found.complete
        return
    assert found.complete, (demand, candidates, max_size)
    assert remaining_demand(demand, found.members) == {}
    assert found.cost == pytest.approx(team_cost(found.members))
    assert found.cost >= best.cost - 1e-9
    # H(3) for sets of at most three skills, with room for the variety term.
    assert found.cost <= best.cost * 2.0


def test_alternatives_are_people_outside_the_team_who_bring_the_skill():
    demand = {1: 1}
    chosen = Candidate(1, frozenset({1}), 1.0)
    second = Candidate(2, frozenset({1}), 1.2)
    third = Candidate(3, frozenset({1}), 1.1)
    other = Candidate(4, frozenset({2}), 1.0)
    options = alternatives(demand, [chosen], [chosen, second, third, other])
    assert [c.key for c in options[1]] == [3, 2]
