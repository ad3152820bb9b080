"""Pages of workplaces: finding a free place, booking it, one's bookings and calendar
feed, checking in at the desk, and what facility managers run."""

from __future__ import annotations

import csv
import datetime as dt
import io
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eenoverheid.core.errors import DomainError, NotFound
from eenoverheid.core.exports import spreadsheet_safe
from eenoverheid.core.forms import report_domain_error
from eenoverheid.organizations.models import Organization
from eenoverheid.workplaces import ical, selectors, services
from eenoverheid.workplaces.forms import (
    WEEKDAY_NAMES,
    BlockDayForm,
    BookForm,
    CancelDayForm,
    CancelForm,
    ChangeForm,
    LocationForm,
    ManagerForm,
    PhotoForm,
    SearchForm,
    UnitForm,
)
from eenoverheid.workplaces.models import (
    BlockedDay,
    Booking,
    CalendarFeed,
    FacilityManager,
    Location,
    LocationPhoto,
    PartOfDay,
    Unit,
)

PAGE_SIZE = 20


def _location_or_404(request, pk: int) -> Location:
    try:
        return selectors.location_get(viewer=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _managed_or_404(request, pk: int) -> Location:
    location = _location_or_404(request, pk)
    if not services.may_manage(user=request.user, location=location):
        raise Http404(_("No such workplace location."))
    return location


def _booking_or_404(request, pk: int) -> Booking:
    try:
        return selectors.booking_get(viewer=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


# -- finding and booking -------------------------------------------------------------


@require_GET
def search(request):
    form = SearchForm(request.GET or None)
    results, filters = [], None
    if form.is_valid() or not request.GET:
        data = form.cleaned_data if request.GET else {}
        code = data.get("municipality") or ""
        municipality = Organization.objects.municipalities().filter(code=code).first()
        filters = selectors.SearchFilters(
            q=data.get("q") or "",
            municipality=municipality,
            near=data.get("near", True),
            date=data.get("date") or selectors.default_date(),
            part=data.get("part") or PartOfDay.DAY,
            kind=data.get("kind") or None,
            capacity=data.get("capacity") or 1,
            facilities=data.get("facilities") or [],
        )
        results = selectors.search(viewer=request.user, filters=filters)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, values in request.GET.lists() if k != "page" for v in values])
    context = {
        "form": form,
        "page": page,
        "query": query,
        "filters": filters,
        "manages": bool(services.managed_organization_ids(request.user))
        or request.user.is_superuser,
    }
    if request.htmx:
        return render(request, "workplaces/search.html#results", context)
    return render(request, "workplaces/search.html", context)


@require_GET
def location_detail(request, pk: int):
    location = _location_or_404(request, pk)
    today = services.local_today()
    try:
        start = dt.date.fromisoformat(request.GET.get("vanaf", ""))
    except ValueError:
        start = today
    start = max(today, min(start, today + dt.timedelta(days=location.horizon_days)))
    grid = selectors.availability(location=location, start=start, days=7)
    context = {
        "location": location,
        "grid": grid,
        "dates": [start + dt.timedelta(days=i) for i in range(7)],
        "previous": start - dt.timedelta(days=7) if start > today else None,
        "next": start + dt.timedelta(days=7)
        if start + dt.timedelta(days=7) <= today + dt.timedelta(days=location.horizon_days)
        else None,
        "parts": PartOfDay.choices,
        "may_book": services.may_book(user=request.user, location=location),
        "manager": services.may_manage(user=request.user, location=location),
        "blocked": location.blocked_days.filter(date__gte=today)[:10],
        "hours": [
            (name, (location.opening_hours or {}).get(str(day)))
            for day, name in enumerate(WEEKDAY_NAMES)
        ],
    }
    return render(request, "workplaces/location.html", context)


