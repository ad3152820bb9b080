"""`/api/v1/workplaces` and `/api/v1/bookings`: flex workplaces in government buildings,
what is free, booking, and what facility managers run."""

import datetime as dt
from typing import Literal

from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from eenoverheid.accounts import auth
from eenoverheid.core.api_schemas import InputSchema, IsoDate, Problem
from eenoverheid.core.errors import InvalidInput, NotFound
from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.selectors import municipality_get
from eenoverheid.workplaces import selectors, services
from eenoverheid.workplaces.models import (
    BlockedDay,
    Booking,
    Facility,
    Location,
    Unit,
)

router = Router(tags=["workplaces"])

PART = Literal["morning", "afternoon", "day"]
KIND = Literal["desks", "room"]
ACCESS = Literal["government", "organizations"]
FACILITY = Literal[tuple(Facility.values)]  # type: ignore[valid-type]
HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"


class WorkplaceOrgRef(Schema):
    id: int
    code: str
    name: str


class UnitOut(Schema):
    id: int
    kind: str
    name: str
    capacity: int
    places: int = Field(description="Bookings that fit in one half day.")
    facilities: list[str]
    is_active: bool


class LocationOut(Schema):
    id: int
    name: str
    organization: WorkplaceOrgRef
    street_address: str
    postal_code: str
    city: str
    municipality: WorkplaceOrgRef
    description: str
    opening_hours: dict[str, list[str]]
    midday: dt.time
    facilities: list[str]
    house_rules: str
    access: str
    horizon_days: int
    max_open_bookings: int
    cancel_deadline_hours: int
    check_in_required: bool
    release_after_minutes: int
    is_active: bool
    units: list[UnitOut]
    photos: list[str]
    url: str

    @staticmethod
    def resolve_units(obj: Location) -> list[Unit]:
        return list(obj.units.all())

    @staticmethod
    def resolve_photos(obj: Location) -> list[str]:
        return [photo.image.url for photo in obj.photos.all()]

    @staticmethod
    def resolve_url(obj: Location) -> str:
        return reverse("workplaces:location", args=[obj.pk])


class FreeUnitOut(Schema):
    unit: UnitOut
    free: int


class SearchResultOut(Schema):
    location: LocationOut
    nearness: str | None = Field(
        description="municipality, safety_region or province: how near the municipality searched."
    )
    free_desks: int
    units: list[FreeUnitOut]


NEARNESS = {0: "municipality", 1: "safety_region", 2: "province"}


class WorkplaceSearch(Schema):
    q: str | None = Field(None, max_length=200)
    municipality: str | None = Field(None, max_length=200, description="e.g. GM0344.")
    near: bool = Field(True, description="Also the safety region and province around it.")
    date: IsoDate | None = Field(
        None, description="Default: today on a working day before 17:00, else the next one."
    )
    part: PART = "day"
    kind: KIND | None = None
    capacity: int = Field(1, ge=1, le=500, description="Desks needed, or people in a room.")
    facilities: list[FACILITY] = Field([], max_length=10)
    organization: str | None = Field(None, max_length=200, description="Owner's code.")


def _municipality(code: str) -> Organization:
    try:
        return municipality_get(code)
    except NotFound:
        raise InvalidInput.for_field(
            "municipality", "No municipality has this code.", "unknown"
        ) from None


def _organization(code: str, field: str = "organization") -> Organization:
    organization = Organization.objects.filter(code=code.strip()).first()
    if organization is None:
        raise InvalidInput.for_field(field, "No organization has this code.", "unknown")
    return organization


@router.get(
    "/workplaces",
    response={200: list[SearchResultOut], 400: Problem},
    auth=auth.OPTIONAL,
    summary="Locations with free places on a day and part of the day, nearest first",
)
@paginate
def workplace_search(request, filters: Query[WorkplaceSearch]):
    results = selectors.search(
        viewer=request.user,
        filters=selectors.SearchFilters(
            q=filters.q or "",
            municipality=_municipality(filters.municipality) if filters.municipality else None,
            near=filters.near,
            date=filters.date,
            part=filters.part,
            kind=filters.kind,
            capacity=filters.capacity,
            facilities=list(filters.facilities),
            organization=_organization(filters.organization) if filters.organization else None,
        ),
    )
    return [
        {
            "location": r.location,
            "nearness": NEARNESS.get(r.tier),
            "free_desks": r.free_desks,
            "units": [{"unit": u, "free": free} for u, free in r.units],
        }
        for r in results
    ]


