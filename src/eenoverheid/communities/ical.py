"""iCalendar for events: one event as a file, a community's events as a feed."""

from __future__ import annotations

from django.utils import timezone

from eenoverheid.core import ical


def vevent(event, *, url: str, host: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{host}",
        f"DTSTAMP:{ical.stamp(event.updated_at or timezone.now())}",
        f"DTSTART:{ical.stamp(event.starts_at)}",
        f"DTEND:{ical.stamp(event.ends_at)}",
        f"SUMMARY:{ical.escape(event.title)}",
        f"URL:{url}",
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
    ]
    description = event.description
    if event.online_url:
        description = f"{description}\n\n{event.online_url}".strip()
    if description:
        lines.append(f"DESCRIPTION:{ical.escape(description)}")
    if event.location:
        lines.append(f"LOCATION:{ical.escape(event.location)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events, *, name: str, url_for, host: str) -> str:
    return ical.calendar(
        (vevent(event, url=url_for(event), host=host) for event in events), name=name
    )
