"""Points under load: 20 concurrent clients through gunicorn as `eenoverheid serve` runs
it (2 workers x 4 threads), in three rounds, each a kind of ledger movement:

1. reservations: asking for reviews (each reserves its points on the asking
   organization's account);
2. payments: accepting the submitted reviews (each captures its reservation into a
   transfer to the reviewer's organization), a quarter of them clicked twice at once;
3. transfers: allocations by a platform administrator (each a transfer from the
   issuance account: one hot account that every request locks).

Reports requests and ledger movements per second with p50/p95 latency per round, then
the conservation check: mismatched balances, the sum of all balances (must be 0), what
organizations hold against what was allocated, and reviews paid twice (must be 0).

    .venv/bin/python bench/ledger.py                     # SQLite in a temp folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_ledger .venv/bin/python bench/ledger.py

Nothing asserts a time; the figures go in the closing note.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.server import gunicorn  # noqa: E402

START = 1_000_000


def _setup(organizations: int):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model

    from eenoverheid.accounts import services as accounts
    from eenoverheid.ledger import services as ledger
    from eenoverheid.organizations.models import Organization
    from eenoverheid.organizations.services import membership_ensure

    User = get_user_model()
    platform = User.objects.create_user(email="beheer@eenoverheid.nl", password=None)
    platform.is_staff = platform.is_superuser = True
    platform.save()
    people = []
    for i in range(organizations):
        organization = Organization.objects.create(
            code=f"gm9{i:03d}", name=f"Gemeente {i}", kind="municipality", layer="municipality"
        )
        user = User.objects.create_user(email=f"ambtenaar{i}@example.org", password=None)
        membership_ensure(user=user, organization=organization)
        account = ledger.organization_account(organization)
        ledger.allocate(actor=platform, account=account, amount=START, idempotency_key=f"s{i}")
        _row, token = accounts.api_token_create(user=user, name="bench", scope="write")
        people.append({"user": user.pk, "token": token, "account": account.pk})
    _row, admin_token = accounts.api_token_create(user=platform, name="bench", scope="write")
    connection.close()
    return people, admin_token


def _progress(request_ids: list[int]) -> None:
    """Between the rounds, not measured: every asked reviewer accepts and submits."""
    from django.db import connection

    from eenoverheid.reviews import services
    from eenoverheid.reviews.models import ReviewRequest

    for request in ReviewRequest.objects.filter(pk__in=request_ids).select_related("reviewer"):
        services.assignment_accept(actor=request.reviewer, request=request)
        services.review_submit(
            actor=request.reviewer, request=request, text="Een review voor de meting, lang genoeg."
        )
    connection.close()


def _check() -> dict:
    from django.db import connection
    from django.db.models import Count, Sum

    from eenoverheid.ledger import services as ledger
    from eenoverheid.ledger.models import Account, Transfer

    mismatches, total = ledger.recompute()
    held = Account.objects.filter(kind="organization").aggregate(s=Sum("balance"))["s"]
    allocated = Transfer.objects.filter(reason="allocation").aggregate(s=Sum("amount"))["s"]
    twice = (
        Transfer.objects.filter(reason="review")
        .values("reference")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    below = sum(
        1
        for a in Account.objects.exclude(unlimited=True)
        if a.balance - a.reserved < -a.credit_limit
    )
    connection.close()
    return {
        "mismatches": len(mismatches),
        "sum": total,
        "held_equals_allocated": held == allocated,
        "paid_twice": twice,
        "below_limit": below,
    }


def _round(port: int, plan: list[list[tuple]], clients: int) -> dict:
    """Run every client's list of (method, path, token, body, clicks) at once."""
    latencies: list[float] = []
    statuses: Counter = Counter()
    bodies: list = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def one(method, path, token, body) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        started = time.perf_counter()
        try:
            connection.request(
                method,
                path,
                body=json.dumps(body) if body is not None else None,
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            )
            response = connection.getresponse()
            data = response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status, data = "error", b""
        finally:
            connection.close()
        elapsed = time.perf_counter() - started
        with lock:
            latencies.append(elapsed)
            statuses[status] += 1
            if status in (200, 201):
                bodies.append(json.loads(data))

    def client(requests) -> None:
        barrier.wait()
        for method, path, token, body, clicks in requests:
            if clicks == 1:
                one(method, path, token, body)
                continue
            twins = [
                threading.Thread(target=one, args=(method, path, token, body))
                for _ in range(clicks)
            ]
            for twin in twins:
                twin.start()
            for twin in twins:
                twin.join()

    threads = [threading.Thread(target=client, args=(p,)) for p in plan]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "wall": wall,
        "statuses": statuses,
        "bodies": bodies,
        "p50": statistics.median(ordered) * 1000,
        "p95": ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000,
    }


