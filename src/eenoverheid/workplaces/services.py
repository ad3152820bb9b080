"""Every write of workplaces: who runs them, locations and their units, blocked days,
and bookings that never overbook.

A booking is made under a lock on its location (`SELECT ... FOR UPDATE` on PostgreSQL;
SQLite's IMMEDIATE write transactions are exclusive already), so that counting the free
places and taking one is a single step. A person's two bookings for the same half day
are refused by the database too (a partial unique index), whatever location they are at.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eenoverheid.core.errors import Conflict, InvalidInput, InvalidParam, NotAllowed, NotFound
from eenoverheid.core.images import check_image
from eenoverheid.core.services import audit_record
from eenoverheid.core.visibility import is_platform_admin
from eenoverheid.notifications import services as notifications
from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.selectors import memberships_of, municipality_get
from eenoverheid.organizations.services import can_administer
from eenoverheid.workplaces.models import (
    AMSTERDAM,
    Access,
    BlockedDay,
    Booking,
    BookingStatus,
    CalendarFeed,
    Facility,
    FacilityManager,
    Location,
    LocationPhoto,
    PartOfDay,
    Unit,
    UnitKind,
)

MAX_PHOTOS = 8
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_FORMATS = {"PNG", "JPEG", "WEBP"}
CHECK_IN_EARLY = dt.timedelta(minutes=30)
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def local_today(now: dt.datetime | None = None) -> dt.date:
    return (now or timezone.now()).astimezone(AMSTERDAM).date()


# -- who may do what -----------------------------------------------------------------


def _roles(user) -> tuple[frozenset[int], frozenset[int]]:
    """(organizations the person works for, organizations whose workplaces they run),
    read once per user object: a request asks several times."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset(), frozenset()
    cached = getattr(user, "_workplace_roles", None)
    if cached is None:
        memberships = memberships_of(user=user)
        member = frozenset(m.organization_id for m in memberships)
        admin = {m.organization_id for m in memberships if m.role == "admin"}
        appointed = set(
            FacilityManager.objects.filter(user=user).values_list("organization_id", flat=True)
        )
        cached = (member, frozenset(admin | appointed))
        user._workplace_roles = cached
    return cached


def _forget_roles(user) -> None:
    user.__dict__.pop("_workplace_roles", None)


def is_facility_manager(*, user, organization: Organization) -> bool:
    """An organization's administrators and the facility managers they appointed."""
    return is_platform_admin(user) or organization.pk in _roles(user)[1]


def managed_organization_ids(user) -> set[int]:
    return set(_roles(user)[1])


def may_manage(*, user, location: Location) -> bool:
    return is_platform_admin(user) or location.organization_id in _roles(user)[1]


def may_see(*, user, location: Location) -> bool:
    """Open locations for every civil servant are public; a restricted one is seen by
    the people who may book it; a closed one by its managers only."""
    if may_manage(user=user, location=location):
        return True
    if not location.is_active:
        return False
    if location.access == Access.GOVERNMENT:
        return True
    return _in_allowed(user, location)


def _in_allowed(user, location: Location) -> bool:
    member = _roles(user)[0]
    return location.organization_id in member or (
        bool(member) and location.allowed_organizations.filter(pk__in=member).exists()
    )


def may_book(*, user, location: Location) -> bool:
    """Civil servants (people with an organization) may book a location open to all of
    government; a restricted location takes the people of its own and the listed
    organizations. Its facility managers always may."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if may_manage(user=user, location=location):
        return True
    if not _roles(user)[0]:
        return False
    return location.access == Access.GOVERNMENT or _in_allowed(user, location)


def require_location_manager(*, user, location: Location) -> None:
    """For reads that only a location's facility managers may make (its bookings, its
    occupancy): the API answers 403, the pages 404."""
    require_manager(user, location.organization)


def administered_organization_ids(user) -> set[int]:
    """Organizations whose administrator the person is (who appoint facility managers)."""
    if not (user and user.is_authenticated and user.is_active):
        return set()
    return {m.organization_id for m in memberships_of(user=user) if m.role == "admin"}


def require_manager(user, organization: Organization) -> None:
    if not is_facility_manager(user=user, organization=organization):
        raise NotAllowed(_("Only the organization's facility managers may do this."))


def _require_signed_in(user) -> None:
    if not (user and user.is_authenticated and user.is_active):
        raise NotAllowed(_("Sign in first."))


# -- facility managers ---------------------------------------------------------------


def manager_add(*, actor, organization: Organization, user) -> FacilityManager:
    """An organization's administrators appoint facility managers among its people."""
    if not can_administer(user=actor, organization=organization):
        raise NotAllowed(_("Only the organization's administrators may appoint managers."))
    if not user.memberships.filter(organization=organization).exists():
        raise InvalidInput.for_field(
            "user", _("This person does not work for the organization."), "not_a_member"
        )
    with transaction.atomic():
        manager, created = FacilityManager.objects.get_or_create(
            organization=organization, user=user
        )
        if created:
            audit_record(actor=actor, action="workplaces.manager_add", obj=manager)
    _forget_roles(user)
    return manager


