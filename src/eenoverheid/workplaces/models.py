"""Flex workplaces in government buildings: locations, bookable units, bookings.

A location belongs to the organization whose facility managers run it. Its units are
desk zones (a number of desks, one person per booking) and meeting rooms (one booking
holds the room). A booking takes the morning, the afternoon or the whole day; the two
halves are stored as flags so that the database itself refuses a person two bookings
for the same half day (a partial unique index on both SQLite and PostgreSQL). That no
unit is overbooked is the service's rule, kept under a lock on the location.
"""

from __future__ import annotations

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from eenoverheid.organizations.models import Organization

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WEEKDAYS = range(7)  # Monday is 0, as datetime.date.weekday() counts


class Facility(models.TextChoices):
    QUIET_ROOM = "quiet_room", _("Quiet room")
    SCREEN = "screen", _("Screen")
    MEETING_ROOMS = "meeting_rooms", _("Meeting rooms")
    ACCESSIBLE_ENTRANCE = "accessible_entrance", _("Accessible entrance")
    PARKING = "parking", _("Parking")
    PUBLIC_TRANSPORT = "public_transport", _("Near public transport")
    BICYCLE_PARKING = "bicycle_parking", _("Bicycle parking")
    CANTEEN = "canteen", _("Canteen")


class Access(models.TextChoices):
    GOVERNMENT = "government", _("Every civil servant")
    ORGANIZATIONS = "organizations", _("Only certain organizations")


class UnitKind(models.TextChoices):
    DESKS = "desks", _("Desks")
    ROOM = "room", _("Meeting room")


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    DAY = "day", _("Whole day")

    @classmethod
    def halves(cls, part: str) -> tuple[bool, bool]:
        """(morning, afternoon) that a part of the day takes."""
        return part in (cls.MORNING, cls.DAY), part in (cls.AFTERNOON, cls.DAY)


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")
    RELEASED = "released", _("Released (no check-in)")


def default_opening_hours() -> dict[str, list[str]]:
    return {str(day): ["08:00", "18:00"] for day in range(5)}


