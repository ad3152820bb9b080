"""Demo challenges a Dutch civil servant recognizes, described through the services like
any other challenge; their suggestions are computed, not written down here."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count

from eenoverheid.challenges import services, suggestions
from eenoverheid.challenges.models import Challenge, ChallengeMember
from eenoverheid.core.errors import DomainError
from eenoverheid.organizations.models import (
    Coverage,
    Membership,
    Organization,
    OrganizationKind,
)
from eenoverheid.people.models import Skill

LEAD_EMAIL = "ambtenaar@utrecht.nl"


def _skills(pairs):
    codes = dict(Skill.objects.filter(code__in=[c for c, _n in pairs]).values_list("code", "id"))
    return [(codes[c], n) for c, n in pairs if c in codes]


def _youth_region(municipality_code: str) -> Organization | None:
    """The smallest regional body with youth care in its name that covers the
    municipality: the youth-care region."""
    return (
        Organization.objects.active()
        .filter(
            kind=OrganizationKind.JOINT_BODY,
            name__icontains="jeugd",
            pk__in=Coverage.objects.filter(municipality__code=municipality_code).values(
                "organization_id"
            ),
        )
        .annotate(size=Count("coverage"))
        .order_by("size", "name")
        .first()
    )


def _lead_for(organization: Organization, fallback):
    membership = (
        Membership.objects.filter(organization=organization, user__is_active=True)
        .select_related("user")
        .order_by("id")
        .first()
    )
    return membership.user if membership else fallback


def generate_challenges(*, stdout=None) -> int:
    User = get_user_model()
    sanne = User.objects.filter(email=LEAD_EMAIL).first()
    if sanne is None or Challenge.objects.exists():
        return 0
    utrecht = Organization.objects.filter(code="gm0344").first()
    if utrecht is None:
        return 0
    region = _youth_region("gm0344")
    specs = [
        dict(
            organization=utrecht,
            lead=sanne,
            title="Jeugdhulp in de regio: kortere wachttijden voor specialistische hulp",
            description=(
                "Jongeren in de regio wachten maanden op specialistische jeugdhulp. De "
                "gemeenten kopen samen in, maar sturen elk op hun eigen manier. We willen "
                "samen met de regio, de GGD en aanbieders de wachttijden halveren: één "
                "inkoopafspraak, één beeld van de wachtlijsten en betere aansluiting tussen "
                "wijkteams en specialistische zorg."
            ),
            area_kind="region" if region else "municipalities",
            area_organization=region.code if region else None,
            municipalities=None if region else ["gm0344", "gm0355", "gm0356"],
            policy_domains=["6.72", "6.82", "G.2"],
            skills=[("eo-jeugdhulp", 2), ("eo-inkoop", 1), ("eo-data", 1), ("eo-juridisch", 1)],
            information_needs="Cijfers over jeugdhulpgebruik en wachttijden per wijk; gezondheidsmonitor jeugd.",
            visibility="signed_in",
        ),
        dict(
            organization=utrecht,
            lead=sanne,
            title="Hittestress in de binnensteden",
            description=(
                "Op hete dagen wordt het in versteende wijken tot acht graden warmer dan "
                "erbuiten. Vijf grote steden willen samen een hitteplan: koele plekken, meer "
                "groen, een hitteprotocol voor kwetsbare ouderen en één manier om de "
                "hittestresskaarten te maken."
            ),
            area_kind="municipalities",
            municipalities=["gm0344", "gm0363", "gm0599", "gm0518", "gm0772"],
            policy_domains=["5.7", "7.4", "7.1"],
            skills=[
                ("eo-klimaatadaptatie", 2),
                ("eo-data", 1),
                ("eo-ruimtelijke-ordening", 1),
                ("eo-burgerparticipatie", 1),
            ],
            information_needs="Hittestresskaarten, bomen en groen, gevoelstemperatuur, kwetsbare ouderen.",
            visibility="public",
        ),
        dict(
            code="pv25",
            title="Energietransitie Gelderland: netcongestie en warmtenetten",
            description=(
                "Bedrijven en nieuwe woonwijken in Gelderland wachten op een aansluiting op "
                "het stroomnet. De provincie wil met gemeenten, netbeheerder en het Rijk "
                "zoekgebieden voor opwek, opslag en warmtenetten op elkaar afstemmen."
            ),
            area_kind="province",
            area_organization="pv25",
            policy_domains=["P.3", "8.1"],
            skills=[
                ("eo-energietransitie", 2),
                ("eo-ruimtelijke-ordening", 1),
                ("eo-projectmanagement", 1),
                ("eo-juridisch", 1),
            ],
            information_needs="Netcapaciteit en wachtrijen, zoekgebieden voor zon en wind, energielabels.",
            visibility="public",
        ),
        dict(
            code="pv29",
            title="Droogte en verzilting in Zeeland",
            description=(
                "Zoet water wordt schaarser in Zeeland: droge zomers en zout grondwater "
                "bedreigen landbouw en natuur. Provincie, waterschap en gemeenten zoeken "
                "samen naar zoetwaterbuffers en een eerlijke verdeling van water."
            ),
            area_kind="province",
            area_organization="pv29",
            policy_domains=["W.2", "W.3", "P.1"],
            skills=[("eo-waterbeheer", 2), ("eo-klimaatadaptatie", 1), ("eo-natuur", 1)],
            information_needs="Grondwaterstanden, peilgebieden, waterkwaliteit en verzilting.",
            visibility="public",
        ),
        dict(
            code="mnre1034",
            title="Eén aanpak voor Woo-verzoeken",
            description=(
                "Elke organisatie richt de afhandeling van Woo-verzoeken zelf in. Samen maken "
                "we één werkwijze, sjablonen en een gedeelde kennisbank, zodat verzoeken "
                "sneller en beter worden afgehandeld."
            ),
            area_kind="national",
            policy_domains=["0.1"],
            skills=[("eo-woo", 2), ("eo-juridisch", 1), ("eo-archief", 1)],
            information_needs="Doorlooptijden van Woo-verzoeken en openbaar gemaakte documenten.",
            visibility="signed_in",
        ),
    ]
    limburg = _youth_region("gm0935")
    specs.append(
        dict(
            code="gm0935",
            title="Wachtlijsten jeugdhulp in Zuid-Limburg",
            description=(
                "Ook in Zuid-Limburg lopen de wachttijden voor specialistische jeugdhulp op. "
                "De gemeenten zoeken samen naar betere sturing op de jeugdhulpaanbieders."
            ),
            area_kind="region" if limburg else "municipalities",
            area_organization=limburg.code if limburg else None,
            municipalities=None if limburg else ["gm0935"],
            policy_domains=["6.72"],
            skills=[("eo-jeugdhulp", 1), ("eo-inkoop", 1)],
            information_needs="Wachttijden en jeugdhulpgebruik per gemeente.",
            visibility="signed_in",
        )
    )
    created = []
    for spec in specs:
        code = spec.pop("code", None)
        organization = (
            spec.pop("organization", None) or Organization.objects.filter(code=code).first()
        )
        if organization is None:
            continue
        lead = spec.pop("lead", None) or _lead_for(organization, sanne)
        if not Membership.objects.filter(user=lead, organization=organization).exists():
            organization, lead = utrecht, sanne
        try:
            challenge = services.challenge_create(
                actor=lead,
                organization=organization,
                data=services.ChallengeInput(skills=_skills(spec.pop("skills")), **spec),
            )
        except DomainError:
            continue  # a smaller register (tests) lacks the area: leave this one out
        created.append(challenge)
    if created:
        _team_up(created[0], sanne)
        elsewhere = [c for c in created if c.title.startswith("Wachtlijsten jeugdhulp")]
        if elsewhere:
            services.link_add(
                challenge=created[0],
                actor=sanne,
                other_id=elsewhere[0].pk,
                note="Dezelfde wachtlijsten, een andere regio: leer van elkaars inkoopafspraken.",
            )
    if stdout:
        stdout.write(f"Demo challenges: {len(created)}")
    return len(created)


def _team_up(challenge: Challenge, lead) -> None:
    """Invite the suggested team and the best-fitting organization; the first person
    accepts, so that the team and its task list have someone in them."""
    found = suggestions.suggestions_for(challenge, viewer=lead)
    for index, member in enumerate(found.team.members[:3]):
        invitation = services.invite_person(
            challenge=challenge,
            actor=lead,
            user_id=member.profile.user_id,
            message="Wil je meedenken? Jouw ervaring past precies bij deze opgave.",
            reason="; ".join(member.reasons),
        )
        if index == 0:
            services.invitation_answer(
                invitation_id=invitation.pk, actor=member.profile.user, accept=True
            )
    best = found.organizations.level.organization
    if best is not None and best.pk != challenge.organization_id:
        services.invite_organization(
            challenge=challenge,
            actor=lead,
            organization_id=best.pk,
            reason=found.organizations.level.reason,
        )
    first = ChallengeMember.objects.filter(challenge=challenge).exclude(user=lead).first()
    for title, owner in [
        (
            "Wachtlijstcijfers van alle gemeenten in de regio verzamelen",
            first.user_id if first else None,
        ),
        ("Gesprek plannen met de gecertificeerde instellingen", lead.pk),
        ("Concept inkoopafspraak opstellen", None),
    ]:
        services.task_create(challenge=challenge, actor=lead, title=title, owner_id=owner)
    from eenoverheid.communities import services as communities

    communities.thread_start(
        community=services.workspace_ensure(challenge),
        actor=lead,
        title="Startoverleg: wie doet wat?",
        body=(
            "Welkom in het team! Voorstel voor de eerste weken:\n\n"
            "1. Iedereen levert de wachtlijstcijfers van de eigen organisatie aan.\n"
            "2. We leggen de inkoopafspraken van de regio naast elkaar.\n"
            "3. Over vier weken bespreken we een eerste voorstel.\n\n"
            "Aanvullingen graag hieronder."
        ),
    )
