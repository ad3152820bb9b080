"""Demo peer reviews, through the services (so that points are reserved and paid as in
real use): the demo civil servant of Utrecht has requests in every stage, with reviewers
from other organizations drawn from the generated people by their skills; another
organization's request is open for her to volunteer, and one asks her directly.
Idempotent: nothing happens when reviews exist already."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from eenoverheid.organizations.models import Membership
from eenoverheid.people.models import ProfileSkill, Skill
from eenoverheid.reviews import services
from eenoverheid.reviews.models import ReviewRequest

LEAD_EMAIL = "ambtenaar@utrecht.nl"

NOTE = """# Notitie integrale aanpak jeugdhulp

## Aanleiding
De wachttijden voor specialistische jeugdhulp in de regio lopen op tot twintig weken.
Wijkteams verwijzen verschillend door en de inkoop verschilt per gemeente.

## Voorstel
1. Eén regionale inkoopafspraak voor specialistische jeugdhulp vanaf 2027.
2. Een gezamenlijk dashboard van wachtlijsten per aanbieder.
3. Een praktijkondersteuner jeugd bij elke huisartsenpraktijk.

## Kosten
De extra kosten zijn 1,2 miljoen euro per jaar, te dekken uit lagere kosten van
verblijf. De onderbouwing staat in bijlage 2.
"""


def _reviewers(skill_codes: list[str], exclude_organization_id: int, count: int) -> list:
    """Available people with these skills, of another organization, best first."""
    users = []
    rows = (
        ProfileSkill.objects.filter(
            skill__code__in=skill_codes,
            profile__available=True,
            profile__user__is_active=True,
        )
        .exclude(profile__user__memberships__organization_id=exclude_organization_id)
        .filter(profile__user__memberships__isnull=False)
        .order_by("level", "profile_id")  # "expert" sorts before "practitioner"
        .values_list("profile__user_id", flat=True)[: count * 5]
    )
    for user_id in rows:
        if user_id not in users:
            users.append(user_id)
        if len(users) == count:
            break
    return list(get_user_model().objects.filter(pk__in=users))


def _ask(sanne, key: str, **fields) -> ReviewRequest:
    skills = fields.pop("skills")
    document = fields.pop("document", None)
    data = services.RequestInput(
        skill_ids=list(Skill.objects.filter(code__in=skills).values_list("id", flat=True)),
        **fields,
    )
    made, _new = services.request_create(
        actor=sanne,
        data=data,
        document=document,
        idempotency_key=key,
    )
    return made


def generate_reviews() -> int:
    User = get_user_model()
    sanne = User.objects.filter(email=LEAD_EMAIL).first()
    if sanne is None or ReviewRequest.objects.exists():
        return 0
    utrecht_id = services.organization_ids(sanne)[0] if services.organization_ids(sanne) else None
    if utrecht_id is None:
        return 0
    reviewers = _reviewers(
        ["eo-jeugdhulp", "eo-inkoop", "eo-klimaatadaptatie", "eo-data", "eo-juridisch"],
        utrecht_id,
        4,
    )
    if len(reviewers) < 4:
        return 0
    today = timezone.localdate()
    common = {"feedback_kind": "content", "organization_id": utrecht_id}

    _ask(
        sanne,
        "demo-review-open",
        title="Notitie integrale aanpak jeugdhulp",
        summary="Voorstel voor één regionale inkoop en een wachtlijstdashboard.",
        document=ContentFile(NOTE.encode(), name="notitie-jeugdhulp.md"),
        feedback_wanted="Is de kostenonderbouwing overtuigend voor de andere regiogemeenten?",
        skills=["eo-jeugdhulp", "eo-financien"],
        deadline=today + dt.timedelta(days=21),
        points=150,
        **common,
    )
    in_progress = _ask(
        sanne,
        "demo-review-progress",
        title="Inkoopstrategie Wmo 2027",
        document_url="https://www.utrecht.nl/",
        feedback_wanted="Klopt de aanbestedingsroute juridisch?",
        skills=["eo-inkoop", "eo-juridisch"],
        deadline=today + dt.timedelta(days=14),
        points=120,
        **common,
    )
    services.reviewer_pick(actor=sanne, request=in_progress, user=reviewers[0])
    services.assignment_accept(actor=reviewers[0], request=in_progress)

    waiting = _ask(
        sanne,
        "demo-review-submitted",
        title="Hitteplan binnenstad",
        document_url="https://www.utrecht.nl/",
        feedback_wanted="Zijn de koele plekken goed gekozen voor kwetsbare ouderen?",
        skills=["eo-klimaatadaptatie"],
        deadline=today + dt.timedelta(days=10),
        points=80,
        **common,
    )
    services.reviewer_pick(actor=sanne, request=waiting, user=reviewers[1])
    services.assignment_accept(actor=reviewers[1], request=waiting)
    services.review_submit(
        actor=reviewers[1],
        request=waiting,
        text=(
            "Een helder plan. Twee punten: de koele plekken liggen vooral in het centrum, "
            "terwijl de meeste ouderen in Overvecht en Kanaleneiland wonen; en het "
            "hitteprotocol noemt de thuiszorg niet als eerste schakel. Kijk ook naar de "
            "aanpak van Rotterdam met buurtconciërges."
        ),
    )

    done = _ask(
        sanne,
        "demo-review-paid",
        title="Beleidskader datagedreven werken",
        document_url="https://www.utrecht.nl/",
        feedback_wanted="Is het kader uitvoerbaar voor een middelgrote gemeente?",
        skills=["eo-data"],
        deadline=today + dt.timedelta(days=5),
        points=100,
        feedback_kind="feasibility",
        organization_id=utrecht_id,
    )
    services.reviewer_pick(actor=sanne, request=done, user=reviewers[2])
    services.assignment_accept(actor=reviewers[2], request=done)
    services.review_submit(
        actor=reviewers[2],
        request=done,
        text=(
            "Uitvoerbaar, mits de datagovernance eerst wordt belegd: wie is eigenaar van "
            "welke gegevens? Begin klein met twee use cases."
        ),
    )
    services.review_accept(actor=sanne, request=done)
    services.rate(actor=sanne, request=done, score=5, comment="Scherp en praktisch.")
    services.rate(actor=reviewers[2], request=done, score=4)

    # Another organization asks: one request open to volunteer for, one asking Sanne.
    other = reviewers[3]
    other_org = (
        Membership.objects.filter(user=other)
        .order_by("id")
        .values_list("organization_id", flat=True)
    )[0]
    for key, title, invite in (
        ("demo-review-other-open", "Participatieplan omgevingsvisie", None),
        ("demo-review-other-asks", "Evaluatie jeugdhulp 2025", sanne.pk),
    ):
        services.request_create(
            actor=other,
            data=services.RequestInput(
                title=title,
                document_url="https://www.rijksoverheid.nl/",
                feedback_kind="content",
                feedback_wanted="Een frisse blik van een andere gemeente.",
                skill_ids=list(
                    Skill.objects.filter(code__in=["eo-jeugdhulp"]).values_list("id", flat=True)
                ),
                deadline=today + dt.timedelta(days=12),
                points=60,
                organization_id=other_org,
                invite_user_id=invite,
            ),
            idempotency_key=key,
        )
    return ReviewRequest.objects.count()
