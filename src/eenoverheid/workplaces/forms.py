from django import forms
from django.utils.translation import gettext_lazy as _

from eenoverheid.organizations.models import Organization
from eenoverheid.workplaces.models import Access, Facility, Location, PartOfDay, UnitKind

WEEKDAY_NAMES = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]


def municipality_choices(blank: str = "—"):
    return [("", blank)] + [
        (m.code, m.name)
        for m in Organization.objects.active()
        .municipalities()
        .order_by("name")
        .only("code", "name")
    ]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class SearchForm(forms.Form):
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    near = forms.BooleanField(label=_("Also nearby"), required=False, initial=True)
    date = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    part = forms.ChoiceField(
        label=_("Part of the day"), choices=PartOfDay.choices, initial=PartOfDay.DAY
    )
    kind = forms.ChoiceField(
        label=_("What"), required=False, choices=[("", _("Desk or room")), *UnitKind.choices]
    )
    capacity = forms.IntegerField(
        label=_("For how many people"), min_value=1, max_value=500, initial=1
    )
    facilities = forms.MultipleChoiceField(
        label=_("Facilities"),
        required=False,
        choices=Facility.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    q = forms.CharField(label=_("Building, place or organization"), required=False, max_length=200)

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = data.copy()
            # The form is submitted by GET: an unchecked box is absent, so "near" is only
            # off when the form itself was sent.
            if "part" not in data:
                data.setdefault("near", "on")
            data.setdefault("part", PartOfDay.DAY)
            data.setdefault("capacity", "1")
        super().__init__(data, **kwargs)
        self.fields["municipality"].choices = municipality_choices(_("Anywhere"))


class BookForm(forms.Form):
    unit = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    part = forms.ChoiceField(label=_("Part of the day"), choices=PartOfDay.choices)
    attendees = forms.IntegerField(
        label=_("People"), min_value=1, max_value=500, initial=1, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ChangeForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    part = forms.ChoiceField(label=_("Part of the day"), choices=PartOfDay.choices)
    unit = forms.ChoiceField(label=_("Workplace"))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class LocationForm(forms.Form):
    name = forms.CharField(label=_("Building name"), max_length=200)
    street_address = forms.CharField(label=_("Street and number"), max_length=200)
    postal_code = forms.CharField(label=_("Postal code"), max_length=7)
    city = forms.CharField(label=_("Place"), max_length=100)
    municipality = forms.ChoiceField(label=_("Municipality"))
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    facilities = forms.MultipleChoiceField(
        label=_("Facilities"),
        required=False,
        choices=Facility.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    house_rules = forms.CharField(
        label=_("House rules"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    midday = forms.TimeField(label=_("The morning ends at"), widget=TimeInput(), initial="13:00")
    access = forms.ChoiceField(label=_("Who may book"), choices=Access.choices)
    allowed_organizations = forms.CharField(
        label=_("Organizations that may book"),
        required=False,
        max_length=4000,
        help_text=_("Codes from the organization register, separated by commas."),
    )
    horizon_days = forms.IntegerField(label=_("Bookable days ahead"), min_value=1, max_value=365)
    max_open_bookings = forms.IntegerField(
        label=_("Open bookings per person"), min_value=1, max_value=100
    )
    cancel_deadline_hours = forms.IntegerField(
        label=_("Cancel until (hours before the start)"), min_value=0, max_value=168
    )
    check_in_required = forms.BooleanField(label=_("Check-in required"), required=False)
    release_after_minutes = forms.IntegerField(
        label=_("Release after (minutes without check-in)"), min_value=5, max_value=480
    )
    is_active = forms.BooleanField(label=_("Open for bookings"), required=False, initial=True)

    def __init__(self, *args, location: Location | None = None, **kwargs):
        if location is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{
                    name: getattr(location, name)
                    for name in (
                        "name",
                        "street_address",
                        "postal_code",
                        "city",
                        "description",
                        "facilities",
                        "house_rules",
                        "midday",
                        "access",
                        "horizon_days",
                        "max_open_bookings",
                        "cancel_deadline_hours",
                        "check_in_required",
                        "release_after_minutes",
                        "is_active",
                    )
                },
                "municipality": location.municipality.code,
                "allowed_organizations": ", ".join(
                    o.code for o in location.allowed_organizations.all()
                ),
                **{
                    f"hours_{day}_{end}": (location.opening_hours or {}).get(str(day), ["", ""])[i]
                    for day in range(7)
                    for i, end in enumerate(("open", "close"))
                },
            }
        elif "initial" not in kwargs:
            kwargs["initial"] = {
                "horizon_days": 28,
                "max_open_bookings": 5,
                "cancel_deadline_hours": 0,
                "release_after_minutes": 60,
                "midday": "13:00",
                **{f"hours_{d}_open": "08:00" for d in range(5)},
                **{f"hours_{d}_close": "18:00" for d in range(5)},
            }
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = municipality_choices()
        for day, name in enumerate(WEEKDAY_NAMES):
            self.fields[f"hours_{day}_open"] = forms.TimeField(
                label=_("%(day)s opens") % {"day": name}, required=False, widget=TimeInput()
            )
            self.fields[f"hours_{day}_close"] = forms.TimeField(
                label=_("%(day)s closes") % {"day": name}, required=False, widget=TimeInput()
            )

    def hour_rows(self):
        return [
            (name, self[f"hours_{day}_open"], self[f"hours_{day}_close"])
            for day, name in enumerate(WEEKDAY_NAMES)
        ]

    def main_fields(self):
        return [f for f in self if not f.name.startswith("hours_")]

    def opening_hours(self) -> dict[str, list[str]]:
        hours = {}
        for day in range(7):
            opens = self.cleaned_data.get(f"hours_{day}_open")
            closes = self.cleaned_data.get(f"hours_{day}_close")
            if opens or closes:
                hours[str(day)] = [
                    opens.strftime("%H:%M") if opens else "",
                    closes.strftime("%H:%M") if closes else "",
                ]
        return hours

    def allowed_codes(self) -> list[str]:
        raw = self.cleaned_data.get("allowed_organizations") or ""
        return [c.strip() for c in raw.replace("\n", ",").split(",") if c.strip()]


class UnitForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    name = forms.CharField(label=_("Name"), max_length=120)
    capacity = forms.IntegerField(
        label=_("Desks, or people in the room"), min_value=1, max_value=500
    )
    facilities = forms.MultipleChoiceField(
        label=_("Facilities"),
        required=False,
        choices=Facility.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class BlockDayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=200)


class CancelDayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    unit = forms.ChoiceField(label=_("Workplace"), required=False)
    reason = forms.CharField(
        label=_("Message to the people affected"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PhotoForm(forms.Form):
    image = forms.ImageField(label=_("Photo"))
    alt_text = forms.CharField(label=_("Description of the photo"), max_length=200)


class ManagerForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of a colleague"))
