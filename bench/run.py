"""Measure the platform in-process: server time per page and API call, and SQL queries.

    make bench                      # SQLite in a fresh temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench make bench

Prints one line per target: p50 and p95 in milliseconds over N requests, and the number
of SQL queries one request runs. Figures depend on the machine; nothing asserts them.
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


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    os.environ.setdefault("EENOVERHEID_VAR_DIR", tempfile.mkdtemp(prefix="eenoverheid-bench-"))
    os.environ.setdefault("SEARCH_INDEX_DIR", str(Path(os.environ["EENOVERHEID_VAR_DIR"]) / "idx"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenoverheid.settings")
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client

    # Keep one connection across requests (as CONN_MAX_AGE does in production), so that
    # the figures measure the platform, not reconnecting, and the query log survives.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", interactive=False, verbosity=0)
    from eenoverheid.organizations.importer import RegisterImport

    for run in ("first", "again"):
        start = time.perf_counter()
        RegisterImport().run()
        print(f"import-organizations ({run}): {time.perf_counter() - start:6.2f} s")
    call_command("import_skills", verbosity=0)
    call_command("demo", "--people", "2000", verbosity=0)
    from eenoverheid.accounts import services
    from eenoverheid.accounts.models import User

    user = User.objects.get(email="ambtenaar@utrecht.nl")
    _token, plain = services.api_token_create(user=user, name="bench")
    browser = Client()
    browser.force_login(user)
    api = Client(headers={"Authorization": f"Bearer {plain}"})

    targets = [
        ("page /", Client(), "/"),
        ("page /dashboard/", browser, "/dashboard/"),
        ("api GET /api/v1/me (bearer)", api, "/api/v1/me"),
        ("api GET /api/v1/me/tokens (bearer)", api, "/api/v1/me/tokens"),
        ("api GET /api/v1/openapi.json", Client(), "/api/v1/openapi.json"),
        ("page /organisaties/", Client(), "/organisaties/"),
        ("page /organisaties/?q=utrecht", Client(), "/organisaties/?q=utrecht"),
        ("page /organisaties/gm0344/", browser, "/organisaties/gm0344/"),
        ("page wie-dekt gm0344", Client(), "/organisaties/wie-dekt/?gemeente=gm0344"),
        (
            "page wie-dekt gm0344 domein 6",
            Client(),
            "/organisaties/wie-dekt/?gemeente=gm0344&domein=6",
        ),
        ("api organizations ?layer=regional", Client(), "/api/v1/organizations?layer=regional"),
        ("api covering GM0344", Client(), "/api/v1/organizations/covering?municipality=GM0344"),
        (
            "api covering GM0344 6.72",
            Client(),
            "/api/v1/organizations/covering?municipality=GM0344&policy_domain=6.72",
        ),
        ("api organizations/{id} gm0344", Client(), "/api/v1/organizations/{gm0344}"),
        ("page /mensen/?q=jeugdzorg inkoop", browser, "/mensen/?q=jeugdzorg+inkoop"),
        ("api people?q=jeugdzorg inkoop", api, "/api/v1/people?q=jeugdzorg+inkoop"),
        (
            "api people?q=omgevingswet&layer=national",
            api,
            "/api/v1/people?q=omgevingswet&layer=national",
        ),
        ("api /me/profile", api, "/api/v1/me/profile"),
        ("page /kansen/ (with fit)", browser, "/kansen/"),
        ("page /kansen/voor-mij/", browser, "/kansen/voor-mij/"),
        ("api opportunities/for-me", api, "/api/v1/opportunities/for-me"),
    ]
    from eenoverheid.organizations.models import Organization

    utrecht_id = Organization.objects.get(code="gm0344").pk
    targets = [
        (label, client, path.replace("{gm0344}", str(utrecht_id)))
        for label, client, path in targets
    ]
    print(f"database: {connection.vendor}; {args.requests} requests per target")
    for label, client, path in targets:
        client.get(path)  # warm up
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            status = client.get(path).status_code
        timings = []
        for _ in range(args.requests):
            start = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        print(
            f"{label:40s} status {status}  p50 {statistics.median(timings):6.2f} ms  "
            f"p95 {percentile(timings, 0.95):6.2f} ms  queries {len(queries)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
