"""A realistic population of civil servants over the real organizations.

Each person works for a real, current organization (municipalities weighted by their
inhabitants); their job title comes from ESCO's occupations or from the organization's
policy domains; their skills from the public-sector topics that belong to those domains
plus ESCO skills; levels, availability and visibility vary. Written in batches straight to
the tables and the search engine, so that 500,000 people take minutes, not hours.
Generated people cannot sign in (no password, no verified address)."""

from __future__ import annotations

import csv
import random
import time
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import transaction

from eenoverheid.organizations.models import Membership, Organization, OrganizationDomain
from eenoverheid.people.models import Profile, ProfileSkill, Skill, SkillStatus
from eenoverheid.people.skills_import import DATA_DIR
from eenoverheid.people.topics import TOPICS
from eenoverheid.search.backends import get_backend
from eenoverheid.search.models import SearchDocument

FIRST = [
    "Anna",
    "Bram",
    "Chantal",
    "Daan",
    "Emma",
    "Fatima",
    "Gijs",
    "Hanna",
    "Ismail",
    "Jeroen",
    "Karin",
    "Lars",
    "Mila",
    "Noah",
    "Olga",
    "Pieter",
    "Quinten",
    "Roos",
    "Sanne",
    "Thijs",
    "Umar",
    "Vera",
    "Willem",
    "Yara",
    "Zeynep",
    "Anouk",
    "Bas",
    "Chloé",
    "Dirk",
    "Esther",
    "Femke",
    "Gerrit",
    "Hatice",
    "Iris",
    "Joost",
    "Kees",
    "Lotte",
    "Maarten",
    "Nadia",
    "Oscar",
    "Petra",
    "Ruben",
    "Sophie",
    "Tim",
    "Ilse",
    "Wouter",
    "Yusuf",
    "Marieke",
    "Hans",
    "Fleur",
    "Mohamed",
    "Lieke",
    "Stefan",
    "Ingrid",
    "Koen",
    "Sara",
]
LAST = [
    "de Vries",
    "Jansen",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Bouzid",
    "Nguyen",
    "Wijaya",
    "Kowalski",
    "Postma",
    "Hoekstra",
    "Kuipers",
]
PUBLIC_OCCUPATION_WORDS = (
    "beleid",
    "ambtena",
    "adviseur",
    "jurist",
    "inspecteur",
    "consulent",
    "coördinator",
    "projectleider",
    "analist",
    "manager",
    "planner",
    "controller",
    "archivaris",
    "handhav",
    "toezicht",
    "medewerker",
)
ROLES = ["beleidsadviseur", "projectleider", "senior adviseur", "specialist", "coördinator"]
LEVELS = ["interested", "practitioner", "practitioner", "expert", "expert"]
VISIBILITY = ["public", "signed_in", "signed_in", "signed_in", "members"]
BIO = [
    "Ik werk als {title} bij {org}, vooral aan {a} en {b}.",
    "Bij {org} houd ik me bezig met {a}. Daarnaast ben ik betrokken bij {b} in de regio.",
    "{title} met ervaring in {a}, {b} en {c}. Vraag me gerust om mee te denken.",
    "Mijn werk bij {org}: {a}. Ik deel graag wat we geleerd hebben over {b}.",
]


def _occupations() -> list[str]:
    with (DATA_DIR / "occupations_nl.csv").open(encoding="utf-8") as f:
        titles = [row["preferredLabel"].strip() for row in csv.DictReader(f)]
    return [t for t in titles if any(w in t.lower() for w in PUBLIC_OCCUPATION_WORDS)] or titles


