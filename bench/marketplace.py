"""Matching at scale: "opportunities for me" and "people who fit" with N profiles and M
open opportunities over the real register.

    .venv/bin/python bench/marketplace.py --people 500000 --opportunities 20000
    .venv/bin/python bench/marketplace.py --reuse /tmp/eenoverheid-bench-market-XXXX
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_market SEARCH_BACKEND=postgres \\
        .venv/bin/python bench/marketplace.py --people 500000 --opportunities 20000

A PostgreSQL database is emptied first (flush) unless --reuse is given (then it is only
queried). Each ranking is timed for 50 people and 50 opportunities, three rounds, as the
page asks for it (the first 20, with their explanations). Nothing asserts a time; the
figures go in the closing note.
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

KINDS = ["gig"] * 5 + ["vacancy"] * 3 + ["mentoring", "shadowing", "job_swap", "deployment",
         "peer_coaching", "skill_sharing", "job_sharing"]  # fmt: skip
TITLES = ["Adviseur {t}", "Klus: {t} – tweede lezing", "Projectleider {t}", "Dashboard {t}",
          "Meelopen bij het team {t}", "Mentor voor starters in {t}", "Senior {t}"]  # fmt: skip


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def generate(args, call_command, connection) -> None:
    """The register, the skills and N people as bench/people.py makes them, then the
    opportunities."""
    from bench.people import generate as generate_people

    generate_people(args, call_command, connection)
    start = time.perf_counter()
    made = opportunities(args.opportunities, args.seed)
    print(f"generated {made} open opportunities in {time.perf_counter() - start:.0f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def opportunities(count: int, seed: int) -> int:
    """Open opportunities from organizations that have people, each published by one of
    their members, asking for 1-4 skills (mostly the public-sector topics people hold),
    indexed for the text part like the app does."""
    from django.db import transaction
    from django.utils import timezone

    from eenoverheid.marketplace.models import Opportunity, OpportunitySkill
    from eenoverheid.marketplace.search_providers import documents_for
    from eenoverheid.organizations.models import Membership
    from eenoverheid.people.models import Skill
    from eenoverheid.search.backends import get_backend
    from eenoverheid.search.models import SearchDocument

    rng = random.Random(seed)
    publishers = {}
    for organization_id, user_id in Membership.objects.order_by("id").values_list(
        "organization_id", "user_id"
    )[: count * 5]:
        publishers.setdefault(organization_id, user_id)
    organizations = list(publishers)
    topics = list(Skill.objects.filter(code__startswith="eo-").values_list("id", "name"))
    others = list(Skill.objects.exclude(code__startswith="eo-").values_list("id", "name")[:3000])
    backend = get_backend()
    writer = backend.bulk_writer() if hasattr(backend, "bulk_writer") else None
    now = timezone.now()
    made = 0
    while made < count:
        size = min(2000, count - made)
        rows, asks = [], []
        for _ in range(size):
            organization = rng.choice(organizations)
            kind = rng.choice(KINDS)
            skills = rng.sample(topics, rng.randint(1, 3)) + (
                [rng.choice(others)] if rng.random() < 0.4 else []
            )
            rows.append(
                Opportunity(
                    organization_id=organization,
                    created_by_id=publishers[organization],
                    kind=kind,
                    title=rng.choice(TITLES).format(t=skills[0][1].lower()),
                    description=f"Werk aan {', '.join(s[1].lower() for s in skills)}.",
                    hours_per_week=rng.choice([None, 4, 8, 16, 24, 32, 36]),
                    work_mode=rng.choice(["on_site", "hybrid", "hybrid", "remote"]),
                    points=rng.choice([0, 50, 100]) if kind == "gig" else 0,
                    status="open",
                    visibility=rng.choice(["signed_in", "signed_in", "public", "members"]),
                    published_at=now,
                )
            )
            asks.append(skills)
        with transaction.atomic():
            created = Opportunity.objects.bulk_create(rows, batch_size=2000)
            OpportunitySkill.objects.bulk_create(
                [
                    OpportunitySkill(
                        opportunity=o,
                        skill_id=skill_id,
                        level=rng.choice(["practitioner", "expert"]),
                        required=i == 0 or rng.random() < 0.5,
                    )
                    for o, skills in zip(created, asks, strict=True)
                    for i, (skill_id, _name) in enumerate(dict.fromkeys(skills))
                ],
                batch_size=5000,
            )
            documents = documents_for(Opportunity.objects.filter(pk__in=[o.pk for o in created]))
            SearchDocument.objects.bulk_create(documents, batch_size=2000)
        if writer is not None:
            backend.upsert(documents, writer=writer)
        made += size
    if writer is not None:
        writer.commit()
        writer.wait_merging_threads()
        backend.index.reload()
    return made


def timing(args, connection) -> None:
    from django.db.models import Count

    from eenoverheid.marketplace import selectors
    from eenoverheid.marketplace.models import Opportunity
    from eenoverheid.people.models import Profile

    rng = random.Random(args.seed)
    profiles = Profile.objects.count()
    open_count = Opportunity.objects.filter(status="open").count()
    print(f"{profiles} profiles, {open_count} open opportunities on {connection.vendor}")
    top = Profile.objects.order_by("-id").values_list("id", flat=True).first() or 0
    people = []
    while len(people) < args.samples:
        profile = (
            Profile.objects.filter(id__gte=rng.randint(1, top))
            .annotate(n=Count("skills"))
            .filter(n__gt=0)
            .select_related("user")
            .order_by("id")
            .first()
        )
        if profile is not None:
            people.append(profile.user)
    top = Opportunity.objects.order_by("-id").values_list("id", flat=True).first() or 0
    chosen = []
    while len(chosen) < args.samples:
        o = (
            Opportunity.objects.filter(id__gte=rng.randint(1, top), status="open")
            .select_related("created_by", "organization")
            .order_by("id")
            .first()
        )
        if o is not None:
            chosen.append(o)
    for user in people[:3]:  # warm up
        list(selectors.for_me(viewer=user)[:20])
    mine, fits, found_mine, found_fit = [], [], [], []
    for _ in range(args.rounds):
        for user in people:
            t = time.perf_counter()
            ranked = selectors.for_me(viewer=user)
            page = list(ranked[:20])
            mine.append((time.perf_counter() - t) * 1000)
            found_mine.append(len(ranked))
            assert all(o.fit is not None for o in page)
        for opportunity in chosen:
            t = time.perf_counter()
            _window, count = selectors.people_who_fit(
                viewer=opportunity.created_by, opportunity=opportunity, limit=20
            )
            fits.append((time.perf_counter() - t) * 1000)
            found_fit.append(count)
    for name, values, found in (
        ("opportunities for me", mine, found_mine),
        ("people who fit      ", fits, found_fit),
    ):
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        print(
            f"{name}: p50 {p50:6.0f} ms  p95 {p95:6.0f} ms  max {max(values):6.0f} ms"
            f"  (median {statistics.median(found):.0f} ranked, {len(values)} runs)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--opportunities", type=int, default=20_000)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reuse", nargs="?", const="db", help="query an earlier run's data")
    args = parser.parse_args()
    postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    if args.reuse and not postgres:
        var = args.reuse
    else:
        var = tempfile.mkdtemp(prefix="eenoverheid-bench-market-")
    os.environ.setdefault("EENOVERHEID_VAR_DIR", var)
    os.environ.setdefault("SEARCH_INDEX_DIR", str(Path(var) / "search-index"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenoverheid.settings")
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    print(f"data in {var}" if not postgres else "data in PostgreSQL", flush=True)
    if not args.reuse:
        generate(args, call_command, connection)
    timing(args, connection)
    return 0


if __name__ == "__main__":
    sys.exit(main())