@login_required
@require_POST
def book(request):
    form = BookForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a workplace, a date and a part of the day."))
        return redirect("workplaces:search")
    data = form.cleaned_data
    try:
        unit = selectors.unit_get(viewer=request.user, pk=data["unit"])
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    try:
        booking = services.booking_create(
            actor=request.user,
            unit=unit,
            date=data["date"],
            part=data["part"],
            attendees=data.get("attendees") or 1,
            note=data.get("note") or "",
        )
    except services.BookingConflict as exc:
        context = {
            "unit": unit,
            "date": data["date"],
            "part": data["part"],
            "error": exc.detail,
            "alternatives": exc.alternatives,
            "attendees": data.get("attendees") or 1,
        }
        return render(request, "workplaces/conflict.html", context, status=409)
    except DomainError as exc:
        messages.error(request, str(exc.detail))
        return redirect("workplaces:location", unit.location_id)
    messages.success(request, _("Booked. The confirmation is on its way by e-mail."))
    return redirect("workplaces:booking", booking.pk)


@login_required
@require_GET
def my_bookings(request):
    upcoming = request.GET.get("toon") != "eerder"
    bookings = selectors.my_bookings(user=request.user, upcoming=upcoming)
    page = Paginator(bookings, PAGE_SIZE).get_page(request.GET.get("page"))
    feed = CalendarFeed.objects.filter(user=request.user).first()
    context = {
        "page": page,
        "upcoming": upcoming,
        "query": "toon=eerder" if not upcoming else "",
        "feed_url": request.build_absolute_uri(reverse("workplaces:feed", args=[feed.token]))
        if feed
        else "",
    }
    return render(request, "workplaces/my_bookings.html", context)


@login_required
@require_POST
def feed_action(request):
    action = request.POST.get("action")
    if action == "revoke":
        services.feed_revoke(user=request.user)
        messages.success(request, _("The calendar address no longer works."))
    else:
        services.feed_for(user=request.user, rotate=action == "rotate")
        messages.success(request, _("Your private calendar address is ready."))
    return redirect("workplaces:my_bookings")