class LocationIn(InputSchema):
    organization: str = Field(max_length=200, description="Code of the owning organization.")
    name: str = Field(min_length=1, max_length=200)
    street_address: str = Field(min_length=1, max_length=200)
    postal_code: str = Field(min_length=6, max_length=7)
    city: str = Field(min_length=1, max_length=100)
    municipality: str = Field(max_length=200, description="Municipality code, e.g. GM0344.")
    description: str = Field("", max_length=5000)
    opening_hours: dict[Literal["0", "1", "2", "3", "4", "5", "6"], list[str]] = Field(
        default_factory=lambda: {str(d): ["08:00", "18:00"] for d in range(5)},
        description='Per weekday, 0 is Monday: ["08:00", "18:00"].',
    )
    midday: str = Field("13:00", pattern=HHMM)
    facilities: list[FACILITY] = Field([], max_length=10)
    house_rules: str = Field("", max_length=5000)
    access: ACCESS = "government"
    allowed_organizations: list[str] = Field([], max_length=200)
    horizon_days: int = Field(28, ge=1, le=365)
    max_open_bookings: int = Field(5, ge=1, le=100)
    cancel_deadline_hours: int = Field(0, ge=0, le=168)
    check_in_required: bool = False
    release_after_minutes: int = Field(60, ge=5, le=480)


class LocationPatch(InputSchema):
    name: str | None = Field(None, min_length=1, max_length=200)
    street_address: str | None = Field(None, min_length=1, max_length=200)
    postal_code: str | None = Field(None, min_length=6, max_length=7)
    city: str | None = Field(None, min_length=1, max_length=100)
    municipality: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=5000)
    opening_hours: dict[Literal["0", "1", "2", "3", "4", "5", "6"], list[str]] | None = None
    midday: str | None = Field(None, pattern=HHMM)
    facilities: list[FACILITY] | None = Field(None, max_length=10)
    house_rules: str | None = Field(None, max_length=5000)
    access: ACCESS | None = None
    allowed_organizations: list[str] | None = Field(None, max_length=200)
    horizon_days: int | None = Field(None, ge=1, le=365)
    max_open_bookings: int | None = Field(None, ge=1, le=100)
    cancel_deadline_hours: int | None = Field(None, ge=0, le=168)
    check_in_required: bool | None = None
    release_after_minutes: int | None = Field(None, ge=5, le=480)
    is_active: bool | None = None


def _location_input(payload) -> services.LocationInput:
    """A new location takes every field (with defaults); a change only those sent."""
    values = payload.model_dump(
        exclude={"organization"}, exclude_unset=isinstance(payload, LocationPatch)
    )
    return services.LocationInput.of(**values)


def _location(request, location_id: int) -> Location:
    return selectors.location_get(viewer=request.user, pk=location_id)


@router.post(
    "/workplaces",
    response={201: LocationOut, 400: Problem, 401: Problem, 403: Problem},
    auth=auth.REQUIRED,
    summary="Register a location (the organization's facility managers)",
)
def location_create(request, payload: LocationIn):
    location = services.location_create(
        actor=request.user,
        organization=_organization(payload.organization),
        data=_location_input(payload),
    )
    return Status(201, _location(request, location.pk))


@router.get(
    "/workplaces/{location_id}",
    response={200: LocationOut, 404: Problem},
    auth=auth.OPTIONAL,
    summary="One location with its units",
)
def location_read(request, location_id: int):
    return _location(request, location_id)


