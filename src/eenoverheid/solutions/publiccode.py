"""publiccode.yml: the descriptor of public-sector software (Italy's standard, adopted
by the Dutch government; https://yml.publiccode.tools). Import it, with every error named
by its field path, and write one for a solution.

The checks are the standard's own: its mandatory keys (`publiccodeYmlVersion`, `name`,
`url`, `platforms`, `developmentStatus`, `softwareType`, `description` with a
`shortDescription` of at most 150 characters and a `longDescription` per language,
`legal.license`, `maintenance.type` with contacts or contractors as it requires, and
`localisation`), the values its enumerations allow, and the types of the optional keys we
read. The JSON Schema in shared/data knows versions up to 0.5 only and refuses the
standard's own v0.7 examples, so it is not used (decision 0017).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from django.utils.translation import gettext as _

from eenoverheid.core.errors import InvalidParam

MAX_BYTES = 256 * 1024
DEVELOPMENT_STATUS = ["concept", "development", "beta", "stable", "obsolete"]
SOFTWARE_TYPES = [
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
]
MAINTENANCE_TYPES = ["internal", "contract", "community", "none"]
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
# An SPDX licence expression: identifiers joined by AND/OR/WITH, with brackets.
SPDX = re.compile(r"^[A-Za-z0-9.+\-() ]+$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

# developmentStatus -> the catalogue's status
STATUS_OF = {
    "concept": "idea",
    "development": "development",
    "beta": "development",
    "stable": "in_use",
    "obsolete": "retired",
}
DEVELOPMENT_OF = {"idea": "concept", "development": "development", "in_use": "stable"}


@dataclass
class Parsed:
    """What an import takes from a valid file."""

    name: str
    summary: str
    description: str
    status: str
    licence: str
    source_url: str
    documentation_url: str
    website_url: str
    contact_name: str
    contact_email: str
    used_by: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


class _Check:
    def __init__(self) -> None:
        self.errors: list[InvalidParam] = []

    def fail(self, path: str, reason: str, code: str = "invalid") -> None:
        self.errors.append(InvalidParam(name=path, reason=reason, code=code))

    def required(self, data: dict, key: str, path: str, kind: type | tuple) -> Any:
        if key not in data or data[key] in (None, ""):
            self.fail(path, _("This key is required."), "required")
            return None
        return self.typed(data[key], path, kind)

    def optional(self, data: dict, key: str, path: str, kind: type | tuple) -> Any:
        if key not in data or data[key] is None:
            return None
        return self.typed(data[key], path, kind)

    def typed(self, value: Any, path: str, kind: type | tuple) -> Any:
        if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # YAML reads `softwareVersion: 1.0` as a number
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = {str: "text", list: "list", dict: "mapping", bool: "true or false"}
            expected = names.get(kind, getattr(kind, "__name__", "value"))
            self.fail(path, _("Must be %(kind)s.") % {"kind": expected}, "type")
            return None
        return value

    def url(self, value: Any, path: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, str) or not URL.match(value) or len(value) > 500:
            self.fail(path, _("Must be a web address starting with http:// or https://."), "url")
            return ""
        return value

    def choice(self, value: Any, path: str, allowed: list[str]) -> str:
        if value is None:
            return ""
        if value not in allowed:
            self.fail(
                path,
                _("Must be one of: %(values)s.") % {"values": ", ".join(allowed)},
                "enum",
            )
            return ""
        return value

    def strings(self, value: Any, path: str, *, non_empty: bool = False) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, _("Must be a list."), "type")
            return []
        if non_empty and not value:
            self.fail(path, _("Must name at least one."), "required")
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{path}[{i}]", _("Must be text."), "type")
            else:
                out.append(item.strip())
        return out


def load(text: str) -> tuple[dict | None, list[InvalidParam]]:
    """The YAML as a mapping, or the reason it is not one."""
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        return None, [InvalidParam("publiccode", _("The file is larger than 256 KB."), "size")]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = _(" (line %(line)d)") % {"line": mark.line + 1} if mark else ""
        return None, [InvalidParam("publiccode", _("This is not valid YAML") + where + ".", "yaml")]
    if not isinstance(data, dict):
        return None, [
            InvalidParam("publiccode", _("A publiccode.yml file is a mapping of keys."), "type")
        ]
    return data, []


def parse(text: str) -> tuple[Parsed | None, list[InvalidParam]]:
    """Check a publiccode.yml file; a `Parsed` when it is valid, else every error."""
    data, errors = load(text)
    if data is None:
        return None, errors
    c = _Check()
    c.required(data, "publiccodeYmlVersion", "publiccodeYmlVersion", str)
    name = c.required(data, "name", "name", str) or ""
    if len(name) > 200:
        c.fail("name", _("At most 200 characters."), "max_length")
    url = c.url(c.required(data, "url", "url", str), "url")
    c.strings(c.required(data, "platforms", "platforms", list), "platforms", non_empty=True)
    status = c.choice(
        c.required(data, "developmentStatus", "developmentStatus", str),
        "developmentStatus",
        DEVELOPMENT_STATUS,
    )
    c.choice(c.required(data, "softwareType", "softwareType", str), "softwareType", SOFTWARE_TYPES)
    landing = c.url(c.optional(data, "landingURL", "landingURL", str), "landingURL")
    c.url(c.optional(data, "roadmap", "roadmap", str), "roadmap")
    c.optional(data, "softwareVersion", "softwareVersion", str)
    release = c.optional(data, "releaseDate", "releaseDate", (str, dt.date))
    if isinstance(release, str):
        try:
            dt.date.fromisoformat(release)
        except ValueError:
            c.fail("releaseDate", _("Must be a date as YYYY-MM-DD."), "date")
    categories = c.strings(c.optional(data, "categories", "categories", list), "categories")
    used_by = c.strings(c.optional(data, "usedBy", "usedBy", list), "usedBy")

    descriptions = c.required(data, "description", "description", dict) or {}
    if "description" in data and isinstance(data["description"], dict) and not descriptions:
        c.fail("description", _("Describe the software in at least one language."), "required")
    texts: dict[str, dict[str, str]] = {}
    for language, text_of in descriptions.items():
        path = f"description.{language}"
        if not isinstance(language, str) or not LANGUAGE.match(language):
            c.fail(path, _("Must be a language code such as nl or en."), "language")
            continue
        if not isinstance(text_of, dict):
            c.fail(path, _("Must be a mapping."), "type")
            continue
        short = c.required(text_of, "shortDescription", f"{path}.shortDescription", str) or ""
        if len(short.strip()) > 150:
            c.fail(f"{path}.shortDescription", _("At most 150 characters."), "max_length")
        long = c.required(text_of, "longDescription", f"{path}.longDescription", str) or ""
        if long and not 150 <= len(long.strip()) <= 10000:
            c.fail(
                f"{path}.longDescription",
                _("Between 150 and 10,000 characters."),
                "length",
            )
        c.strings(c.optional(text_of, "features", f"{path}.features", list), f"{path}.features")
        docs = c.url(
            c.optional(text_of, "documentation", f"{path}.documentation", str),
            f"{path}.documentation",
        )
        texts[language] = {"short": short.strip(), "long": long.strip(), "docs": docs}

    legal = c.required(data, "legal", "legal", dict) or {}
    licence = ""
    if legal:
        licence = c.required(legal, "license", "legal.license", str) or ""
        if licence and (not SPDX.match(licence) or len(licence) > 100):
            c.fail("legal.license", _("Must be an SPDX licence expression."), "spdx")

    maintenance = c.required(data, "maintenance", "maintenance", dict) or {}
    contact_name = contact_email = ""
    if maintenance:
        kind = c.choice(
            c.required(maintenance, "type", "maintenance.type", str),
            "maintenance.type",
            MAINTENANCE_TYPES,
        )
        contacts = c.optional(maintenance, "contacts", "maintenance.contacts", list) or []
        contractors = c.optional(maintenance, "contractors", "maintenance.contractors", list) or []
        if kind in ("internal", "community") and not contacts:
            c.fail("maintenance.contacts", _("Required when maintenance is %s.") % kind, "required")
        if kind == "contract" and not contractors:
            c.fail(
                "maintenance.contractors", _("Required when maintenance is contract."), "required"
            )
        for i, contact in enumerate(contacts):
            path = f"maintenance.contacts[{i}]"
            if not isinstance(contact, dict):
                c.fail(path, _("Must be a mapping."), "type")
                continue
            cname = c.required(contact, "name", f"{path}.name", str) or ""
            email = c.optional(contact, "email", f"{path}.email", str) or ""
            if email and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
                c.fail(f"{path}.email", _("Must be an e-mail address."), "email")
                email = ""
            if i == 0:
                contact_name, contact_email = cname[:150], email[:254]
        for i, contractor in enumerate(contractors):
            path = f"maintenance.contractors[{i}]"
            if not isinstance(contractor, dict):
                c.fail(path, _("Must be a mapping."), "type")
                continue
            c.required(contractor, "name", f"{path}.name", str)

    localisation = c.required(data, "localisation", "localisation", dict) or {}
    if localisation:
        c.required(localisation, "localisationReady", "localisation.localisationReady", bool)
        c.strings(
            c.required(localisation, "availableLanguages", "localisation.availableLanguages", list),
            "localisation.availableLanguages",
            non_empty=True,
        )

    if c.errors:
        return None, c.errors
    chosen = texts.get("nl") or texts.get("en") or next(iter(texts.values()))
    return (
        Parsed(
            name=name.strip(),
            summary=chosen["short"][:300],
            description=chosen["long"],
            status=STATUS_OF[status],
            licence=licence.strip(),
            source_url=url,
            documentation_url=chosen["docs"]
            or next((t["docs"] for t in texts.values() if t["docs"]), ""),
            website_url=landing,
            contact_name=contact_name,
            contact_email=contact_email,
            used_by=used_by,
            categories=categories,
        ),
        [],
    )


def _software_type(solution) -> str:
    return (
        "standalone/web"
        if solution.kind in ("application", "website_template")
        else "standalone/other"
    )


def export(solution, *, used_by: list[str], page_url: str) -> str:
    """A publiccode.yml (version 0.4) for a solution, from what the catalogue holds; its
    `url` is the source repository, else the website, else the catalogue page. A solution
    imported from a file gives that file back unchanged."""
    if solution.publiccode:
        return solution.publiccode
    # The standard asks for 150 characters at least: a short description gets the facts.
    parts = [solution.description or solution.summary]
    parts.append(f"{solution.name}: {solution.get_kind_display()}, {solution.owner}.")
    parts.append(f"Eén Overheid: {page_url}")
    long = parts[0]
    for part in parts[1:]:
        if len(long) >= 150:
            break
        long = f"{long}\n\n{part}"
    long = long.ljust(150, ".")
    description = {
        "shortDescription": solution.summary[:150],
        "longDescription": long,
        "features": [str(s) for s in solution.standards.all()] or [solution.get_kind_display()],
    }
    if solution.documentation_url:
        description["documentation"] = solution.documentation_url
    maintenance: dict[str, Any] = {"type": "internal"}
    contact = {"name": solution.contact_name or str(solution.owner)}
    if solution.contact_email:
        contact["email"] = solution.contact_email
    maintenance["contacts"] = [contact]
    data: dict[str, Any] = {
        "publiccodeYmlVersion": "0.4",
        "name": solution.name,
        "url": solution.source_url or solution.website_url or page_url,
        "platforms": ["web"],
        "developmentStatus": DEVELOPMENT_OF.get(solution.status, "obsolete"),
        "softwareType": _software_type(solution),
        "description": {"nl": description},
        "legal": {
            "license": solution.licence or "LicenseRef-unknown",
            "mainCopyrightOwner": str(solution.owner),
        },
        "maintenance": maintenance,
        "localisation": {"localisationReady": False, "availableLanguages": ["nl"]},
    }
    if solution.website_url:
        data["landingURL"] = solution.website_url
    if used_by:
        data["usedBy"] = used_by
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
