"""A small hand-made register in the shape of the real source files."""

import csv
import json
from pathlib import Path

import pytest

from eenoverheid.organizations.importer import RegisterImport

ORG_COLUMNS = [
    "polder_id",
    "type",
    "naam",
    "afkorting",
    "valid_from",
    "valid_until",
    "parent_id",
    "successor_id",
    "tooi_uri",
    "tooi_code",
    "cbs_code",
    "oin",
    "kvk",
    "rsin",
    "roo_id",
    "wikidata",
    "website",
    "woonplaats_bezoekadres",
    "provincie_bezoekadres",
    "aantal_inwoners",
    "samenwerkingsvorm",
    "last_verified",
]

ORGANIZATIONS = [
    {
        "polder_id": "org:min-vws",
        "type": "ministerie",
        "naam": "Volksgezondheid, Welzijn en Sport",
        "afkorting": "VWS",
        "tooi_code": "mnre1025",
        "website": "https://www.rijksoverheid.nl/vws",
    },
    {
        "polder_id": "org:prov-ut",
        "type": "provincie",
        "naam": "Provincie Utrecht",
        "valid_until": "2024-02-04",
        "tooi_code": "pv26",
        "website": "https://www.provincie-utrecht.nl",
    },
    {
        "polder_id": "org:gemeente-utrecht",
        "type": "gemeente",
        "naam": "Gemeente Utrecht",
        "afkorting": "Utrecht",
        "tooi_code": "gm0344",
        "cbs_code": "GM0344",
        "oin": "00000001002220647000",
        "website": "https://www.utrecht.nl",
        "aantal_inwoners": "374238",
    },
    {
        "polder_id": "org:gemeente-zeist",
        "type": "gemeente",
        "naam": "Gemeente Zeist",
        "afkorting": "Zeist",
        "tooi_code": "gm0355",
        "cbs_code": "GM0355",
        "website": "www.zeist.nl",
    },
    {
        "polder_id": "org:gemeente-amsterdam",
        "type": "gemeente",
        "naam": "Gemeente Amsterdam",
        "tooi_code": "gm0363",
        "cbs_code": "GM0363",
        "website": "https://www.amsterdam.nl",
    },
    {
        "polder_id": "org:waterschap-hdsr",
        "type": "waterschap",
        "naam": "Hoogheemraadschap De Stichtse Rijnlanden",
        "tooi_code": "ws0636",
        "website": "https://www.hdsr.nl",
    },
    {
        "polder_id": "org:gr-vru",
        "type": "gemeenschappelijke-regeling",
        "naam": "Gemeenschappelijke regeling Veiligheidsregio Utrecht",
        "tooi_code": "so0001",
    },
    {
        "polder_id": "org:gr-jeugd",
        "type": "gemeenschappelijke-regeling",
        "naam": "Regionale Jeugdhulp Utrecht Stad",
        "tooi_code": "so0002",
        "samenwerkingsvorm": "'Regeling zonder meer'",
    },
    {
        "polder_id": "org:gr-old",
        "type": "gemeenschappelijke-regeling",
        "naam": "Opgeheven Afvalschap",
        "valid_until": "2020-01-01",
        "tooi_code": "so0003",
    },
    {
        "polder_id": "org:onderdeel-dgcz",
        "type": "organisatieonderdeel",
        "naam": "Directoraat-generaal Curatieve Zorg",
        "parent_id": "org:min-vws",
    },
    {
        "polder_id": "org:zbo-oin",
        "type": "zbo",
        "naam": "Bureau met een rare OIN",
        "oin": "I0000003343669660000",
    },
]

BAD_ROWS = [
    {"polder_id": "org:zonder-naam", "type": "zbo", "naam": ""},
    {"polder_id": "org:vreemd", "type": "stichting", "naam": "Vreemde soort"},
    {"polder_id": "org:datum", "type": "zbo", "naam": "Kapotte datum", "valid_until": "31-12-2030"},
]

CORE = [
    (
        "gemeente",
        "GM0344",
        "Gemeente Utrecht",
        "PV26",
        "org:gemeente-utrecht",
        "https://www.utrecht.nl",
    ),
    ("gemeente", "GM0355", "Gemeente Zeist", "PV26", "org:gemeente-zeist", "https://www.zeist.nl"),
    (
        "provincie",
        "PV26",
        "Provincie Utrecht",
        "PV26",
        "org:prov-ut",
        "https://www.provincie-utrecht.nl",
    ),
    (
        "waterschap",
        "WS0636",
        "Hoogheemraadschap De Stichtse Rijnlanden",
        "",
        "org:waterschap-hdsr",
        "https://www.hdsr.nl",
    ),
    ("rijk", "mnre1025", "Ministerie van Volksgezondheid, Welzijn en Sport", "", "org:min-vws", ""),
]

PARTICIPANTS = [
    ("org:gr-vru", "Gemeente Utrecht", "gm0344", ""),
    ("org:gr-vru", "Gemeente Zeist", "gm0355", ""),
    ("org:gr-jeugd", "Gemeente Utrecht", "gm0344", ""),
    ("org:gr-jeugd", "Gemeente Zeist", "gm0355", "2021-01-01"),
    ("org:gr-old", "Gemeente Zeist", "gm0355", ""),
]


def write_register(directory: Path, *, organizations=None, bad_rows=(), participants=None):
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "polder_organisaties_all.csv").open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=ORG_COLUMNS)
        writer.writeheader()
        for row in list(organizations if organizations is not None else ORGANIZATIONS) + list(
            bad_rows
        ):
            writer.writerow({"valid_from": "1900-01-01", **row})
    with (directory / "kernbestuursorganen_actueel.csv").open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["bestuurslaag", "code", "naam", "provincie_code", "polder_id", "website"])
        writer.writerows(CORE)
    with (directory / "polder_gr_deelnemers.csv").open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(
            [
                "gr_polder_id",
                "gr_valid_until",
                "deelnemer_naam",
                "deelnemer_tooi_code",
                "toetredings_datum",
                "uittredings_datum",
            ]
        )
        for gr, name, code, left in participants if participants is not None else PARTICIPANTS:
            writer.writerow([gr, "", name, code, "2015-01-01", left])
    (directory / "cbs_gemeentelijke_indeling_2026.json").write_text(
        json.dumps(
            {
                "municipalities": [
                    {"code": "GM0344", "name": "Utrecht", "provinceCode": "PV26"},
                    {"code": "GM0355", "name": "Zeist", "provinceCode": "PV26"},
                    {"code": "GM0363", "name": "Amsterdam", "provinceCode": "PV27"},
                ]
            }
        )
    )
    (directory / "derived_gemeente_veiligheidsregio.csv").write_text(
        "gemeente_code,gr_polder_id\nGM0344,org:gr-vru\nGM0355,org:gr-vru\n"
    )
    (directory / "waterschappen_gemeenten.csv").write_text(
        "gemeente_code,gemeente,waterschap_code,waterschap\n"
        "GM0344,Utrecht,WS0636,HDSR\nGM0355,Zeist,WS0636,HDSR\n"
    )
    (directory / "ministeries_emaildomeinen.csv").write_text(
        "ministerie_code,ministerie,emaildomein\nmnre1025,VWS,minvws.nl\n"
    )
    return directory


TODAY = __import__("datetime").date(2026, 11, 29)


@pytest.fixture
def register_dir(tmp_path):
    return write_register(tmp_path / "register")


@pytest.fixture
def small_register(db, register_dir):
    """The hand-made register, imported; returns the report."""
    return RegisterImport(register_dir, today=TODAY).run()
