"""Import a catalogue of datasets from a DCAT (JSON-LD) or CKAN (JSON) export.

DCAT: a JSON-LD document whose datasets are `dcat:Dataset` nodes, either in `@graph` or
under a catalogue's `dcat:dataset`, with compact (`dct:title`), plain (`title`) or full
(`http://purl.org/dc/terms/title`) keys; language-tagged values prefer Dutch. CKAN: the
answer of `package_search` (`{"result": {"results": [...]}}`), of `package_show`, or a
plain list of packages, as data.overheid.nl and other CKAN portals give them.

Each dataset needs an identifier, a title and a publisher that the organization register
knows (by TOOI URI or code, OIN, or name); a row that lacks one is rejected with its
position and reason, and the rest is imported in one transaction. Importing the same
catalogue again updates what it imported before (matched by identifier).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q

from eenoverheid.datasets.models import Dataset, DatasetSource
from eenoverheid.datasets.themes import domain_codes, theme_uri
from eenoverheid.organizations.models import Organization, OrganizationKind, PolicyDomain

MAX_ROWS = 20_000
_url = URLValidator(schemes=["http", "https"])
_TOOI_CODE = re.compile(r"^(gm|pv|ws|mnre|oorg|zbo|rwt)\d+$", re.I)


@dataclass
class Rejected:
    row: int  # 1-based position of the dataset in the file
    identifier: str
    reason: str


@dataclass
class ImportReport:
    format: str = ""
    created: int = 0
    updated: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated


class CatalogError(ValueError):
    """The file as a whole cannot be read as a catalogue."""


# -- reading JSON-LD and CKAN values ------------------------------------------------------


def _local(key: str) -> str:
    return re.split(r"[/#:]", key)[-1]


def _normalized(node: dict) -> dict:
    """Keys by their local name: `dct:title`, `title` and the full URI are one key."""
    out: dict[str, Any] = {}
    for key, value in node.items():
        out.setdefault(_local(key) if not key.startswith("@") else key, value)
    return out


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value, language: str = "nl") -> str:
    values = _as_list(value)
    preferred = [
        v
        for v in values
        if isinstance(v, dict) and str(v.get("@language", "")).startswith(language)
    ]
    for v in preferred + values:
        if isinstance(v, dict):
            v = v.get("@value", v.get("@id", ""))
        if isinstance(v, (str, int, float)) and str(v).strip():
            return str(v).strip()
    return ""


def _ids(value) -> list[str]:
    out = []
    for v in _as_list(value):
        if isinstance(v, dict):
            v = v.get("@id") or v.get("@value") or v.get("name") or v.get("title") or ""
        if isinstance(v, str) and v.strip():
            out.append(v.strip())
    return out


def _date(value) -> dt.date | None:
    text = _text(value)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _valid_url(value: str) -> str:
    if not value:
        return ""
    try:
        _url(value)
    except ValidationError:
        return ""
    return value[:1000]


# -- the two formats ----------------------------------------------------------------------


@dataclass
class Row:
    identifier: str
    title: str
    description: str
    publisher_ids: list[str]
    publisher_names: list[str]
    themes: list[str]
    keywords: list[str]
    licence: str
    formats: list[str]
    landing_page: str
    access_url: str
    issued: dt.date | None
    modified: dt.date | None


def _dcat_rows(document) -> list[Row]:
    nodes = document.get("@graph") if isinstance(document, dict) else document
    if isinstance(document, dict) and nodes is None:
        normalized = _normalized(document)
        nodes = _as_list(normalized.get("dataset")) or [document]
    by_id = {n.get("@id"): n for n in _as_list(nodes) if isinstance(n, dict) and n.get("@id")}
    datasets: list = []
    listed: set[str] = set()

    def add(node) -> None:
        # A dataset both listed by its catalogue and present in the graph counts once.
        key = node.get("@id") if isinstance(node, dict) else None
        if key and key in listed:
            return
        if key:
            listed.add(key)
        datasets.append(node)

    for node in _as_list(nodes):
        if not isinstance(node, dict):
            continue
        types = [_local(t) for t in _ids(node.get("@type"))]
        if "Catalog" in types:
            for d in _as_list(_normalized(node).get("dataset")):
                add(by_id.get(d, {"@id": d}) if isinstance(d, str) else d)
        elif "Dataset" in types:
            add(node)
    rows = []
    for node in datasets:
        n = _normalized(node if isinstance(node, dict) else {})
        publisher = n.get("publisher")
        publisher_nodes = [
            by_id.get(p, {"@id": p}) if isinstance(p, str) else p for p in _as_list(publisher)
        ]
        distributions = [
            _normalized(by_id.get(d, {"@id": d}) if isinstance(d, str) else d)
            for d in _as_list(n.get("distribution"))
            if isinstance(d, (dict, str))
        ]
        rows.append(
            Row(
                identifier=_text(n.get("identifier")) or str(n.get("@id") or ""),
                title=_text(n.get("title")),
                description=_text(n.get("description")),
                publisher_ids=[p.get("@id", "") for p in publisher_nodes if isinstance(p, dict)],
                publisher_names=[
                    _text(_normalized(p).get("name") or _normalized(p).get("prefLabel"))
                    for p in publisher_nodes
                    if isinstance(p, dict)
                ],
                themes=_ids(n.get("theme")),
                keywords=[_text(k) for k in _as_list(n.get("keyword")) if _text(k)],
                licence=next(iter(_ids(n.get("license"))), "")
                or next((i for d in distributions for i in _ids(d.get("license"))), ""),
                formats=sorted(
                    {_local(f).upper() for d in distributions for f in _ids(d.get("format"))}
                ),
                landing_page=next(iter(_ids(n.get("landingPage"))), ""),
                access_url=next((i for d in distributions for i in _ids(d.get("accessURL"))), ""),
                issued=_date(n.get("issued")),
                modified=_date(n.get("modified")),
            )
        )
    return rows


def _ckan_rows(document) -> list[Row]:
    if isinstance(document, dict):
        result = document.get("result", document)
        packages = result.get("results") if isinstance(result, dict) else result
        if packages is None and isinstance(result, dict):
            packages = [result]
    else:
        packages = document
    rows = []
    for package in _as_list(packages):
        if not isinstance(package, dict):
            rows.append(Row("", "", "", [], [], [], [], "", [], "", "", None, None))
            continue
        organization = package.get("organization") or {}
        extras = {
            str(e.get("key")): e.get("value")
            for e in _as_list(package.get("extras"))
            if isinstance(e, dict)
        }
        themes = _as_list(package.get("theme")) or _as_list(extras.get("theme"))
        themes += [
            g.get("name", "") for g in _as_list(package.get("groups")) if isinstance(g, dict)
        ]
        resources = [r for r in _as_list(package.get("resources")) if isinstance(r, dict)]
        rows.append(
            Row(
                identifier=str(
                    package.get("identifier") or package.get("id") or package.get("name") or ""
                ),
                title=str(package.get("title") or "").strip(),
                description=str(package.get("notes") or "").strip(),
                publisher_ids=[
                    str(x) for x in (package.get("publisher"), extras.get("publisher_uri")) if x
                ],
                publisher_names=[
                    str(x)
                    for x in (
                        organization.get("title"),
                        organization.get("name"),
                        package.get("authority"),
                    )
                    if x
                ],
                themes=[str(t) for t in themes if t],
                keywords=[
                    str(t.get("name") if isinstance(t, dict) else t)
                    for t in _as_list(package.get("tags"))
                    if t
                ],
                licence=str(package.get("license_url") or package.get("license_id") or ""),
                formats=sorted(
                    {str(r.get("format", "")).upper() for r in resources if r.get("format")}
                ),
                landing_page=str(package.get("url") or ""),
                access_url=next((str(r.get("url")) for r in resources if r.get("url")), ""),
                issued=_date(package.get("metadata_created")),
                modified=_date(package.get("metadata_modified")),
            )
        )
    return rows


def read_catalog(content: bytes | str | dict | list) -> tuple[str, list[Row]]:
    if isinstance(content, (bytes, str)):
        try:
            document = json.loads(content)
        except (ValueError, UnicodeDecodeError) as exc:
            raise CatalogError(f"Not a JSON document: {exc}") from exc
    else:
        document = content
    if not isinstance(document, (dict, list)):
        raise CatalogError("The catalogue must be a JSON object or list.")
    is_dcat = isinstance(document, dict) and (
        "@context" in document or "@graph" in document or "@type" in document
    )
    if isinstance(document, list) and document and isinstance(document[0], dict):
        is_dcat = "@type" in document[0]
    rows = _dcat_rows(document) if is_dcat else _ckan_rows(document)
    if len(rows) > MAX_ROWS:
        raise CatalogError(f"At most {MAX_ROWS} datasets per file.")
    return ("dcat" if is_dcat else "ckan"), rows


# -- resolving publishers and importing ---------------------------------------------------


class PublisherIndex:
    """Finds a register organization for a publisher's URI, code, OIN or name, with a
    handful of queries for the whole file."""

    def __init__(self, rows: list[Row]):
        keys = set()
        names = set()
        for row in rows:
            for value in row.publisher_ids:
                keys.add(value)
                keys.add(value.rstrip("/").rsplit("/", 1)[-1].lower())
            names.update(n.lower() for n in row.publisher_names if n)
        organizations = Organization.objects.filter(is_active=True).exclude(
            kind=OrganizationKind.DEPARTMENT
        )
        self.by_key: dict[str, Organization] = {}
        for o in organizations.filter(Q(tooi_uri__in=keys) | Q(code__in=keys) | Q(oin__in=keys)):
            for key in (o.tooi_uri, o.code, o.oin):
                if key:
                    self.by_key[key] = o
        self.by_name: dict[str, Organization] = {}
        if names:
            for o in organizations.filter(
                Q(name__in=[n.title() for n in names] + list(names)) | Q(short_name__in=list(names))
            ):
                self.by_name.setdefault(o.name.lower(), o)
            # Names in exports vary in case; compare case-insensitively in Python.
            wanted = {n for n in names if n not in self.by_name}
            if wanted:
                for o in organizations.only("id", "name", "short_name", "code"):
                    for label in (o.name.lower(), o.short_name.lower()):
                        if label in wanted:
                            self.by_name.setdefault(label, o)

    def find(self, row: Row) -> Organization | None:
        for value in row.publisher_ids:
            found = self.by_key.get(value) or self.by_key.get(
                value.rstrip("/").rsplit("/", 1)[-1].lower()
            )
            if found:
                return found
        for name in row.publisher_names:
            found = self.by_name.get(name.lower())
            if found:
                return found
        return None


def import_catalog(
    content,
    *,
    catalog: str = "",
    source: str = DatasetSource.IMPORT,
    only_publisher: Organization | None = None,
) -> ImportReport:
    """Import the datasets of a catalogue file. `only_publisher` restricts the import to
    one organization's datasets (an organization administrator imports only their own)."""
    fmt, rows = read_catalog(content)
    report = ImportReport(format=fmt)
    publishers = PublisherIndex(rows)
    domains = {d.code: d.pk for d in PolicyDomain.objects.only("id", "code")}
    accepted: list[tuple[Row, Organization, list[str]]] = []
    seen: set[str] = set()
    for position, row in enumerate(rows, start=1):

        def reject(reason: str, row=row, position=position) -> None:
            report.rejected.append(Rejected(position, row.identifier[:200], reason))

        if not row.identifier:
            reject("The dataset has no identifier.")
            continue
        if len(row.identifier) > 500:
            reject("The identifier is longer than 500 characters.")
            continue
        if row.identifier in seen:
            reject("The identifier occurs twice in this file.")
            continue
        if not row.title:
            reject("The dataset has no title.")
            continue
        publisher = publishers.find(row)
        if publisher is None:
            names = ", ".join(row.publisher_ids + row.publisher_names) or "none given"
            reject(f"The publisher is not in the organization register ({names}).")
            continue
        if only_publisher is not None and publisher.pk != only_publisher.pk:
            reject(f"The dataset is published by {publisher.name}, not by {only_publisher.name}.")
            continue
        themes = [t for t in (theme_uri(x) for x in row.themes) if t]
        seen.add(row.identifier)
        accepted.append((row, publisher, themes))

    with transaction.atomic():
        existing = {
            d.identifier: d
            for d in Dataset.objects.filter(identifier__in=[r.identifier for r, _p, _t in accepted])
        }
        for row, publisher, themes in accepted:
            values = {
                "title": row.title[:300],
                "description": row.description[:20_000],
                "publisher": publisher,
                "themes": sorted(set(themes)),
                "keywords": sorted({k[:80] for k in row.keywords})[:30],
                "licence": row.licence[:300],
                "formats": [f[:40] for f in row.formats][:20],
                "landing_page": _valid_url(row.landing_page),
                "access_url": _valid_url(row.access_url),
                "issued": row.issued,
                "modified": row.modified,
                "source": source,
                "catalog": catalog[:200],
            }
            dataset = existing.get(row.identifier)
            if dataset is None:
                dataset = Dataset.objects.create(identifier=row.identifier, **values)
                report.created += 1
            else:
                for key, value in values.items():
                    setattr(dataset, key, value)
                dataset.save()
                report.updated += 1
            dataset.policy_domains.set([domains[c] for c in domain_codes(themes) if c in domains])
    return report
