"""Extract the visiting addresses of government buildings from the register's raw data.

Reads the archive of organisaties.overheid.nl as the polder project publishes it
(`../shared/data/raw/polder_data_organisaties_*.tar.gz`, CC0) and writes
`src/eenoverheid/workplaces/data/government_buildings.csv`: the current ministries,
provinces, water boards, executive agencies and the 40 largest municipalities, each with
its visiting address and the municipality that address lies in (from the places each
municipality lists). The demo registers flex workplaces at these addresses.

    python scripts/extract_government_buildings.py \
        ../shared/data/raw/polder_data_organisaties_82b2d3b0.tar.gz
"""

from __future__ import annotations

import csv
import sys
import tarfile
from pathlib import Path

import yaml

OUT = (
    Path(__file__).resolve().parent.parent
    / "src/eenoverheid/workplaces/data/government_buildings.csv"
)
KINDS = {"ministerie", "provincie", "waterschap", "agentschap", "gemeente"}
LARGEST_MUNICIPALITIES = 40


def main(archive: str) -> None:
    records = []
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if not member.name.endswith(".yaml") or "/organisaties/" not in member.name:
                continue
            data = yaml.safe_load(tar.extractfile(member))
            if not isinstance(data, dict) or data.get("type") not in KINDS:
                continue
            if data.get("valid_until"):
                continue
            records.append(data)
    place_to_municipality: dict[str, str] = {}
    for data in records:
        if data["type"] != "gemeente":
            continue
        code = (data.get("identifiers") or {}).get("organisatiecode", "").upper()
        names = (data.get("geography") or {}).get("bevat_plaatsen") or []
        short = (data.get("names") or [{}])[0].get("abbr") or ""
        for place in [*names, short]:
            if place and code:
                place_to_municipality.setdefault(place.lower(), code)
    place_to_municipality.setdefault("den haag", "GM0518")  # 's-Gravenhage lists its districts
    rows = []
    municipalities = sorted(
        (d for d in records if d["type"] == "gemeente"),
        key=lambda d: -int((d.get("geography") or {}).get("aantal_inwoners") or 0),
    )[:LARGEST_MUNICIPALITIES]
    chosen = [d for d in records if d["type"] != "gemeente"] + municipalities
    for data in chosen:
        address = next(
            (
                a
                for a in (data.get("contact") or {}).get("addresses") or []
                if a.get("type") == "Bezoekadres" and a.get("openbare_ruimte") and a.get("postcode")
            ),
            None,
        )
        if address is None:
            continue
        city = (address.get("woonplaats") or "").strip()
        municipality = place_to_municipality.get(city.lower())
        if municipality is None:
            continue
        tooi = (data.get("identifiers") or {}).get("tooi", "")
        code = tooi.rsplit("/", 1)[-1] if tooi else data["id"].removeprefix("org:")
        name = (data.get("names") or [{}])[0].get("value") or ""
        rows.append(
            {
                "organization_code": code,
                "organization": name,
                "kind": data["type"],
                "street": f"{address['openbare_ruimte']} {address.get('huisnummer', '')}".strip(),
                "postal_code": address["postcode"],
                "city": city.title() if city.isupper() else city,
                "municipality_code": municipality,
            }
        )
    rows.sort(key=lambda r: (r["kind"], r["organization"]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} buildings written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
