"""The policy-domain taxonomy: which public tasks exist and who holds them by law.

The spine is the municipal classification of tasks in the BBV (Besluit begroting en
verantwoording provincies en gemeenten, Regeling van 2016 as amended for 2023): nine main
task fields (0 Bestuur en ondersteuning ... 8 Volkshuisvesting, leefomgeving en stedelijke
vernieuwing) with their task fields (0.1 Bestuur ... 8.3 Wonen en bouwen). The financial
task fields that describe no public task (0.5 Treasury, 0.8-0.11) are left out.

The other layers' statutory tasks are placed under the main task field they belong to,
with a letter code: water boards (Waterschapswet: W.1-W.4), provinces (Provinciewet and
Omgevingswet: P.1-P.5), safety regions (Wet veiligheidsregio's: V.1-V.2), public health
services (Wet publieke gezondheid: G.1-G.3), and national tasks no other layer holds
(R.1-R.6).
"""

from __future__ import annotations

import re

# (code, Dutch name, English name, parent code)
POLICY_DOMAINS: list[tuple[str, str, str, str | None]] = [
    ("0", "Bestuur en ondersteuning", "Governance and support", None),
    ("0.1", "Bestuur", "Governance", "0"),
    ("0.2", "Burgerzaken", "Civil affairs", "0"),
    ("0.3", "Beheer overige gebouwen en gronden", "Other buildings and land", "0"),
    ("0.4", "Overhead", "Overhead and operations", "0"),
    ("0.61", "OZB woningen", "Property tax on homes", "0"),
    ("0.62", "OZB niet-woningen", "Property tax on other buildings", "0"),
    ("0.63", "Parkeerbelasting", "Parking tax", "0"),
    ("0.64", "Belastingen overig", "Other local taxes", "0"),
    ("0.7", "Algemene uitkering en overige uitkeringen gemeentefonds", "Municipal fund", "0"),
    ("1", "Veiligheid", "Safety", None),
    ("1.1", "Crisisbeheersing en brandweer", "Crisis management and fire service", "1"),
    ("1.2", "Openbare orde en veiligheid", "Public order and safety", "1"),
    ("V.1", "Rampenbestrijding en GHOR", "Disaster response and medical assistance", "1"),
    ("V.2", "Meldkamer", "Emergency control room", "1"),
    ("R.1", "Politie en justitie", "Police and justice", "1"),
    ("R.2", "Defensie", "Defence", "1"),
    ("2", "Verkeer, vervoer en waterstaat", "Traffic, transport and water", None),
    ("2.1", "Verkeer en vervoer", "Traffic and transport", "2"),
    ("2.2", "Parkeren", "Parking", "2"),
    ("2.3", "Recreatieve havens", "Marinas", "2"),
    ("2.4", "Economische havens en waterwegen", "Ports and waterways", "2"),
    ("2.5", "Openbaar vervoer", "Public transport", "2"),
    ("W.1", "Waterveiligheid en waterkeringen", "Flood defence", "2"),
    ("W.2", "Waterkwantiteit", "Water quantity", "2"),
    ("W.3", "Waterkwaliteit", "Water quality", "2"),
    ("W.4", "Zuiveren van afvalwater", "Wastewater treatment", "2"),
    ("3", "Economie", "Economy", None),
    ("3.1", "Economische ontwikkeling", "Economic development", "3"),
    ("3.2", "Fysieke bedrijfsinfrastructuur", "Business infrastructure", "3"),
    ("3.3", "Bedrijvenloket en bedrijfsregelingen", "Business desk and schemes", "3"),
    ("3.4", "Economische promotie", "Economic promotion", "3"),
    ("R.3", "Landbouw, visserij en voedsel", "Agriculture, fisheries and food", "3"),
    ("4", "Onderwijs", "Education", None),
    ("4.1", "Openbaar basisonderwijs", "Public primary education", "4"),
    ("4.2", "Onderwijshuisvesting", "School buildings", "4"),
    ("4.3", "Onderwijsbeleid en leerlingzaken", "Education policy and pupils", "4"),
    ("5", "Sport, cultuur en recreatie", "Sport, culture and recreation", None),
    ("5.1", "Sportbeleid en activering", "Sport policy", "5"),
    ("5.2", "Sportaccommodaties", "Sports facilities", "5"),
    ("5.3", "Cultuurpresentatie, cultuurproductie en cultuurparticipatie", "Culture", "5"),
    ("5.4", "Musea", "Museums", "5"),
    ("5.5", "Cultureel erfgoed", "Cultural heritage", "5"),
    ("5.6", "Media", "Media and libraries", "5"),
    ("5.7", "Openbaar groen en (openlucht) recreatie", "Public green and recreation", "5"),
    ("P.1", "Natuur en landschap", "Nature and landscape", "5"),
    ("6", "Sociaal domein", "Social domain", None),
    ("6.1", "Samenkracht en burgerparticipatie", "Community and participation", "6"),
    ("6.2", "Toegang en eerstelijnsvoorzieningen", "Access and first-line services", "6"),
    ("6.3", "Inkomensregelingen", "Income support", "6"),
    ("6.4", "WSW en beschut werk", "Sheltered employment", "6"),
    ("6.5", "Arbeidsparticipatie", "Labour participation", "6"),
    ("6.6", "Maatwerkvoorzieningen (Wmo)", "Custom support (Wmo)", "6"),
    ("6.71", "Maatwerkdienstverlening 18+", "Custom services, adults", "6"),
    ("6.72", "Maatwerkdienstverlening 18-", "Custom services, youth care", "6"),
    ("6.81", "Geëscaleerde zorg 18+", "Escalated care, adults", "6"),
    ("6.82", "Geëscaleerde zorg 18-", "Escalated care, youth protection", "6"),
    ("R.4", "Sociale zekerheid en werk", "Social security and employment", "6"),
    ("7", "Volksgezondheid en milieu", "Public health and environment", None),
    ("7.1", "Volksgezondheid", "Public health", "7"),
    ("7.2", "Riolering", "Sewerage", "7"),
    ("7.3", "Afval", "Waste", "7"),
    ("7.4", "Milieubeheer", "Environmental management", "7"),
    ("7.5", "Begraafplaatsen en crematoria", "Cemeteries and crematoria", "7"),
    ("G.1", "Infectieziektebestrijding", "Infectious disease control", "7"),
    ("G.2", "Jeugdgezondheidszorg", "Youth health care", "7"),
    ("G.3", "Gezondheidsbevordering en -monitoring", "Health promotion and monitoring", "7"),
    ("P.2", "Vergunningverlening, toezicht en handhaving (VTH)", "Permits and enforcement", "7"),
    ("P.3", "Energie en klimaat", "Energy and climate", "7"),
    ("8", "Volkshuisvesting, leefomgeving en stedelijke vernieuwing", "Housing and living", None),
    ("8.1", "Ruimtelijke ordening", "Spatial planning", "8"),
    ("8.2", "Grondexploitatie (niet bedrijventerreinen)", "Land development", "8"),
    ("8.3", "Wonen en bouwen", "Housing and building", "8"),
    ("P.4", "Omgevingsbeleid en interbestuurlijk toezicht", "Spatial policy and oversight", "8"),
    ("R", "Rijkstaken", "National tasks", None),
    ("R.5", "Buitenlandse zaken", "Foreign affairs", "R"),
    ("R.6", "Rijksfinanciën en belastingen", "Public finance and national taxes", "R"),
]

