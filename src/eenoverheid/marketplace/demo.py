"""Demo opportunities: gigs, vacancies, job swaps, shadowing, mentoring and more from
real organizations of the register (large municipalities, Rijkswaterstaat, DUO), each
asking for public-sector topics of the skills taxonomy, published by a member of the
organization whom it appointed recruiter. Civil servants of the demo population apply;
the demo civil servant (an administrator of Utrecht) publishes a gig that has
applications, is offered another, did a third (completed, paid, endorsed), seeks gigs
and mentoring and keeps a saved search. Everything goes through the services, so points
move through the ledger. Idempotent: nothing happens when opportunities exist."""

from __future__ import annotations

import contextlib
import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from eenoverheid.core.errors import DomainError
from eenoverheid.marketplace import services
from eenoverheid.marketplace.models import Opportunity
from eenoverheid.organizations.models import Membership, MembershipRole, Organization
from eenoverheid.people.models import ProfileSkill, Skill

LEAD_EMAIL = "ambtenaar@utrecht.nl"

PUBLISHERS = [
    ("gm0344", ["eo-data", "eo-wmo", "eo-jeugdhulp", "eo-omgevingswet", "eo-burgerparticipatie"]),
    ("gm0363", ["eo-energietransitie", "eo-wonen", "eo-data", "eo-schulden", "eo-woo"]),
    ("gm0518", ["eo-participatiewet", "eo-avg", "eo-inkoop", "eo-toegankelijkheid"]),
    ("gm0599", ["eo-klimaatadaptatie", "eo-mobiliteit", "eo-vth", "eo-financien"]),
    ("gm0193", ["eo-ruimtelijke-ordening", "eo-natuur", "eo-projectmanagement"]),
    ("oorg10004", ["eo-waterbeheer", "eo-klimaatadaptatie", "eo-mobiliteit", "eo-data"]),
    ("oorg10148", ["eo-onderwijs", "eo-data", "eo-common-ground", "eo-toegankelijkheid"]),
]

# (kind, title, description, hours a week, weeks, points)
TEMPLATES = [
    ("gig", "Klus: {topic} – tweede lezing van een nota",
     "We zoeken een collega die met een frisse blik onze nota over {topic} leest en "
     "binnen twee weken schriftelijk reageert.", 4, 2, 80),
    ("gig", "Klus: dashboard {topic}",
     "Bouw met ons een dashboard voor {topic}: cijfers ophalen, duiden en zo tonen dat "
     "het bestuur er keuzes mee maakt.", 8, 8, 300),
    ("vacancy", "Adviseur {topic}",
     "Als adviseur {topic} werk je met beleid, uitvoering en partners in de regio aan de "
     "opgaven van onze organisatie.", 36, None, 0),
    ("vacancy", "Senior beleidsmedewerker {topic}",
     "Je geeft richting aan ons beleid voor {topic}, schrijft voor het bestuur en "
     "verbindt collega's binnen en buiten de organisatie.", 32, None, 0),
    ("job_swap", "Ruil van baan: {topic} bij een andere overheidslaag",
     "Drie maanden ruilen met een collega die {topic} vanuit een andere overheidslaag "
     "bekijkt. Beiden keren terug met nieuwe inzichten.", 36, 12, 0),
    ("shadowing", "Meelopen met het team {topic}",
     "Loop twee dagen mee met ons team {topic} en zie hoe wij het werk organiseren.",
     None, 1, 0),
    ("mentoring", "Mentor gezocht voor starters in {topic}",
     "Begeleid een starter een half jaar lang, één uur per twee weken, in het vak {topic}.",
     1, 26, 40),
    ("peer_coaching", "Intervisie {topic} over de grenzen van organisaties",
     "Een intervisiegroep van vakgenoten uit verschillende organisaties over {topic}.",
     2, 12, 0),
    ("deployment", "Detachering: projectleider {topic}",
     "Een jaar gedetacheerd als projectleider {topic} in een programma van meerdere "
     "organisaties.", 32, 52, 0),
]  # fmt: skip
PER_ORGANIZATION = 9


