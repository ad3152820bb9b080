from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from eenoverheid.organizations import selectors
from eenoverheid.organizations.models import GovernmentLayer, OrganizationKind


def _domain_choices(empty_label):
    return [("", empty_label)] + [
        (d.code, f"{d.code} {d.label}" if d.parent_id else f"{d.code} {d.label}".upper())
        for d in selectors.policy_domains()
    ]


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    layer = forms.ChoiceField(label=_("Government layer"), required=False)
    province = forms.ChoiceField(label=_("Province"), required=False)
    municipality = forms.ChoiceField(label=_("Covers municipality"), required=False)
    domain = forms.ChoiceField(label=_("Policy domain"), required=False)
    include_inactive = forms.BooleanField(
        label=_("Include dissolved organizations"), required=False
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *list(OrganizationKind.choices)]
        self.fields["layer"].choices = [("", _("All layers")), *list(GovernmentLayer.choices)]
        self.fields["province"].choices = [("", _("All provinces"))] + [
            (p.code, p.short_name or p.name) for p in selectors.provinces()
        ]
        self.fields["municipality"].choices = [("", _("Any municipality"))] + [
            (m.code, m.short_name or m.name)
            for m in selectors.municipalities().order_by("short_name")
        ]
        self.fields["domain"].choices = _domain_choices(_("All policy domains"))


class CoveringForm(forms.Form):
    gemeente = forms.ChoiceField(label=_("Municipality"))
    domein = forms.ChoiceField(label=_("Policy domain"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = [("", _("Choose a municipality"))] + [
            (m.code, m.short_name or m.name)
            for m in selectors.municipalities().order_by("short_name")
        ]
        self.fields["domein"].choices = _domain_choices(_("All policy domains"))


class OrganizationProfileForm(forms.Form):
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What your organization does and whom to contact. At most 5000 characters."),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG, WebP or GIF, at most 1 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        ),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)


class EmailDomainForm(forms.Form):
    domain = forms.CharField(
        label=_("E-mail domain"),
        max_length=253,
        help_text=_("For example: werk.gemeente.nl. Verified addresses on it make people members."),
    )


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TeamMemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the colleague"),
        help_text=_("They must be a member of the organization on the platform."),
    )
