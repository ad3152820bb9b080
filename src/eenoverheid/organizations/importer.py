"""Load or refresh the organization register from the public data in `data/`.

Sources (see `data/README.md` for provenance and licences):

- `polder_organisaties_all.csv`: every organization of organisaties.overheid.nl (KOOP,
  CC0) via the polder project, commit 82b2d3b07f6d;
- `kernbestuursorganen_actueel.csv`: the current municipalities, provinces, water boards
  and ministries; it decides which of those are current, because `valid_until` in the
  full file is wrong for a few of them;
- `polder_gr_deelnemers.csv`: the participants of joint bodies (gemeenschappelijke
  regelingen), which give their areas;
- `cbs_gemeentelijke_indeling_2026.json`: CBS's municipal division on 1 January 2026
  (CC BY 4.0, source: CBS), which gives the provinces' areas;
- `derived_gemeente_veiligheidsregio.csv`: municipalities per safety region;
- `waterschappen_gemeenten.csv`: the municipalities in each water board's area, stated by
  this project because no register gives them (see the README);
- `ministeries_emaildomeinen.csv`: the ministries' e-mail domains, which their websites
  (all on rijksoverheid.nl) do not give.

The import is idempotent: it compares what the sources say with what the database holds
and writes only the difference. Organizations that left the sources are marked inactive,
never deleted, because people, content and history point at them. What organizations add
themselves (description, logo, e-mail domains they added, policy-domain overrides,
teams, areas stated by an administrator) is never touched.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from django.db import transaction

from eenoverheid.organizations.models import (
    AreaScope,
    Coverage,
    EmailDomain,
    GovernmentLayer,
    Organization,
    OrganizationKind,
    Participation,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

ORGANIZATIONS_FILE = "polder_organisaties_all.csv"
CORE_FILE = "kernbestuursorganen_actueel.csv"
PARTICIPANTS_FILE = "polder_gr_deelnemers.csv"
CBS_FILE = "cbs_gemeentelijke_indeling_2026.json"
SAFETY_REGIONS_FILE = "derived_gemeente_veiligheidsregio.csv"
WATER_BOARDS_FILE = "waterschappen_gemeenten.csv"
MINISTRY_DOMAINS_FILE = "ministeries_emaildomeinen.csv"

# The register's types, and what the platform calls them.
KIND_OF_TYPE = {
    "ministerie": OrganizationKind.MINISTRY,
    "agentschap": OrganizationKind.AGENCY,
    "zbo": OrganizationKind.INDEPENDENT_BODY,
    "adviescollege": OrganizationKind.ADVISORY_BOARD,
    "inspectie": OrganizationKind.INSPECTORATE,
    "hoge-college": OrganizationKind.HIGH_COUNCIL,
    "rechterlijke-instantie": OrganizationKind.JUDICIARY,
    "politie": OrganizationKind.POLICE,
    "provincie": OrganizationKind.PROVINCE,
    "waterschap": OrganizationKind.WATER_BOARD,
    "gemeenschappelijke-regeling": OrganizationKind.JOINT_BODY,
    "gemeente": OrganizationKind.MUNICIPALITY,
    "caribisch-openbaar-lichaam": OrganizationKind.CARIBBEAN_PUBLIC_BODY,
    "rwt": OrganizationKind.STATUTORY_ENTITY,
    "organisatieonderdeel": OrganizationKind.DEPARTMENT,
}

LAYER_OF_KIND = {
    OrganizationKind.MINISTRY: GovernmentLayer.NATIONAL,
    OrganizationKind.AGENCY: GovernmentLayer.NATIONAL,
    OrganizationKind.INDEPENDENT_BODY: GovernmentLayer.NATIONAL,
    OrganizationKind.ADVISORY_BOARD: GovernmentLayer.NATIONAL,
    OrganizationKind.INSPECTORATE: GovernmentLayer.NATIONAL,
    OrganizationKind.HIGH_COUNCIL: GovernmentLayer.NATIONAL,
    OrganizationKind.JUDICIARY: GovernmentLayer.NATIONAL,
    OrganizationKind.POLICE: GovernmentLayer.NATIONAL,
    OrganizationKind.PROVINCE: GovernmentLayer.PROVINCE,
    OrganizationKind.WATER_BOARD: GovernmentLayer.WATER_BOARD,
    OrganizationKind.JOINT_BODY: GovernmentLayer.REGIONAL,
    OrganizationKind.SAFETY_REGION: GovernmentLayer.REGIONAL,
    OrganizationKind.HEALTH_REGION: GovernmentLayer.REGIONAL,
    OrganizationKind.MUNICIPALITY: GovernmentLayer.MUNICIPALITY,
    OrganizationKind.CARIBBEAN_PUBLIC_BODY: GovernmentLayer.MUNICIPALITY,
    OrganizationKind.STATUTORY_ENTITY: GovernmentLayer.OTHER,
}

# Kinds whose current members the core file lists; for these, that file decides.
CORE_TYPES = {"gemeente", "provincie", "waterschap", "ministerie"}

SAFETY_REGION_NAME = re.compile(r"veiligheids(regio|-)", re.I)
HEALTH_REGION_NAME = re.compile(r"\bGGD|gezondheidsdienst|gezondheid & jeugd", re.I)
OIN = re.compile(r"^\d{20}$")
CBS_CODE = re.compile(r"^(GM|PV|WS)\d{2,4}$")
SHARED_HOSTS = {"rijksoverheid.nl", "overheid.nl", "government.nl"}
UNKNOWN_START = date(1900, 1, 1)

# Fields the import owns: it overwrites them from the sources.
REGISTER_FIELDS = [
    "code",
    "name",
    "short_name",
    "kind",
    "layer",
    "area_scope",
    "tooi_uri",
    "cbs_code",
    "oin",
    "kvk",
    "roo_id",
    "wikidata",
    "website",
    "inhabitants",
    "cooperation_form",
    "valid_from",
    "valid_until",
    "is_active",
]


class RowError(ValueError):
    pass


@dataclass
class Rejected:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}: {self.reason}"


@dataclass
class KindCounts:
    source: int = 0
    active: int = 0
    created: int = 0
    updated: int = 0
    deactivated: int = 0


@dataclass
class ImportReport:
    kinds: dict[str, KindCounts] = field(default_factory=lambda: defaultdict(KindCounts))
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[Rejected] = field(default_factory=list)
    coverage_created: int = 0
    coverage_deleted: int = 0
    participations_created: int = 0
    participations_deleted: int = 0
    domains_created: int = 0
    domains_deleted: int = 0
    domains_skipped: int = 0
    policy_domains_changed: int = 0
    organization_domains_created: int = 0
    organization_domains_deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            any(c.created or c.updated or c.deactivated for c in self.kinds.values())
            or self.coverage_created
            or self.coverage_deleted
            or self.participations_created
            or self.participations_deleted
            or self.domains_created
            or self.domains_deleted
            or self.policy_domains_changed
            or self.organization_domains_created
            or self.organization_domains_deleted
        )

    def lines(self) -> list[str]:
        out = [f"{'kind':<24}{'source':>8}{'active':>8}{'new':>8}{'changed':>8}{'gone':>8}"]
        for kind, c in sorted(self.kinds.items()):
            out.append(
                f"{kind:<24}{c.source:>8}{c.active:>8}{c.created:>8}{c.updated:>8}"
                f"{c.deactivated:>8}"
            )
        total = KindCounts(
            *(sum(getattr(c, f) for c in self.kinds.values()) for f in KindCounts.__annotations__)
        )
        out.append(
            f"{'total':<24}{total.source:>8}{total.active:>8}{total.created:>8}"
            f"{total.updated:>8}{total.deactivated:>8}"
        )
        out.append(
            f"areas: +{self.coverage_created} -{self.coverage_deleted} municipality links; "
            f"participants: +{self.participations_created} -{self.participations_deleted}; "
            f"e-mail domains: +{self.domains_created} -{self.domains_deleted} "
            f"({self.domains_skipped} website domains shared by several organizations left out); "
            f"policy domains: +{self.organization_domains_created} "
            f"-{self.organization_domains_deleted}"
        )
        return out


def _date(value: str, column: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError as exc:
        raise RowError(f"{column} is not a date (YYYY-MM-DD): {value!r}") from exc
    return None if parsed == UNKNOWN_START else parsed


def _host(website: str) -> str:
    website = website.strip()
    if not website:
        return ""
    if "://" not in website:
        website = f"https://{website}"
    host = (urlsplit(website).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def _normalize_url(website: str) -> str:
    website = website.strip()
    if website and "://" not in website:
        website = f"https://{website}"
    return website


def _read_csv(path: Path):
    """Rows with the line each starts on (line 1 is the header)."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        previous = 1
        for row in reader:
            yield previous + 1, row
            previous = reader.line_num