def _organizations(rng):
    weighted = []
    for org in (
        Organization.objects.filter(is_active=True)
        .exclude(kind__in=["department", "statutory_entity", "caribbean_public_body"])
        .only("id", "kind", "name", "inhabitants", "province_id")
    ):
        if org.kind == "municipality":
            weight = max(1, (org.inhabitants or 20000) // 20000)
        elif org.kind in {"ministry", "province", "water_board"}:
            weight = 12
        else:
            weight = 1
        weighted.append((org, weight))
    orgs = [o for o, _w in weighted]
    weights = [w for _o, w in weighted]
    return orgs, weights


def generate_people(n: int, *, seed: int = 2026, batch: int = 5000, stdout=None) -> dict:
    rng = random.Random(seed)
    User = get_user_model()
    start = time.perf_counter()
    orgs, weights = _organizations(rng)
    if not orgs:
        raise RuntimeError("The organization register is empty: run import-organizations first.")
    municipalities = [o for o in orgs if o.kind == "municipality"]
    domains = defaultdict(list)
    for org_id, code in OrganizationDomain.objects.values_list("organization_id", "domain__code"):
        domains[org_id].append(code)
    skill_ids = dict(Skill.objects.filter(status=SkillStatus.ACTIVE).values_list("code", "id"))
    topics_by_domain = defaultdict(list)
    topic_names = {}
    for code, name, _en, _syn, topic_domains in TOPICS:
        topic_names[code] = name
        for d in topic_domains:
            topics_by_domain[d].append(code)
    esco_skills = [pk for code, pk in skill_ids.items() if not code.startswith("eo")]
    occupations = _occupations()
    offset = User.objects.filter(email__endswith=".demo.eenoverheid.nl").count()
    backend = get_backend()
    writer = backend.bulk_writer() if hasattr(backend, "bulk_writer") else None
    from eenoverheid.people.search_providers import build_documents

    made = 0
    while made < n:
        size = min(batch, n - made)
        users, plans = [], []
        for i in range(size):
            number = offset + made + i
            org = rng.choices(orgs, weights)[0]
            first, last = rng.choice(FIRST), rng.choice(LAST)
            topics = [t for d in domains.get(org.id, []) for t in topics_by_domain.get(d, [])]
            topics = list(dict.fromkeys(topics)) or list(topic_names)
            chosen = rng.sample(topics, k=min(len(topics), rng.randint(1, 4)))
            if rng.random() < 0.5:
                title = rng.choice(occupations)
            else:
                role = rng.choice(ROLES)
                title = f"{role} {topic_names[chosen[0]].lower()}"
            users.append(
                User(
                    email=f"{first}.{last}.{number}@{org.id}.demo.eenoverheid.nl".lower().replace(
                        " ", ""
                    ),
                    name=f"{first} {last}",
                    password="!",
                )
            )
            names = [topic_names[t] for t in chosen] + ["samenwerking", "beleid"]
            plans.append(
                {
                    "org": org,
                    "title": title[:150],
                    "bio": rng.choice(BIO).format(
                        title=title,
                        org=org.name,
                        a=names[0].lower(),
                        b=names[1].lower(),
                        c=names[2].lower(),
                    ),
                    "skills": [(skill_ids[t], rng.choice(LEVELS)) for t in chosen if t in skill_ids]
                    + [
                        (rng.choice(esco_skills), rng.choice(LEVELS))
                        for _ in range(rng.randint(0, 3) if esco_skills else 0)
                    ],
                    "available": rng.random() < 0.3,
                    "visibility": rng.choice(VISIBILITY),
                    "municipality": org
                    if org.kind == "municipality"
                    else (rng.choice(municipalities) if rng.random() < 0.6 else None),
                }
            )
        with transaction.atomic():
            User.objects.bulk_create(users, batch_size=2000)
            ids = dict(
                User.objects.filter(email__in=[u.email for u in users]).values_list("email", "id")
            )
            Membership.objects.bulk_create(
                [
                    Membership(
                        user_id=ids[u.email],
                        organization=p["org"],
                        role="member",
                        source="provisioned",
                    )
                    for u, p in zip(users, plans, strict=True)
                ],
                batch_size=2000,
            )
            profiles = [
                Profile(
                    user_id=ids[u.email],
                    job_title=p["title"],
                    bio=p["bio"],
                    visibility=p["visibility"],
                    available=p["available"],
                    hours_per_week=rng.choice([4, 8, 16]) if p["available"] else None,
                    work_municipality=p["municipality"],
                    languages=["nl", "en"] if rng.random() < 0.6 else ["nl"],
                )
                for u, p in zip(users, plans, strict=True)
            ]
            Profile.objects.bulk_create(profiles, batch_size=2000)
            profile_ids = dict(
                Profile.objects.filter(user_id__in=ids.values()).values_list("user_id", "id")
            )
            ProfileSkill.objects.bulk_create(
                [
                    ProfileSkill(
                        profile_id=profile_ids[ids[u.email]], skill_id=skill_id, level=level
                    )
                    for u, p in zip(users, plans, strict=True)
                    for skill_id, level in dict(p["skills"]).items()
                ],
                batch_size=5000,
                ignore_conflicts=True,
            )
            documents = build_documents(list(ids.values()))
            SearchDocument.objects.bulk_create(documents, batch_size=5000)
        if writer is not None:
            backend.upsert(documents, writer=writer)
        made += size
        if stdout:
            stdout.write(f"  {made}/{n} people ({time.perf_counter() - start:.0f} s)")
    if writer is not None:
        writer.commit()
        writer.wait_merging_threads()
        backend.index.reload()
    _analyze()
    return {"people": made, "seconds": round(time.perf_counter() - start, 1)}


def _analyze() -> None:
    """Fresh statistics after a bulk load, so the query planner picks the selective index
    (without them SQLite scans by profile visibility instead of by person)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
