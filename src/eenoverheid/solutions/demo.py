# ruff: noqa: E501 -- the demo tables hold whole Dutch sentences; wrapped they read worse.
"""Demo shared solutions, joint initiatives and ideas, made through the services (points
are really reserved and paid). Owners and users are real organizations of the register,
found by name; one solution comes from a publiccode.yml in the style of the Dutch
government's own catalogue. Idempotent: nothing happens when solutions exist."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from eenoverheid.core.demo import DEMO_ACCOUNTS
from eenoverheid.ledger.services import InsufficientFunds
from eenoverheid.organizations.models import Organization, PolicyDomain
from eenoverheid.solutions import services
from eenoverheid.solutions.models import Solution

PUBLICCODE = """publiccodeYmlVersion: "0.4"
name: Afvalwijzer
url: "https://github.com/gemeente-voorbeeld/afvalwijzer"
landingURL: "https://afvalwijzer.voorbeeld.nl"
softwareVersion: "2.3.1"
releaseDate: "2026-05-12"
platforms:
  - web
categories:
  - content-management
developmentStatus: stable
softwareType: "standalone/web"
usedBy:
  - Gemeente Zwolle
  - Gemeente Nijmegen
description:
  nl:
    shortDescription: >
      Inwoners zien per adres wanneer welke container wordt geleegd en waar het
      dichtstbijzijnde inzamelpunt is.
    longDescription: >
      De Afvalwijzer toont inwoners per postcode en huisnummer de ophaaldagen van
      restafval, gft, papier en plastic, met herinneringen per e-mail of in de agenda
      (iCalendar). Beheerders laden de routes van de inzamelaar in als CSV. De
      toepassing volgt de NL Design System-componenten en is getoetst op WCAG 2.1 AA.
    documentation: "https://github.com/gemeente-voorbeeld/afvalwijzer/wiki"
    features:
      - Ophaaldagen per adres
      - Herinneringen per e-mail en iCalendar
      - Inzamelpunten op de kaart
legal:
  license: EUPL-1.2
maintenance:
  type: internal
  contacts:
    - name: Team Digitale Dienstverlening
      email: "digitaal@utrecht.nl"
localisation:
  localisationReady: true
  availableLanguages:
    - nl
    - en