def generate_opportunities(*, seed: int = 2026) -> int:
    if Opportunity.objects.exists():
        return 0
    rng = random.Random(seed)
    topics = {s.code: s for s in Skill.objects.filter(code__startswith="eo-")}
    made: list[Opportunity] = []
    for code, topic_codes in PUBLISHERS:
        organization = Organization.objects.filter(code=code, is_active=True).first()
        publisher = _publisher(organization)
        if organization is None or publisher is None:
            continue
        chosen = [topics[t] for t in topic_codes if t in topics]
        if not chosen:
            continue
        for number in range(PER_ORGANIZATION):
            kind, title, text, hours, weeks, points = TEMPLATES[number % len(TEMPLATES)]
            topic = chosen[number % len(chosen)]
            extra = [s for s in chosen if s != topic][:1]
            start = timezone.localdate() + dt.timedelta(days=rng.randint(14, 90))
            data = services.OpportunityInput(
                kind=kind,
                title=title.format(topic=topic.name.lower()),
                description=text.format(topic=topic.name.lower()),
                skills=[(topic.pk, rng.choice(["practitioner", "expert"]), True)]
                + [(s.pk, "practitioner", False) for s in extra],
                hours_per_week=hours,
                start_date=start,
                duration_weeks=weeks,
                work_mode=rng.choice(["hybrid", "hybrid", "remote", "on_site"]),
                salary_scale_min=rng.choice([9, 10, 11]) if kind == "vacancy" else None,
                salary_scale_max=rng.choice([11, 12]) if kind == "vacancy" else None,
                closing_date=timezone.localdate() + dt.timedelta(days=rng.randint(10, 60)),
                points=points,
                visibility="public" if kind == "vacancy" else "signed_in",
            )
            try:
                made.append(
                    services.opportunity_create(
                        actor=publisher,
                        organization=organization,
                        data=data,
                        publish=number != PER_ORGANIZATION - 1,  # the last one stays a draft
                    )
                )
            except DomainError:
                continue
    _applications(made, rng)
    return len(made)


def _publisher(organization):
    """A member of the organization, appointed recruiter by one of its administrators
    (the demo civil servant administers Utrecht and publishes herself)."""
    if organization is None:
        return None
    members = Membership.objects.filter(organization=organization).select_related("user")
    admin = members.filter(role=MembershipRole.ADMIN).order_by("id").first()
    if admin is not None:
        return admin.user
    member = members.order_by("id").first()
    if member is None:
        return None
    services.Recruiter.objects.get_or_create(organization=organization, user=member.user)
    return member.user


def _applications(made: list[Opportunity], rng: random.Random) -> None:
    sanne = get_user_model().objects.filter(email=LEAD_EMAIL).first()
    if sanne is None:
        return
    services.interests_set(user=sanne, seek=["gig", "mentoring"], offer=["peer_coaching"])
    from eenoverheid.marketplace.selectors import filters_from_params

    with contextlib.suppress(DomainError):
        services.saved_search_create(
            user=sanne, name="Dataklussen", filters=filters_from_params(kind="gig", skill="eo-data")
        )
    open_ones = [o for o in made if o.status == "open"]
    hers = [o for o in open_ones if o.created_by_id == sanne.pk]
    others = [o for o in open_ones if o.created_by_id != sanne.pk and o.kind == "gig"]
    # Her own gig draws applications from people who hold its skill.
    for opportunity in hers[:2]:
        skill_ids = list(opportunity.skills.values_list("skill_id", flat=True))
        applicants = (
            ProfileSkill.objects.filter(skill_id__in=skill_ids, profile__user__is_active=True)
            .exclude(profile__user=sanne)
            .values_list("profile__user", flat=True)
            .distinct()[:4]
        )
        for user in get_user_model().objects.filter(pk__in=list(applicants)):
            try:
                services.apply(
                    actor=user,
                    opportunity=opportunity,
                    motivation="Ik heb hier ervaring mee en wil graag bijdragen aan jullie opgave.",
                )
            except DomainError:
                continue
    # Elsewhere: one gig she did (completed, paid, endorsed), one on offer, one applied.
    for step, opportunity in zip(("done", "offered", "applied"), others, strict=False):
        try:
            application = services.apply(
                actor=sanne,
                opportunity=opportunity,
                motivation="Dit sluit aan bij mijn werk in Utrecht; ik denk graag mee.",
            )
            if step == "applied":
                continue
            publisher = opportunity.created_by
            services.make_offer(actor=publisher, application=application, message="Welkom!")
            if step == "offered":
                continue
            services.offer_accept(actor=sanne, application=application)
            services.complete_confirm(actor=sanne, application=application)
            services.complete_confirm(actor=publisher, application=application)
            services.feedback_give(
                actor=publisher, application=application, rating=5, text="Snel en precies."
            )
            services.feedback_give(actor=sanne, application=application, rating=4)
            services.endorse(
                actor=publisher,
                application=application,
                skill_ids=list(opportunity.skills.values_list("skill_id", flat=True)),
            )
        except DomainError:
            continue