def manager_remove(*, actor, manager: FacilityManager) -> None:
    if not can_administer(user=actor, organization=manager.organization):
        raise NotAllowed(_("Only the organization's administrators may appoint managers."))
    with transaction.atomic():
        audit_record(actor=actor, action="workplaces.manager_remove", obj=manager)
        manager.delete()
    _forget_roles(manager.user)


# -- locations -----------------------------------------------------------------------


@dataclass
class LocationInput:
    name: str | None = None
    street_address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    municipality: str | None = None
    description: str | None = None
    opening_hours: dict[str, Any] | None = None
    midday: str | dt.time | None = None
    facilities: list[str] | None = None
    house_rules: str | None = None
    access: str | None = None
    allowed_organizations: list[str] | None = None
    horizon_days: int | None = None
    max_open_bookings: int | None = None
    cancel_deadline_hours: int | None = None
    check_in_required: bool | None = None
    release_after_minutes: int | None = None
    is_active: bool | None = None
    given: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, **values) -> LocationInput:
        given = {k for k, v in values.items() if v is not None}
        return cls(**values, given=given)


POSTAL_CODE = re.compile(r"^[1-9]\d{3} ?[A-Z]{2}$")
TEXT_LIMITS = {
    "name": 200,
    "street_address": 200,
    "city": 100,
    "description": 5000,
    "house_rules": 5000,
}
NUMBER_LIMITS = {
    "horizon_days": (1, 365),
    "max_open_bookings": (1, 100),
    "cancel_deadline_hours": (0, 168),
    "release_after_minutes": (5, 480),
}


def _clean_hours(value: dict[str, Any], problems: list[InvalidParam]) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        problems.append(InvalidParam("opening_hours", _("Give opening hours per weekday.")))
        return {}
    hours: dict[str, list[str]] = {}
    for key, span in value.items():
        if str(key) not in {str(d) for d in range(7)}:
            problems.append(
                InvalidParam("opening_hours", _("Weekdays are 0 (Monday) to 6 (Sunday)."))
            )
            continue
        if span in (None, [], ""):
            continue
        if (
            not isinstance(span, (list, tuple))
            or len(span) != 2
            or not all(isinstance(t, str) and TIME.match(t) for t in span)
            or span[0] >= span[1]
        ):
            problems.append(
                InvalidParam(
                    "opening_hours",
                    _("Opening hours are two times like 08:00 and 18:00, opening first."),
                )
            )
            continue
        hours[str(key)] = [span[0], span[1]]
    if not hours and not problems:
        problems.append(InvalidParam("opening_hours", _("Open the location on at least one day.")))
    return hours


def _clean_location(data: LocationInput, *, creating: bool) -> dict[str, Any]:
    problems: list[InvalidParam] = []
    out: dict[str, Any] = {}
    required = ("name", "street_address", "postal_code", "city", "municipality")
    for name in required:
        if creating and not (getattr(data, name) or "").strip():
            problems.append(InvalidParam(name, _("This field is required."), "required"))
    for name, limit in TEXT_LIMITS.items():
        value = getattr(data, name)
        if value is None:
            continue
        value = value.strip()
        if name in required and not value:
            problems.append(InvalidParam(name, _("This field is required."), "required"))
        elif len(value) > limit:
            problems.append(
                InvalidParam(name, _("At most %(n)d characters.") % {"n": limit}, "too_long")
            )
        out[name] = value
    if data.postal_code is not None and data.postal_code.strip():
        code = data.postal_code.strip().upper()
        if not POSTAL_CODE.match(code):
            problems.append(InvalidParam("postal_code", _("A Dutch postal code, like 3521 AZ.")))
        else:
            out["postal_code"] = f"{code[:4]} {code[-2:]}"
    if data.municipality is not None and data.municipality.strip():
        try:
            out["municipality"] = municipality_get(data.municipality)
        except NotFound:
            problems.append(
                InvalidParam("municipality", _("No current municipality has this code."))
            )
    if data.opening_hours is not None:
        out["opening_hours"] = _clean_hours(data.opening_hours, problems)
    if data.midday is not None:
        midday = data.midday
        if isinstance(midday, str):
            midday = dt.time.fromisoformat(midday) if TIME.match(midday) else None
        if midday is None:
            problems.append(InvalidParam("midday", _("A time like 13:00.")))
        out["midday"] = midday
    if data.facilities is not None:
        unknown = set(data.facilities) - set(Facility.values)
        if unknown:
            problems.append(
                InvalidParam("facilities", _("Unknown facility: %(f)s") % {"f": sorted(unknown)[0]})
            )
        out["facilities"] = [f for f in Facility.values if f in data.facilities]
    if data.access is not None:
        if data.access not in Access.values:
            problems.append(InvalidParam("access", _("Choose who may book."), "invalid_choice"))
        out["access"] = data.access
    if data.allowed_organizations is not None:
        codes = {c.strip() for c in data.allowed_organizations if c.strip()}
        organizations = list(Organization.objects.filter(code__in=codes))
        if len(organizations) != len(codes):
            problems.append(
                InvalidParam("allowed_organizations", _("One or more codes are unknown."))
            )
        out["allowed_organizations"] = organizations
    for name, (low, high) in NUMBER_LIMITS.items():
        value = getattr(data, name)
        if value is None:
            continue
        if not isinstance(value, int) or not low <= value <= high:
            problems.append(
                InvalidParam(
                    name, _("A whole number from %(low)d to %(high)d.") % {"low": low, "high": high}
                )
            )
        out[name] = value
    for name in ("check_in_required", "is_active"):
        if getattr(data, name) is not None:
            out[name] = bool(getattr(data, name))
    if problems:
        raise InvalidInput(problems[0].reason, invalid_params=problems)
    return out


