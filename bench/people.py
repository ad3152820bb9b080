"""Expertise search at scale: generate N people over the real register, then time 50
Dutch queries through the API (in-process client) and straight against the engine.

    .venv/bin/python bench/people.py --people 500000   # tantivy, SQLite in a temp folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench SEARCH_BACKEND=postgres \\
        .venv/bin/python bench/people.py --people 500000   # PostgreSQL full-text search

The PostgreSQL database is emptied first (flush). Nothing asserts a time; the figures go in
the closing note.
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

QUERIES = [
    "jeugdzorg inkoop",
    "Omgevingswet",
    "data-analyse python",
    "aanbesteding",
    "aanbestedingen",
    "jeugdzorgregio",
    "Wmo",
    "participatiewet",
    "schuldhulpverlening",
    "energietransitie",
    "warmtetransitie",
    "klimaatadaptatie",
    "waterkwaliteit",
    "dijkversterking",
    "riolering",
    "afvalinzameling",
    "verkeersveiligheid",
    "openbaar vervoer",
    "woningbouw",
    "huisvesting",
    "omgevingsplan",
    "vergunningverlening",
    "handhaving",
    "toezicht",
    "ondermijning",
    "crisisbeheersing",
    "Woo-verzoek",
    "privacy AVG",
    "informatiebeveiliging",
    "archief",
    "Common Ground",
    "digitale toegankelijkheid",
    "projectleider",
    "beleidsadviseur",
    "subsidieregeling",
    "bestuursrecht",
    "begroting",
    "burgerparticipatie",
    "leerplicht",
    "cultureel erfgoed",
    "sportbeleid",
    "publieke gezondheid",
    "infectieziekten",
    "stikstof",
    "natuurbeheer",
    "economische ontwikkeling",
    "bedrijventerreinen",
    "contractmanagement",
    "beleidsevaluatie",
    "mantelzorg",
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3, help="times each query is run")
    parser.add_argument(
        "--reuse", type=Path, help="the folder of an earlier SQLite run: query it, do not generate"
    )
    args = parser.parse_args()

    var = str(args.reuse) if args.reuse else tempfile.mkdtemp(prefix="eenoverheid-bench-people-")
    os.environ.setdefault("EENOVERHEID_VAR_DIR", var)
    os.environ.setdefault("SEARCH_INDEX_DIR", str(Path(var) / "search-index"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenoverheid.settings")
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    if args.reuse:
        print(f"reusing {var}")
    else:
        generate(args, call_command, connection)
    query(args, connection)
    return 0


def generate(args, call_command, connection) -> None:
    from django.conf import settings

    call_command("migrate", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    from eenoverheid.organizations.importer import RegisterImport
    from eenoverheid.people.demo import generate_people
    from eenoverheid.people.skills_import import import_skills

    RegisterImport().run()
    import_skills()
    print(f"database {connection.vendor}, search backend {settings.SEARCH_BACKEND}")
    start = time.perf_counter()
    result = generate_people(args.people, batch=10_000)
    seconds = time.perf_counter() - start
    print(
        f"generated and indexed {result['people']} people in {seconds:.0f} s "
        f"({result['people'] / seconds:.0f} people/s)"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")


def query(args, connection) -> None:
    from django.conf import settings
    from django.test import Client

    from eenoverheid.search.backends import get_backend

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM people_profile")
        profiles = cursor.fetchone()[0]
    print(f"{profiles} profiles on {connection.vendor}, search backend {settings.SEARCH_BACKEND}")
    backend = get_backend()
    client = Client()
    for q in QUERIES[:5]:  # warm up
        client.get("/api/v1/people", {"q": q})
        backend.raw_search(q)
    api, raw, counts = [], [], []
    for _ in range(args.rounds):
        for q in QUERIES:
            t = time.perf_counter()
            response = client.get("/api/v1/people", {"q": q})
            api.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, response.content[:200]
            counts.append(response.json()["count"])
            t = time.perf_counter()
            backend.raw_search(q, limit=10)
            raw.append((time.perf_counter() - t) * 1000)
    p50_api, p95_api = statistics.median(api), percentile(api, 0.95)
    p50_raw, p95_raw = statistics.median(raw), percentile(raw, 0.95)
    found = statistics.median(counts)
    print(f"{len(QUERIES)} queries x {args.rounds}: median people found {found:.0f}")
    print(f"API  /api/v1/people?q=  p50 {p50_api:7.2f} ms  p95 {p95_api:7.2f} ms")
    print(f"raw engine top-10       p50 {p50_raw:7.2f} ms  p95 {p95_raw:7.2f} ms")
    print(f"overhead ratio (API / raw): p50 {p50_api / p50_raw:.1f}x  p95 {p95_api / p95_raw:.1f}x")


if __name__ == "__main__":
    sys.exit(main())
