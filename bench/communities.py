"""Community pages at scale: a community with 10,000 threads and a thread with 2,000
replies; server time of the thread list and the thread page (first, middle and last
page), through Django's test client so that the whole request is measured. (Query
counts are pinned by the tests, not here.)

    .venv/bin/python bench/communities.py                    # SQLite in a temp folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/communities.py

Nothing asserts a time; the figures go in the closing note.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=10_000)
    parser.add_argument("--replies", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    var = tempfile.mkdtemp(prefix="eenoverheid-bench-communities-")
    os.environ.setdefault("EENOVERHEID_VAR_DIR", var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenoverheid.settings")
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # pages link the manifest
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model

    from eenoverheid.communities import services
    from eenoverheid.communities.models import Post, Thread
    from eenoverheid.organizations.models import Organization
    from eenoverheid.organizations.services import membership_ensure

    organization = Organization.objects.create(
        code="gm0344", name="Gemeente Utrecht", kind="municipality", layer="municipality"
    )
    User = get_user_model()
    users = [
        User.objects.create_user(email=f"lid{i}@utrecht.nl", name=f"Lid {i}") for i in range(50)
    ]
    for user in users:
        membership_ensure(user=user, organization=organization)
    community = services.community_create(actor=users[0], name="Inkoop en aanbesteden")
    for user in users[1:]:
        services.join(community=community, actor=user)
    start = time.perf_counter()
    batch = []
    for i in range(args.threads):
        batch.append(
            Thread(
                community=community,
                title=f"Onderwerp {i}: raamcontracten en aanbesteden",
                author=users[i % 50],
                visibility="signed_in",
                kind="question" if i % 3 else "discussion",
                reply_count=i % 7,
            )
        )
        if len(batch) == 5000:
            Thread.objects.bulk_create(batch)
            batch = []
    Thread.objects.bulk_create(batch)
    long = services.thread_start(
        community=community,
        actor=users[0],
        title="Lange discussie",
        body="Start",
        visibility="signed_in",
    )
    Post.objects.bulk_create(
        [
            Post(
                thread=long,
                author=users[i % 50],
                body=f"Reactie {i} met **Markdown** en een [link](https://example.org).",
            )
            for i in range(args.replies)
        ],
        batch_size=5000,
    )
    Thread.objects.filter(pk=long.pk).update(reply_count=args.replies)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"{connection.vendor}: {args.threads} threads and {args.replies} replies made in "
        f"{time.perf_counter() - start:.1f} s"
    )

    client = Client()
    client.force_login(users[1])
    pages_of_long = (args.replies + 1 + 49) // 50
    threads = f"/gemeenschappen/{community.slug}/discussies/"
    cases = {
        "thread list, page 1": threads,
        "thread list, page 200": f"{threads}?page=200",
        "unanswered questions": f"{threads}?kind=question&unanswered=1",
        "thread page 1": f"{threads}{long.pk}/",
        "thread page 20": f"{threads}{long.pk}/?page=20",
        "thread last page": f"{threads}{long.pk}/?page={pages_of_long}",
        "API thread list": f"/api/v1/communities/{community.pk}/threads?page=100",
        "API thread page 40": f"/api/v1/communities/{community.pk}/threads/{long.pk}?page=40",
    }
    for label, url in cases.items():
        times = []
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        for _ in range(args.rounds):
            reset_queries()
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"{label:24} p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
