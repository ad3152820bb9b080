import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from eenoverheid.learning.models import CostKind, Format, Language
from eenoverheid.people.models import Skill, SkillLevel, SkillStatus

SKILL_ROWS = 4


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class CatalogueForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    skill = forms.TypedChoiceField(label=_("Skill"), required=False, coerce=int, empty_value=None)
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("Any format")), *Format.choices]
    )
    province = forms.ChoiceField(label=_("Region"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    cost = forms.ChoiceField(
        label=_("Cost"),
        required=False,
        choices=[
            ("", _("Any cost")),
            ("free", _("Free for me")),
            ("points", _("Paid in points")),
            ("euros", _("Paid in euros")),
        ],
    )
    provider = forms.ChoiceField(label=_("Provider"), required=False)

    def __init__(self, *args, skills=(), provinces=(), providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = [("", _("Any skill"))] + [(s.pk, s.name) for s in skills]
        self.fields["province"].choices = [("", _("Anywhere"))] + [
            (p.code, p.name) for p in provinces
        ]
        self.fields["provider"].choices = [("", _("Any provider"))] + [
            (p.code, p.name) for p in providers
        ]


class CourseForm(forms.Form):
    code = forms.CharField(label=_("Course code"), max_length=40)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    duration = forms.CharField(
        label=_("Duration"), max_length=60, help_text=_("For example: two days, or six evenings.")
    )
    study_load_hours = forms.IntegerField(
        label=_("Study load (hours)"), min_value=1, max_value=2000
    )
    cost_kind = forms.ChoiceField(label=_("Cost"), choices=CostKind.choices)
    price_euros = forms.IntegerField(label=_("Price in euros"), min_value=0, initial=0)
    price_points = forms.IntegerField(label=_("Price in points"), min_value=0, initial=0)
    prerequisites = forms.CharField(
        label=_("Prerequisites"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    accreditation = forms.CharField(label=_("Accreditation"), required=False, max_length=200)
    url = forms.URLField(
        label=_("More information"), required=False, max_length=500, assume_scheme="https"
    )
    publish = forms.BooleanField(label=_("Publish in the catalogue"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        skills = [("", "—")] + [
            (str(s.pk), s.name)
            for s in Skill.objects.filter(status=SkillStatus.ACTIVE)
            .order_by("name")
            .only("id", "name")
        ]
        for i in range(1, SKILL_ROWS + 1):
            self.fields[f"skill_{i}"] = forms.TypedChoiceField(
                label=_("Skill taught %(n)d") % {"n": i},
                required=False,
                choices=skills,
                coerce=int,
                empty_value=None,
            )
            self.fields[f"level_{i}"] = forms.ChoiceField(
                label=_("Level reached %(n)d") % {"n": i},
                choices=SkillLevel.choices,
                initial=SkillLevel.PRACTITIONER,
                required=False,
            )

    def skills(self) -> list[tuple[int, str]]:
        return [
            (
                self.cleaned_data[f"skill_{i}"],
                self.cleaned_data.get(f"level_{i}") or SkillLevel.PRACTITIONER,
            )
            for i in range(1, SKILL_ROWS + 1)
            if self.cleaned_data.get(f"skill_{i}")
        ]


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    online_url = forms.URLField(
        label=_("Online link"), required=False, max_length=500, assume_scheme="https"
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=10_000)

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", "—")] + [
            (m.code, m.name) for m in municipalities
        ]
        self.fields["starts_at"].initial = (dt.datetime.now() + dt.timedelta(days=14)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )


class ImportForm(forms.Form):
    provider = forms.ChoiceField(label=_("Provider"))
    file = forms.FileField(label=_("Catalogue file (CSV or JSON)"))

    def __init__(self, *args, providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [(p.code, p.name) for p in providers]


class ReviewForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Score"),
        choices=[(i, str(i)) for i in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Your review (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
