from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from eenoverheid.organizations import selectors as org_selectors
from eenoverheid.organizations.models import GovernmentLayer, OrganizationKind
from eenoverheid.people.models import LANGUAGES, PROFILE_VISIBILITY, SkillLevel


def skill_input() -> forms.TextInput:
    """A text field that asks for suggestions while typing and offers them in a datalist
    (native, keyboard- and screen-reader-friendly)."""
    return forms.TextInput(
        attrs={
            "list": "skill-suggestions",
            "autocomplete": "off",
            "hx-get": reverse_lazy("people:skill_suggestions"),
            "hx-trigger": "input changed delay:250ms",
            "hx-target": "#skill-suggestions",
            # not what the surrounding filter form would pass down
            "hx-swap": "innerHTML",
            "hx-push-url": "false",
            "hx-sync": "this:replace",
        }
    )


class PeopleSearchForm(forms.Form):
    q = forms.CharField(
        label=_("What are you looking for?"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. jeugdzorg inkoop")}),
    )
    skill = forms.CharField(label=_("Skill"), required=False, max_length=120, widget=skill_input())
    organization_kind = forms.ChoiceField(label=_("Kind of organization"), required=False)
    layer = forms.ChoiceField(label=_("Government layer"), required=False)
    province = forms.ChoiceField(label=_("Province"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    available = forms.BooleanField(
        label=_("Only people available for gigs and reviews"), required=False
    )
    organization = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["organization_kind"].choices = [
            ("", _("All kinds")),
            *list(OrganizationKind.choices),
        ]
        self.fields["layer"].choices = [("", _("All layers")), *list(GovernmentLayer.choices)]
        self.fields["province"].choices = [("", _("All provinces"))] + [
            (p.code, p.short_name or p.name) for p in org_selectors.provinces()
        ]
        self.fields["municipality"].choices = [("", _("Any municipality"))] + [
            (m.code, m.short_name or m.name)
            for m in org_selectors.municipalities().order_by("short_name")
        ]


class ProfileForm(forms.Form):
    job_title = forms.CharField(label=_("Job title"), required=False, max_length=150)
    bio = forms.CharField(
        label=_("About me"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you work on and what colleagues can ask you. At most 2000 characters."),
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        max_length=500,
        help_text=_("Topics in your own words, separated by commas."),
    )
    work_municipality = forms.ChoiceField(label=_("Municipality where I work"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, choices=LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    available = forms.BooleanField(label=_("I am available for gigs and reviews"), required=False)
    hours_per_week = forms.IntegerField(
        label=_("Hours a week"), required=False, min_value=1, max_value=40
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=32,
        help_text=_("Shown to signed-in civil servants only, never publicly."),
    )
    visibility = forms.ChoiceField(
        label=_("Who may see my profile"), choices=PROFILE_VISIBILITY, widget=forms.RadioSelect
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("PNG, JPEG or WebP, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["work_municipality"].choices = [("", _("Not given"))] + [
            (m.code, m.short_name or m.name)
            for m in org_selectors.municipalities().order_by("short_name")
        ]


class SkillAddForm(forms.Form):
    skill = forms.CharField(
        label=_("Skill"),
        max_length=120,
        widget=skill_input(),
        help_text=_("Start typing and choose from the list."),
    )
    level = forms.ChoiceField(
        label=_("Level"), choices=SkillLevel.choices, initial=SkillLevel.PRACTITIONER
    )


class SkillProposalForm(forms.Form):
    name = forms.CharField(label=_("Name of the skill"), min_length=2, max_length=120)
    description = forms.CharField(
        label=_("What it means"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    level = forms.ChoiceField(
        label=_("Your level"), choices=SkillLevel.choices, initial=SkillLevel.PRACTITIONER
    )


class AccountDeleteForm(forms.Form):
    confirm_email = forms.EmailField(label=_("Type your e-mail address to confirm"))