class FacilityManager(models.Model):
    """A person who runs an organization's workplaces (besides its administrators)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="facility_managers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facility_roles"
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("facility manager")
        verbose_name_plural = _("facility managers")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"], name="workplaces_manager_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organization})"


class Location(models.Model):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="workplace_locations",
        verbose_name=_("organization"),
    )
    name = models.CharField(_("building name"), max_length=200)
    street_address = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=7)
    city = models.CharField(_("place"), max_length=100)
    municipality = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="workplace_locations_in",
        limit_choices_to={"kind": "municipality"},
        verbose_name=_("municipality"),
    )
    description = models.TextField(_("description"), blank=True)
    opening_hours = models.JSONField(
        _("opening hours"),
        default=default_opening_hours,
        help_text=_('Per weekday (0 is Monday): ["08:00", "18:00"]; a missing day is closed.'),
    )
    midday = models.TimeField(
        _("midday"), default=dt.time(13, 0), help_text=_("Where the morning ends.")
    )
    facilities = models.JSONField(_("facilities"), default=list, blank=True)
    house_rules = models.TextField(_("house rules"), blank=True)
    access = models.CharField(
        _("who may book"), max_length=16, choices=Access.choices, default=Access.GOVERNMENT
    )
    allowed_organizations = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="+",
        verbose_name=_("organizations that may book"),
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("bookable days ahead"), default=28, help_text=_("From 1 to 365 days.")
    )
    max_open_bookings = models.PositiveSmallIntegerField(_("open bookings per person"), default=5)
    cancel_deadline_hours = models.PositiveSmallIntegerField(
        _("cancel until (hours before the start)"), default=0
    )
    check_in_required = models.BooleanField(_("check-in required"), default=False)
    release_after_minutes = models.PositiveSmallIntegerField(
        _("release after (minutes without check-in)"), default=60
    )
    is_active = models.BooleanField(_("open for bookings"), default=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("workplace location")
        verbose_name_plural = _("workplace locations")

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"

    @property
    def address(self) -> str:
        return f"{self.street_address}, {self.postal_code} {self.city}"

    def hours_on(self, day: dt.date) -> tuple[dt.time, dt.time] | None:
        hours = (self.opening_hours or {}).get(str(day.weekday()))
        if not hours:
            return None
        return dt.time.fromisoformat(hours[0]), dt.time.fromisoformat(hours[1])

    def span(self, day: dt.date, part: str) -> tuple[dt.datetime, dt.datetime] | None:
        """Start and end of a part of the day, as aware datetimes in Amsterdam (so that
        a morning on the day the clocks change is still 08:00 local), or None when the
        building is closed then."""
        hours = self.hours_on(day)
        if hours is None:
            return None
        opens, closes = hours
        midday = min(max(self.midday, opens), closes)
        start, end = {
            PartOfDay.MORNING: (opens, midday),
            PartOfDay.AFTERNOON: (midday, closes),
            PartOfDay.DAY: (opens, closes),
        }[PartOfDay(part)]
        if start >= end:
            return None
        return (
            dt.datetime.combine(day, start, tzinfo=AMSTERDAM),
            dt.datetime.combine(day, end, tzinfo=AMSTERDAM),
        )

    def facility_labels(self) -> list[str]:
        labels = dict(Facility.choices)
        return [str(labels[f]) for f in self.facilities if f in labels]


def photo_upload_to(instance, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"workplaces/{instance.location_id}/{secrets.token_hex(8)}.{suffix}"


class LocationPhoto(models.Model):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=photo_upload_to)
    alt_text = models.CharField(_("description of the photo"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.alt_text


def new_check_in_code() -> str:
    return secrets.token_urlsafe(12)


class Unit(models.Model):
    """What is booked: a zone of desks (capacity = desks) or a meeting room (capacity =
    people; one booking takes the room)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="units")
    kind = models.CharField(_("kind"), max_length=8, choices=UnitKind.choices)
    name = models.CharField(_("name"), max_length=120)
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    facilities = models.JSONField(_("facilities"), default=list, blank=True)
    check_in_code = models.CharField(max_length=32, default=new_check_in_code, unique=True)
    is_active = models.BooleanField(_("bookable"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["location", "position", "kind", "name", "id"]
        verbose_name = _("bookable unit")
        verbose_name_plural = _("bookable units")

    def __str__(self) -> str:
        return f"{self.name} ({self.location.name})"

    @property
    def places(self) -> int:
        """How many bookings fit in one half day."""
        return self.capacity if self.kind == UnitKind.DESKS else 1


class BlockedDay(models.Model):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="blocked_days")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("blocked day")
        verbose_name_plural = _("blocked days")
        constraints = [
            models.UniqueConstraint(fields=["location", "date"], name="workplaces_blocked_unique")
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.reason}"


class Booking(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="bookings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workplace_bookings"
    )
    date = models.DateField(_("date"))
    part = models.CharField(_("part of the day"), max_length=10, choices=PartOfDay.choices)
    morning = models.BooleanField(editable=False)
    afternoon = models.BooleanField(editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=BookingStatus.choices,
        default=BookingStatus.CONFIRMED,
        db_index=True,
    )
    attendees = models.PositiveSmallIntegerField(_("people"), default=1)
    note = models.CharField(_("note"), max_length=300, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "unit_id", "id"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [models.Index(fields=["unit", "date", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "date"],
                condition=Q(status="confirmed", morning=True),
                name="workplaces_one_morning_each",
            ),
            models.UniqueConstraint(
                fields=["user", "date"],
                condition=Q(status="confirmed", afternoon=True),
                name="workplaces_one_afternoon_each",
            ),
            models.CheckConstraint(
                condition=Q(morning=True) | Q(afternoon=True), name="workplaces_takes_a_half"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.date} {self.part}"

    def save(self, *args, **kwargs):
        self.morning, self.afternoon = PartOfDay.halves(self.part)
        if kwargs.get("update_fields") is not None and "part" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "morning", "afternoon"}
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status == BookingStatus.CONFIRMED

    def span(self) -> tuple[dt.datetime, dt.datetime] | None:
        return self.unit.location.span(self.date, self.part)


class CalendarFeed(models.Model):
    """A private address of one's bookings as an iCalendar feed. Revoking replaces the
    token, so the old address stops working at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workplace_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)
