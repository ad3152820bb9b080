"""Bookings as iCalendar: a confirmation's attachment and one's private feed."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eenoverheid.core import ical
from eenoverheid.workplaces.models import Booking, BookingStatus, PartOfDay


def vevent(booking: Booking) -> list[str]:
    """One booking; a cancelled or released one stays in the feed as CANCELLED, so that
    calendars that saw it remove it."""
    span = booking.span()
    location = booking.unit.location
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "eenoverheid"
    summary = _("Workplace: %(unit)s, %(location)s") % {
        "unit": booking.unit.name,
        "location": location.name,
    }
    lines = [
        "BEGIN:VEVENT",
        f"UID:workplace-booking-{booking.pk}@{host}",
        f"DTSTAMP:{ical.stamp(booking.updated_at or timezone.now())}",
    ]
    if span is not None:
        lines += [f"DTSTART:{ical.stamp(span[0])}", f"DTEND:{ical.stamp(span[1])}"]
    else:  # the building's hours changed since: keep the day
        lines += [f"DTSTART;VALUE=DATE:{booking.date:%Y%m%d}"]
    description = f"{PartOfDay(booking.part).label}. {location.house_rules}".strip()
    lines += [
        f"SUMMARY:{ical.escape(summary)}",
        f"LOCATION:{ical.escape(location.address)}",
        f"DESCRIPTION:{ical.escape(description)}",
        f"URL:{settings.SITE_URL}{reverse('workplaces:booking', args=[booking.pk])}",
        f"STATUS:{'CONFIRMED' if booking.status == BookingStatus.CONFIRMED else 'CANCELLED'}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
    ]
    return lines


def booking_calendar(bookings: Iterable[Booking], *, name: str, method: str = "") -> str:
    return ical.calendar((vevent(b) for b in bookings), name=str(name), method=method)