def location_create(*, actor, organization: Organization, data: LocationInput) -> Location:
    require_manager(actor, organization)
    values = _clean_location(data, creating=True)
    allowed = values.pop("allowed_organizations", [])
    if values.get("access") == Access.ORGANIZATIONS and not allowed:
        raise InvalidInput.for_field(
            "allowed_organizations", _("Name the organizations that may book.")
        )
    with transaction.atomic():
        location = Location.objects.create(organization=organization, created_by=actor, **values)
        location.allowed_organizations.set(allowed)
        audit_record(actor=actor, action="workplaces.location_create", obj=location)
    return location


def location_update(*, actor, location: Location, data: LocationInput) -> Location:
    require_manager(actor, location.organization)
    values = _clean_location(data, creating=False)
    allowed = values.pop("allowed_organizations", None)
    access = values.get("access", location.access)
    if access == Access.ORGANIZATIONS and allowed is not None and not allowed:
        raise InvalidInput.for_field(
            "allowed_organizations", _("Name the organizations that may book.")
        )
    with transaction.atomic():
        changes = {}
        for name, value in values.items():
            if getattr(location, name) != value:
                changes[name] = str(value) if name == "municipality" else value
                setattr(location, name, value)
        location.save()
        if allowed is not None:
            location.allowed_organizations.set(allowed)
            changes["allowed_organizations"] = sorted(o.code for o in allowed)
        if changes:
            audit_record(
                actor=actor,
                action="workplaces.location_update",
                obj=location,
                changes={k: str(v) for k, v in changes.items()},
            )
        if values.get("is_active") is False:
            _cancel_bookings(
                actor=actor,
                bookings=Booking.objects.filter(
                    unit__location=location,
                    status=BookingStatus.CONFIRMED,
                    date__gte=local_today(),
                ),
                reason=_("This location is closed for bookings."),
            )
    return location


def photo_add(*, actor, location: Location, image: UploadedFile, alt_text: str) -> LocationPhoto:
    require_manager(actor, location.organization)
    alt_text = (alt_text or "").strip()
    if not alt_text or len(alt_text) > 200:
        raise InvalidInput.for_field(
            "alt_text", _("Describe the photo for people who cannot see it (at most 200).")
        )
    check_image(
        image,
        field="image",
        max_bytes=PHOTO_MAX_BYTES,
        formats=PHOTO_FORMATS,
        too_large=_("A photo may be at most 5 MB."),
        wrong_type=_("A photo must be a PNG, JPEG or WebP image."),
    )
    with transaction.atomic():
        Location.objects.select_for_update().filter(pk=location.pk).first()
        count = location.photos.count()
        if count >= MAX_PHOTOS:
            raise Conflict(_("A location has at most %(n)d photos.") % {"n": MAX_PHOTOS})
        return LocationPhoto.objects.create(
            location=location, image=image, alt_text=alt_text, position=count
        )


def photo_remove(*, actor, photo: LocationPhoto) -> None:
    require_manager(actor, photo.location.organization)
    photo.image.delete(save=False)
    photo.delete()


# -- units ---------------------------------------------------------------------------


