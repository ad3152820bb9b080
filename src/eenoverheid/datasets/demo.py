"""Demo datasets: a catalogue in DCAT JSON-LD for the real organizations, imported
through the same importer as a real export.

No open catalogue of Dutch government datasets is in the repository, so the titles are
generated from what each kind of organization typically publishes (a municipality its
trees, youth-care figures and heat-stress map; a water board its water levels), tied to
the real publishers by their TOOI identifiers.
"""

from __future__ import annotations

import random

from eenoverheid.datasets.importer import ImportReport, import_catalog
from eenoverheid.datasets.models import DatasetSource
from eenoverheid.datasets.themes import EU, OWMS
from eenoverheid.organizations.models import Organization, OrganizationKind

CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
CC_BY = "http://creativecommons.org/licenses/by/4.0/"

# (title template, description template, themes, keywords, formats)
TEMPLATES: dict[str, list[tuple[str, str, list[str], list[str], list[str]]]] = {
    OrganizationKind.MUNICIPALITY: [
        (
            "Jeugdhulpgebruik {name}",
            "Aantal jongeren met jeugdhulp per wijk en per vorm van hulp in {name}, per half jaar.",
            [OWMS + "Jeugdzorg"],
            ["jeugdhulp", "wijkteams"],
            ["CSV"],
        ),
        (
            "Hittestresskaart {name}",
            "Gevoelstemperatuur op een hete zomerdag en plekken met koelte (schaduw, water) in {name}.",
            [OWMS + "Klimaatverandering", EU + "ENVI"],
            ["hittestress", "klimaatadaptatie"],
            ["GeoJSON", "WMS"],
        ),
        (
            "Bomen in beheer {name}",
            "Alle bomen in openbaar gebied van {name} met soort, plantjaar en kroondiameter.",
            [OWMS + "Natuur_en_milieu"],
            ["bomen", "groen"],
            ["CSV", "GeoJSON"],
        ),
        (
            "Energielabels woningen {name}",
            "Energielabels van woningen in {name} per buurt, met aandeel aardgasvrije woningen.",
            [OWMS + "Energie", OWMS + "Huisvesting"],
            ["energietransitie", "warmtetransitie"],
            ["CSV"],
        ),
        (
            "Transitievisie warmte {name}: buurten",
            "Buurten in {name} met het verwachte alternatief voor aardgas en het tijdpad.",
            [OWMS + "Energie"],
            ["warmtetransitie", "aardgasvrij"],
            ["GeoJSON"],
        ),
        (
            "Wmo-maatwerkvoorzieningen {name}",
            "Aantal cliënten per maatwerkvoorziening (begeleiding, hulpmiddelen, woningaanpassing) in {name}.",
            [OWMS + "Zorg_en_gezondheid"],
            ["wmo", "ondersteuning"],
            ["CSV"],
        ),
        (
            "Afvalinzameling {name}",
            "Ingezameld huishoudelijk afval per fractie en scheidingspercentage in {name}.",
            [OWMS + "Afval_(thema)"],
            ["afval", "circulair"],
            ["CSV"],
        ),
        (
            "Openbare laadpalen {name}",
            "Locaties en vermogen van openbare laadpalen in {name}.",
            [OWMS + "Verkeer", EU + "ENER"],
            ["laadpalen", "mobiliteit"],
            ["CSV", "GeoJSON"],
        ),
        (
            "Rioleringsbeheer {name}",
            "Rioolstrengen, gemalen en overstorten in {name} met aanlegjaar en materiaal.",
            [OWMS + "Water", OWMS + "Ruimte_en_infrastructuur"],
            ["riolering", "wateroverlast"],
            ["GeoPackage"],
        ),
        (
            "Woningbouwprojecten {name}",
            "Geplande en lopende woningbouwprojecten in {name} met aantallen en segment.",
            [OWMS + "Wonen_(thema)"],
            ["woningbouw", "wonen"],
            ["CSV"],
        ),
    ],
    OrganizationKind.PROVINCE: [
        (
            "Natuurnetwerk Nederland - {name}",
            "Begrenzing van het Natuurnetwerk en de natuurbeheertypen in {name}.",
            [OWMS + "Natuur_en_milieu"],
            ["natuur", "NNN"],
            ["GeoPackage", "WMS"],
        ),
        (
            "Regionale energiestrategie: zon en wind - {name}",
            "Zoekgebieden en gerealiseerde wind- en zonneparken in {name}.",
            [OWMS + "Energie", EU + "ENER"],
            ["RES", "energietransitie"],
            ["GeoJSON"],
        ),
        (
            "Provinciale wegen en verkeersintensiteiten - {name}",
            "Provinciale wegen in {name} met etmaalintensiteiten.",
            [OWMS + "Verkeer"],
            ["wegen", "verkeer"],
            ["CSV", "WFS"],
        ),
        (
            "Grondwaterbeschermingsgebieden - {name}",
            "Gebieden rond drinkwaterwinningen in {name} met regels uit de omgevingsverordening.",
            [OWMS + "Water", OWMS + "Natuur_en_milieu"],
            ["grondwater", "drinkwater"],
            ["GeoPackage"],
        ),
        (
            "Klimaatadaptatie: stresstest - {name}",
            "Uitkomsten van de stresstest wateroverlast, hitte en droogte voor {name}.",
            [OWMS + "Klimaatverandering"],
            ["klimaatadaptatie", "hittestress", "droogte"],
            ["WMS"],
        ),
    ],
    OrganizationKind.WATER_BOARD: [
        (
            "Peilgebieden en peilbesluiten - {name}",
            "Vastgestelde waterpeilen per peilgebied van {name}.",
            [OWMS + "Water"],
            ["waterpeil", "droogte"],
            ["GeoPackage", "WFS"],
        ),
        (
            "Primaire en regionale waterkeringen - {name}",
            "Ligging en toetsresultaten van de waterkeringen van {name}.",
            [OWMS + "Water"],
            ["waterveiligheid", "dijken"],
            ["GeoJSON"],
        ),
        (
            "Grondwaterstanden meetnet - {name}",
            "Metingen van grondwaterstanden in het beheergebied van {name}.",
            [OWMS + "Water", OWMS + "Klimaatverandering"],
            ["grondwater", "droogte"],
            ["CSV"],
        ),
        (
            "Waterkwaliteit oppervlaktewater - {name}",
            "Chemische en ecologische toestand van de waterlichamen van {name} (KRW).",
            [OWMS + "Water", OWMS + "Natuur_en_milieu"],
            ["waterkwaliteit", "KRW"],
            ["CSV"],
        ),
    ],
    OrganizationKind.SAFETY_REGION: [
        (
            "Risicovolle objecten - {name}",
            "Inrichtingen en transportroutes met gevaarlijke stoffen in {name}.",
            [OWMS + "Openbare_orde_en_veiligheid"],
            ["risico", "gevaarlijke stoffen"],
            ["GeoJSON"],
        ),
        (
            "Opkomsttijden brandweer - {name}",
            "Gerealiseerde opkomsttijden per post en per gemeente in {name}.",
            [OWMS + "Openbare_orde_en_veiligheid"],
            ["brandweer"],
            ["CSV"],
        ),
    ],
    OrganizationKind.HEALTH_REGION: [
        (
            "Gezondheidsmonitor Jeugd - {name}",
            "Gezondheid, leefstijl en welzijn van jongeren in de regio van {name}.",
            [OWMS + "Zorg_en_gezondheid", OWMS + "Jeugdzorg"],
            ["jeugd", "gezondheid"],
            ["CSV"],
        ),
        (
            "Gezondheidsmonitor Volwassenen en Ouderen - {name}",
            "Gezondheid en eenzaamheid van volwassenen en ouderen in de regio van {name}.",
            [OWMS + "Zorg_en_gezondheid"],
            ["gezondheid", "ouderen"],
            ["CSV"],
        ),
    ],
    OrganizationKind.JOINT_BODY: [
        (
            "Inkoop en contracten - {name}",
            "Gecontracteerde aanbieders en producten van {name}.",
            [OWMS + "Bestuur"],
            ["inkoop", "contracten"],
            ["CSV"],
        ),
    ],
    OrganizationKind.MINISTRY: [
        (
            "Beleidsinformatie - {name}",
            "Kerncijfers en beleidsindicatoren uit de begroting en het jaarverslag van {name}.",
            [OWMS + "Bestuur", OWMS + "Financien"],
            ["begroting", "indicatoren"],
            ["CSV"],
        ),
    ],
}

