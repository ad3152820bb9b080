"""Sessions as iCalendar: one session, and one's own enrolments."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from eenoverheid.core import ical
from eenoverheid.learning.models import Enrolment, EnrolmentStatus, Session


def vevent(session: Session, *, status: str = "CONFIRMED", uid_suffix: str = "") -> list[str]:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "eenoverheid"
    course = session.course
    where = ", ".join(
        part
        for part in (session.place, session.municipality.name if session.municipality else "")
        if part
    )
    url = settings.SITE_URL + reverse("learning:course", args=[course.pk])
    lines = [
        "BEGIN:VEVENT",
        f"UID:course-session-{session.pk}{uid_suffix}@{host}",
        f"DTSTAMP:{ical.stamp(timezone.now())}",
        f"DTSTART:{ical.stamp(session.starts_at)}",
        f"DTEND:{ical.stamp(session.ends_at)}",
        f"SUMMARY:{ical.escape(course.title)}",
        f"LOCATION:{ical.escape(where or session.online_url)}",
        f"DESCRIPTION:{ical.escape(course.provider.name + '. ' + (session.online_url or ''))}",
        f"URL:{url}",
        f"STATUS:{'CANCELLED' if session.cancelled else status}",
        "END:VEVENT",
    ]
    return lines


def session_calendar(session: Session) -> str:
    return ical.calendar([vevent(session)], name=session.course.title, method="PUBLISH")


def enrolments_calendar(enrolments: Iterable[Enrolment], *, name: str) -> str:
    """Confirmed places as confirmed, the waiting list as tentative, cancelled ones as
    cancelled (so that calendars that saw them remove them)."""
    events = []
    for enrolment in enrolments:
        status = {
            EnrolmentStatus.CONFIRMED: "CONFIRMED",
            EnrolmentStatus.WAITING: "TENTATIVE",
        }.get(enrolment.status, "CANCELLED")
        events.append(vevent(enrolment.session, status=status, uid_suffix=f"-{enrolment.pk}"))
    return ical.calendar(events, name=str(name))
