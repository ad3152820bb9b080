"""Seed and refresh the skills taxonomy: ESCO v1.0.8's skills hierarchy with Dutch terms
and synonyms, its transversal and ICT skills, and the platform's public-sector topics.
Idempotent: re-running changes nothing; skills people proposed and edits made by
administrators to synonyms they added are kept (ESCO's own fields are refreshed)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from eenoverheid.people.models import Skill, SkillSource, SkillStatus
from eenoverheid.people.topics import ROOT, TOPICS

DATA_DIR = Path(__file__).resolve().parent / "data"
ESCO = "http://data.europa.eu/esco/skill/"


def _code(uri: str) -> str:
    """A stable, readable code from an ESCO URI: `skill/S1.1` -> `S1.1`,
    `isced-f/0011` -> `isced-f:0011`. (The CSV's own code column repeats itself across
    the knowledge branch, so the URI is the identity.)"""
    path = uri.removeprefix("http://data.europa.eu/esco/")
    return path.removeprefix("skill/").replace("/", ":")


def _labels(text: str) -> list[str]:
    return [part.strip() for part in (text or "").replace("\n", "|").split("|") if part.strip()]


def _esco_nodes(data_dir: Path) -> list[dict]:
    """(code, uri, name, description, synonyms, parent code), parents before children."""
    alt = {}
    with (data_dir / "skillGroups_nl.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            alt[row["conceptUri"]] = _labels(row.get("altLabels", ""))
    nodes: dict[str, dict] = {}
    with (data_dir / "skillsHierarchy_nl.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            parent = None
            deepest = None
            for level in range(4):
                uri, name = row[f"Level {level} URI"], row[f"Level {level} preferred term"]
                if not uri:
                    break
                code = _code(uri)
                if code not in nodes:
                    nodes[code] = {
                        "code": code,
                        "uri": uri,
                        "name": name.strip(),
                        "description": "",
                        "synonyms": alt.get(uri, []),
                        "parent": parent,
                    }
                parent = deepest = code
            if deepest:
                nodes[deepest]["description"] = (row.get("Description") or "").strip()
    by_uri = {n["uri"]: n["code"] for n in nodes.values()}
    for file in ("transversalSkillsCollection_nl.csv", "ictSkillsCollection_nl.csv"):
        with (data_dir / file).open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            code = _code(row["conceptUri"])
            by_uri.setdefault(row["conceptUri"], code)
            nodes.setdefault(
                code,
                {
                    "code": code,
                    "uri": row["conceptUri"],
                    "name": row["preferredLabel"].strip(),
                    "description": (row.get("description") or "").strip(),
                    "synonyms": _labels(row.get("altLabels", "")),
                    "parent": None,
                    "broader": [u.strip() for u in row.get("broaderConceptUri", "").split("|")],
                },
            )
    for node in nodes.values():
        for uri in node.pop("broader", []):
            if uri in by_uri and by_uri[uri] != node["code"]:
                node["parent"] = by_uri[uri]
                break
    return list(nodes.values())


def _platform_nodes() -> list[dict]:
    code, name, name_en = ROOT
    nodes = [{"code": code, "name": name, "name_en": name_en, "synonyms": [], "parent": None}]
    for code, name, name_en, synonyms, _domains in TOPICS:
        nodes.append(
            {
                "code": code,
                "name": name,
                "name_en": name_en,
                "synonyms": synonyms,
                "parent": ROOT[0],
            }
        )
    return nodes


@transaction.atomic
def import_skills(data_dir: Path | None = None) -> dict[str, int]:
    data_dir = Path(data_dir or DATA_DIR)
    existing = {s.code: s for s in Skill.objects.all()}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    wanted = [(n, SkillSource.ESCO) for n in _esco_nodes(data_dir)] + [
        (n, SkillSource.PLATFORM) for n in _platform_nodes()
    ]
    for node, source in wanted:
        values = {
            "uri": node.get("uri", ""),
            "name": node["name"][:255],
            "name_en": node.get("name_en", "")[:255],
            "description": node.get("description", ""),
            "synonyms": "\n".join(node["synonyms"]),
            "source": source,
            "status": SkillStatus.ACTIVE,
        }
        skill = existing.get(node["code"])
        if skill is None:
            existing[node["code"]] = Skill.objects.create(code=node["code"], **values)
            counts["created"] += 1
        elif any(getattr(skill, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(skill, k, v)
            skill.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    for node, _source in wanted:
        skill = existing[node["code"]]
        parent_id = existing[node["parent"]].pk if node["parent"] else None
        if skill.parent_id != parent_id:
            skill.parent_id = parent_id
            skill.save(update_fields=["parent"])
    return counts