@require_GET
def feed(request, token: str):
    """The private feed: the token is the key, so it needs no session."""
    bookings = selectors.feed_bookings(token=token)
    if bookings is None:
        raise Http404(_("This calendar address does not exist (any more)."))
    body = ical.booking_calendar(bookings, name=_("My workplaces"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@login_required
@require_GET
def booking_detail(request, pk: int):
    booking = _booking_or_404(request, pk)
    location = booking.unit.location
    change_form = ChangeForm(
        initial={"date": booking.date, "part": booking.part, "unit": booking.unit_id}
    )
    change_form.fields["unit"].choices = [
        (u.pk, u.name) for u in location.units.filter(is_active=True, kind=booking.unit.kind)
    ]
    context = {
        "booking": booking,
        "location": location,
        "own": booking.user_id == request.user.pk,
        "manager": services.may_manage(user=request.user, location=location),
        "change_form": change_form,
        "cancel_form": CancelForm(),
        "span": booking.span(),
    }
    return render(request, "workplaces/booking.html", context)


@login_required
@require_GET
def booking_ics(request, pk: int):
    booking = _booking_or_404(request, pk)
    body = ical.booking_calendar([booking], name=_("Workplace booking"), method="PUBLISH")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="boeking-{booking.pk}.ics"'
    return response


@login_required
@require_POST
def booking_cancel(request, pk: int):
    booking = _booking_or_404(request, pk)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.booking_cancel(actor=request.user, booking=booking, reason=reason)
    except DomainError as exc:
        messages.error(request, str(exc.detail))
        return redirect("workplaces:booking", pk)
    messages.success(request, _("The booking is cancelled; the place is free again."))
    if booking.user_id != request.user.pk:
        return redirect("workplaces:manage_location", booking.unit.location_id)
    return redirect("workplaces:my_bookings")


@login_required
@require_POST
def booking_change(request, pk: int):
    booking = _booking_or_404(request, pk)
    form = ChangeForm(request.POST)
    form.fields["unit"].choices = [
        (str(u.pk), u.name) for u in booking.unit.location.units.filter(is_active=True)
    ]
    if not form.is_valid():
        messages.error(request, _("Choose a date, a part of the day and a workplace."))
        return redirect("workplaces:booking", pk)
    data = form.cleaned_data
    unit = Unit.objects.get(pk=int(data["unit"]))
    try:
        new = services.booking_change(
            actor=request.user, booking=booking, date=data["date"], part=data["part"], unit=unit
        )
    except services.BookingConflict as exc:
        context = {
            "unit": unit,
            "date": data["date"],
            "part": data["part"],
            "error": exc.detail,
            "alternatives": exc.alternatives,
            "attendees": booking.attendees,
            "changing": booking,
        }
        return render(request, "workplaces/conflict.html", context, status=409)
    except DomainError as exc:
        messages.error(request, str(exc.detail))
        return redirect("workplaces:booking", pk)
    messages.success(request, _("Your booking is changed."))
    return redirect("workplaces:booking", new.pk)


# -- at the desk ---------------------------------------------------------------------


def _unit_or_404(request, pk: int) -> Unit:
    try:
        return selectors.unit_get(viewer=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


@require_GET
def unit_detail(request, pk: int):
    unit = _unit_or_404(request, pk)
    manager = services.may_manage(user=request.user, location=unit.location)
    context = {
        "unit": unit,
        "location": unit.location,
        "manager": manager,
        "check_in_url": request.build_absolute_uri(
            reverse("workplaces:check_in", args=[unit.pk, unit.check_in_code])
        )
        if manager
        else "",
    }
    return render(request, "workplaces/unit.html", context)


@login_required
@require_GET
def unit_qr(request, pk: int):
    """The QR code to print and put on the desk (facility managers)."""
    import segno

    unit = _unit_or_404(request, pk)
    if not services.may_manage(user=request.user, location=unit.location):
        raise Http404(_("No such workplace."))
    url = request.build_absolute_uri(
        reverse("workplaces:check_in", args=[unit.pk, unit.check_in_code])
    )
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=8, border=2, title=_("Check in at %(unit)s") % {"unit": unit.name}
    )
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request, pk: int, code: str):
    unit = _unit_or_404(request, pk)
    if code != unit.check_in_code:
        raise Http404(_("This check-in code is not valid (any more)."))
    if request.method == "POST":
        try:
            services.check_in(actor=request.user, unit=unit, code=code)
        except DomainError as exc:
            messages.error(request, str(exc.detail))
        else:
            messages.success(request, _("You are checked in. Have a good day at work."))
            return redirect("workplaces:my_bookings")
    booking = selectors.booking_today(user=request.user, unit=unit)
    return render(
        request, "workplaces/check_in.html", {"unit": unit, "booking": booking, "code": code}
    )


# -- facility managers ---------------------------------------------------------------


@login_required
@require_GET
def manage(request):
    locations = list(selectors.managed_locations(request.user))
    managed_ids = services.managed_organization_ids(request.user)
    organizations = list(Organization.objects.filter(pk__in=managed_ids).order_by("name"))
    today = services.local_today()
    try:
        start = dt.date.fromisoformat(request.GET.get("vanaf", ""))
    except ValueError:
        start = today
    page = Paginator(locations, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.occupancy(locations=list(page.object_list), start=start, days=14)
    administered = services.administered_organization_ids(request.user)
    admin_of = [o for o in organizations if o.pk in administered]
    managers = FacilityManager.objects.filter(organization__in=admin_of).select_related(
        "user", "organization"
    )
    context = {
        "page": page,
        "rows": rows,
        "start": start,
        "dates": [start + dt.timedelta(days=i) for i in range(14)],
        "organizations": organizations,
        "admin_of": admin_of,
        "managers": managers,
        "manager_form": ManagerForm(),
    }
    return render(request, "workplaces/manage.html", context)


@login_required
@require_POST
def manager_action(request):
    organization = Organization.objects.filter(code=request.POST.get("organization", "")).first()
    if organization is None:
        raise Http404(_("No such organization."))
    try:
        if request.POST.get("remove"):
            manager = FacilityManager.objects.filter(
                organization=organization, pk=request.POST.get("remove", "").strip() or 0
            ).first()
            if manager is None:
                raise Http404(_("No such facility manager."))
            services.manager_remove(actor=request.user, manager=manager)
            messages.success(request, _("The facility manager is removed."))
        else:
            form = ManagerForm(request.POST)
            user = None
            if form.is_valid():
                user = (
                    get_user_model()
                    .objects.filter(email__iexact=form.cleaned_data["email"])
                    .first()
                )
            if user is None:
                messages.error(request, _("Nobody with this e-mail address uses the platform."))
            else:
                services.manager_add(actor=request.user, organization=organization, user=user)
                messages.success(request, _("%(name)s is a facility manager now.") % {"name": user})
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    return redirect("workplaces:manage")


def _location_input(form: LocationForm) -> services.LocationInput:
    data = form.cleaned_data
    return services.LocationInput.of(
        name=data["name"],
        street_address=data["street_address"],
        postal_code=data["postal_code"],
        city=data["city"],
        municipality=data["municipality"],
        description=data["description"],
        opening_hours=form.opening_hours(),
        midday=data["midday"],
        facilities=data["facilities"],
        house_rules=data["house_rules"],
        access=data["access"],
        allowed_organizations=form.allowed_codes(),
        horizon_days=data["horizon_days"],
        max_open_bookings=data["max_open_bookings"],
        cancel_deadline_hours=data["cancel_deadline_hours"],
        check_in_required=data["check_in_required"],
        release_after_minutes=data["release_after_minutes"],
        is_active=data["is_active"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def location_create(request):
    managed_ids = services.managed_organization_ids(request.user)
    organizations = list(Organization.objects.filter(pk__in=managed_ids).order_by("name"))
    if not organizations:
        messages.error(request, _("Only facility managers of an organization register locations."))
        return redirect("workplaces:manage")
    chosen = request.POST.get("organization") or request.GET.get("organization") or ""
    form = LocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organization = next((o for o in organizations if o.code == chosen), None)
        if organization is None:
            form.add_error(None, _("Choose the organization the location belongs to."))
        else:
            try:
                location = services.location_create(
                    actor=request.user, organization=organization, data=_location_input(form)
                )
            except DomainError as exc:
                report_domain_error(form, exc, {"opening_hours": None})
            else:
                messages.success(
                    request, _("The location is registered. Now add its desks and rooms.")
                )
                return redirect("workplaces:manage_location", location.pk)
    return render(
        request,
        "workplaces/location_form.html",
        {"form": form, "organizations": organizations, "chosen": chosen},
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage_location(request, pk: int):
    location = _managed_or_404(request, pk)
    form = LocationForm(location=location)
    forms = {
        "unit": UnitForm(),
        "block": BlockDayForm(),
        "cancel": CancelDayForm(),
        "photo": PhotoForm(),
    }
    action = request.POST.get("action") if request.method == "POST" else None
    try:
        if action == "location":
            form = LocationForm(request.POST, location=location)
            if form.is_valid():
                try:
                    services.location_update(
                        actor=request.user, location=location, data=_location_input(form)
                    )
                except DomainError as exc:
                    report_domain_error(form, exc)
                else:
                    messages.success(request, _("The location is saved."))
                    return redirect("workplaces:manage_location", pk)
        elif action == "unit":
            forms["unit"] = UnitForm(request.POST)
            if forms["unit"].is_valid():
                services.unit_create(
                    actor=request.user, location=location, **forms["unit"].cleaned_data
                )
                messages.success(request, _("The workplace is added."))
                return redirect("workplaces:manage_location", pk)
        elif action == "unit_toggle":
            unit = location.units.filter(pk=request.POST.get("unit") or 0).first()
            if unit is None:
                raise Http404(_("No such workplace."))
            services.unit_update(actor=request.user, unit=unit, is_active=not unit.is_active)
            return redirect("workplaces:manage_location", pk)
        elif action == "unit_capacity":
            unit = location.units.filter(pk=request.POST.get("unit") or 0).first()
            if unit is None:
                raise Http404(_("No such workplace."))
            capacity = request.POST.get("capacity", "")
            services.unit_update(
                actor=request.user,
                unit=unit,
                capacity=int(capacity) if capacity.isdigit() and len(capacity) < 5 else -1,
            )
            messages.success(request, _("The workplace is saved."))
            return redirect("workplaces:manage_location", pk)
        elif action == "block":
            forms["block"] = BlockDayForm(request.POST)
            if forms["block"].is_valid():
                services.day_block(
                    actor=request.user, location=location, **forms["block"].cleaned_data
                )
                messages.success(request, _("The day is blocked; bookings that day are cancelled."))
                return redirect("workplaces:manage_location", pk)
        elif action == "unblock":
            blocked = BlockedDay.objects.filter(
                location=location, pk=request.POST.get("day") or 0
            ).first()
            if blocked is None:
                raise Http404(_("No such blocked day."))
            services.day_unblock(actor=request.user, blocked=blocked)
            return redirect("workplaces:manage_location", pk)
        elif action == "cancel":
            forms["cancel"] = CancelDayForm(request.POST)
            forms["cancel"].fields["unit"].choices = _unit_choices(location)
            if forms["cancel"].is_valid():
                data = forms["cancel"].cleaned_data
                unit = location.units.filter(pk=data["unit"]).first() if data["unit"] else None
                count = services.bookings_cancel(
                    actor=request.user,
                    location=location,
                    date=data["date"],
                    reason=data["reason"],
                    unit=unit,
                )
                messages.success(
                    request,
                    _("%(n)d booking(s) cancelled; the people are told why.") % {"n": count},
                )
                return redirect("workplaces:manage_location", pk)
        elif action == "photo":
            forms["photo"] = PhotoForm(request.POST, request.FILES)
            if forms["photo"].is_valid():
                services.photo_add(
                    actor=request.user, location=location, **forms["photo"].cleaned_data
                )
                messages.success(request, _("The photo is added."))
                return redirect("workplaces:manage_location", pk)
        elif action == "photo_remove":
            photo = LocationPhoto.objects.filter(
                location=location, pk=request.POST.get("photo") or 0
            ).first()
            if photo is None:
                raise Http404(_("No such photo."))
            services.photo_remove(actor=request.user, photo=photo)
            return redirect("workplaces:manage_location", pk)
    except DomainError as exc:
        target = forms.get(action) if action in forms else None
        if target is not None:
            report_domain_error(target, exc)
        else:
            messages.error(request, str(exc.detail))
    forms["cancel"].fields["unit"].choices = _unit_choices(location)
    today = services.local_today()
    try:
        day = dt.date.fromisoformat(request.GET.get("dag", ""))
    except ValueError:
        day = today
    [(_loc, days)] = selectors.occupancy(locations=[location], start=today, days=14)
    context = {
        "location": location,
        "form": form,
        "forms": forms,
        "units": list(location.units.all()),
        "blocked": location.blocked_days.filter(date__gte=today),
        "photos": location.photos.all(),
        "occupancy": days,
        "day": day,
        "bookings": selectors.location_bookings(location=location, date_from=day, date_to=day),
    }
    return render(request, "workplaces/manage_location.html", context)


def _unit_choices(location: Location):
    return [("", _("All workplaces"))] + [(str(u.pk), u.name) for u in location.units.all()]


@login_required
@require_GET
def export_bookings(request, pk: int):
    """The location's bookings as CSV (UTF-8 with a byte-order mark, so that Excel reads
    the accents), from `van` to `tot`, default the coming four weeks."""
    location = _managed_or_404(request, pk)
    today = services.local_today()
    try:
        start = dt.date.fromisoformat(request.GET.get("van", ""))
    except ValueError:
        start = today
    try:
        end = dt.date.fromisoformat(request.GET.get("tot", ""))
    except ValueError:
        end = start + dt.timedelta(days=27)
    end = min(max(end, start), start + dt.timedelta(days=366))
    bookings = selectors.location_bookings(
        location=location, date_from=start, date_to=end, status=None
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "date",
            "part",
            "workplace",
            "kind",
            "person",
            "email",
            "people",
            "status",
            "checked_in_at",
            "cancel_reason",
            "booked_at",
        ]
    )
    for b in bookings.iterator():
        writer.writerow(
            [
                spreadsheet_safe(str(value))
                for value in (
                    b.date.isoformat(),
                    b.part,
                    b.unit.name,
                    b.unit.kind,
                    b.user,
                    b.user.email,
                    b.attendees,
                    b.status,
                    b.checked_in_at.isoformat() if b.checked_in_at else "",
                    b.cancel_reason,
                    b.created_at.isoformat(),
                )
            ]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="boekingen-{location.pk}-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
    )
    return response