@dataclass
class SourceOrganization:
    line: int
    source_id: str
    parent_source_id: str
    register_type: str
    province_code: str
    values: dict


class RegisterImport:
    def __init__(self, source_dir: Path | None = None, *, today: date | None = None):
        self.dir = Path(source_dir or DATA_DIR)
        self.today = today or date.today()
        self.report = ImportReport()

    # -- reading -------------------------------------------------------------------------

    def _reject(self, file: str, line: int, reason: str) -> None:
        self.report.rejected.append(Rejected(file, line, reason))

    def _warn(self, file: str, line: int, reason: str) -> None:
        self.report.warnings.append(Rejected(file, line, reason))

    def read_core(self) -> dict[str, dict]:
        core = {}
        for line, row in _read_csv(self.dir / CORE_FILE):
            polder_id = (row.get("polder_id") or "").strip()
            if not polder_id:
                self._reject(CORE_FILE, line, "polder_id is empty")
                continue
            core[polder_id] = row
        return core

    def read_cbs(self) -> dict[str, str]:
        """CBS municipality code (GM0344) -> province code (PV26)."""
        data = json.loads((self.dir / CBS_FILE).read_text(encoding="utf-8"))
        return {m["code"].upper(): m["provinceCode"].upper() for m in data["municipalities"]}

    def read_safety_regions(self) -> dict[str, set[str]]:
        """Joint body's register id -> CBS codes of the municipalities in its region."""
        regions: dict[str, set[str]] = defaultdict(set)
        for line, row in _read_csv(self.dir / SAFETY_REGIONS_FILE):
            code = (row.get("gemeente_code") or "").strip().upper()
            gr = (row.get("gr_polder_id") or "").strip()
            if not CBS_CODE.match(code) or not gr:
                self._reject(SAFETY_REGIONS_FILE, line, "gemeente_code or gr_polder_id invalid")
                continue
            regions[gr].add(code)
        return regions

    def parse_organization(
        self, row: dict, core: dict[str, dict], safety_ids: set[str], line: int = 0
    ):
        """One source row as an organization. A row without identity (id, type, name) or
        with an unreadable date is rejected; a malformed secondary identifier (OIN, CBS
        code, inhabitants) is left empty with a warning, because the organization itself
        is real."""
        polder_id = (row.get("polder_id") or "").strip()
        if not polder_id:
            raise RowError("polder_id is empty")
        register_type = (row.get("type") or "").strip()
        if register_type not in KIND_OF_TYPE:
            raise RowError(f"unknown type {register_type!r}")
        name = (row.get("naam") or "").strip()
        if not name:
            raise RowError("naam is empty")
        if len(name) > 255:
            raise RowError("naam is longer than 255 characters")
        oin = (row.get("oin") or "").strip()
        if oin and not OIN.match(oin):
            self._warn(ORGANIZATIONS_FILE, line, f"oin is not 20 digits: {oin!r}; left empty")
            oin = ""
        cbs_code = (row.get("cbs_code") or "").strip().upper()
        if cbs_code and not CBS_CODE.match(cbs_code):
            self._warn(
                ORGANIZATIONS_FILE, line, f"cbs_code {cbs_code!r} is not a CBS code; left empty"
            )
            cbs_code = ""
        inhabitants_raw = (row.get("aantal_inwoners") or "").strip()
        if inhabitants_raw and not inhabitants_raw.isdigit():
            self._warn(
                ORGANIZATIONS_FILE,
                line,
                f"aantal_inwoners {inhabitants_raw!r} is not a number; left empty",
            )
            inhabitants_raw = ""
        valid_from = _date(row.get("valid_from") or "", "valid_from")
        valid_until = _date(row.get("valid_until") or "", "valid_until")
        website = _normalize_url(row.get("website") or "")
        if website and not _host(website):
            raise RowError(f"website is not a URL: {website!r}")

        kind = KIND_OF_TYPE[register_type]
        if kind == OrganizationKind.JOINT_BODY:
            if polder_id in safety_ids or SAFETY_REGION_NAME.search(name):
                kind = OrganizationKind.SAFETY_REGION
            elif HEALTH_REGION_NAME.search(name):
                kind = OrganizationKind.HEALTH_REGION
        core_row = core.get(polder_id)
        if register_type in CORE_TYPES:
            is_active = core_row is not None
        else:
            is_active = valid_until is None or valid_until > self.today
        if core_row is not None:
            website = _normalize_url(core_row.get("website") or "") or website
            name = (core_row.get("naam") or "").strip() or name
        layer = LAYER_OF_KIND.get(kind, GovernmentLayer.OTHER)
        if layer in {GovernmentLayer.NATIONAL}:
            area_scope = AreaScope.NATIONAL
        elif (
            layer
            in {
                GovernmentLayer.PROVINCE,
                GovernmentLayer.WATER_BOARD,
                GovernmentLayer.REGIONAL,
            }
            or kind == OrganizationKind.MUNICIPALITY
        ):
            area_scope = AreaScope.MUNICIPALITIES
        else:
            area_scope = AreaScope.NONE
        tooi_code = (row.get("tooi_code") or "").strip().lower()
        province_code = (row.get("provincie_bezoekadres") or "").strip().upper()
        if core_row is not None and core_row.get("provincie_code"):
            province_code = core_row["provincie_code"].strip().upper()
        return SourceOrganization(
            line=0,
            source_id=polder_id,
            parent_source_id=(row.get("parent_id") or "").strip(),
            register_type=register_type,
            province_code=province_code,
            values={
                "code": tooi_code or polder_id.removeprefix("org:"),
                "name": name,
                "short_name": (row.get("afkorting") or "").strip()[:64],
                "kind": kind,
                "layer": layer,
                "area_scope": area_scope,
                "tooi_uri": (row.get("tooi_uri") or "").strip(),
                "cbs_code": cbs_code,
                "oin": oin,
                "kvk": (row.get("kvk") or "").strip()[:8],
                "roo_id": (row.get("roo_id") or "").strip()[:16],
                "wikidata": (row.get("wikidata") or "").strip()[:16],
                "website": website[:500],
                "inhabitants": int(inhabitants_raw) if inhabitants_raw else None,
                "cooperation_form": (row.get("samenwerkingsvorm") or "").strip().strip("'")[:64],
                "valid_from": valid_from,
                "valid_until": valid_until,
                "is_active": is_active,
            },
        )

    def read_organizations(self, core, safety_ids) -> dict[str, SourceOrganization]:
        parsed: dict[str, SourceOrganization] = {}
        codes: dict[str, str] = {}
        for line, row in _read_csv(self.dir / ORGANIZATIONS_FILE):
            try:
                org = self.parse_organization(row, core, safety_ids, line)
            except RowError as exc:
                self._reject(ORGANIZATIONS_FILE, line, str(exc))
                continue
            org.line = line
            if org.source_id in parsed:
                self._reject(ORGANIZATIONS_FILE, line, f"duplicate polder_id {org.source_id}")
                continue
            if org.values["code"] in codes:
                self._reject(ORGANIZATIONS_FILE, line, f"duplicate TOOI code {org.values['code']}")
                continue
            codes[org.values["code"]] = org.source_id
            parsed[org.source_id] = org
        # A department takes the layer of the organization it belongs to.
        for org in parsed.values():
            if org.values["kind"] != OrganizationKind.DEPARTMENT:
                continue
            ancestor, seen = org, set()
            while ancestor.parent_source_id in parsed and ancestor.source_id not in seen:
                seen.add(ancestor.source_id)
                ancestor = parsed[ancestor.parent_source_id]
            if ancestor is not org:
                org.values["layer"] = ancestor.values["layer"]
        return parsed

    # -- writing -------------------------------------------------------------------------

    def write_organizations(self, parsed: dict[str, SourceOrganization]) -> dict[str, int]:
        existing = {o.source_id: o for o in Organization.objects.exclude(source_id=None)}
        unowned = {
            o.code: o
            for o in Organization.objects.filter(
                source_id=None, code__in=[p.values["code"] for p in parsed.values()]
            )
        }
        to_create, to_update = [], []
        for source_id, org in parsed.items():
            counts = self.report.kinds[org.values["kind"]]
            counts.source += 1
            counts.active += org.values["is_active"]
            current = existing.get(source_id) or unowned.get(org.values["code"])
            if current is None:
                to_create.append(Organization(source_id=source_id, **org.values))
                counts.created += 1
                continue
            changed = current.source_id != source_id
            for name, value in org.values.items():
                if getattr(current, name) != value:
                    setattr(current, name, value)
                    changed = True
            if changed:
                current.source_id = source_id
                to_update.append(current)
                counts.updated += 1
        vanished = [o for sid, o in existing.items() if sid not in parsed and o.is_active]
        for o in vanished:
            o.is_active = False
            self.report.kinds[o.kind].deactivated += 1
        # Codes may move between organizations; free them before writing.
        Organization.objects.bulk_update(to_update + vanished, ["source_id", *REGISTER_FIELDS], 500)
        Organization.objects.bulk_create(to_create, batch_size=500)
        ids = dict(Organization.objects.exclude(source_id=None).values_list("source_id", "id"))

        # Parents and provinces, in a second pass now that every row has an id.
        province_ids = {
            code.upper(): pk
            for code, pk in Organization.objects.filter(
                kind=OrganizationKind.PROVINCE, is_active=True
            ).values_list("code", "id")
        }
        relations = {
            o.source_id: o
            for o in Organization.objects.exclude(source_id=None).only(
                "id", "source_id", "parent_id", "province_id", "kind"
            )
        }
        to_relate = []
        for source_id, org in parsed.items():
            obj = relations[source_id]
            parent_id = ids.get(org.parent_source_id)
            if org.parent_source_id and parent_id is None:
                self._warn(
                    ORGANIZATIONS_FILE,
                    org.line,
                    f"parent_id {org.parent_source_id} is unknown; no parent set",
                )
            province_id = province_ids.get(org.province_code)
            if org.values["kind"] == OrganizationKind.PROVINCE:
                province_id = obj.id
            if obj.parent_id != parent_id or obj.province_id != province_id:
                obj.parent_id, obj.province_id = parent_id, province_id
                to_relate.append(obj)
        Organization.objects.bulk_update(to_relate, ["parent_id", "province_id"], 500)
        return ids

    def desired_coverage(self, parsed, ids, cbs, safety_regions):
        """(organization id, municipality id) -> basis, for every area the sources give."""
        municipality_ids = {
            o.values["cbs_code"] or o.values["code"].upper(): ids[sid]
            for sid, o in parsed.items()
            if o.values["kind"] == OrganizationKind.MUNICIPALITY and o.values["is_active"]
        }
        by_tooi = {o.values["code"]: sid for sid, o in parsed.items() if o.values["is_active"]}
        want: dict[tuple[int, int], str] = {}
        for _code, pk in municipality_ids.items():
            want[(pk, pk)] = Coverage.Basis.ITSELF
        # Provinces: CBS's division.
        for sid, o in parsed.items():
            if o.values["kind"] == OrganizationKind.PROVINCE and o.values["is_active"]:
                pv = o.values["code"].upper()
                for gm, province in cbs.items():
                    if province == pv and gm in municipality_ids:
                        want[(ids[sid], municipality_ids[gm])] = Coverage.Basis.PROVINCE
        # Water boards: the stated table.
        water_board_areas: dict[int, set[int]] = defaultdict(set)
        for line, row in _read_csv(self.dir / WATER_BOARDS_FILE):
            gm = (row.get("gemeente_code") or "").strip().upper()
            ws_sid = by_tooi.get((row.get("waterschap_code") or "").strip().lower())
            if gm not in municipality_ids or ws_sid is None:
                self._reject(WATER_BOARDS_FILE, line, "unknown municipality or water board")
                continue
            water_board_areas[ids[ws_sid]].add(municipality_ids[gm])
            want[(ids[ws_sid], municipality_ids[gm])] = Coverage.Basis.WATER_BOARD
        # Joint bodies: their current participants.
        participants: dict[str, list[str]] = defaultdict(list)
        for line, row in _read_csv(self.dir / PARTICIPANTS_FILE):
            try:
                gr_until = _date(row.get("gr_valid_until") or "", "gr_valid_until")
                left = _date(row.get("uittredings_datum") or "", "uittredings_datum")
            except RowError as exc:
                self._reject(PARTICIPANTS_FILE, line, str(exc))
                continue
            if (gr_until and gr_until <= self.today) or (left and left <= self.today):
                continue
            participants[row["gr_polder_id"].strip()].append(
                (row.get("deelnemer_tooi_code") or "").strip().lower()
            )
        for gr_sid, codes in participants.items():
            if gr_sid not in parsed or not parsed[gr_sid].values["is_active"]:
                continue
            area = {municipality_ids[c.upper()] for c in codes if c.upper() in municipality_ids}
            if not area:  # only provinces or water boards take part: their areas
                for c in codes:
                    sid = by_tooi.get(c)
                    if sid and parsed[sid].values["kind"] == OrganizationKind.PROVINCE:
                        area |= {
                            municipality_ids[g]
                            for g, p in cbs.items()
                            if p == c.upper() and g in municipality_ids
                        }
                    elif sid and parsed[sid].values["kind"] == OrganizationKind.WATER_BOARD:
                        area |= water_board_areas[ids[sid]]
            for municipality_id in area:
                want[(ids[gr_sid], municipality_id)] = Coverage.Basis.PARTICIPANTS
        for gr_sid, codes in safety_regions.items():
            if gr_sid in parsed and parsed[gr_sid].values["is_active"]:
                for gm in codes:
                    if gm in municipality_ids:
                        want.setdefault(
                            (ids[gr_sid], municipality_ids[gm]), Coverage.Basis.SAFETY_REGION
                        )
        return want

    def write_coverage(self, want: dict[tuple[int, int], str]) -> None:
        have = {
            (c.organization_id, c.municipality_id): c
            for c in Coverage.objects.exclude(basis=Coverage.Basis.MANUAL).only(
                "id", "organization_id", "municipality_id", "basis"
            )
        }
        manual = set(
            Coverage.objects.filter(basis=Coverage.Basis.MANUAL).values_list(
                "organization_id", "municipality_id"
            )
        )
        stale = [c.id for key, c in have.items() if key not in want]
        changed = [c for key, c in have.items() if key in want and c.basis != want[key]]
        for c in changed:
            c.basis = want[(c.organization_id, c.municipality_id)]
        new = [
            Coverage(organization_id=o, municipality_id=m, basis=basis)
            for (o, m), basis in want.items()
            if (o, m) not in have and (o, m) not in manual
        ]
        for start in range(0, len(stale), 500):
            Coverage.objects.filter(id__in=stale[start : start + 500]).delete()
        Coverage.objects.bulk_update(changed, ["basis"], 500)
        Coverage.objects.bulk_create(new, batch_size=1000)
        self.report.coverage_created += len(new)
        self.report.coverage_deleted += len(stale)

    def write_participations(self, parsed, ids) -> None:
        by_tooi = {o.values["code"]: ids[sid] for sid, o in parsed.items()}
        want = set()
        for line, row in _read_csv(self.dir / PARTICIPANTS_FILE):
            gr_sid = (row.get("gr_polder_id") or "").strip()
            name = (row.get("deelnemer_naam") or "").strip()
            if gr_sid not in ids:
                self._reject(PARTICIPANTS_FILE, line, f"unknown joint body {gr_sid!r}")
                continue
            if not name:
                self._reject(PARTICIPANTS_FILE, line, "deelnemer_naam is empty")
                continue
            try:
                joined = _date(row.get("toetredings_datum") or "", "toetredings_datum")
                left = _date(row.get("uittredings_datum") or "", "uittredings_datum")
            except RowError as exc:
                self._reject(PARTICIPANTS_FILE, line, str(exc))
                continue
            participant = by_tooi.get((row.get("deelnemer_tooi_code") or "").strip().lower())
            want.add((ids[gr_sid], participant, name[:255], joined, left))
        have = {
            (p.joint_body_id, p.participant_id, p.participant_name, p.joined_on, p.left_on): p.id
            for p in Participation.objects.all()
        }
        stale = [pk for key, pk in have.items() if key not in want]
        for start in range(0, len(stale), 500):
            Participation.objects.filter(id__in=stale[start : start + 500]).delete()
        Participation.objects.bulk_create(
            [
                Participation(
                    joint_body_id=j, participant_id=p, participant_name=n, joined_on=a, left_on=b
                )
                for (j, p, n, a, b) in want - have.keys()
            ],
            batch_size=1000,
        )
        self.report.participations_created += len(want - have.keys())
        self.report.participations_deleted += len(stale)

    def write_email_domains(self, parsed, ids) -> None:
        hosts: dict[str, set[int]] = defaultdict(set)
        for sid, o in parsed.items():
            host = _host(o.values["website"])
            if (
                host
                and o.values["is_active"]
                and o.values["kind"] != OrganizationKind.DEPARTMENT
                and host not in SHARED_HOSTS
            ):
                hosts[host].add(ids[sid])
        want = {}
        for host, owners in hosts.items():
            if len(owners) == 1:
                want[host] = next(iter(owners))
            else:
                self.report.domains_skipped += 1
        by_tooi = {o.values["code"]: ids[sid] for sid, o in parsed.items()}
        for line, row in _read_csv(self.dir / MINISTRY_DOMAINS_FILE):
            owner = by_tooi.get((row.get("ministerie_code") or "").strip().lower())
            domain = (row.get("emaildomein") or "").strip().lower()
            if owner is None or "." not in domain:
                self._reject(MINISTRY_DOMAINS_FILE, line, "unknown ministry or bad domain")
                continue
            want[domain] = owner
        existing = {d.domain.lower(): d for d in EmailDomain.objects.all()}
        stale = [
            d.id
            for name, d in existing.items()
            if d.source == EmailDomain.Source.REGISTER
            and (name not in want or want[name] != d.organization_id)
        ]
        EmailDomain.objects.filter(id__in=stale).delete()
        kept = {n for n, d in existing.items() if d.id not in stale}
        new = [
            EmailDomain(organization_id=owner, domain=domain, source=EmailDomain.Source.REGISTER)
            for domain, owner in want.items()
            if domain not in kept
        ]
        EmailDomain.objects.bulk_create(new, batch_size=1000)
        self.report.domains_created += len(new)
        self.report.domains_deleted += len(stale)

    def run(self) -> ImportReport:
        from eenoverheid.organizations.services import (
            organization_domains_refresh,
            policy_domains_sync,
        )

        core = self.read_core()
        cbs = self.read_cbs()
        safety_regions = self.read_safety_regions()
        parsed = self.read_organizations(core, set(safety_regions))
        with transaction.atomic():
            self.report.policy_domains_changed = policy_domains_sync()
            ids = self.write_organizations(parsed)
            self.write_coverage(self.desired_coverage(parsed, ids, cbs, safety_regions))
            self.write_participations(parsed, ids)
            self.write_email_domains(parsed, ids)
            created, deleted = organization_domains_refresh()
            self.report.organization_domains_created = created
            self.report.organization_domains_deleted = deleted
        return self.report


def kinds_in_source(source_dir: Path | None = None) -> Counter:
    """How many records of each register type the source file holds."""
    return Counter(
        row["type"] for _line, row in _read_csv(Path(source_dir or DATA_DIR) / ORGANIZATIONS_FILE)
    )
