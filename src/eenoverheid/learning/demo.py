"""A demo catalogue: several hundred courses from real providers in the register (the
Rijksacademie for finance, the A+O fund for municipalities, the Police Academy, the
Defence Academy, Rijkswaterstaat, DUO and the municipality of Utrecht), each teaching
public-sector topics from the skills taxonomy at the level its kind of course reaches,
with sessions in the coming months in real municipalities or online. The demo civil
servant is enrolled in one session, completed another course (so she can add its skills
and review it) and wants to learn data work. Idempotent: nothing happens when courses
exist."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from eenoverheid.learning.models import (
    CostKind,
    Course,
    CourseSkill,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    Format,
    Session,
)
from eenoverheid.organizations.models import Organization
from eenoverheid.people.models import Skill

LEAD_EMAIL = "ambtenaar@utrecht.nl"

# (provider code, the topics it teaches, a code prefix)
PROVIDERS = [
    (
        "onderdeel-rijksacademie-voor-financien-economie-en-bedrijfsvoering-min-fin",
        [
            "eo-financien",
            "eo-subsidies",
            "eo-inkoop",
            "eo-beleidsevaluatie",
            "eo-projectmanagement",
        ],
        "RAF",
    ),
    (
        "oovb-stichting-arbeidsmarkt-en-opleidingsfonds-gemeenten",
        [
            "eo-wmo",
            "eo-jeugdhulp",
            "eo-participatiewet",
            "eo-schulden",
            "eo-burgerzaken",
            "eo-burgerparticipatie",
            "eo-omgevingswet",
            "eo-woo",
            "eo-avg",
            "eo-vth",
        ],
        "AOG",
    ),
    ("zb000153", ["eo-oov", "eo-avg", "eo-juridisch"], "PA"),
    ("onderdeel-nederlandse-defensie-academie-nlda", ["eo-projectmanagement", "eo-data"], "NLDA"),
    (
        "oorg10004",
        ["eo-waterbeheer", "eo-klimaatadaptatie", "eo-mobiliteit", "eo-natuur", "eo-riolering"],
        "RWS",
    ),
    ("oorg10148", ["eo-onderwijs", "eo-data", "eo-toegankelijkheid", "eo-common-ground"], "DUO"),
    (
        "gm0344",
        [
            "eo-energietransitie",
            "eo-wonen",
            "eo-ruimtelijke-ordening",
            "eo-publieke-gezondheid",
            "eo-economie",
            "eo-sport",
            "eo-cultuur",
            "eo-afval",
            "eo-archief",
            "eo-bestuursadvies",
        ],
        "UTR",
    ),
]

# (title pattern, format, level reached, study load in hours, duration)
KINDS = [
    ("Introductie {topic}", Format.ONLINE, "interested", 3, "één middag"),
    ("{topic} in de praktijk", Format.CLASSROOM, "practitioner", 16, "twee dagen"),
    ("Verdieping {topic}", Format.BLENDED, "practitioner", 24, "drie dagen en online opdrachten"),
    ("Masterclass {topic}", Format.CLASSROOM, "expert", 12, "drie avonden"),
    ("{topic} voor leidinggevenden", Format.CLASSROOM, "practitioner", 8, "één dag"),
    ("E-learning {topic}", Format.SELF_PACED, "interested", 4, "in je eigen tempo"),
    ("Actualiteiten {topic}", Format.ONLINE, "practitioner", 2, "één webinar"),
    ("Intervisie {topic}", Format.BLENDED, "practitioner", 6, "drie bijeenkomsten"),
]
CITIES = ["gm0344", "gm0363", "gm0518", "gm0599", "gm0193", "gm0772"]


def generate_courses(*, seed: int = 2026) -> int:
    if Course.objects.exists():
        return 0
    rng = random.Random(seed)
    topics = {s.code: s for s in Skill.objects.filter(code__startswith="eo-")}
    cities = {o.code: o for o in Organization.objects.filter(code__in=CITIES, is_active=True)}
    made = 0
    now = timezone.now()
    with transaction.atomic():
        for provider_code, topic_codes, prefix in PROVIDERS:
            provider = Organization.objects.filter(code=provider_code, is_active=True).first()
            if provider is None:
                continue
            for topic_code in topic_codes:
                topic = topics.get(topic_code)
                if topic is None:
                    continue
                for number, (pattern, fmt, level, load, duration) in enumerate(KINDS, start=1):
                    if rng.random() < 0.1:  # not every provider offers every kind
                        continue
                    cost = rng.choice(
                        [CostKind.FREE, CostKind.FREE, CostKind.OWN_FREE, CostKind.PAID]
                    )
                    euros = 0 if cost == CostKind.FREE else rng.choice([95, 195, 350, 650])
                    points = 0 if cost == CostKind.FREE else euros // 5
                    course = Course.objects.create(
                        provider=provider,
                        code=f"{prefix}-{topic_code[3:].upper()}-{number}",
                        title=pattern.format(topic=topic.name),
                        description=(
                            f"{pattern.format(topic=topic.name)} voor medewerkers van "
                            f"gemeenten, provincies, waterschappen en het Rijk. Na afloop ken je "
                            f"de kern van {topic.name.lower()} en pas je die toe in je eigen "
                            f"werk, met casussen uit de praktijk van de deelnemers."
                        ),
                        format=fmt,
                        duration=duration,
                        study_load_hours=load,
                        cost_kind=cost,
                        price_euros=euros,
                        price_points=points,
                        prerequisites=(
                            "Werkervaring met het onderwerp." if level == "expert" else ""
                        ),
                        accreditation="Vakbekwaamheid, 12 PE-punten" if load >= 12 else "",
                        status=CourseStatus.PUBLISHED,
                    )
                    CourseSkill.objects.create(course=course, skill=topic, level=level)
                    made += 1
                    if fmt == Format.SELF_PACED:
                        continue
                    for _ in range(rng.randint(1, 3)):
                        start = now + dt.timedelta(days=rng.randint(5, 120))
                        start = start.replace(
                            hour=rng.choice([9, 13, 19]), minute=0, second=0, microsecond=0
                        )
                        city = None
                        if fmt != Format.ONLINE:
                            city = (
                                provider
                                if provider.code in cities
                                else cities.get(rng.choice(CITIES))
                            )
                        Session.objects.create(
                            course=course,
                            starts_at=start,
                            ends_at=start + dt.timedelta(hours=min(load, 8) if load > 2 else 2),
                            municipality=city,
                            place="Opleidingscentrum" if city else "",
                            online_url=""
                            if city
                            else f"https://leren.example.org/{course.code.lower()}",
                            capacity=rng.choice([12, 16, 20, 25, 40]),
                        )
        _sanne(topics)
    return made


def _sanne(topics) -> None:
    """The demo civil servant: one enrolment, one completed course, data work wanted."""
    from eenoverheid.people.models import ProfileSkill
    from eenoverheid.people.services import profile_for

    sanne = get_user_model().objects.filter(email=LEAD_EMAIL).first()
    if sanne is None:
        return
    coming = (
        Session.objects.filter(course__course_skills__skill__code="eo-jeugdhulp", cancelled=False)
        .order_by("starts_at")
        .first()
    )
    if coming is not None:
        Enrolment.objects.create(
            session=coming,
            user=sanne,
            status=EnrolmentStatus.CONFIRMED,
            confirmed_at=timezone.now(),
        )
    done = Course.objects.filter(course_skills__skill__code="eo-woo").first()
    if done is not None:
        past = timezone.now() - dt.timedelta(days=30)
        session = Session.objects.create(
            course=done,
            starts_at=past,
            ends_at=past + dt.timedelta(hours=4),
            online_url="https://leren.example.org/woo",
            capacity=20,
        )
        Enrolment.objects.create(
            session=session,
            user=sanne,
            status=EnrolmentStatus.CONFIRMED,
            confirmed_at=past,
            attended=True,
            completed_at=past + dt.timedelta(hours=4),
        )
    if "eo-data" in topics:
        ProfileSkill.objects.get_or_create(
            profile=profile_for(sanne),
            skill=topics["eo-data"],
            defaults={"level": "interested"},
        )
