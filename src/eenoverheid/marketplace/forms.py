from django import forms
from django.utils.translation import gettext_lazy as _

from eenoverheid.core.visibility import Visibility
from eenoverheid.learning.forms import DateInput
from eenoverheid.marketplace.models import OPPORTUNITY_VISIBILITY, Kind, WorkMode
from eenoverheid.organizations.models import GovernmentLayer
from eenoverheid.people.models import Skill, SkillLevel, SkillStatus

SKILL_ROWS = 6


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *Kind.choices]
    )
    skill = forms.TypedChoiceField(label=_("Skill"), required=False, coerce=int, empty_value=None)
    organization = forms.ChoiceField(label=_("Organization"), required=False)
    layer = forms.ChoiceField(
        label=_("Government layer"),
        required=False,
        choices=[("", _("Any layer")), *GovernmentLayer.choices],
    )
    province = forms.ChoiceField(label=_("Region"), required=False)
    hours_max = forms.IntegerField(
        label=_("At most hours a week"), required=False, min_value=1, max_value=40
    )
    work_mode = forms.ChoiceField(
        label=_("Where"), required=False, choices=[("", _("Anywhere")), *WorkMode.choices]
    )

    def __init__(self, *args, skills=(), organizations=(), provinces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = [("", _("Any skill"))] + [(s.pk, s.name) for s in skills]
        self.fields["organization"].choices = [("", _("Any organization"))] + [
            (o.code, o.name) for o in organizations
        ]
        self.fields["province"].choices = [("", _("Anywhere in the country"))] + [
            (p.code, p.name) for p in provinces
        ]


class OpportunityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 7})
    )
    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)
    hours_per_week = forms.IntegerField(
        label=_("Hours a week"), required=False, min_value=1, max_value=40
    )
    start_date = forms.DateField(label=_("Start"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("End"), required=False, widget=DateInput())
    duration_weeks = forms.IntegerField(
        label=_("Or: duration in weeks"), required=False, min_value=1, max_value=520
    )
    work_mode = forms.ChoiceField(label=_("Where"), choices=WorkMode.choices)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    location = forms.CharField(label=_("Building or address"), required=False, max_length=200)
    salary_scale_min = forms.IntegerField(
        label=_("Salary scale from"), required=False, min_value=1, max_value=18
    )
    salary_scale_max = forms.IntegerField(
        label=_("Salary scale to"), required=False, min_value=1, max_value=18
    )
    closing_date = forms.DateField(label=_("Closing date"), required=False, widget=DateInput())
    points = forms.IntegerField(
        label=_("Points offered (gigs)"), required=False, min_value=0, max_value=100_000
    )
    budget_euros = forms.IntegerField(
        label=_("Budget in euros"), required=False, min_value=0, max_value=10_000_000
    )
    places = forms.IntegerField(label=_("Places"), initial=1, min_value=1, max_value=50)
    visibility = forms.ChoiceField(
        label=_("Who sees it"), choices=OPPORTUNITY_VISIBILITY, initial=Visibility.SIGNED_IN
    )
    publish = forms.BooleanField(label=_("Publish now"), required=False)

    def __init__(self, *args, teams=(), municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "—")] + [(t.pk, t.name) for t in teams]
        self.fields["municipality"].choices = [("", "—")] + [
            (m.code, m.name) for m in municipalities
        ]
        skills = [("", "—")] + [
            (str(s.pk), s.name)
            for s in Skill.objects.filter(status=SkillStatus.ACTIVE)
            .order_by("name")
            .only("id", "name")
        ]
        for i in range(1, SKILL_ROWS + 1):
            self.fields[f"skill_{i}"] = forms.TypedChoiceField(
                label=_("Skill %(n)d") % {"n": i},
                required=False,
                choices=skills,
                coerce=int,
                empty_value=None,
            )
            self.fields[f"level_{i}"] = forms.ChoiceField(
                label=_("Level of skill %(n)d") % {"n": i},
                choices=SkillLevel.choices,
                initial=SkillLevel.PRACTITIONER,
                required=False,
            )
            self.fields[f"required_{i}"] = forms.ChoiceField(
                label=_("Skill %(n)d is") % {"n": i},
                choices=[("1", _("required")), ("0", _("desired"))],
                initial="1",
                required=False,
            )

    def skills(self) -> list[tuple[int, str, bool]]:
        return [
            (
                self.cleaned_data[f"skill_{i}"],
                self.cleaned_data.get(f"level_{i}") or SkillLevel.PRACTITIONER,
                self.cleaned_data.get(f"required_{i}", "1") != "0",
            )
            for i in range(1, SKILL_ROWS + 1)
            if self.cleaned_data.get(f"skill_{i}")
        ]

    def skill_rows(self):
        return [
            (self[f"skill_{i}"], self[f"level_{i}"], self[f"required_{i}"])
            for i in range(1, SKILL_ROWS + 1)
        ]


class ApplyForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why you (motivation)"),
        min_length=10,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    organization = forms.ChoiceField(label=_("On behalf of"), required=False)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(o.code, o.name) for o in organizations]


class InterestsForm(forms.Form):
    seek = forms.MultipleChoiceField(
        label=_("I am looking for"),
        required=False,
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    offer = forms.MultipleChoiceField(
        label=_("I offer"),
        required=False,
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
