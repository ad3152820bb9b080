"""Booking under load: 50 concurrent clients on one desk pool, through gunicorn as
`eenoverheid serve` runs it (2 workers x 4 threads), with the production settings and
task backend. Reports throughput, p50/p95 latency, and the count of failed requests,
overbooked half days and duplicate bookings (the last two must be 0).

    .venv/bin/python bench/workplaces.py                     # SQLite in a temp folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/workplaces.py

Nothing asserts a time; the figures go in the closing note.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.server import gunicorn  # noqa: E402


def _setup(people: int, desks: int):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model

    from eenoverheid.accounts import services as accounts
    from eenoverheid.organizations.models import MembershipRole, Organization
    from eenoverheid.organizations.services import membership_ensure
    from eenoverheid.workplaces import services

    municipality = Organization.objects.create(
        code="gm0344",
        name="Gemeente Utrecht",
        kind="municipality",
        layer="municipality",
        cbs_code="GM0344",
    )
    User = get_user_model()
    manager = User.objects.create_user(email="facilitair@utrecht.nl", password="x")
    membership_ensure(user=manager, organization=municipality, role=MembershipRole.ADMIN)
    location = services.location_create(
        actor=manager,
        organization=municipality,
        data=services.LocationInput.of(
            name="Stadskantoor",
            street_address="Stadsplateau 1",
            postal_code="3521 AZ",
            city="Utrecht",
            municipality="GM0344",
            opening_hours={str(d): ["00:00", "23:59"] for d in range(7)},
            horizon_days=60,
            max_open_bookings=100,
        ),
    )
    pool = services.unit_create(
        actor=manager, location=location, kind="desks", name="Flexzone", capacity=desks
    )
    tokens = []
    for i in range(people):
        user = User.objects.create_user(email=f"ambtenaar{i}@utrecht.nl", password=None)
        membership_ensure(user=user, organization=municipality)
        _row, plain = accounts.api_token_create(user=user, name="bench", scope="write")
        tokens.append(plain)
    connection.close()
    return pool.pk, tokens


def _check():
    from django.db import connection
    from django.db.models import Count, Q

    from eenoverheid.workplaces.models import Booking

    confirmed = Booking.objects.filter(status="confirmed")
    per_slot = confirmed.values("unit_id", "date").annotate(
        m=Count("id", filter=Q(morning=True)), a=Count("id", filter=Q(afternoon=True))
    )
    duplicates = sum(
        row["n"] - 1
        for half in ("morning", "afternoon")
        for row in confirmed.filter(**{half: True})
        .values("user_id", "date")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    total = confirmed.count()
    rows = list(per_slot)
    connection.close()
    return total, rows, duplicates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40, help="per client")
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--desks", type=int, default=20)
    parser.add_argument("--days", type=int, default=10)
    args = parser.parse_args()
    var = tempfile.mkdtemp(prefix="eenoverheid-bench-workplaces-")
    os.environ.setdefault("EENOVERHEID_VAR_DIR", var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenoverheid.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    unit_id, tokens = _setup(args.people, args.desks)
    from django.conf import settings

    from eenoverheid.workplaces.services import local_today

    with gunicorn() as port:
        today = local_today()
        dates = [today.fromordinal(today.toordinal() + d) for d in range(1, args.days + 1)]
        rng = random.Random(1)
        plan = [
            [
                (
                    rng.choice(tokens),
                    rng.choice(dates).isoformat(),
                    rng.choice(["day", "morning", "afternoon"]),
                )
                for _ in range(args.requests)
            ]
            for _ in range(args.clients)
        ]
        latencies: list[float] = []
        statuses: Counter = Counter()
        lock = threading.Lock()
        barrier = threading.Barrier(args.clients)

        def client(requests) -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            barrier.wait()
            for token, date, part in requests:
                body = json.dumps({"unit_id": unit_id, "date": date, "part": part})
                started = time.perf_counter()
                try:
                    connection.request(
                        "POST",
                        "/api/v1/bookings",
                        body=body,
                        headers={
                            "Authorization": f"Bearer {token}",
                            "Content-Type": "application/json",
                        },
                    )
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    status = "error"
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    statuses[status] += 1

        threads = [threading.Thread(target=client, args=(p,)) for p in plan]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    total, per_slot, duplicates = _check()
    overbooked = sum(
        max(0, row["m"] - args.desks) + max(0, row["a"] - args.desks) for row in per_slot
    )
    failed = sum(n for status, n in statuses.items() if status not in (201, 409))
    ordered = sorted(latencies)
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        f"{database}: {len(latencies)} requests from {args.clients} clients in {wall:.1f} s "
        f"= {len(latencies) / wall:.0f} requests/s; {statuses[201]} booked "
        f"({statuses[201] / wall:.0f}/s), {statuses[409]} refused with 409"
    )
    print(
        f"  latency p50 {statistics.median(ordered) * 1000:.0f} ms, "
        f"p95 {ordered[int(len(ordered) * 0.95) - 1] * 1000:.0f} ms, "
        f"max {ordered[-1] * 1000:.0f} ms"
    )
    print(
        f"  confirmed bookings {total} (= booked: {total == statuses[201]}); "
        f"failed requests {failed}; overbooked half days {overbooked}; "
        f"duplicate bookings {duplicates}"
    )
    return 1 if failed or overbooked or duplicates or total != statuses[201] else 0


if __name__ == "__main__":
    sys.exit(main())
