from django import forms
from django.utils.translation import gettext_lazy as _

from eenoverheid.challenges.models import CHALLENGE_VISIBILITY, AreaKind, ChallengeStatus
from eenoverheid.organizations.models import (
    AreaScope,
    Organization,
    OrganizationKind,
    PolicyDomain,
)
from eenoverheid.people.models import Skill, SkillStatus

SKILL_ROWS = 6


def _municipality_choices():
    return [
        (m.code, m.name)
        for m in Organization.objects.active()
        .municipalities()
        .order_by("name")
        .only("code", "name")
    ]


def _region_choices():
    regions = (
        Organization.objects.active()
        .filter(area_scope=AreaScope.MUNICIPALITIES)
        .exclude(kind__in=[OrganizationKind.MUNICIPALITY, OrganizationKind.PROVINCE])
        .order_by("name")
        .only("code", "name")
    )
    return [("", "—")] + [(r.code, r.name) for r in regions]


class ChallengeForm(forms.Form):
    organization = forms.ChoiceField(label=_("On behalf of"))
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 6})
    )
    area_kind = forms.ChoiceField(
        label=_("Area"), choices=AreaKind.choices, widget=forms.RadioSelect
    )
    municipalities = forms.MultipleChoiceField(
        label=_("Municipalities"),
        required=False,
        help_text=_("For an area of one or more municipalities. Hold Ctrl to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    province = forms.ChoiceField(label=_("Province"), required=False)
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        help_text=_(
            "A regional body (safety region, health service, joint body) whose area it is."
        ),
    )
    policy_domains = forms.MultipleChoiceField(
        label=_("Policy domains"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    information_needs = forms.CharField(
        label=_("Information needed"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Which data or knowledge the challenge needs; datasets are suggested from it."),
    )
    starts_on = forms.DateField(
        label=_("Starts"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    team_size = forms.IntegerField(label=_("Team size"), min_value=1, max_value=25, initial=6)
    visibility = forms.ChoiceField(label=_("Who can see it"), choices=CHALLENGE_VISIBILITY)
    status = forms.ChoiceField(label=_("Status"), choices=ChallengeStatus.choices, required=False)

    def __init__(self, *args, organizations=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(o.code, o.name) for o in organizations]
        if editing:
            del self.fields["organization"]
        else:
            del self.fields["status"]
        self.fields["municipalities"].choices = _municipality_choices()
        self.fields["province"].choices = [("", "—")] + [
            (p.code, p.name)
            for p in Organization.objects.active()
            .filter(kind=OrganizationKind.PROVINCE)
            .order_by("name")
        ]
        self.fields["region"].choices = _region_choices()
        self.fields["policy_domains"].choices = [
            (d.code, f"{d.code} {d.name}") for d in PolicyDomain.objects.order_by("position")
        ]
        skills = [("", "—")] + [
            (str(s.pk), s.name)
            for s in Skill.objects.filter(status=SkillStatus.ACTIVE)
            .order_by("name")
            .only("id", "name")
        ]
        for i in range(1, SKILL_ROWS + 1):
            self.fields[f"skill_{i}"] = forms.ChoiceField(
                label=_("Skill %(n)d") % {"n": i}, required=False, choices=skills
            )
            self.fields[f"people_{i}"] = forms.IntegerField(
                label=_("People needed for skill %(n)d") % {"n": i},
                required=False,
                min_value=1,
                max_value=10,
                initial=1,
            )

    def skill_rows(self):
        return [(self[f"skill_{i}"], self[f"people_{i}"]) for i in range(1, SKILL_ROWS + 1)]

    def main_fields(self):
        return [f for f in self if not f.name.startswith(("skill_", "people_"))]

    def needs(self) -> list[tuple[int, int]]:
        out = []
        for i in range(1, SKILL_ROWS + 1):
            skill = self.cleaned_data.get(f"skill_{i}")
            if skill:
                out.append((int(skill), self.cleaned_data.get(f"people_{i}") or 1))
        return out

    def area_code(self) -> str | None:
        kind = self.cleaned_data.get("area_kind")
        if kind == AreaKind.PROVINCE:
            return self.cleaned_data.get("province") or None
        if kind == AreaKind.REGION:
            return self.cleaned_data.get("region") or None
        return None


class ChallengeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    province = forms.ChoiceField(label=_("Province"), required=False)
    municipality = forms.CharField(
        label=_("Municipality (code)"),
        required=False,
        max_length=20,
        help_text=_("For example GM0344."),
    )
    domain = forms.ChoiceField(label=_("Policy domain"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *ChallengeStatus.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("All provinces"))] + [
            (p.code, p.name)
            for p in Organization.objects.active()
            .filter(kind=OrganizationKind.PROVINCE)
            .order_by("name")
        ]
        self.fields["domain"].choices = [("", _("All policy domains"))] + [
            (d.code, f"{d.code} {d.name}") for d in PolicyDomain.objects.order_by("position")
        ]


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    due_on = forms.DateField(
        label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", _("Nobody yet"))] + [
            (str(m.user_id), str(m.user)) for m in members
        ]


class LinkForm(forms.Form):
    challenge = forms.IntegerField(label=_("Number of the related challenge"), min_value=1)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
