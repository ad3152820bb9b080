from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eenoverheid.datasets.selectors import theme_choices
from eenoverheid.organizations.models import PolicyDomain


class DatasetFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    publisher = forms.CharField(
        label=_("Publisher (code)"),
        required=False,
        max_length=200,
        help_text=_("For example gm0344 for the municipality of Utrecht."),
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    domain = forms.ChoiceField(label=_("Policy domain"), required=False)
    format = forms.CharField(label=_("Format"), required=False, max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [
            ("", _("All themes")),
            *theme_choices(get_language() or "nl"),
        ]
        self.fields["domain"].choices = [("", _("All policy domains"))] + [
            (d.code, f"{d.code} {d.name}") for d in PolicyDomain.objects.order_by("position")
        ]


class DatasetImportForm(forms.Form):
    file = forms.FileField(
        label=_("Catalogue file"),
        help_text=_("A DCAT (JSON-LD) or CKAN (JSON) export, at most 20 MB."),
    )
    organization = forms.ChoiceField(label=_("Publisher"), required=False)

    def __init__(self, *args, organizations=(), allow_all=False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(o.code, o.name) for o in organizations]
        if allow_all:
            choices = [("", _("Any publisher in the register")), *choices]
        self.fields["organization"].choices = choices
