"""Shared solutions, initiatives and ideas at scale: 400 organizations, 10,000 solutions
with 100,000 adoptions, 2,000 initiatives with 10,000 commitments, 20,000 ideas with
300,000 votes; server time of the lists and of "organizations like yours", through
Django's test client so that the whole request is measured.

    .venv/bin/python bench/solutions.py                    # SQLite in a temp folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/solutions.py

Nothing asserts a time; the figures go in the closing note.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organizations", type=int, default=400)
    parser.add_argument("--solutions", type=int, default=10_000)
    parser.add_argument("--adoptions", type=int, default=100_000)
    parser.add_argument("--initiatives", type=int, default=2_000)
    parser.add_argument("--ideas", type=int, default=20_000)
    parser.add_argument("--votes", type=int, default=300_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    var = tempfile.mkdtemp(prefix="eenoverheid-bench-solutions-")
    os.environ.setdefault("EENOVERHEID_VAR_DIR", var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenoverheid.settings")
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model

    from eenoverheid.organizations.models import MembershipRole, Organization
    from eenoverheid.organizations.services import (
        membership_ensure,
        organization_domains_refresh,
        policy_domains_sync,
    )
    from eenoverheid.solutions.models import (
        Adoption,
        Commitment,
        Idea,
        JointInitiative,
        Solution,
        Vote,
    )

    rng = random.Random(2026)
    started = time.perf_counter()
    policy_domains_sync()
    provinces = Organization.objects.bulk_create(
        Organization(code=f"pv{20 + i}", name=f"Provincie {i}", kind="province", layer="province")
        for i in range(12)
    )
    organizations = Organization.objects.bulk_create(
        Organization(
            code=f"gm{i:04d}",
            name=f"Gemeente {i}",
            kind="municipality",
            layer="municipality",
            province=provinces[i % 12],
            inhabitants=rng.randint(5_000, 900_000),
        )
        for i in range(args.organizations)
    )
    organization_domains_refresh([o.pk for o in organizations])
    User = get_user_model()
    users = User.objects.bulk_create(
        User(email=f"p{i}@bench.example", name=f"Persoon {i}") for i in range(2_000)
    )
    viewer = users[0]
    membership_ensure(user=viewer, organization=organizations[0], role=MembershipRole.ADMIN)
    kinds = ["application", "website_template", "service", "policy_template", "process"]
    words = [
        "formulier",
        "zaak",
        "afval",
        "parkeren",
        "jeugd",
        "wonen",
        "energie",
        "water",
        "archief",
        "subsidie",
    ]
    solutions = Solution.objects.bulk_create(
        Solution(
            name=f"{rng.choice(words).title()} {i}",
            kind=rng.choice(kinds),
            summary=f"Een gedeelde oplossing voor {rng.choice(words)} en {rng.choice(words)}.",
            owner=rng.choice(organizations),
            visibility="public" if i % 2 else "signed_in",
        )
        for i in range(args.solutions)
    )
    pairs = set()
    while len(pairs) < args.adoptions:
        pairs.add((rng.randrange(len(solutions)), rng.randrange(len(organizations))))
    Adoption.objects.bulk_create(
        (Adoption(solution=solutions[s], organization=organizations[o]) for s, o in pairs),
        batch_size=5_000,
    )
    for solution in solutions:
        solution.adopter_count = 0
    counts = {}
    for s, _o in pairs:
        counts[s] = counts.get(s, 0) + 1
    for s, n in counts.items():
        solutions[s].adopter_count = n
    Solution.objects.bulk_update(solutions, ["adopter_count"], batch_size=5_000)
    initiatives = JointInitiative.objects.bulk_create(
        JointInitiative(
            title=f"Samen {rng.choice(words)} {i}",
            goal="Samen iets bouwen dat elke gemeente nodig heeft, één keer voor iedereen.",
            lead=rng.choice(organizations),
            hours_needed=1_000,
            phase=rng.choice(["proposed", "forming", "funded", "running"]),
            province=rng.choice(provinces),
            visibility="signed_in",
        )
        for i in range(args.initiatives)
    )
    through = JointInitiative.policy_domains.through
    from eenoverheid.organizations.models import PolicyDomain

    domain_ids = list(PolicyDomain.objects.values_list("pk", flat=True))
    through.objects.bulk_create(
        through(jointinitiative_id=i.pk, policydomain_id=rng.choice(domain_ids))
        for i in initiatives
    )
    committed = set()
    while len(committed) < args.initiatives * 5:
        committed.add((rng.randrange(len(initiatives)), rng.randrange(len(organizations))))
    Commitment.objects.bulk_create(
        (
            Commitment(initiative=initiatives[i], organization=organizations[o], hours=50)
            for i, o in committed
        ),
        batch_size=5_000,
    )
    ideas = Idea.objects.bulk_create(
        Idea(
            title=f"Idee over {rng.choice(words)} {i}",
            body="Laten we dit één keer voor de hele overheid regelen in plaats van overal apart.",
            author=rng.choice(users),
            visibility="signed_in",
        )
        for i in range(args.ideas)
    )
    voted = set()
    while len(voted) < args.votes:
        voted.add((rng.randrange(len(ideas)), rng.randrange(len(users))))
    now = timezone.now()
    Vote.objects.bulk_create(
        (
            Vote(
                idea=ideas[i], user=users[u], created_at=now - dt.timedelta(days=rng.randint(0, 60))
            )
            for i, u in voted
        ),
        batch_size=10_000,
    )
    tally = {}
    for i, _u in voted:
        tally[i] = tally.get(i, 0) + 1
    for i, n in tally.items():
        ideas[i].vote_count = n
    Idea.objects.bulk_update(ideas, ["vote_count"], batch_size=10_000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"{connection.vendor}: data made in {time.perf_counter() - started:.0f} s", flush=True)

    client = Client()
    client.force_login(viewer)
    urls = [
        ("solutions, most used (API)", "/api/v1/solutions?sort=used"),
        ("solutions, text + layer (API)", "/api/v1/solutions?q=afval&layer=municipality"),
        ("solutions page with 'like yours'", "/oplossingen/"),
        ("like my organization (API)", "/api/v1/solutions/like-my-organization"),
        ("one solution page", f"/oplossingen/{solutions[len(solutions) // 2].pk}/"),
        ("initiatives page with suggestions", "/initiatieven/"),
        ("initiatives suggested (API)", "/api/v1/initiatives/suggested"),
        ("ideas by support (API)", "/api/v1/ideas"),
        ("ideas trending (API)", "/api/v1/ideas?sort=trending"),
        ("ideas page, trending", "/ideeen/?sorteer=trending"),
    ]
    print(f"{'what':40} {'p50 ms':>8} {'p95 ms':>8}")
    for label, url in urls:
        client.get(url)  # warm: the first request builds caches (OpenAPI, templates)
        times = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            answer = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            assert answer.status_code == 200, (url, answer.status_code)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"{label:40} {statistics.median(times):8.1f} {p95:8.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