@router.patch(
    "/workplaces/{location_id}",
    response={200: LocationOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Change a location; closing it cancels its future bookings with a message",
)
def location_update(request, location_id: int, payload: LocationPatch):
    location = _location(request, location_id)
    services.location_update(actor=request.user, location=location, data=_location_input(payload))
    return _location(request, location_id)


class CellOut(Schema):
    date: IsoDate
    closed: bool
    morning: int
    afternoon: int
    day: int


class UnitAvailabilityOut(Schema):
    unit: UnitOut
    days: list[CellOut]


class AvailabilityQuery(Schema):
    start: IsoDate | None = Field(None, description="Default: today.")
    days: int = Field(7, ge=1, le=31)


@router.get(
    "/workplaces/{location_id}/availability",
    response={200: list[UnitAvailabilityOut], 400: Problem, 404: Problem},
    auth=auth.OPTIONAL,
    summary="Free places per unit, day and part of the day",
)
def location_availability(request, location_id: int, query: Query[AvailabilityQuery]):
    location = _location(request, location_id)
    grid = selectors.availability(
        location=location, start=query.start or services.local_today(), days=query.days
    )
    return [
        {
            "unit": unit,
            "days": [{"date": c.date, "closed": bool(c.problem), **c.free} for c in cells],
        }
        for unit, cells in grid
    ]


class UnitIn(InputSchema):
    kind: KIND
    name: str = Field(min_length=1, max_length=120)
    capacity: int = Field(ge=1, le=500, description="Desks in the zone, or people in the room.")
    facilities: list[FACILITY] = Field([], max_length=10)


class UnitPatch(InputSchema):
    name: str | None = Field(None, min_length=1, max_length=120)
    capacity: int | None = Field(None, ge=1, le=500)
    facilities: list[FACILITY] | None = Field(None, max_length=10)
    is_active: bool | None = None


def _unit(request, location_id: int, unit_id: int) -> Unit:
    location = _location(request, location_id)
    unit = location.units.filter(pk=unit_id).first()
    if unit is None:
        raise NotFound("No such unit at this location.")
    return unit


@router.post(
    "/workplaces/{location_id}/units",
    response={201: UnitOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Add a zone of desks or a meeting room",
)
def unit_create(request, location_id: int, payload: UnitIn):
    unit = services.unit_create(
        actor=request.user,
        location=_location(request, location_id),
        kind=payload.kind,
        name=payload.name,
        capacity=payload.capacity,
        facilities=list(payload.facilities),
    )
    return Status(201, unit)


@router.patch(
    "/workplaces/{location_id}/units/{unit_id}",
    response={200: UnitOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Change a unit (fewer places keep the bookings made)",
)
def unit_update(request, location_id: int, unit_id: int, payload: UnitPatch):
    return services.unit_update(
        actor=request.user,
        unit=_unit(request, location_id, unit_id),
        name=payload.name,
        capacity=payload.capacity,
        facilities=list(payload.facilities) if payload.facilities is not None else None,
        is_active=payload.is_active,
    )


class BlockedDayOut(Schema):
    id: int
    date: IsoDate
    reason: str


class BlockedDayIn(InputSchema):
    date: IsoDate
    reason: str = Field(min_length=1, max_length=200)


@router.get(
    "/workplaces/{location_id}/blocked-days",
    response={200: list[BlockedDayOut], 404: Problem},
    auth=auth.OPTIONAL,
    summary="Days the location is closed (holidays, maintenance)",
)
def blocked_days(request, location_id: int):
    location = _location(request, location_id)
    return list(location.blocked_days.filter(date__gte=services.local_today()))


@router.post(
    "/workplaces/{location_id}/blocked-days",
    response={
        201: BlockedDayOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Close a day; its bookings are cancelled and the people told why",
)
def blocked_day_create(request, location_id: int, payload: BlockedDayIn):
    blocked = services.day_block(
        actor=request.user,
        location=_location(request, location_id),
        date=payload.date,
        reason=payload.reason,
    )
    return Status(201, blocked)


@router.delete(
    "/workplaces/{location_id}/blocked-days/{day_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Open a blocked day again",
)
def blocked_day_delete(request, location_id: int, day_id: int):
    location = _location(request, location_id)
    blocked = BlockedDay.objects.filter(location=location, pk=day_id).first()
    if blocked is None:
        raise NotFound("No such blocked day.")
    services.day_unblock(actor=request.user, blocked=blocked)
    return Status(204, None)


class BookingOut(Schema):
    id: int
    unit: UnitOut
    location_id: int
    location: str
    address: str
    date: IsoDate
    part: str
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    status: str
    attendees: int
    note: str
    checked_in_at: dt.datetime | None
    cancel_reason: str
    url: str

    @staticmethod
    def resolve_location_id(obj: Booking) -> int:
        return obj.unit.location_id

    @staticmethod
    def resolve_location(obj: Booking) -> str:
        return obj.unit.location.name

    @staticmethod
    def resolve_address(obj: Booking) -> str:
        return obj.unit.location.address

    @staticmethod
    def resolve_starts_at(obj: Booking) -> dt.datetime | None:
        span = obj.span()
        return span[0] if span else None

    @staticmethod
    def resolve_ends_at(obj: Booking) -> dt.datetime | None:
        span = obj.span()
        return span[1] if span else None

    @staticmethod
    def resolve_url(obj: Booking) -> str:
        return reverse("workplaces:booking", args=[obj.pk])


class ManagedBookingOut(BookingOut):
    person: str
    email: str

    @staticmethod
    def resolve_person(obj: Booking) -> str:
        return str(obj.user)

    @staticmethod
    def resolve_email(obj: Booking) -> str:
        return obj.user.email


class LocationBookingsQuery(Schema):
    date_from: IsoDate | None = Field(None, description="Default: today.")
    date_to: IsoDate | None = Field(None, description="Default: date_from plus 6 days.")
    status: Literal["confirmed", "cancelled", "released"] | None = "confirmed"


@router.get(
    "/workplaces/{location_id}/bookings",
    response={200: list[ManagedBookingOut], 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="The location's bookings (its facility managers)",
)
@paginate
def location_bookings(request, location_id: int, query: Query[LocationBookingsQuery]):
    location = _location(request, location_id)
    services.require_location_manager(user=request.user, location=location)
    start = query.date_from or services.local_today()
    end = query.date_to or start + dt.timedelta(days=6)
    if end < start or (end - start).days > 366:
        raise InvalidInput.for_field("date_to", "From date_from up to a year after it.")
    return selectors.location_bookings(
        location=location, date_from=start, date_to=end, status=query.status
    )


class OccupancyDayOut(Schema):
    date: IsoDate
    used: int = Field(description="Half days booked.")
    capacity: int = Field(description="Half days bookable.")
    percent: int
    closed: bool


class OccupancyQuery(Schema):
    start: IsoDate | None = Field(None, description="Default: today.")
    days: int = Field(14, ge=1, le=92)


@router.get(
    "/workplaces/{location_id}/occupancy",
    response={200: list[OccupancyDayOut], 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Occupancy per day (its facility managers)",
)
def location_occupancy(request, location_id: int, query: Query[OccupancyQuery]):
    location = _location(request, location_id)
    services.require_location_manager(user=request.user, location=location)
    [(_loc, days)] = selectors.occupancy(
        locations=[location], start=query.start or services.local_today(), days=query.days
    )
    return [
        {
            "date": d.date,
            "used": d.used,
            "capacity": d.capacity,
            "percent": d.percent,
            "closed": d.closed,
        }
        for d in days
    ]


class CancellationIn(InputSchema):
    date: IsoDate
    reason: str = Field(min_length=1, max_length=500)
    unit_id: int | None = Field(None, ge=1, le=2**31 - 1)


class CancellationOut(Schema):
    cancelled: int


@router.post(
    "/workplaces/{location_id}/cancellations",
    response={200: CancellationOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Cancel a day's bookings with a message to each booker (facility managers)",
)
def location_cancel(request, location_id: int, payload: CancellationIn):
    location = _location(request, location_id)
    unit = None
    if payload.unit_id is not None:
        unit = location.units.filter(pk=payload.unit_id).first()
        if unit is None:
            raise InvalidInput.for_field("unit_id", "No such unit at this location.", "unknown")
    count = services.bookings_cancel(
        actor=request.user, location=location, date=payload.date, reason=payload.reason, unit=unit
    )
    return {"cancelled": count}


# -- bookings ------------------------------------------------------------------------------


class FreeAlternativeOut(Schema):
    unit_id: int
    unit: str
    location_id: int
    location: str
    date: IsoDate
    part: str
    free: int


class BookingConflictProblem(Problem):
    alternatives: list[FreeAlternativeOut] | None = Field(
        None, description="What else is free, when the place asked for is taken."
    )


class BookingIn(InputSchema):
    unit_id: int = Field(ge=1, le=2**31 - 1)
    date: IsoDate
    part: PART = "day"
    attendees: int = Field(1, ge=1, le=500)
    note: str = Field("", max_length=300)


class BookingPatch(InputSchema):
    unit_id: int | None = Field(None, ge=1, le=2**31 - 1)
    date: IsoDate | None = None
    part: PART | None = None
    attendees: int | None = Field(None, ge=1, le=500)


class BookingListQuery(Schema):
    upcoming: bool = Field(True, description="Open bookings from today; false: the rest.")


def _bookable_unit(request, unit_id: int, field: str = "unit_id") -> Unit:
    try:
        return selectors.unit_get(viewer=request.user, pk=unit_id)
    except NotFound:
        raise InvalidInput.for_field(field, "No such workplace.", "unknown") from None


@router.get(
    "/bookings",
    response={200: list[BookingOut], 400: Problem},
    auth=auth.REQUIRED,
    summary="Your bookings",
)
@paginate
def booking_list(request, query: Query[BookingListQuery]):
    return selectors.my_bookings(user=request.user, upcoming=query.upcoming)


@router.post(
    "/bookings",
    response={
        201: BookingOut,
        400: Problem,
        401: Problem,
        403: Problem,
        409: BookingConflictProblem,
    },
    auth=auth.REQUIRED,
    summary="Book a desk or a meeting room; 409 with alternatives when it is taken",
)
def booking_create(request, payload: BookingIn):
    booking = services.booking_create(
        actor=request.user,
        unit=_bookable_unit(request, payload.unit_id),
        date=payload.date,
        part=payload.part,
        attendees=payload.attendees,
        note=payload.note,
    )
    return Status(201, selectors.booking_get(viewer=request.user, pk=booking.pk))


class FeedOut(Schema):
    url: str = Field(description="Private iCalendar address of your bookings.")


def _feed_out(request, feed) -> dict:
    return {"url": request.build_absolute_uri(reverse("workplaces:feed", args=[feed.token]))}


@router.get(
    "/bookings/feed",
    response={200: FeedOut},
    auth=auth.REQUIRED,
    summary="The private iCalendar address of your bookings",
)
def feed_read(request):
    return _feed_out(request, services.feed_for(user=request.user))


@router.post(
    "/bookings/feed",
    response={200: FeedOut, 401: Problem, 403: Problem},
    auth=auth.REQUIRED,
    summary="Replace the address: the old one stops working at once",
)
def feed_rotate(request):
    return _feed_out(request, services.feed_for(user=request.user, rotate=True))


@router.delete(
    "/bookings/feed",
    response={204: None, 401: Problem, 403: Problem},
    auth=auth.REQUIRED,
    summary="Revoke the address",
)
def feed_delete(request):
    services.feed_revoke(user=request.user)
    return Status(204, None)


@router.get(
    "/bookings/{booking_id}",
    response={200: BookingOut, 404: Problem},
    auth=auth.REQUIRED,
    summary="One booking (yours, or at a location you manage)",
)
def booking_read(request, booking_id: int):
    return selectors.booking_get(viewer=request.user, pk=booking_id)


@router.patch(
    "/bookings/{booking_id}",
    response={
        200: BookingOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: BookingConflictProblem,
    },
    auth=auth.REQUIRED,
    summary="Move your booking to another day, part of the day or unit, in one step",
)
def booking_update(request, booking_id: int, payload: BookingPatch):
    booking = selectors.booking_get(viewer=request.user, pk=booking_id)
    new = services.booking_change(
        actor=request.user,
        booking=booking,
        date=payload.date,
        part=payload.part,
        unit=_bookable_unit(request, payload.unit_id) if payload.unit_id else None,
        attendees=payload.attendees,
    )
    return selectors.booking_get(viewer=request.user, pk=new.pk)


class CancelIn(InputSchema):
    reason: str = Field("", max_length=500, description="Required when a manager cancels.")


@router.post(
    "/bookings/{booking_id}/cancel",
    response={
        200: BookingOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Cancel a booking; the place is free again at once",
)
def booking_cancel(request, booking_id: int, payload: CancelIn):
    booking = selectors.booking_get(viewer=request.user, pk=booking_id)
    services.booking_cancel(actor=request.user, booking=booking, reason=payload.reason)
    return selectors.booking_get(viewer=request.user, pk=booking_id)


class CheckInIn(InputSchema):
    code: str = Field(min_length=1, max_length=32, description="The code of the desk's QR code.")


@router.post(
    "/bookings/{booking_id}/check-in",
    response={
        200: BookingOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Check in with the code on the desk",
)
def booking_check_in(request, booking_id: int, payload: CheckInIn):
    booking = selectors.booking_get(viewer=request.user, pk=booking_id)
    if booking.user_id != request.user.pk:
        raise NotFound("No such booking.")
    checked = services.check_in(actor=request.user, unit=booking.unit, code=payload.code)
    return selectors.booking_get(viewer=request.user, pk=checked.pk)
