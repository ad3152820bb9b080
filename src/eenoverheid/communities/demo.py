"""Demo communities: a dozen professional networks across government, with members
drawn from the generated people who hold the topic's skill, a discussion, and questions
with answers, written through the services like any member would."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from eenoverheid.communities import services
from eenoverheid.communities.models import Community, CommunityMembership, MembershipStatus
from eenoverheid.people.models import ProfileSkill, Skill

# (name, topic skill, description, discussion (title, body), question (title, body), answer)
COMMUNITIES = [
    (
        "Inkoop en aanbesteden",
        "eo-inkoop",
        "Voor inkopers en contractmanagers van alle overheden: aanbestedingsrecht, raamcontracten, social return en duurzaam inkopen.",
        (
            "Gezamenlijk inkopen van jeugdhulp: ervaringen?",
            "Wij kopen met zeven gemeenten samen jeugdhulp in via een open house. Wie heeft ervaring met resultaatgericht inkopen en wat zouden jullie anders doen?",
        ),
        (
            "Wat zijn de Europese drempelbedragen voor 2026?",
            "Voor decentrale overheden zijn de drempels per 1 januari weer aangepast. Weet iemand de bedragen voor diensten en werken?",
        ),
        "Voor decentrale overheden: diensten en leveringen vanaf € 221.000, werken vanaf € 5.538.000 (exclusief btw). Zie de bekendmaking van de Europese Commissie en PIANOo.",
    ),
    (
        "Handhaving en toezicht",
        "eo-vth",
        "Boa's, toezichthouders en juristen van gemeenten, provincies en omgevingsdiensten over vergunningverlening, toezicht en handhaving.",
        (
            "Prioriteren met een risicomodel",
            "Hoe bepalen jullie welke inrichtingen je als eerste bezoekt? Wij werken aan een risicomodel op basis van incidenten en naleefgedrag.",
        ),
        (
            "Mag een boa bodycambeelden delen met de wijkagent?",
            "Een collega vraagt of we beelden van een incident mogen doorsturen. Wat is de grondslag?",
        ),
        "Alleen als het nodig is voor de taak van de politie en er een grondslag in de Wpg is; leg de verstrekking vast en betrek je privacy officer.",
    ),
    (
        "Jeugdprofessionals",
        "eo-jeugdhulp",
        "Beleidsmakers, consulenten en inkopers in het jeugddomein: van wijkteam tot specialistische zorg en jeugdbescherming.",
        (
            "Wachtlijsten specialistische jeugdhulp",
            "In onze regio lopen de wachttijden op tot zes maanden. Welke afspraken met aanbieders hebben bij jullie geholpen?",
        ),
        (
            "Hoe meten jullie de doorlooptijd van een melding tot hulp?",
            "We willen een eenduidige definitie van wachttijd in de regio. Welke meetpunten gebruiken jullie?",
        ),
        "Wij meten van aanmelding bij de aanbieder tot de eerste behandeling, en apart de tijd tot het intakegesprek. Zo zie je waar het knelt.",
    ),
    (
        "Omgevingswet in de praktijk",
        "eo-omgevingswet",
        "Voor iedereen die met het omgevingsplan, vergunningen en participatie onder de Omgevingswet werkt.",
        (
            "Ervaringen met het omgevingsplan van rechtswege",
            "Hoe gaan jullie om met de bruidsschat bij het omzetten naar een nieuw omgevingsplan?",
        ),
        (
            "Participatie bij een buitenplanse omgevingsplanactiviteit: verplicht?",
            "Moet de aanvrager aantonen dat er participatie heeft plaatsgevonden?",
        ),
        "De aanvrager moet aangeven of en hoe er participatie is geweest; de gemeenteraad kan gevallen aanwijzen waarin participatie verplicht is.",
    ),
    (
        "Informatiebeveiliging en privacy",
        "eo-avg",
        "CISO's, privacy officers en FG's van alle overheden over de BIO, de AVG en incidenten.",
        (
            "BIO2 en de overgang",
            "Wie is al begonnen met de BIO2-nulmeting? Hoe pakken jullie de overgang aan?",
        ),
        (
            "Moet een datalek binnen 72 uur gemeld worden, ook in het weekend?",
            "Een leverancier meldde vrijdagavond een incident.",
        ),
        "Ja, de 72 uur lopen door in het weekend. Meld tijdig bij de AP; aanvullen kan later.",
    ),
    (
        "Woo en openbaarheid",
        "eo-woo",
        "Woo-coördinatoren en juristen over verzoeken, actieve openbaarmaking en de informatiehuishouding.",
        (
            "Actief openbaar maken: waar beginnen jullie?",
            "Welke informatiecategorieën hebben jullie als eerste actief openbaar gemaakt?",
        ),
        ("Hoe lang mag een Woo-verzoek duren?", "Een verzoeker klaagt over de termijn."),
        "Vier weken, met twee weken verdaging als de omvang of ingewikkeldheid dat rechtvaardigt; daarna kan de verzoeker een ingebrekestelling sturen.",
    ),
    (
        "Data en analyse bij de overheid",
        "eo-data",
        "Data-analisten en informatiemanagers: dashboards, datakwaliteit, open data en verantwoord gebruik van algoritmes.",
        (
            "Algoritmeregister: wat nemen jullie op?",
            "Welke algoritmes registreren jullie, ook de eenvoudige beslisregels?",
        ),
        (
            "Welke tool voor wijkdashboards?",
            "We zoeken een manier om CBS-cijfers per wijk te combineren met eigen gegevens.",
        ),
        "Wij gebruiken de open data van CBS (StatLine) via de API en combineren die in een eigen omgeving; let op de privacydrempels bij kleine wijken.",
    ),
    (
        "Energietransitie en warmte",
        "eo-energietransitie",
        "Voor wie werkt aan RES, warmtetransitie en netcongestie bij gemeenten, provincies en het Rijk.",
        (
            "Netcongestie en woningbouw",
            "Nieuwe wijken kunnen niet aangesloten worden. Welke afspraken maken jullie met de netbeheerder?",
        ),
        (
            "Wat staat er in de Wet collectieve warmte voor gemeenten?",
            "Welke rol krijgt de gemeente bij het aanwijzen van warmtekavels?",
        ),
        "De gemeente wijst warmtekavels aan en een warmtebedrijf met publiek meerderheidsbelang krijgt de kavel; de overgang kent een lange termijn.",
    ),
    (
        "Klimaatadaptatie",
        "eo-klimaatadaptatie",
        "Hitte, droogte, wateroverlast: gemeenten, waterschappen en provincies delen stresstests en maatregelen.",
        (
            "Hitteplannen voor kwetsbare ouderen",
            "Wie heeft een hitteplan samen met de GGD gemaakt? Wat werkt in de praktijk?",
        ),
        (
            "Hoe vaak moet de stresstest herhaald worden?",
            "Volgens het Deltaplan Ruimtelijke Adaptatie.",
        ),
        "Elke zes jaar, zodat de resultaten meegaan in de risicodialogen en de uitvoeringsagenda.",
    ),
    (
        "Schuldhulpverlening",
        "eo-schulden",
        "Schuldhulpverleners en beleidsmakers over vroegsignalering, saneringen en samenwerking met schuldeisers.",
        (
            "Vroegsignalering: bereik verbeteren",
            "Slechts een deel van de signalen leidt tot contact. Hoe verhogen jullie het bereik?",
        ),
        (
            "Mag de gemeente signalen van woningcorporaties gebruiken?",
            "Voor vroegsignalering van betalingsachterstanden.",
        ),
        "Ja, de Wet gemeentelijke schuldhulpverlening geeft de grondslag voor signalen over huur, energie, water en zorgverzekering.",
    ),
    (
        "Participatie en burgerbetrokkenheid",
        "eo-burgerparticipatie",
        "Van burgerberaad tot wijkbudget: participatie die werkt.",
        (
            "Burgerberaad: loting en begeleiding",
            "Wie heeft een burgerberaad georganiseerd en wat kostte het?",
        ),
        (
            "Hoe leg je een participatieverordening vast?",
            "Na de Wet versterking participatie op decentraal niveau.",
        ),
        "Beschrijf in de verordening hoe inwoners betrokken worden bij beleid en uitvoering, en het uitdaagrecht; de VNG heeft een model.",
    ),
    (
        "Digitale toegankelijkheid",
        "eo-toegankelijkheid",
        "Webredacteuren, ontwikkelaars en inkopers over WCAG, toegankelijkheidsverklaringen en toegankelijk inkopen.",
        (
            "Toegankelijke pdf's: lukt dat?",
            "Wij publiceren veel pdf's. Zetten jullie alles om naar html?",
        ),
        ("Welke WCAG-versie geldt?", "Voor overheidswebsites."),
        "WCAG 2.1 niveau AA via de Europese norm EN 301 549, verplicht op grond van het Tijdelijk besluit digitale toegankelijkheid overheid.",
    ),
]

SUBGROUPS = [
    (
        "Inkoop en aanbesteden",
        "Werkgroep inkoop jeugdhulp",
        "closed",
        "Inkopers van jeugdregio's stemmen contracten en tarieven af.",
    ),
    (
        "Informatiebeveiliging en privacy",
        "CISO-overleg",
        "secret",
        "Vertrouwelijk overleg van CISO's over incidenten en dreigingen.",
    ),
]


def generate_communities(*, seed: int = 2026, members_per_community: int = 15) -> int:
    if Community.objects.filter(kind="community").exists():
        return 0
    rng = random.Random(seed)
    User = get_user_model()
    sanne = User.objects.filter(email="ambtenaar@utrecht.nl").first()
    skills = dict(
        Skill.objects.filter(code__in=[c[1] for c in COMMUNITIES]).values_list("code", "id")
    )
    created = {}
    for name, topic, description, discussion, question, answer in COMMUNITIES:
        holders = list(
            ProfileSkill.objects.filter(skill_id=skills.get(topic), profile__user__is_active=True)
            .values_list("profile__user_id", flat=True)
            .order_by("profile_id")[:200]
        )
        rng.shuffle(holders)
        people = list(User.objects.filter(pk__in=holders[:members_per_community]))
        if sanne is not None and topic in {"eo-inkoop", "eo-jeugdhulp", "eo-omgevingswet"}:
            people.insert(0, sanne)
        if len(people) < 3:
            continue
        owner = people[0]
        from eenoverheid.organizations.models import Membership

        if not Membership.objects.filter(user=owner).exists():
            continue
        community = services.community_create(
            actor=owner,
            name=name,
            description=description,
            topic_ids=[skills[topic]] if topic in skills else None,
        )
        CommunityMembership.objects.bulk_create(
            [
                CommunityMembership(community=community, user=p, status=MembershipStatus.ACTIVE)
                for p in people[1:]
            ],
            ignore_conflicts=True,
        )
        thread = services.thread_start(
            community=community,
            actor=people[1],
            title=discussion[0],
            body=discussion[1],
            visibility="public",
        )
        services.reply(
            thread=thread,
            actor=people[2],
            body="Goede vraag. Bij ons werkt een vaste regietafel met de aanbieders het best.",
        )
        services.reply(
            thread=thread,
            actor=owner,
            body="Dank! Zullen we dit bespreken op de volgende bijeenkomst?",
        )
        asked = services.thread_start(
            community=community,
            actor=people[2],
            kind="question",
            title=question[0],
            body=question[1],
            visibility="signed_in",
        )
        reply = services.reply(thread=asked, actor=people[1], body=answer)
        services.answer_accept(thread=asked, actor=people[2], post_id=reply.pk)
        services.react(post=reply, actor=owner, kind="thanks")
        services.thread_start(
            community=community,
            actor=people[-1],
            kind="question",
            title="Wie wil meelezen met onze nieuwe werkinstructie?",
            body="Graag een frisse blik van buiten onze organisatie.",
            visibility="signed_in",
        )
        services.article_create(
            community=community,
            actor=owner,
            title="Werkafspraken van de gemeenschap",
            body=(
                f"# Welkom bij {name}\n\n"
                "- Stel je vraag in de gemeenschap, niet per mail: dan leert iedereen mee.\n"
                "- Markeer het antwoord dat je hielp als geaccepteerd antwoord.\n"
                "- Deel documenten in *Bestanden*, met een versie per wijziging.\n"
            ),
            visibility="public",
        )
        article = services.article_create(
            community=community,
            actor=people[1],
            title=question[0].rstrip("?"),
            body=f"{answer}\n\nZie ook [[Werkafspraken van de gemeenschap]].",
            visibility="signed_in",
        )
        services.article_edit(
            article=article,
            actor=people[2],
            title=article.title,
            body=f"{answer}\n\nBron: de vraag in deze gemeenschap.\n\nZie ook [[Werkafspraken van de gemeenschap]].",
            note="Bron toegevoegd",
        )
        start = (timezone.now() + dt.timedelta(days=rng.randint(5, 40))).replace(
            hour=14, minute=0, second=0, microsecond=0
        )
        events = services.event_create(
            community=community,
            actor=owner,
            title=f"Intervisie {name.lower()}",
            description="Twee uur casuïstiek en kennisdelen met collega's van andere organisaties.",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            location="Rijnstraat 8, Den Haag" if rng.random() < 0.5 else "",
            online_url="https://vc.eenoverheid.example/intervisie",
            capacity=rng.choice([12, 20, 30]),
            visibility="signed_in",
            recurrence="monthly",
            occurrences=3,
        )
        for person in people[1:8]:
            services.event_register(event=events[0], actor=person)
        created[name] = (community, owner)
    for parent_name, name, policy, description in SUBGROUPS:
        if parent_name in created:
            parent, owner = created[parent_name]
            services.community_create(
                actor=owner, name=name, description=description, join_policy=policy, parent=parent
            )
    return len(created)
