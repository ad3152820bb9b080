"""Forms of the pages: they check the shape of what is typed; the services hold the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from eenoverheid.organizations.selectors import policy_domains, provinces
from eenoverheid.solutions.models import (
    OPEN_VISIBILITY,
    CostModel,
    Phase,
    SolutionKind,
    SolutionStatus,
)
from eenoverheid.solutions.publiccode import MAX_BYTES


def _domain_choices():
    return [(d.code, d.label) for d in policy_domains()]


class _OrganizationChoice(forms.Form):
    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        if "organization" in self.fields:
            self.fields["organization"].choices = [(o.code, o.name) for o in organizations]
        if "policy_domains" in self.fields:
            self.fields["policy_domains"].choices = _domain_choices()


class SolutionForm(_OrganizationChoice):
    organization = forms.ChoiceField(label=_("Owner organization"))
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=SolutionKind.choices)
    summary = forms.CharField(label=_("In one sentence"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=SolutionStatus.choices, initial=SolutionStatus.IN_USE
    )
    policy_domains = forms.MultipleChoiceField(
        label=_("Policy domains"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    licence = forms.CharField(
        label=_("Licence"),
        max_length=100,
        required=False,
        help_text=_("An SPDX identifier, e.g. EUPL-1.2."),
    )
    source_url = forms.CharField(label=_("Source repository"), max_length=500, required=False)
    documentation_url = forms.CharField(label=_("Documentation"), max_length=500, required=False)
    website_url = forms.CharField(label=_("Website"), max_length=500, required=False)
    contact_name = forms.CharField(label=_("Contact name"), max_length=150, required=False)
    contact_email = forms.CharField(label=_("Contact e-mail"), max_length=254, required=False)
    cost_model = forms.ChoiceField(label=_("Cost model"), choices=CostModel.choices)
    cost_note = forms.CharField(label=_("About the costs"), max_length=300, required=False)
    standards = forms.CharField(
        label=_("Standards it implements"),
        max_length=2000,
        required=False,
        help_text=_("Separated by commas, e.g. NL API Design Rules, WCAG 2.1, OpenID Connect."),
    )
    visibility = forms.ChoiceField(label=_("Who sees it"), choices=OPEN_VISIBILITY)

    def standard_names(self) -> list[str]:
        return [s.strip() for s in self.cleaned_data.get("standards", "").split(",") if s.strip()]


class PubliccodeForm(_OrganizationChoice):
    organization = forms.ChoiceField(label=_("Owner organization"))
    upload = forms.FileField(label=_("publiccode.yml file"), required=False)
    text = forms.CharField(
        label=_("Or paste its text"),
        required=False,
        max_length=MAX_BYTES,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("From its categories")), *SolutionKind.choices],
        required=False,
    )
    policy_domains = forms.MultipleChoiceField(
        label=_("Policy domains"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    visibility = forms.ChoiceField(label=_("Who sees it"), choices=OPEN_VISIBILITY)

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        if upload:
            if upload.size > MAX_BYTES:
                self.add_error("upload", _("The file is larger than 256 KB."))
                return data
            try:
                data["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("upload", _("The file is not UTF-8 text."))
        elif not data.get("text", "").strip():
            self.add_error("text", _("Upload the file or paste its text."))
        return data


class AdoptionForm(_OrganizationChoice):
    organization = forms.ChoiceField(label=_("Your organization"))
    since = forms.DateField(
        label=_("In use since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("How you use it"), max_length=500, required=False)
    contact_me = forms.BooleanField(
        label=_("I am the contact person"), required=False, initial=True
    )


class InitiativeForm(_OrganizationChoice):
    organization = forms.ChoiceField(label=_("Lead organization"))
    title = forms.CharField(label=_("Title"), max_length=200)
    goal = forms.CharField(
        label=_("Goal"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    plan = forms.CharField(
        label=_("Plan"), max_length=20000, required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    euros_needed = forms.IntegerField(
        label=_("Euros needed"), min_value=0, max_value=10**10, initial=0
    )
    hours_needed = forms.IntegerField(
        label=_("Hours needed"), min_value=0, max_value=10**6, initial=0
    )
    points_needed = forms.IntegerField(
        label=_("Points needed"), min_value=0, max_value=10**9, initial=0
    )
    province = forms.ChoiceField(
        label=_("Region (province)"),
        required=False,
        help_text=_("Empty: the lead's province, or the whole country."),
    )
    policy_domains = forms.MultipleChoiceField(
        label=_("Policy domains"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    visibility = forms.ChoiceField(label=_("Who sees it"), choices=OPEN_VISIBILITY)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", "—")] + [(p.code, p.name) for p in provinces()]


class CommitmentForm(_OrganizationChoice):
    organization = forms.ChoiceField(label=_("Organization"))
    euros = forms.IntegerField(label=_("Euros"), min_value=0, max_value=10**10, initial=0)
    hours = forms.IntegerField(label=_("Hours"), min_value=0, max_value=10**6, initial=0)
    points = forms.IntegerField(
        label=_("Points"),
        min_value=0,
        max_value=10**9,
        initial=0,
        help_text=_("Reserved on your organization's account at once."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("New phase"), choices=Phase.choices)
    note = forms.CharField(label=_("Why"), max_length=500, required=False)


class IdeaForm(_OrganizationChoice):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Your idea"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8})
    )
    policy_domains = forms.MultipleChoiceField(
        label=_("Policy domains"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    visibility = forms.ChoiceField(label=_("Who sees it"), choices=OPEN_VISIBILITY)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your reaction"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ModerateForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("status", "status"), ("merge", "merge")], widget=forms.HiddenInput
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("new", _("New")),
            ("considering", _("Under consideration")),
            ("declined", _("Declined")),
        ],
    )
    reason = forms.CharField(label=_("Reason"), max_length=1000, required=False)
    into = forms.IntegerField(
        label=_("Number of the idea it duplicates"),
        required=False,
        min_value=1,
        max_value=2**31 - 1,
    )


class IdeaToInitiativeForm(_OrganizationChoice):
    organization = forms.ChoiceField(label=_("Lead organization"))
    euros_needed = forms.IntegerField(
        label=_("Euros needed"), min_value=0, max_value=10**10, initial=0
    )
    hours_needed = forms.IntegerField(
        label=_("Hours needed"), min_value=0, max_value=10**6, initial=0
    )
    points_needed = forms.IntegerField(
        label=_("Points needed"), min_value=0, max_value=10**9, initial=0
    )