def _report(name: str, result: dict, movements: int) -> None:
    print(
        f"  {name}: {result['requests']} requests in {result['wall']:.1f} s = "
        f"{result['requests'] / result['wall']:.0f} requests/s, {movements} movements "
        f"({movements / result['wall']:.0f}/s); p50 {result['p50']:.0f} ms, "
        f"p95 {result['p95']:.0f} ms; statuses {dict(result['statuses'])}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="per client and round")
    parser.add_argument("--organizations", type=int, default=40)
    args = parser.parse_args()
    var = tempfile.mkdtemp(prefix="eenoverheid-bench-ledger-")
    os.environ.setdefault("EENOVERHEID_VAR_DIR", var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenoverheid.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    people, admin = _setup(args.organizations)
    from django.conf import settings

    rng = random.Random(1)
    deadline = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"{database}: {args.clients} clients, {args.organizations} organizations")
    failed = 0
    with gunicorn() as port:
        asks = []
        for _ in range(args.clients):
            requests = []
            for _ in range(args.requests):
                me, other = rng.sample(people, 2)
                body = {
                    "title": "Nota voor de meting",
                    "document_url": "https://docs.example.org/nota.pdf",
                    "feedback_wanted": "Alles",
                    "deadline": deadline,
                    "points": rng.randint(1, 100),
                    "invite": other["user"],
                    "idempotency_key": uuid.uuid4().hex,
                }
                requests.append(("POST", "/api/v1/reviews", me["token"], body, 1))
            asks.append(requests)
        reserved = _round(port, asks, args.clients)
        _report("reservations (ask for a review)", reserved, reserved["statuses"][201])
        made = [(b["id"], b["requester"]["id"]) for b in reserved["bodies"]]
        _progress([pk for pk, _requester in made])

        tokens = {p["user"]: p["token"] for p in people}
        rng.shuffle(made)
        payments = [[] for _ in range(args.clients)]
        for i, (pk, requester) in enumerate(made):
            clicks = 2 if rng.random() < 0.25 else 1
            payments[i % args.clients].append(
                ("POST", f"/api/v1/reviews/{pk}/acceptance", tokens[requester], None, clicks)
            )
        paid = _round(port, payments, args.clients)
        distinct = len({b["payment"] for b in paid["bodies"]})
        _report("payments (accept the review)", paid, distinct)

        allocations = [
            [
                (
                    "POST",
                    f"/api/v1/ledger/accounts/{rng.choice(people)['account']}/allocations",
                    admin,
                    {"amount": rng.randint(1, 50), "idempotency_key": uuid.uuid4().hex},
                    1,
                )
                for _ in range(args.requests)
            ]
            for _ in range(args.clients)
        ]
        allocated = _round(port, allocations, args.clients)
        _report("transfers (allocations)", allocated, allocated["statuses"][201])
        for result in (reserved, paid, allocated):
            failed += sum(n for s, n in result["statuses"].items() if s not in (200, 201))
    check = _check()
    print(
        f"  conservation: {check['mismatches']} mismatched accounts, sum of balances "
        f"{check['sum']}, organizations hold what was allocated: "
        f"{check['held_equals_allocated']}, reviews paid twice {check['paid_twice']}, "
        f"accounts below their limit {check['below_limit']}; failed requests {failed}"
    )
    ok = (
        check["mismatches"] == 0
        and check["sum"] == 0
        and check["held_equals_allocated"]
        and check["paid_twice"] == 0
        and check["below_limit"] == 0
        and failed == 0
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