# Datasets that only one ministry publishes, by its TOOI code.
MINISTRY_EXTRA = {
    "mnre1025": [
        (
            "Monitor jeugdhulp landelijk",
            "Landelijk beeld van jeugdhulp, jeugdbescherming en jeugdreclassering per jeugdregio.",
            [OWMS + "Jeugdzorg"],
            ["jeugdhulp", "jeugdregio"],
            ["CSV"],
        )
    ],
    "mnre1130": [
        (
            "Klimaateffectatlas",
            "Kaarten van hitte, droogte, wateroverlast en overstroming voor heel Nederland.",
            [OWMS + "Klimaatverandering", OWMS + "Water"],
            ["klimaatadaptatie", "hittestress"],
            ["WMS"],
        )
    ],
    "mnre1045": [
        (
            "Energietransitie: aansluitingen en netcongestie",
            "Netcapaciteit en wachtrijen voor aansluitingen per regio.",
            [OWMS + "Energie"],
            ["netcongestie", "energietransitie"],
            ["CSV"],
        )
    ],
}


def demo_catalog(*, seed: int = 2026) -> dict:
    rng = random.Random(seed)
    nodes = []
    organizations = Organization.objects.filter(is_active=True, kind__in=list(TEMPLATES)).order_by(
        "code"
    )
    for organization in organizations:
        templates = list(TEMPLATES[organization.kind])
        # Only joint bodies with a task in their name publish, and not all of them.
        if organization.kind == OrganizationKind.JOINT_BODY and (
            "jeugd" not in organization.name.lower() or rng.random() < 0.3
        ):
            continue
        chosen = templates
        if organization.kind == OrganizationKind.MUNICIPALITY:
            chosen = rng.sample(templates, k=rng.randint(3, 6))
        chosen += MINISTRY_EXTRA.get(organization.code, [])
        name = (
            organization.short_name
            if organization.kind == OrganizationKind.MUNICIPALITY and organization.short_name
            else organization.name
        )
        for index, (title, description, themes, keywords, formats) in enumerate(chosen):
            uri = f"https://data.eenoverheid.example/dataset/{organization.code}/{index + 1}"
            year = rng.choice([2023, 2024, 2025, 2026])
            nodes.append(
                {
                    "@id": uri,
                    "@type": "dcat:Dataset",
                    "dct:identifier": uri,
                    "dct:title": {"@value": title.format(name=name), "@language": "nl"},
                    "dct:description": {"@value": description.format(name=name), "@language": "nl"},
                    "dct:publisher": {
                        "@id": organization.tooi_uri or organization.code,
                        "foaf:name": organization.name,
                    },
                    "dcat:theme": [{"@id": t} for t in themes],
                    "dcat:keyword": keywords,
                    "dct:license": {"@id": rng.choice([CC0, CC0, CC_BY])},
                    "dct:modified": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    "dcat:landingPage": {"@id": organization.website or "https://data.overheid.nl"},
                    "dcat:distribution": [
                        {
                            "@type": "dcat:Distribution",
                            "dct:format": {
                                "@id": f"http://publications.europa.eu/resource/authority/file-type/{f.upper()}"
                            },
                            "dcat:accessURL": {
                                "@id": (organization.website or "https://data.overheid.nl").rstrip(
                                    "/"
                                )
                                + "/open-data"
                            },
                        }
                        for f in formats
                    ],
                }
            )
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@graph": [
            {
                "@id": "https://data.eenoverheid.example/catalog",
                "@type": "dcat:Catalog",
                "dcat:dataset": [n["@id"] for n in nodes],
            },
            *nodes,
        ],
    }


def generate_datasets(*, seed: int = 2026) -> ImportReport:
    return import_catalog(demo_catalog(seed=seed), catalog="Demo", source=DatasetSource.DEMO)