def _clean_unit(
    *, kind: str | None, name: str | None, capacity: int | None, facilities: list | None
) -> dict[str, Any]:
    problems: list[InvalidParam] = []
    out: dict[str, Any] = {}
    if kind is not None:
        if kind not in UnitKind.values:
            problems.append(InvalidParam("kind", _("Desks or a meeting room."), "invalid_choice"))
        out["kind"] = kind
    if name is not None:
        name = name.strip()
        if not name or len(name) > 120:
            problems.append(InvalidParam("name", _("A name of at most 120 characters.")))
        out["name"] = name
    if capacity is not None:
        if not isinstance(capacity, int) or not 1 <= capacity <= 500:
            problems.append(InvalidParam("capacity", _("A whole number from 1 to 500.")))
        out["capacity"] = capacity
    if facilities is not None:
        if set(facilities) - set(Facility.values):
            problems.append(InvalidParam("facilities", _("Unknown facility.")))
        out["facilities"] = [f for f in Facility.values if f in facilities]
    if problems:
        raise InvalidInput(problems[0].reason, invalid_params=problems)
    return out


def unit_create(
    *,
    actor,
    location: Location,
    kind: str,
    name: str,
    capacity: int,
    facilities: list[str] | None = None,
) -> Unit:
    require_manager(actor, location.organization)
    values = _clean_unit(kind=kind, name=name, capacity=capacity, facilities=facilities or [])
    position = location.units.count()
    with transaction.atomic():
        unit = Unit.objects.create(location=location, position=position, **values)
        audit_record(actor=actor, action="workplaces.unit_create", obj=unit)
    return unit


def unit_update(
    *,
    actor,
    unit: Unit,
    name: str | None = None,
    capacity: int | None = None,
    facilities: list[str] | None = None,
    is_active: bool | None = None,
) -> Unit:
    """Fewer places leave existing bookings alone; new ones wait until there is room."""
    require_manager(actor, unit.location.organization)
    values = _clean_unit(kind=None, name=name, capacity=capacity, facilities=facilities)
    if is_active is not None:
        values["is_active"] = bool(is_active)
    with transaction.atomic():
        for name_, value in values.items():
            setattr(unit, name_, value)
        unit.save()
        audit_record(
            actor=actor,
            action="workplaces.unit_update",
            obj=unit,
            changes={k: str(v) for k, v in values.items()},
        )
    return unit


def unit_new_check_in_code(*, actor, unit: Unit) -> Unit:
    """A new QR code, when a printed one has been copied where it should not be."""
    from eenoverheid.workplaces.models import new_check_in_code

    require_manager(actor, unit.location.organization)
    unit.check_in_code = new_check_in_code()
    unit.save(update_fields=["check_in_code"])
    return unit


# -- blocked days --------------------------------------------------------------------


def day_block(*, actor, location: Location, date: dt.date, reason: str) -> BlockedDay:
    """Close a day (holiday, maintenance). Bookings that day are cancelled and the people
    who made them are told why."""
    require_manager(actor, location.organization)
    reason = (reason or "").strip()
    if not reason or len(reason) > 200:
        raise InvalidInput.for_field("reason", _("Say why, in at most 200 characters."))
    if date < local_today():
        raise InvalidInput.for_field("date", _("This day is in the past."))
    with transaction.atomic():
        Location.objects.select_for_update().filter(pk=location.pk).first()
        blocked, created = BlockedDay.objects.get_or_create(
            location=location, date=date, defaults={"reason": reason}
        )
        if not created:
            raise Conflict(_("This day is blocked already."))
        audit_record(
            actor=actor,
            action="workplaces.day_block",
            obj=location,
            changes={
                "date": date.isoformat(),
                "reason": reason,
            },
        )
        _cancel_bookings(
            actor=actor,
            bookings=Booking.objects.filter(
                unit__location=location, date=date, status=BookingStatus.CONFIRMED
            ),
            reason=reason,
        )
    return blocked


def day_unblock(*, actor, blocked: BlockedDay) -> None:
    require_manager(actor, blocked.location.organization)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="workplaces.day_unblock",
            obj=blocked.location,
            changes={"date": blocked.date.isoformat()},
        )
        blocked.delete()


# -- bookings ------------------------------------------------------------------------


class BookingConflict(Conflict):
    """The unit is full for that part of the day; `alternatives` says what else is free."""

    def __init__(self, detail, *, alternatives: list[dict[str, Any]]):
        super().__init__(
            detail,
            extensions={
                "alternatives": [{**a, "date": a["date"].isoformat()} for a in alternatives]
            },
        )
        self.alternatives = alternatives


class _Full(Exception):
    pass


def taken(unit_ids, date: dt.date) -> dict[int, tuple[int, int]]:
    """Confirmed bookings per unit on a day: (mornings, afternoons). One query."""
    rows = (
        Booking.objects.filter(unit_id__in=unit_ids, date=date, status=BookingStatus.CONFIRMED)
        .values("unit_id")
        .annotate(
            mornings=Count("id", filter=Q(morning=True)),
            afternoons=Count("id", filter=Q(afternoon=True)),
        )
    )
    return {row["unit_id"]: (row["mornings"], row["afternoons"]) for row in rows}


def free_places(unit: Unit, counts: tuple[int, int] | None, part: str) -> int:
    mornings, afternoons = counts or (0, 0)
    morning, afternoon = PartOfDay.halves(part)
    used = max(mornings if morning else 0, afternoons if afternoon else 0)
    return max(0, unit.places - used)


