"""iCalendar (RFC 5545) writing shared by every app that offers a calendar: events of
communities, bookings of workplaces, sessions of courses. Times are written in UTC
(`...Z`), converted from aware datetimes, so that daylight-saving changes need no
VTIMEZONE block and every client shows the same moment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

PRODID = "-//Eén Overheid//NL"


def escape(text: str) -> str:
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a space (RFC 5545 3.1)."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(vevents: Iterable[list[str]], *, name: str, method: str = "") -> str:
    """A VCALENDAR around already written VEVENT blocks (lists of unfolded lines)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    if method:
        lines.append(f"METHOD:{method}")
    lines.append(f"X-WR-CALNAME:{escape(name)}")
    for vevent in vevents:
        lines += vevent
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
