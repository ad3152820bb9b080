"""Reads of workplaces: where one may book, what is free, occupancy, bookings.

"Near a municipality" is measured in steps, because the register has no coordinates
(CBS's municipal division lists codes and provinces, not centroids): the municipality
itself, then the municipalities of its safety region, then those of its province. Each
read runs a fixed number of queries whatever the number of locations or bookings.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eenoverheid.core.errors import NotFound
from eenoverheid.core.visibility import is_platform_admin
from eenoverheid.organizations.models import Coverage, Organization, OrganizationKind
from eenoverheid.workplaces import services
from eenoverheid.workplaces.models import (
    AMSTERDAM,
    Access,
    BlockedDay,
    Booking,
    BookingStatus,
    Location,
    PartOfDay,
    Unit,
    UnitKind,
)

TIER_LABELS = {
    0: gettext_lazy("In this municipality"),
    1: gettext_lazy("In the same safety region"),
    2: gettext_lazy("In the same province"),
}


def bookable_locations(viewer) -> QuerySet[Location]:
    """Open locations the viewer may book; visitors who are not signed in see the ones
    open to every civil servant (and need to sign in to book)."""
    locations = Location.objects.filter(is_active=True)
    if is_platform_admin(viewer):
        return locations
    member, managed = services._roles(viewer)
    if not member and not managed:
        return locations.filter(access=Access.GOVERNMENT)
    allowed = Location.allowed_organizations.through.objects.filter(
        organization_id__in=member
    ).values("location_id")
    return locations.filter(
        Q(access=Access.GOVERNMENT) | Q(organization_id__in=member | managed) | Q(pk__in=allowed)
    )


def location_get(*, viewer, pk: int) -> Location:
    location = (
        Location.objects.select_related("organization", "municipality")
        .prefetch_related("photos", "allowed_organizations")
        .filter(pk=pk)
        .first()
    )
    if location is None or not services.may_see(user=viewer, location=location):
        raise NotFound(_("No such workplace location."))
    return location


def unit_get(*, viewer, pk: int) -> Unit:
    unit = Unit.objects.select_related("location__organization").filter(pk=pk).first()
    if unit is None or not services.may_see(user=viewer, location=unit.location):
        raise NotFound(_("No such workplace."))
    return unit


def proximity(municipality: Organization) -> dict[int, int]:
    """Municipality id -> step (0 itself, 1 same safety region, 2 same province)."""
    tiers = {municipality.pk: 0}
    regions = Coverage.objects.filter(
        municipality=municipality, organization__kind=OrganizationKind.SAFETY_REGION
    ).values("organization_id")
    for municipality_id in Coverage.objects.filter(organization_id__in=regions).values_list(
        "municipality_id", flat=True
    ):
        tiers.setdefault(municipality_id, 1)
    if municipality.province_id:
        for municipality_id in (
            Organization.objects.municipalities()
            .filter(province_id=municipality.province_id)
            .values_list("id", flat=True)
        ):
            tiers.setdefault(municipality_id, 2)
    return tiers


def default_date(now: dt.datetime | None = None) -> dt.date:
    """The day a search means when it names none: today on a working day before five,
    otherwise the next working day."""
    local = (now or timezone.now()).astimezone(AMSTERDAM)
    day = local.date()
    if day.weekday() < 5 and local.hour < 17:
        return day
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


@dataclass
class SearchFilters:
    q: str = ""
    municipality: Organization | None = None
    near: bool = True
    date: dt.date | None = None
    part: str = PartOfDay.DAY
    kind: str | None = None
    capacity: int = 1
    facilities: list[str] = field(default_factory=list)
    organization: Organization | None = None


@dataclass
class SearchResult:
    location: Location
    tier: int | None
    units: list[tuple[Unit, int]]  # (unit, free places) for the chosen part of the day

    @property
    def free_desks(self) -> int:
        return sum(free for unit, free in self.units if unit.kind == UnitKind.DESKS)

    @property
    def tier_label(self) -> str:
        return str(TIER_LABELS.get(self.tier, "")) if self.tier is not None else ""


def search(*, viewer, filters: SearchFilters, now: dt.datetime | None = None) -> list[SearchResult]:
    """Locations with room for the request on that day and part of the day, nearest
    first, then the ones with the most free places."""
    now = now or timezone.now()
    date = filters.date or default_date(now)
    locations = bookable_locations(viewer).select_related("municipality", "organization")
    tiers: dict[int, int] = {}
    if filters.municipality is not None:
        tiers = proximity(filters.municipality) if filters.near else {filters.municipality.pk: 0}
        locations = locations.filter(municipality_id__in=tiers)
    if filters.organization is not None:
        locations = locations.filter(organization=filters.organization)
    if filters.q:
        q = filters.q.strip()
        locations = locations.filter(
            Q(name__icontains=q)
            | Q(city__icontains=q)
            | Q(street_address__icontains=q)
            | Q(municipality__name__icontains=q)
            | Q(organization__name__icontains=q)
        )
    units = Unit.objects.filter(is_active=True)
    if filters.kind:
        units = units.filter(kind=filters.kind)
    locations = list(locations.prefetch_related(Prefetch("units", queryset=units)))
    blocked = set(
        BlockedDay.objects.filter(
            location_id__in=[loc.pk for loc in locations], date=date
        ).values_list("location_id", flat=True)
    )
    counts = services.taken([u.pk for loc in locations for u in loc.units.all()], date)
    wanted = set(filters.facilities)
    results = []
    for location in locations:
        day_blocked = {date} if location.pk in blocked else set()
        if services.slot_problem(location, date, filters.part, now=now, blocked=day_blocked):
            continue
        fitting = []
        for unit in location.units.all():
            if not wanted <= set(location.facilities) | set(unit.facilities):
                continue
            free = services.free_places(unit, counts.get(unit.pk), filters.part)
            if free <= 0:
                continue
            if unit.kind == UnitKind.ROOM and unit.capacity < filters.capacity:
                continue
            fitting.append((unit, free))
        desks = sum(free for unit, free in fitting if unit.kind == UnitKind.DESKS)
        rooms = [u for u, _free in fitting if u.kind == UnitKind.ROOM]
        if not fitting or (desks < filters.capacity and not rooms):
            continue
        results.append(SearchResult(location, tiers.get(location.municipality_id), fitting))
    results.sort(
        key=lambda r: (r.tier if r.tier is not None else 9, -r.free_desks, r.location.name)
    )
    return results


@dataclass
class DayCell:
    date: dt.date
    problem: str | None
    free: dict[str, int]  # part -> free places


def availability(
    *, location: Location, start: dt.date, days: int = 7, now: dt.datetime | None = None
) -> list[tuple[Unit, list[DayCell]]]:
    """Per active unit, per day, the free places of each part of the day. Three queries."""
    now = now or timezone.now()
    dates = [start + dt.timedelta(days=i) for i in range(days)]
    units = [u for u in location.units.all() if u.is_active]
    blocked = set(
        BlockedDay.objects.filter(location=location, date__in=dates).values_list("date", flat=True)
    )
    counts: dict[tuple[int, dt.date], tuple[int, int]] = {}
    for row in (
        Booking.objects.filter(unit__in=units, date__in=dates, status=BookingStatus.CONFIRMED)
        .values("unit_id", "date")
        .annotate(
            mornings=Count("id", filter=Q(morning=True)),
            afternoons=Count("id", filter=Q(afternoon=True)),
        )
    ):
        counts[(row["unit_id"], row["date"])] = (row["mornings"], row["afternoons"])
    grid = []
    for unit in units:
        cells = []
        for date in dates:
            problem = services.slot_problem(
                location, date, PartOfDay.AFTERNOON, now=now, blocked=blocked
            ) and services.slot_problem(location, date, PartOfDay.MORNING, now=now, blocked=blocked)
            free = {}
            for part in PartOfDay.values:
                if services.slot_problem(location, date, part, now=now, blocked=blocked):
                    free[part] = 0
                else:
                    free[part] = services.free_places(unit, counts.get((unit.pk, date)), part)
            cells.append(DayCell(date, problem, free))
        grid.append((unit, cells))
    return grid


@dataclass
class OccupancyDay:
    date: dt.date
    used: int  # half days booked
    capacity: int  # half days bookable
    closed: bool

    @property
    def percent(self) -> int:
        return round(100 * self.used / self.capacity) if self.capacity else 0


def occupancy(
    *, locations: list[Location], start: dt.date, days: int
) -> list[tuple[Location, list[OccupancyDay]]]:
    """Booked half days against bookable half days, per location and day. Three queries."""
    dates = [start + dt.timedelta(days=i) for i in range(days)]
    used: dict[tuple[int, dt.date], int] = defaultdict(int)
    for row in (
        Booking.objects.filter(
            unit__location__in=locations,
            date__in=dates,
            status__in=[BookingStatus.CONFIRMED],
        )
        .values("unit__location_id", "date")
        .annotate(
            mornings=Count("id", filter=Q(morning=True)),
            afternoons=Count("id", filter=Q(afternoon=True)),
        )
    ):
        used[(row["unit__location_id"], row["date"])] = row["mornings"] + row["afternoons"]
    blocked = set(
        BlockedDay.objects.filter(location__in=locations, date__in=dates).values_list(
            "location_id", "date"
        )
    )
    places = defaultdict(int)
    for unit in Unit.objects.filter(location__in=locations, is_active=True):
        places[unit.location_id] += unit.places
    rows = []
    for location in locations:
        days_ = []
        for date in dates:
            closed = (location.pk, date) in blocked or location.hours_on(date) is None
            capacity = 0 if closed else 2 * places[location.pk]
            days_.append(OccupancyDay(date, used[(location.pk, date)], capacity, closed))
        rows.append((location, days_))
    return rows


def managed_locations(user) -> QuerySet[Location]:
    if is_platform_admin(user):
        return Location.objects.select_related("organization", "municipality")
    return Location.objects.filter(
        organization_id__in=services.managed_organization_ids(user)
    ).select_related("organization", "municipality")


def my_bookings(*, user, upcoming: bool = True, now: dt.datetime | None = None):
    today = services.local_today(now)
    bookings = Booking.objects.filter(user=user).select_related("unit__location__municipality")
    if upcoming:
        return bookings.filter(date__gte=today, status=BookingStatus.CONFIRMED).order_by(
            "date", "morning"
        )
    return bookings.filter(Q(date__lt=today) | ~Q(status=BookingStatus.CONFIRMED)).order_by(
        "-date", "-id"
    )


def booking_get(*, viewer, pk: int) -> Booking:
    """One's own booking, or one at a location one manages."""
    booking = (
        Booking.objects.select_related("unit__location__organization", "user").filter(pk=pk).first()
    )
    if booking is None or not (
        booking.user_id == getattr(viewer, "pk", None)
        or services.may_manage(user=viewer, location=booking.unit.location)
    ):
        raise NotFound(_("No such booking."))
    return booking


def location_bookings(
    *,
    location: Location,
    date_from: dt.date,
    date_to: dt.date,
    status: str | None = BookingStatus.CONFIRMED,
) -> QuerySet[Booking]:
    bookings = Booking.objects.filter(
        unit__location=location, date__gte=date_from, date__lte=date_to
    ).select_related("unit", "user")
    if status:
        bookings = bookings.filter(status=status)
    return bookings.order_by("date", "unit__position", "unit_id", "-morning", "id")


def booking_today(*, user, unit: Unit) -> Booking | None:
    """One's open booking of this unit today (for checking in at the desk)."""
    return Booking.objects.filter(
        unit=unit, user=user, date=services.local_today(), status=BookingStatus.CONFIRMED
    ).first()


def feed_bookings(*, token: str):
    """The bookings behind a private calendar address (the last 30 days and all to come,
    cancelled ones included so that calendars drop them), or None for an unknown one."""
    from eenoverheid.workplaces.models import CalendarFeed

    feed = CalendarFeed.objects.filter(token=token, user__is_active=True).first()
    if feed is None:
        return None
    since = services.local_today() - dt.timedelta(days=30)
    return Booking.objects.filter(user_id=feed.user_id, date__gte=since).select_related(
        "unit__location"
    )
