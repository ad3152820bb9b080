"""Provisioning at scale: one organization whose directory has provisioned N people
(default 20,000) and 200 teams; server time of what a directory asks most (`userName eq`
before every create, a page of Users, a PATCH deactivating someone) and of the
home-realm discovery step, through Django's test client.

    .venv/bin/python bench/identity.py                    # SQLite in a temp folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/identity.py

Nothing asserts a time; the figures go in the closing note.
"""

from __future__ import annotations

import argparse
import json
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
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("EENOVERHEID_VAR_DIR", tempfile.mkdtemp(prefix="eo-bench-identity-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenoverheid.settings")
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    from eenoverheid.accounts import provisioning
    from eenoverheid.accounts.models import ScimUser, User
    from eenoverheid.organizations.models import Membership, Organization, Team
    from eenoverheid.organizations.services import email_domain_add, membership_ensure

    started = time.perf_counter()
    org = Organization.objects.create(
        code="gm0344", name="Gemeente Utrecht", kind="municipality", layer="municipality"
    )
    admin = User.objects.create_user(email="beheer@utrecht.nl", name="Beheer")
    membership_ensure(user=admin, organization=org, role="admin")
    email_domain_add(organization=org, actor=admin, domain="utrecht.nl")
    users = User.objects.bulk_create(
        User(email=f"p{i}@utrecht.nl", name=f"Persoon {i}") for i in range(args.people)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
    )
    Membership.objects.bulk_create(
        Membership(user=u, organization=org, source="provisioned") for u in users
    )
    ScimUser.objects.bulk_create(
        ScimUser(
            organization=org,
            user=u,
            user_name=u.email,
            external_id=f"ext-{u.pk}",
            document={
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "userName": u.email,
                "emails": [{"value": u.email, "primary": True}],
                "displayName": u.name,
                "active": True,
            },
        )
        for u in users
    )
    teams = Team.objects.bulk_create(Team(organization=org, name=f"Team {i}") for i in range(200))
    Through = Team.members.through
    Through.objects.bulk_create(
        Through(team_id=teams[i % 200].pk, user_id=u.pk) for i, u in enumerate(users)
    )
    print(f"data: {args.people} people, 200 teams in {time.perf_counter() - started:.1f} s")
    _token, plain = provisioning.scim_token_create(organization=org, actor=admin, name="bench")
    scim = Client(headers={"Authorization": f"Bearer {plain}"})
    last = ScimUser.objects.order_by("-pk").first()

    def measure(label, call):
        call()
        times = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            response = call()
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code in (200, 302), (label, response.status_code)
        times.sort()
        p95 = times[max(int(len(times) * 0.95) - 1, 0)]
        print(f"{label:45} p50 {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms")

    measure(
        "SCIM userName eq (before every create)",
        lambda: scim.get(f'/scim/v2/Users?filter=userName eq "{last.user_name}"'),
    )
    measure(
        "SCIM a page of 100 Users", lambda: scim.get("/scim/v2/Users?startIndex=9001&count=100")
    )
    measure("SCIM one User", lambda: scim.get(f"/scim/v2/Users/{last.pk}"))
    measure(
        "SCIM displayName eq (a team)",
        lambda: scim.get('/scim/v2/Groups?filter=displayName eq "Team 7"'),
    )
    flip = [True]

    def patch():
        flip[0] = not flip[0]
        body = {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "replace", "path": "active", "value": flip[0]}],
        }
        return scim.patch(
            f"/scim/v2/Users/{last.pk}", json.dumps(body), content_type="application/scim+json"
        )

    measure("SCIM PATCH active (deactivate/reactivate)", patch)
    browser = Client()
    measure(
        "sign-in step one (no provider)",
        lambda: browser.post("/aanmelden/", {"email": "x@utrecht.nl"}),
    )
    print(f"database: {connection.vendor}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