MUNICIPAL_TASK_FIELDS = [
    code for code, _nl, _en, parent in POLICY_DOMAINS if parent and code[0].isdigit()
]

# Which kinds of organization hold which domains by law.
KIND_DOMAINS: dict[str, list[str]] = {
    # Gemeentewet and the decentralised social domain: every BBV task field.
    "municipality": MUNICIPAL_TASK_FIELDS,
    # Provinciewet, Omgevingswet, Wet natuurbescherming, Wet personenvervoer 2000.
    "province": ["0.1", "2.1", "2.5", "3.1", "5.5", "P.1", "P.2", "P.3", "P.4", "8.1"],
    # Waterschapswet art. 1: the water system and wastewater treatment.
    "water_board": ["0.1", "W.1", "W.2", "W.3", "W.4"],
    # Wet veiligheidsregio's art. 10.
    "safety_region": ["1.1", "V.1", "V.2"],
    # Wet publieke gezondheid art. 14: the GGD carries out the municipal health tasks.
    "health_region": ["7.1", "G.1", "G.2", "G.3"],
    "police": ["1.2", "R.1"],
    "judiciary": ["R.1"],
    "caribbean_public_body": MUNICIPAL_TASK_FIELDS,
}

# The ministries' portfolios (by TOOI code), as the Rijksoverheid describes them.
MINISTRY_DOMAINS: dict[str, list[str]] = {
    "mnre1010": ["0.1"],
    "mnre1034": ["0.1", "0.2", "0.7", "8.1", "8.3", "P.4"],
    "mnre1013": ["R.5"],
    "mnre1018": ["R.2"],
    "mnre1045": ["3.1", "3.3", "P.3"],
    "mnre1090": ["R.6"],
    "mnre1130": ["2.1", "2.4", "2.5", "W.1", "W.2", "W.3", "7.3", "7.4"],
    "mnre1058": ["1.1", "1.2", "R.1", "6.82"],
    "mnre1153": ["R.3", "P.1"],
    "mnre1109": ["4.1", "4.2", "4.3", "5.3", "5.4", "5.5", "5.6"],
    "mnre1073": ["6.3", "6.4", "6.5", "R.4"],
    "mnre1025": ["5.1", "6.1", "6.6", "6.71", "6.72", "6.81", "7.1", "G.1", "G.2", "G.3"],
}