"""

SOLUTIONS = [
    # owner, name, kind, summary, licence, source, domains, standards, status, cost, users
    ("Gemeente Amsterdam", "Signalen", "application",
     "Inwoners melden problemen in de openbare ruimte; de gemeente handelt ze af en houdt de melder op de hoogte.",
     "MPL-2.0", "https://github.com/Amsterdam/signals", ["2.1", "7.3"], ["NL API Design Rules", "WCAG 2.1", "OpenID Connect"],
     "in_use", "shared_costs", ["Gemeente Den Haag", "Gemeente Utrecht", "Gemeente Zwolle", "Gemeente Eindhoven"]),
    ("Gemeente Utrecht", "Websitesjabloon gemeenten", "website_template",
     "Een toegankelijk sjabloon voor een gemeentelijke website met NL Design System, dat elke gemeente kan kopiëren en in eigen huisstijl zet.",
     "EUPL-1.2", "https://github.com/gemeente-voorbeeld/website-sjabloon", ["0.1"], ["NL Design System", "WCAG 2.1"],
     "in_use", "free", ["Gemeente Nijmegen", "Gemeente Groningen"]),
    ("Gemeente Rotterdam", "Formulierenbouwer", "application",
     "Ambtenaren bouwen zelf digitale formulieren met DigiD-inlog, die zaken aanmaken in het zaaksysteem.",
     "EUPL-1.2", "https://github.com/gemeente-voorbeeld/formulieren", ["0.2"], ["NL API Design Rules", "ZGW API's", "WCAG 2.1"],
     "in_use", "subscription", ["Gemeente Den Haag", "Gemeente Eindhoven", "Gemeente Utrecht"]),
    ("Logius", "Notificatiedienst", "service",
     "Een gedeelde dienst die berichten aan inwoners en bedrijven verstuurt per e-mail, sms en Berichtenbox.",
     "", "", ["0.4"], ["NL API Design Rules", "Digikoppeling"], "in_use", "on_request",
     ["Gemeente Rotterdam", "Dienst ICT Uitvoering", "Gemeente Amsterdam"]),
    ("Gemeente Den Haag", "Beleidssjabloon integrale aanpak jeugdhulp", "policy_template",
     "Een beleidsnotitie-sjabloon voor regionale inkoop van specialistische jeugdhulp, met de afwegingen die er al in zitten.",
     "CC-BY-4.0", "", ["6.72"], [], "in_use", "free", ["Gemeente Utrecht", "Gemeente Zwolle"]),
    ("Rijkswaterstaat", "Werkwijze meldingen droogte en waterpeil", "process",
     "Hoe een waterbeheerder meldingen over droogte en peil afhandelt, van melding tot maatregel, met de rollen en termijnen.",
     "CC-BY-4.0", "", ["W.2"], [], "in_use", "free", ["Hoogheemraadschap van Delfland"]),
    ("Dienst ICT Uitvoering", "Zaakgericht werken als dienst", "service",
     "Een beheerd zaaksysteem voor rijksonderdelen en gemeenten die het niet zelf willen hosten.",
     "", "", ["0.4"], ["ZGW API's", "NL API Design Rules"], "development", "shared_costs", []),
    ("Gemeente Zwolle", "Slimme parkeervergunning", "application",
     "Inwoners vragen een parkeervergunning aan en beheren hun kentekens zelf; handhaving ziet het direct.",
     "EUPL-1.2", "https://github.com/gemeente-voorbeeld/parkeren", ["2.2"], ["WCAG 2.1", "OpenID Connect"],
     "idea", "free", []),
]  # fmt: skip

INITIATIVES = [
    # lead, title, goal, euros, hours, points, domains, target phase, committers
    ("Gemeente Utrecht", "Eén wachtlijstdashboard jeugdhulp voor de regio",
     "Gemeenten in de regio bouwen samen één dashboard van de wachtlijsten bij aanbieders van specialistische jeugdhulp, zodat wijkteams gericht kunnen doorverwijzen.",
     40_000, 600, 300, ["6"], "forming", [("Gemeente Zwolle", 10_000, 200, 100), ("Gemeente Nijmegen", 0, 150, 0)]),
    ("Gemeente Amsterdam", "Gezamenlijke aanbesteding van een chatbot voor burgerzaken",
     "Grote gemeenten kopen samen één chatbot in voor vragen over paspoorten, verhuizen en rijbewijzen, met dezelfde kennisbank.",
     120_000, 0, 0, ["0.2"], "funded", [("Gemeente Rotterdam", 60_000, 0, 0), ("Gemeente Den Haag", 60_000, 0, 0)]),
    ("Gemeente Rotterdam", "Open-source regiekoppeling voor de Omgevingswet",
     "Een koppeling tussen het Omgevingsloket en de zaaksystemen van gemeenten en omgevingsdiensten, als open source, één keer gebouwd.",
     0, 800, 200, ["8.1"], "running", [("Gemeente Eindhoven", 0, 400, 100), ("Gemeente Groningen", 0, 400, 100)]),
    ("Logius", "Toegankelijkheidsscans voor alle overheidswebsites",
     "Een gedeelde dienst die elke maand alle overheidswebsites op WCAG 2.1 toetst en de resultaten per organisatie terugmeldt.",
     25_000, 200, 0, ["0.4"], "proposed", []),
]  # fmt: skip

IDEAS = [
    ("Eén landelijke afsprakenmodule voor balies",
     "Laat alle gemeenten dezelfde module gebruiken om afspraken te maken voor paspoort, rijbewijs en huwelijk. Inwoners kennen het dan overal.",
     ["0.2"], 14),
    ("Gedeelde pool van toegankelijkheidsexperts",
     "Elke organisatie zoekt nu zelf een auditor voor WCAG. Een pool van experts die voor punten bij elkaar toetsen is sneller en goedkoper.",
     ["0.4"], 9),
    ("Open data over wachtlijsten jeugdhulp",
     "Publiceer de wachttijden per aanbieder als open data, zodat gemeenten en ouders kunnen vergelijken.",
     ["6"], 6),
    ("Eén afsprakenplanner voor alle gemeenten",
     "Waarom heeft elke gemeente een eigen systeem om afspraken te plannen? Eén planner voor allemaal, graag.",
     ["0.2"], 3),
    ("Gezamenlijke inkoop van laadpalen",
     "Gemeenten en provincies kopen samen laadpalen in voor de openbare ruimte, met één onderhoudscontract.",
     ["2.1"], 5),
]  # fmt: skip


def _codes(codes: list[str]) -> list[str]:
    """The policy domains of these codes that the taxonomy holds (it may not be loaded)."""
    return list(PolicyDomain.objects.filter(code__in=codes).values_list("code", flat=True))


def _organization(name: str) -> Organization | None:
    return (
        Organization.objects.filter(name=name, is_active=True)
        .order_by("-inhabitants", "pk")
        .first()
    )


def generate_solutions() -> int:
    User = get_user_model()
    civil_servant, admin_email = (email for email, _role in DEMO_ACCOUNTS)
    sanne = User.objects.filter(email=civil_servant).first()
    admin = User.objects.filter(email=admin_email).first()
    if admin is None or Solution.objects.exists():
        return 0

    def actor_for(organization):
        return (
            sanne
            if sanne and services.is_member(sanne, organization) and not sanne.is_superuser
            else admin
        )

    made = []
    for (
        owner_name,
        name,
        kind,
        summary,
        licence,
        source,
        domains,
        standards,
        status,
        cost,
        users,
    ) in SOLUTIONS:
        owner = _organization(owner_name)
        if owner is None:
            continue
        solution = services.solution_create(
            actor=actor_for(owner),
            owner=owner,
            data=services.SolutionInput(
                name=name, kind=kind, summary=summary, licence=licence, source_url=source,
                status=status, cost_model=cost, visibility="public", policy_domain_codes=_codes(domains),
                standards=standards, contact_name="Team Digitale Dienstverlening",
                description=summary + " Meer organisaties kunnen aansluiten; vraag de contactpersoon.",
            ),
        )  # fmt: skip
        for i, user_name in enumerate(users):
            user_org = _organization(user_name)
            if user_org is not None and user_org.pk != owner.pk:
                services.adoption_set(
                    actor=actor_for(user_org), solution=solution, organization=user_org,
                    since=dt.date(2024, 1 + i, 1), note="Voor de hele organisatie.",
                )  # fmt: skip
        made.append(solution)
    utrecht = _organization("Gemeente Utrecht")
    if utrecht is not None:
        solution, _users = services.solution_import(
            actor=actor_for(utrecht), owner=utrecht, text=PUBLICCODE, visibility="public",
            policy_domain_codes=_codes(["7.3"]),
        )  # fmt: skip
        made.append(solution)

    for lead_name, title, goal, euros, hours, points, domains, phase, committers in INITIATIVES:
        lead = _organization(lead_name)
        if lead is None:
            continue
        initiative = services.initiative_create(
            actor=actor_for(lead), lead=lead,
            data=services.InitiativeInput(
                title=title, goal=goal, euros_needed=euros, hours_needed=hours,
                points_needed=points, visibility="public", policy_domain_codes=_codes(domains),
                plan="1. Eisen ophalen bij de deelnemers.\n2. Gezamenlijk bouwen of aanbesteden.\n3. Invoeren en evalueren.",
            ),
        )  # fmt: skip
        for committer_name, c_euros, c_hours, c_points in committers:
            committer = _organization(committer_name)
            if committer is None:
                continue
            try:
                services.commitment_make(
                    actor=admin, initiative=initiative, organization=committer,
                    euros=c_euros, hours=c_hours, points=c_points,
                )  # fmt: skip
            except InsufficientFunds:
                if c_euros or c_hours:
                    services.commitment_make(
                        actor=admin, initiative=initiative, organization=committer,
                        euros=c_euros, hours=c_hours or 40,
                    )  # fmt: skip
        steps = {"proposed": [], "forming": ["forming"], "funded": ["forming", "funded"],
                 "running": ["forming", "funded", "running"]}[phase]  # fmt: skip
        for step in steps:
            if step == "funded" and not services.progress_of(initiative).covered:
                break
            initiative = services.phase_set(actor=admin, initiative=initiative, phase=step)

    voters = list(User.objects.filter(is_active=True, is_superuser=False).order_by("pk")[:40])
    ideas = []
    for n, (title, body, domains, votes) in enumerate(IDEAS):
        author = voters[(n * 7) % len(voters)] if voters else admin
        idea = services.idea_create(
            actor=author,
            data=services.IdeaInput(
                title=title, body=body, visibility="public", policy_domain_codes=_codes(domains)
            ),
        )
        for voter in voters[n : n + votes]:
            services.vote_set(actor=voter, idea=idea, support=True)
        ideas.append(idea)
    if len(voters) > 2 and ideas:
        services.comment_add(
            actor=voters[1],
            idea=ideas[0],
            body="Goed idee. Bij ons loopt de huidige module in 2027 af.",
        )
        services.comment_add(
            actor=voters[2],
            idea=ideas[0],
            body="Wij zouden graag meedoen; laten we eisen verzamelen.",
        )
        services.status_set(
            actor=admin, idea=ideas[1], status="considering", reason="Besproken in het CIO-beraad."
        )
        services.merge(actor=admin, duplicate=ideas[3], into=ideas[0])
        if utrecht is not None:
            services.to_initiative(
                actor=actor_for(utrecht),
                idea=ideas[2],
                lead=utrecht,
                data=services.InitiativeInput(
                    title=ideas[2].title, goal=ideas[2].body, hours_needed=120, visibility="public"
                ),
            )
    return len(made)