def slot_problem(
    location: Location,
    date: dt.date,
    part: str,
    *,
    now: dt.datetime | None = None,
    blocked: set[dt.date] | None = None,
) -> str | None:
    """Why this part of the day cannot be booked at this location, or None."""
    now = now or timezone.now()
    today = local_today(now)
    if date < today:
        return _("This day is in the past.")
    if date > today + dt.timedelta(days=location.horizon_days):
        return _("You can book at most %(n)d days ahead here.") % {"n": location.horizon_days}
    span = location.span(date, part)
    if span is None:
        return _("The location is closed then.")
    if span[1] <= now:
        return _("This part of the day is over.")
    is_blocked = (
        date in blocked
        if blocked is not None
        else BlockedDay.objects.filter(location=location, date=date).exists()
    )
    if is_blocked:
        return _("The location is closed that day.")
    return None


def _clean_part(part: str) -> str:
    if part not in PartOfDay.values:
        raise InvalidInput.for_field(
            "part", _("Choose morning, afternoon or the whole day."), "invalid_choice"
        )
    return part


def _book(
    *,
    actor,
    unit: Unit,
    date: dt.date,
    part: str,
    attendees: int,
    note: str,
    now: dt.datetime,
    replacing: Booking | None = None,
) -> Booking:
    """Take a place, inside the caller's transaction, with the location locked."""
    locations = {unit.location_id}
    if replacing is not None:
        locations.add(replacing.unit.location_id)
    # Lock in a fixed order, so that two changes between the same locations never wait
    # for each other.
    locked = {
        loc.pk: loc for loc in Location.objects.select_for_update().filter(pk__in=sorted(locations))
    }
    location = locked[unit.location_id]
    unit = Unit.objects.get(pk=unit.pk)
    if not (location.is_active and unit.is_active):
        raise Conflict(_("This workplace cannot be booked now."))
    problem = slot_problem(location, date, part, now=now)
    if problem:
        raise Conflict(problem)
    if replacing is not None:
        replacing.status = BookingStatus.CANCELLED
        replacing.cancelled_at = now
        replacing.cancelled_by = actor
        replacing.cancel_reason = _("Changed into another booking.")
        replacing.save(
            update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason", "updated_at"]
        )
    morning, afternoon = PartOfDay.halves(part)
    same_half = Q(morning=True) if morning else Q(afternoon=True)
    if morning and afternoon:
        same_half |= Q(afternoon=True)
    mine = Booking.objects.filter(
        user=actor, status=BookingStatus.CONFIRMED, date__gte=local_today(now)
    ).aggregate(
        overlap=Count("id", filter=Q(date=date) & same_half),
        here=Count("id", filter=Q(unit__location=location)),
    )
    if mine["overlap"]:
        raise Conflict(_("You already have a workplace for this part of the day."))
    if mine["here"] >= location.max_open_bookings:
        raise Conflict(
            _("You have %(n)d open bookings here, the most this location allows.")
            % {"n": location.max_open_bookings}
        )
    if free_places(unit, taken([unit.pk], date).get(unit.pk), part) <= 0:
        raise _Full()
    return Booking.objects.create(
        unit=unit, user=actor, date=date, part=part, attendees=attendees, note=note
    )


def _check_booking_input(*, unit: Unit, part: str, attendees: int, note: str) -> None:
    _clean_part(part)
    if not isinstance(attendees, int) or attendees < 1:
        raise InvalidInput.for_field("attendees", _("At least one person."))
    if unit.kind == UnitKind.ROOM and attendees > unit.capacity:
        raise InvalidInput.for_field(
            "attendees", _("This room holds at most %(n)d people.") % {"n": unit.capacity}
        )
    if unit.kind == UnitKind.DESKS and attendees != 1:
        raise InvalidInput.for_field("attendees", _("A desk is booked for one person."))
    if len(note or "") > 300:
        raise InvalidInput.for_field("note", _("At most 300 characters."))


def booking_create(
    *,
    actor,
    unit: Unit,
    date: dt.date,
    part: str,
    attendees: int = 1,
    note: str = "",
    now: dt.datetime | None = None,
) -> Booking:
    """Book a place: one desk of a zone, or a meeting room, for a part of a day.
    Refused with a 409 and what else is free when the last place is gone."""
    _require_signed_in(actor)
    now = now or timezone.now()
    _check_booking_input(unit=unit, part=part, attendees=attendees, note=note)
    if not may_book(user=actor, location=unit.location):
        raise NotAllowed(_("This location is open to certain organizations only."))
    try:
        # A unit seen full is refused without taking the write lock (on SQLite, the
        # whole database's): most requests for a popular desk end here. The count is
        # taken again under the lock before a place is given.
        if free_places(unit, taken([unit.pk], date).get(unit.pk), part) <= 0:
            raise _Full()
        with transaction.atomic():
            booking = _book(
                actor=actor,
                unit=unit,
                date=date,
                part=part,
                attendees=attendees,
                note=(note or "").strip(),
                now=now,
            )
            transaction.on_commit(lambda: _after_booking(booking.pk))
    except _Full:
        raise BookingConflict(
            _("Every place of %(unit)s is taken then.") % {"unit": unit.name},
            alternatives=alternatives(viewer=actor, unit=unit, date=date, part=part, now=now),
        ) from None
    except IntegrityError:
        raise Conflict(_("You already have a workplace for this part of the day.")) from None
    return booking