# Joint bodies say in their names what they do. Each rule adds domains to a joint body
# whose name matches; the organization page shows these as derived from the name.
JOINT_BODY_NAME_DOMAINS: list[tuple[re.Pattern[str], list[str]]] = [
    (re.compile(r"belasting|heffing|\bwoz\b", re.I), ["0.61", "0.62", "0.64"]),
    (re.compile(r"\bICT\b|bedrijfsvoering|shared service|servicecentrum", re.I), ["0.4"]),
    (re.compile(r"archief|historisch centrum", re.I), ["0.1", "5.5"]),
    (re.compile(r"veiligheidsregio|brandweer", re.I), ["1.1", "V.1"]),
    (re.compile(r"gezondheid|\bGGD|GHOR", re.I), ["7.1", "G.1", "G.2", "G.3"]),
    (re.compile(r"jeugd", re.I), ["6.72", "6.82", "G.2"]),
    (re.compile(r"veilig thuis", re.I), ["6.81", "6.82"]),
    (
        re.compile(r"werkvoorziening|werkbedrijf|sociale werk|participatie|\bwsw\b", re.I),
        [
            "6.4",
            "6.5",
        ],
    ),
    (re.compile(r"sociaal|sociale dienst|inkomen", re.I), ["6.3", "6.5"]),
    (re.compile(r"omgevingsdienst|milieudienst|\bRUD\b|\bODR|\bOD\b", re.I), ["7.4", "P.2"]),
    (re.compile(r"afval|reiniging", re.I), ["7.3"]),
    (re.compile(r"riolering|afvalwater|waterketen", re.I), ["7.2", "W.4"]),
    (re.compile(r"recreatie|recreatieschap|natuur|landschap|park", re.I), ["5.7", "P.1"]),
    (re.compile(r"vervoer|mobiliteit|openbaar vervoer|verkeer", re.I), ["2.1", "2.5"]),
    (re.compile(r"haven", re.I), ["2.4"]),
    (re.compile(r"economi|bedrijventerrein|werklocatie", re.I), ["3.1", "3.2"]),
    (re.compile(r"onderwijs|leerplicht|\bRMC\b|school", re.I), ["4.3"]),
    (re.compile(r"cultuur|bibliothe|muziekschool|theater|museum", re.I), ["5.3", "5.6"]),
    (re.compile(r"sport|zwembad", re.I), ["5.1", "5.2"]),
    (re.compile(r"begraaf|crematori", re.I), ["7.5"]),
    (re.compile(r"wonen|woning|volkshuisvesting|grondbedrijf", re.I), ["8.3", "8.2"]),
    (re.compile(r"ruimtelijk|gebiedsontwikkeling", re.I), ["8.1"]),
    (re.compile(r"energie|klimaat", re.I), ["P.3"]),
]


def default_domain_codes(*, kind: str, code: str, name: str) -> dict[str, str]:
    """The domains an organization holds without anyone saying so, with the basis of
    each: `law` (its kind, or a ministry's portfolio) or `name` (a joint body's name)."""
    codes: dict[str, str] = {}
    for domain in KIND_DOMAINS.get(kind, []):
        codes[domain] = "law"
    for domain in MINISTRY_DOMAINS.get(code, []):
        codes[domain] = "law"
    if kind in {"joint_body", "safety_region", "health_region"}:
        for pattern, domains in JOINT_BODY_NAME_DOMAINS:
            if pattern.search(name):
                for domain in domains:
                    codes.setdefault(domain, "name")
    return codes
