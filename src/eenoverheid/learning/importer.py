"""Import a provider's catalogue from CSV or JSON.

JSON: a list of courses, each with the course's fields, `skills` as a list of
`{"skill": "<skill code>", "level": "practitioner"}` and `sessions` as a list of
`{"starts_at", "ends_at", "capacity", "municipality", "place", "online_url"}`.

CSV (UTF-8, comma-separated, a header row): the course's fields, `skills` as
`code:level; code:level`, and a session's fields on the same row. Rows with the same
`code` are one course with several sessions (its fields come from the first row); a row
without `starts_at` is a course without sessions (yet).

Every course is checked whole (its fields, skills and sessions) before anything is
written; a course with any problem is rejected with its line numbers and the reason, and
the accepted ones are written together in one transaction: nothing is half-imported. A
course whose code the provider has already is updated, and its sessions are matched by
start time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenoverheid.core.errors import InvalidInput
from eenoverheid.learning import services
from eenoverheid.learning.models import Course, EnrolmentStatus, Session
from eenoverheid.organizations.models import Organization
from eenoverheid.people.models import Skill, SkillStatus

MAX_BYTES = 5 * 1024 * 1024
COURSE_FIELDS = [
    "code",
    "title",
    "description",
    "format",
    "language",
    "duration",
    "study_load_hours",
    "cost_kind",
    "price_euros",
    "price_points",
    "prerequisites",
    "accreditation",
    "url",
]
SESSION_FIELDS = ["starts_at", "ends_at", "capacity", "municipality", "place", "online_url"]


@dataclass
class Rejected:
    lines: str
    code: str
    reason: str


@dataclass
class ImportReport:
    format: str
    created: int = 0
    updated: int = 0
    sessions: int = 0
    rejected: list[Rejected] = field(default_factory=list)


@dataclass
class _Course:
    lines: list[int]
    fields: dict
    skills: list[dict]
    sessions: list[dict]


def _read(content: bytes) -> tuple[str, list[_Course]]:
    if len(content) > MAX_BYTES:
        raise InvalidInput.for_field("file", _("The file is larger than 5 MB."), "too_large")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput.for_field("file", _("The file is not UTF-8 text."), "encoding") from None
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        return "json", _read_json(stripped)
    return "csv", _read_csv(text)


def _read_json(text: str) -> list[_Course]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InvalidInput.for_field(
            "file", _("The file is not valid JSON: %(error)s") % {"error": exc}, "syntax"
        ) from None
    if isinstance(data, dict):
        data = data.get("courses", [])
    if not isinstance(data, list):
        raise InvalidInput.for_field("file", _("Expected a list of courses."), "syntax")
    courses = []
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            item = {}
        courses.append(
            _Course(
                lines=[index],
                fields={k: item.get(k) for k in COURSE_FIELDS},
                skills=item.get("skills") if isinstance(item.get("skills"), list) else [],
                sessions=item.get("sessions") if isinstance(item.get("sessions"), list) else [],
            )
        )
    return courses


def _read_csv(text: str) -> list[_Course]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "code" not in reader.fieldnames:
        raise InvalidInput.for_field(
            "file", _("The CSV file needs a header row with at least `code`."), "syntax"
        )
    by_code: dict[str, _Course] = {}
    order: list[_Course] = []
    for row in reader:
        line = reader.line_num
        code = (row.get("code") or "").strip()
        course = by_code.get(code) if code else None
        if course is None:
            skills = []
            for part in (row.get("skills") or "").split(";"):
                if part.strip():
                    skill, _sep, level = part.strip().partition(":")
                    skills.append(
                        {"skill": skill.strip(), "level": level.strip() or "practitioner"}
                    )
            course = _Course(
                lines=[], fields={k: row.get(k) for k in COURSE_FIELDS}, skills=skills, sessions=[]
            )
            order.append(course)
            if code:
                by_code[code] = course
        course.lines.append(line)
        if (row.get("starts_at") or "").strip():
            course.sessions.append({k: row.get(k) for k in SESSION_FIELDS})
    return order


def _int(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None if value not in (None, "") else 0


def _when(value) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(str(value).strip())
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def import_catalogue(*, actor, provider: Organization, content: bytes) -> ImportReport:
    if not services.may_manage(user=actor, provider=provider):
        from eenoverheid.core.errors import NotAllowed

        raise NotAllowed(_("Only the provider's course managers import its catalogue."))
    fmt, courses = _read(content)
    report = ImportReport(format=fmt)
    skills = {
        s.code: s.pk for s in Skill.objects.filter(status=SkillStatus.ACTIVE).only("id", "code")
    }
    existing = {c.code: c for c in Course.objects.filter(provider=provider)}
    accepted = []
    seen: set[str] = set()
    for item in courses:
        lines = ", ".join(str(n) for n in item.lines)
        code = str(item.fields.get("code") or "").strip()

        def reject(reason, lines=lines, code=code) -> None:
            report.rejected.append(Rejected(lines, code[:40], str(reason)))

        if code in seen:
            reject(_("The course code occurs twice in this file."))
            continue
        unknown = [s.get("skill") for s in item.skills if s.get("skill") not in skills]
        if unknown:
            reject(_("Unknown skill code: %(code)s.") % {"code": unknown[0]})
            continue
        data = services.CourseInput(
            **{
                **{k: str(item.fields.get(k) or "").strip() for k in COURSE_FIELDS},
                "format": str(item.fields.get("format") or "classroom").strip(),
                "language": str(item.fields.get("language") or "nl").strip(),
                "cost_kind": str(item.fields.get("cost_kind") or "free").strip(),
                "study_load_hours": _int(item.fields.get("study_load_hours")),
                "price_euros": _int(item.fields.get("price_euros")),
                "price_points": _int(item.fields.get("price_points")),
                "skills": [
                    (skills[s["skill"]], s.get("level") or "practitioner") for s in item.skills
                ],
            }
        )
        values, course_skills, problems = services.clean_course(data)
        if problems:
            reject(f"{problems[0].name}: {problems[0].reason}")
            continue
        probe = Course(provider=provider, format=values["format"])
        sessions = []
        for raw in item.sessions:
            session_data = services.SessionInput(
                starts_at=_when(raw.get("starts_at")),
                ends_at=_when(raw.get("ends_at")),
                municipality=str(raw.get("municipality") or "").strip() or None,
                place=str(raw.get("place") or ""),
                online_url=str(raw.get("online_url") or ""),
                capacity=_int(raw.get("capacity")),
            )
            session_values, session_problems = services.clean_session(probe, session_data)
            if session_problems:
                problems = session_problems
                break
            sessions.append(session_values)
        if problems:
            reject(
                _("session %(field)s: %(reason)s")
                % {"field": problems[0].name, "reason": problems[0].reason}
            )
            continue
        course = existing.get(code)
        if course is not None:
            by_start = {s.starts_at: s for s in course.sessions.all()}
            too_small = [
                v
                for v in sessions
                if v["starts_at"] in by_start
                and by_start[v["starts_at"]]
                .enrolments.filter(status=EnrolmentStatus.CONFIRMED)
                .count()
                > v["capacity"]
            ]
            if too_small:
                reject(_("A session would get fewer places than people are confirmed."))
                continue
        seen.add(code)
        accepted.append((values, course_skills, sessions))

    promoted = []
    with transaction.atomic():
        for values, course_skills, sessions in accepted:
            course = existing.get(values["code"])
            if course is None:
                course = Course.objects.create(provider=provider, created_by=actor, **values)
                report.created += 1
            else:
                for name, value in values.items():
                    setattr(course, name, value)
                course.save()
                report.updated += 1
            services.course_skills_set(course, course_skills)
            for session_values in sessions:
                session, _made = Session.objects.update_or_create(
                    course=course,
                    starts_at=session_values["starts_at"],
                    defaults={k: v for k, v in session_values.items() if k != "starts_at"},
                )
                promoted.extend(
                    services.promote(Session.objects.select_for_update().get(pk=session.pk))
                )
                report.sessions += 1
        from eenoverheid.core.services import audit_record

        audit_record(
            actor=actor,
            action="learning.import",
            obj=provider,
            changes={"created": report.created, "updated": report.updated},
        )
    for enrolment in promoted:
        services.tell_promoted(enrolment)
    return report
