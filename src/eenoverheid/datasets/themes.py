"""Dataset themes and the policy domains they stand for.

Two vocabularies occur in Dutch catalogue exports: the government's own theme list
(OWMS "Overheid thema's", `http://standaarden.overheid.nl/owms/terms/<Thema>`, which
data.overheid.nl uses) and the EU's data themes that DCAT-AP and DCAT-AP-NL 3.0 name
(`http://publications.europa.eu/resource/authority/data-theme/<CODE>`). Each theme maps
to the policy domains (see `organizations.taxonomy`) a challenge can ask for, so that
"datasets about youth care" is a query over the same domains as "organizations holding
youth care".
"""

from __future__ import annotations

OWMS = "http://standaarden.overheid.nl/owms/terms/"
EU = "http://publications.europa.eu/resource/authority/data-theme/"

# theme URI -> (Dutch label, English label, policy-domain codes)
THEMES: dict[str, tuple[str, str, list[str]]] = {
    OWMS + "Bestuur": ("Bestuur", "Governance", ["0.1"]),
    OWMS + "Cultuur_en_recreatie": (
        "Cultuur en recreatie",
        "Culture and recreation",
        ["5.3", "5.7"],
    ),
    OWMS + "Economie": ("Economie", "Economy", ["3.1"]),
    OWMS + "Financien": ("Financiën", "Finance", ["0.64", "R.6"]),
    OWMS + "Huisvesting": ("Huisvesting", "Housing", ["8.3"]),
    OWMS + "Internationaal": ("Internationaal", "International", ["R.5"]),
    OWMS + "Landbouw": ("Landbouw", "Agriculture", ["R.3"]),
    OWMS + "Migratie_en_integratie": ("Migratie en integratie", "Migration", ["6.1"]),
    OWMS + "Natuur_en_milieu": ("Natuur en milieu", "Nature and environment", ["7.4", "P.1"]),
    OWMS + "Onderwijs_en_wetenschap": ("Onderwijs en wetenschap", "Education", ["4.3"]),
    OWMS + "Openbare_orde_en_veiligheid": (
        "Openbare orde en veiligheid",
        "Public order and safety",
        ["1.1", "1.2"],
    ),
    OWMS + "Recht": ("Recht", "Justice", ["R.1"]),
    OWMS + "Ruimte_en_infrastructuur": (
        "Ruimte en infrastructuur",
        "Spatial planning and infrastructure",
        ["8.1", "2.1"],
    ),
    OWMS + "Sociale_zekerheid": ("Sociale zekerheid", "Social security", ["6.3", "R.4"]),
    OWMS + "Verkeer": ("Verkeer", "Traffic", ["2.1", "2.5"]),
    OWMS + "Werk": ("Werk", "Work", ["6.5"]),
    OWMS + "Zorg_en_gezondheid": ("Zorg en gezondheid", "Care and health", ["7.1", "6.6"]),
    # Subthemes of the OWMS list that name a task precisely.
    OWMS + "Jeugdzorg": ("Jeugdzorg", "Youth care", ["6.72", "6.82"]),
    OWMS + "Water": ("Water", "Water", ["W.1", "W.2", "W.3"]),
    OWMS + "Energie": ("Energie", "Energy", ["P.3"]),
    OWMS + "Afval_(thema)": ("Afval", "Waste", ["7.3"]),
    OWMS + "Klimaatverandering": ("Klimaatverandering", "Climate change", ["P.3", "7.4"]),
    OWMS + "Wonen_(thema)": ("Wonen", "Living", ["8.3"]),
    EU + "AGRI": ("Landbouw, visserij en voedsel", "Agriculture, fisheries, food", ["R.3"]),
    EU + "ECON": ("Economie en financiën", "Economy and finance", ["3.1"]),
    EU + "EDUC": ("Onderwijs, cultuur en sport", "Education, culture and sport", ["4.3", "5.3"]),
    EU + "ENER": ("Energie", "Energy", ["P.3"]),
    EU + "ENVI": ("Milieu", "Environment", ["7.4", "P.1"]),
    EU + "GOVE": ("Overheid en publieke sector", "Government and public sector", ["0.1"]),
    EU + "HEAL": ("Gezondheid", "Health", ["7.1"]),
    EU + "INTR": ("Internationale vraagstukken", "International issues", ["R.5"]),
    EU + "JUST": ("Justitie en openbare veiligheid", "Justice and public safety", ["R.1", "1.2"]),
    EU + "REGI": ("Regio's en steden", "Regions and cities", ["8.1"]),
    EU + "SOCI": ("Bevolking en samenleving", "Population and society", ["6.1"]),
    EU + "TECH": ("Wetenschap en technologie", "Science and technology", ["0.4"]),
    EU + "TRAN": ("Vervoer", "Transport", ["2.1", "2.5"]),
}

# Short forms found in CKAN exports ("Zorg_en_gezondheid", "HEAL") resolve to the URI.
_SHORT = {uri.rsplit("/", 1)[-1].lower(): uri for uri in THEMES}


def theme_uri(value: str) -> str | None:
    """The known theme a value names (a full URI, or its last segment), or None."""
    value = (value or "").strip()
    if value in THEMES:
        return value
    key = value.rstrip("/").rsplit("/", 1)[-1].replace(" ", "_").lower()
    return _SHORT.get(key)


def theme_label(uri: str, language: str = "nl") -> str:
    entry = THEMES.get(uri)
    if entry is None:
        return uri.rsplit("/", 1)[-1].replace("_", " ")
    return entry[0] if language.startswith("nl") else entry[1]


def domain_codes(theme_uris: list[str]) -> set[str]:
    return {code for uri in theme_uris for code in THEMES.get(uri, ("", "", []))[2]}