def booking_change(
    *,
    actor,
    booking: Booking,
    date: dt.date | None = None,
    part: str | None = None,
    unit: Unit | None = None,
    attendees: int | None = None,
    now: dt.datetime | None = None,
) -> Booking:
    """Move a booking to another day, part of the day or unit in one step: the new one
    is made and the old one cancelled together, or nothing changes."""
    now = now or timezone.now()
    if booking.user_id != getattr(actor, "pk", None):
        raise NotFound(_("No such booking."))
    _require_cancellable(booking, now=now)
    unit = unit or booking.unit
    date = date or booking.date
    part = part or booking.part
    attendees = attendees if attendees is not None else booking.attendees
    _check_booking_input(unit=unit, part=part, attendees=attendees, note=booking.note)
    if not may_book(user=actor, location=unit.location):
        raise NotAllowed(_("This location is open to certain organizations only."))
    try:
        with transaction.atomic():
            current = Booking.objects.select_for_update(of=("self",)).get(pk=booking.pk)
            if current.status != BookingStatus.CONFIRMED:
                raise Conflict(_("This booking is no longer open."))
            new = _book(
                actor=actor,
                unit=unit,
                date=date,
                part=part,
                attendees=attendees,
                note=booking.note,
                now=now,
                replacing=current,
            )
            transaction.on_commit(lambda: _after_booking(new.pk))
    except _Full:
        raise BookingConflict(
            _("Every place of %(unit)s is taken then.") % {"unit": unit.name},
            alternatives=alternatives(viewer=actor, unit=unit, date=date, part=part, now=now),
        ) from None
    except IntegrityError:
        raise Conflict(_("You already have a workplace for this part of the day.")) from None
    return new


def _require_cancellable(booking: Booking, *, now: dt.datetime) -> None:
    if booking.status != BookingStatus.CONFIRMED:
        raise Conflict(_("This booking is no longer open."))
    span = booking.span()
    start = span[0] if span else dt.datetime.combine(booking.date, dt.time(), tzinfo=AMSTERDAM)
    deadline = start - dt.timedelta(hours=booking.unit.location.cancel_deadline_hours)
    if now >= deadline:
        raise Conflict(
            _("This booking can no longer be changed or cancelled; the deadline was %(when)s.")
            % {"when": timezone.localtime(deadline).strftime("%d-%m-%Y %H:%M")}
        )


def booking_cancel(
    *, actor, booking: Booking, reason: str = "", now: dt.datetime | None = None
) -> Booking:
    """The booker cancels until the location's deadline; a facility manager cancels any
    time, with a message to the booker. The place is free again at once."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if len(reason) > 500:
        raise InvalidInput.for_field("reason", _("At most 500 characters."))
    own = booking.user_id == getattr(actor, "pk", None)
    manager = may_manage(user=actor, location=booking.unit.location)
    if not (own or manager):
        raise NotFound(_("No such booking."))
    if own and not manager:
        _require_cancellable(booking, now=now)
    elif not own and not reason:
        raise InvalidInput.for_field("reason", _("Tell the person why their booking is cancelled."))
    with transaction.atomic():
        updated = Booking.objects.filter(pk=booking.pk, status=BookingStatus.CONFIRMED).update(
            status=BookingStatus.CANCELLED,
            cancelled_at=now,
            cancelled_by=actor,
            cancel_reason=reason,
            updated_at=now,
        )
        if not updated:
            raise Conflict(_("This booking is no longer open."))
        booking.refresh_from_db()
        if not own:
            audit_record(actor=actor, action="workplaces.booking_cancel", obj=booking)
            _tell_cancelled(booking, reason=reason)
    return booking


def bookings_cancel(
    *, actor, location: Location, date: dt.date, reason: str, unit: Unit | None = None
) -> int:
    """A facility manager cancels a day's bookings (of one unit or all) with a message."""
    require_manager(actor, location.organization)
    reason = (reason or "").strip()
    if not reason or len(reason) > 500:
        raise InvalidInput.for_field("reason", _("Tell the people why, in at most 500 characters."))
    bookings = Booking.objects.filter(
        unit__location=location, date=date, status=BookingStatus.CONFIRMED
    )
    if unit is not None:
        bookings = bookings.filter(unit=unit)
    with transaction.atomic():
        count = _cancel_bookings(actor=actor, bookings=bookings, reason=reason)
        audit_record(
            actor=actor,
            action="workplaces.bookings_cancel",
            obj=location,
            changes={"date": date.isoformat(), "count": count, "reason": reason},
        )
    return count


