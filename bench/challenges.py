"""Challenge suggestions: team cost against the exact optimum, and the time to compute
all suggestions for a challenge needing 8 skills over the real register.

    .venv/bin/python bench/challenges.py --ratio-only              # 100 random instances
    .venv/bin/python bench/challenges.py --people 500000           # SQLite in a temp folder
    .venv/bin/python bench/challenges.py --reuse /tmp/eenoverheid-bench-people-XXXX
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench SEARCH_BACKEND=postgres \\
        .venv/bin/python bench/challenges.py --people 500000

`--reuse` takes the folder of an earlier `bench/people.py` run (same population). Nothing
asserts a time; the figures go in the closing note.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def ratio(instances: int, seed: int) -> None:
    from eenoverheid.challenges.teams import form_team, optimal_team
    from tests.challenges.test_teams import random_instance

    rng = random.Random(seed)
    ratios, incomplete, infeasible = [], 0, 0
    while len(ratios) + incomplete < instances:
        demand, candidates, max_size = random_instance(rng)
        best = optimal_team(demand, candidates, max_size=max_size)
        if best is None:
            infeasible += 1
            continue
        found = form_team(demand, candidates, max_size=max_size)
        if not found.complete:
            incomplete += 1
            continue
        ratios.append(found.cost / best.cost)
    print(
        f"team cost / exact optimum over {len(ratios)} feasible random instances: "
        f"mean {statistics.mean(ratios):.4f}, worst {max(ratios):.4f}, "
        f"optimal in {sum(r < 1 + 1e-9 for r in ratios)}; incomplete {incomplete}; "
        f"({infeasible} infeasible instances skipped)"
    )


SKILLS = [
    "eo-jeugdhulp",
    "eo-inkoop",
    "eo-data",
    "eo-juridisch",
    "eo-projectmanagement",
    "eo-burgerparticipatie",
    "eo-financien",
    "eo-omgevingswet",
    "eo-klimaatadaptatie",
    "eo-energietransitie",
    "eo-wmo",
    "eo-avg",
]
DOMAINS = [["6.72"], ["P.3", "8.1"], ["7.4", "5.7"], ["W.2"], ["0.1"], ["6.6", "7.1"]]


def timing(args) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from eenoverheid.challenges import services, suggestions
    from eenoverheid.organizations.models import Coverage, Organization
    from eenoverheid.organizations.services import membership_ensure
    from eenoverheid.people.models import Profile, Skill

    rng = random.Random(args.seed)
    skills = dict(Skill.objects.filter(code__in=SKILLS).values_list("code", "id"))
    municipalities = list(
        Organization.objects.active().municipalities().values_list("code", flat=True)
    )
    provinces = list(
        Organization.objects.active().filter(kind="province").values_list("code", flat=True)
    )
    regions = list(
        Organization.objects.active()
        .filter(
            kind__in=["safety_region", "health_region"],
            pk__in=Coverage.objects.values("organization_id"),
        )
        .values_list("code", flat=True)
    )
    User = get_user_model()
    lead, _ = User.objects.get_or_create(
        email="bench-lead@utrecht.nl", defaults={"name": "Bench Lead"}
    )
    home = Organization.objects.get(code="gm0344")
    membership_ensure(user=lead, organization=home)
    print(f"{Profile.objects.count()} profiles on {connection.vendor}")
    challenges = []
    for i in range(args.challenges):
        kind = rng.choice(["municipalities", "province", "region", "national"])
        data = services.ChallengeInput(
            title=f"Bench {i}",
            description="Benchmark",
            area_kind=kind,
            municipalities=rng.sample(municipalities, rng.randint(1, 6))
            if kind == "municipalities"
            else None,
            area_organization=rng.choice(provinces if kind == "province" else regions)
            if kind in {"province", "region"}
            else None,
            policy_domains=rng.choice(DOMAINS),
            skills=[(skills[c], rng.randint(1, 2)) for c in rng.sample(list(skills), 8)],
            team_size=8,
            visibility="signed_in",
        )
        challenges.append(services.challenge_create(actor=lead, organization=home, data=data))
    times = []
    for _round in range(args.rounds):
        for challenge in challenges:
            start = time.perf_counter()
            found = suggestions.suggestions_for(challenge, viewer=lead)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p = lambda share: times[min(len(times) - 1, int(share * len(times)))]  # noqa: E731
    print(
        f"all suggestions for a challenge needing 8 skills, {len(times)} runs: "
        f"p50 {p(0.5):.0f} ms, p95 {p(0.95):.0f} ms, max {times[-1]:.0f} ms "
        f"(last team: {len(found.team.members)} people, complete={found.team.complete})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ratio-only", action="store_true")
    parser.add_argument("--instances", type=int, default=100)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--reuse", type=Path)
    parser.add_argument("--challenges", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenoverheid.settings")
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")
    if args.ratio_only:
        import django

        django.setup()
        ratio(args.instances, args.seed)
        return 0
    var = (
        str(args.reuse) if args.reuse else tempfile.mkdtemp(prefix="eenoverheid-bench-challenges-")
    )
    os.environ.setdefault("EENOVERHEID_VAR_DIR", var)
    os.environ.setdefault("SEARCH_INDEX_DIR", str(Path(var) / "search-index"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    if not args.reuse:
        if connection.vendor == "postgresql":
            call_command("flush", interactive=False, verbosity=0)
        from eenoverheid.organizations.importer import RegisterImport
        from eenoverheid.people.demo import generate_people
        from eenoverheid.people.skills_import import import_skills

        RegisterImport().run()
        import_skills()
        generate_people(args.people, batch=10_000)
    ratio(args.instances, args.seed)
    timing(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