def _cancel_bookings(*, actor, bookings, reason: str) -> int:
    now = timezone.now()
    chosen = list(bookings.select_related("unit__location", "user"))
    Booking.objects.filter(pk__in=[b.pk for b in chosen], status=BookingStatus.CONFIRMED).update(
        status=BookingStatus.CANCELLED,
        cancelled_at=now,
        cancelled_by=actor,
        cancel_reason=reason,
        updated_at=now,
    )
    for booking in chosen:
        booking.status = BookingStatus.CANCELLED
        booking.cancel_reason = reason
        _tell_cancelled(booking, reason=reason)
    return len(chosen)


def check_in(*, actor, unit: Unit, code: str, now: dt.datetime | None = None) -> Booking:
    """Check in with the code on the desk (the QR code), from half an hour before the
    booked part of the day until its end."""
    _require_signed_in(actor)
    now = now or timezone.now()
    if code != unit.check_in_code:
        raise NotFound(_("This check-in code is not valid (any more)."))
    today = local_today(now)
    with transaction.atomic():
        bookings = Booking.objects.select_for_update(of=("self",)).filter(
            unit=unit, user=actor, date=today, status=BookingStatus.CONFIRMED
        )
        for booking in bookings.select_related("unit__location"):
            span = booking.span()
            if span and span[0] - CHECK_IN_EARLY <= now <= span[1]:
                if booking.checked_in_at is None:
                    booking.checked_in_at = now
                    booking.save(update_fields=["checked_in_at", "updated_at"])
                return booking
    raise Conflict(_("You have no booking here to check in for now."))


def release_no_shows(*, now: dt.datetime | None = None) -> int:
    """Release bookings at locations that require check-in when nobody checked in within
    the location's time; the place is free again at once and the booker is told."""
    now = now or timezone.now()
    candidates = Booking.objects.filter(
        status=BookingStatus.CONFIRMED,
        checked_in_at__isnull=True,
        date__lte=local_today(now),
        unit__location__check_in_required=True,
    ).select_related("unit__location", "user")
    released = 0
    for booking in candidates:
        span = booking.span()
        location = booking.unit.location
        if span is None or span[0] + dt.timedelta(minutes=location.release_after_minutes) > now:
            continue
        with transaction.atomic():
            # Only if still unchecked: a check-in at the same moment wins.
            done = Booking.objects.filter(
                pk=booking.pk, status=BookingStatus.CONFIRMED, checked_in_at__isnull=True
            ).update(status=BookingStatus.RELEASED, cancelled_at=now, updated_at=now)
            if done and span[1] > now:
                _tell(
                    booking,
                    kind="workplaces.released",
                    subject=gettext_lazy("Your workplace was released"),
                    text=gettext_lazy(
                        "Your booking of %(unit)s, %(location)s on %(date)s was released "
                        "because nobody checked in."
                    ),
                )
        released += done
    return released


def schedule_release(booking: Booking) -> None:
    """Ask the task worker to release the booking if nobody checks in in time (only
    backends that can run a task later; `eenoverheid release-no-shows` sweeps too)."""
    from django_tasks import default_task_backend

    from eenoverheid.workplaces.tasks import release_no_shows_task

    location = booking.unit.location
    span = booking.span()
    if not (location.check_in_required and span and default_task_backend.supports_defer):
        return
    run_after = span[0] + dt.timedelta(minutes=location.release_after_minutes, seconds=5)
    release_no_shows_task.using(run_after=run_after).enqueue()


def _after_booking(booking_pk: int) -> None:
    booking = Booking.objects.select_related("unit__location", "user").get(pk=booking_pk)
    schedule_release(booking)
    send_confirmation(booking)


# -- messages to people --------------------------------------------------------------


def _booking_params(booking: Booking) -> dict[str, str]:
    """The booking in words, in the language active now."""
    from django.utils.formats import date_format

    return {
        "unit": booking.unit.name,
        "location": booking.unit.location.name,
        "date": date_format(booking.date, "l j F Y"),
        "part": str(PartOfDay(booking.part).label).lower(),
    }


def _send(user, *, subject, body: str, url: str, address: str = "", ics: str = "") -> None:
    """An e-mail with a plain-text and an HTML part; the caller picks the language."""
    context = {"user": user, "body": body, "url": settings.SITE_URL + url, "address": address}
    message = EmailMultiAlternatives(
        subject=str(subject),
        body=render_to_string("workplaces/email/message.txt", context),
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string("workplaces/email/message.html", context), "text/html"
    )
    if ics:
        message.attach("boeking.ics", ics, "text/calendar")
    message.send()


def _tell(booking: Booking, *, kind: str, subject, text, extra: dict | None = None) -> None:
    """Tell a booker what happened to their booking: in the app and by e-mail at once,
    in their own language (`subject` and `text` are lazy, translated here)."""
    user = booking.user
    url = reverse("workplaces:my_bookings")
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        body = str(text) % {**_booking_params(booking), **(extra or {})}
        notifications.notify(user_ids=[user.pk], kind=kind, text=body, url=url)
        _send(user, subject=subject, body=body, url=url, address=booking.unit.location.address)


def _tell_cancelled(booking: Booking, *, reason: str) -> None:
    _tell(
        booking,
        kind="workplaces.cancelled",
        subject=gettext_lazy("Your workplace booking was cancelled"),
        text=gettext_lazy(
            "Your booking of %(unit)s, %(location)s on %(date)s was cancelled: %(reason)s"
        ),
        extra={"reason": reason},
    )


def send_confirmation(booking: Booking) -> None:
    """The confirmation with the booking as an iCalendar attachment."""
    from eenoverheid.workplaces import ical

    user = booking.user
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        body = _("You booked %(unit)s at %(location)s on %(date)s (%(part)s).") % (
            _booking_params(booking)
        )
        _send(
            user,
            subject=_("Your workplace is booked"),
            body=body,
            url=reverse("workplaces:booking", args=[booking.pk]),
            address=booking.unit.location.address,
            ics=ical.booking_calendar([booking], name=_("Workplace booking"), method="PUBLISH"),
        )


# -- what else is free ---------------------------------------------------------------


def alternatives(
    *, viewer, unit: Unit, date: dt.date, part: str, now: dt.datetime | None = None, limit=8
) -> list[dict[str, Any]]:
    """When a unit is full: the other units of the location then, the unit at another
    part of that day, the unit on the next days, and nearby locations that day."""
    from eenoverheid.workplaces import selectors

    now = now or timezone.now()
    location = unit.location
    found: list[dict[str, Any]] = []

    def offer(u: Unit, day: dt.date, p: str, free: int) -> None:
        if len(found) < limit:
            found.append(
                {
                    "unit_id": u.pk,
                    "unit": u.name,
                    "location_id": u.location_id,
                    "location": u.location.name,
                    "date": day,
                    "part": p,
                    "free": free,
                }
            )

    units = [u for u in location.units.all() if u.is_active and u.kind == unit.kind]
    counts = taken([u.pk for u in units], date)
    for other in units:
        if other.pk != unit.pk:
            free = free_places(other, counts.get(other.pk), part)
            if free > 0:
                offer(other, date, part, free)
    if part == PartOfDay.DAY:
        for half in (PartOfDay.MORNING, PartOfDay.AFTERNOON):
            free = free_places(unit, counts.get(unit.pk), half)
            if free > 0 and not slot_problem(location, date, half, now=now):
                offer(unit, date, half, free)
    days = [date + dt.timedelta(days=i) for i in range(1, 15)]
    blocked = set(
        BlockedDay.objects.filter(location=location, date__in=days).values_list("date", flat=True)
    )
    later = {
        row["date"]: (row["mornings"], row["afternoons"])
        for row in Booking.objects.filter(unit=unit, date__in=days, status=BookingStatus.CONFIRMED)
        .values("date")
        .annotate(
            mornings=Count("id", filter=Q(morning=True)),
            afternoons=Count("id", filter=Q(afternoon=True)),
        )
    }
    for day in days:
        if slot_problem(location, day, part, now=now, blocked=blocked):
            continue
        free = free_places(unit, later.get(day), part)
        if free > 0:
            offer(unit, day, part, free)
            break
    if len(found) < limit:
        nearby = selectors.search(
            viewer=viewer,
            filters=selectors.SearchFilters(
                municipality=location.municipality,
                near=True,
                date=date,
                part=part,
                kind=unit.kind,
            ),
            now=now,
        )
        for result in nearby[:5]:
            if result.location.pk == location.pk:
                continue
            best = max(result.units, key=lambda item: item[1])
            offer(best[0], date, part, best[1])
    return found


# -- the calendar feed ---------------------------------------------------------------


def feed_for(*, user, rotate: bool = False) -> CalendarFeed:
    """One's private calendar address; `rotate` makes a new one and the old one stops."""
    _require_signed_in(user)
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
        if feed is None:
            return CalendarFeed.objects.create(user=user, token=CalendarFeed.new_token())
        if rotate:
            feed.token = CalendarFeed.new_token()
            feed.save(update_fields=["token", "created_at"])
    return feed


def feed_revoke(*, user) -> None:
    CalendarFeed.objects.filter(user=user).delete()
