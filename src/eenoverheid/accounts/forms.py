"""Sign-in and sign-up forms: where an organization signs its people in itself, the
platform does not take their password."""

from __future__ import annotations

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eenoverheid.accounts.selectors import identity_provider_for_email


def _provider_message(provider) -> str:
    return _(
        "%(organization)s signs its people in itself. Choose “Continue” and sign in "
        "with %(provider)s."
    ) % {"organization": provider.organization.name, "provider": provider.name}


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.request
        if request is not None and not self.is_bound and request.GET.get("email"):
            self.fields["login"].initial = request.GET["email"][:254]

    def clean(self):
        email = (self.cleaned_data.get("login") or "").strip()
        provider = identity_provider_for_email(email) if email else None
        if provider is not None:
            from eenoverheid.accounts.models import User

            # Platform administrators keep a way in when an organization's provider fails.
            if not User.objects.filter(email__iexact=email, is_superuser=True).exists():
                raise forms.ValidationError(_provider_message(provider), code="use_provider")
        return super().clean()


class SignupForm(AllauthSignupForm):
    def clean_email(self):
        email = super().clean_email()
        provider = identity_provider_for_email(email)
        if provider is not None:
            raise forms.ValidationError(_provider_message(provider), code="use_provider")
        return email


class DiscoverForm(forms.Form):
    """Step one of signing in: the address tells whose sign-in applies."""

    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class IdentityProviderForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("As your colleagues know it, such as “Utrecht Entra ID”."),
    )
    issuer = forms.CharField(
        label=gettext_lazy("Issuer"),
        max_length=500,
        help_text=gettext_lazy(
            "The address under which the provider publishes /.well-known/openid-configuration."
        ),
    )
    client_id = forms.CharField(label=gettext_lazy("Client id"), max_length=191)
    client_secret = forms.CharField(
        label=gettext_lazy("Client secret"),
        max_length=191,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )
    scopes = forms.CharField(
        label=gettext_lazy("Scopes"), max_length=300, initial="openid profile email"
    )
    email_claim = forms.CharField(label=gettext_lazy("E-mail claim"), initial="email")
    name_claim = forms.CharField(label=gettext_lazy("Name claim"), initial="name")
    uid_claim = forms.CharField(label=gettext_lazy("Unique id claim"), initial="sub")
    domains_text = forms.CharField(
        label=gettext_lazy("E-mail domains"),
        max_length=2000,
        help_text=gettext_lazy(
            "Separated by spaces. People with an address on these domains sign in here."
        ),
    )


class ScimTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("Which system uses it, such as “Entra ID provisioning”."),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What it is for, such as “Rapportage-script”."),
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Permissions"),
        choices=[
            ("read", gettext_lazy("Read only")),
            ("write", gettext_lazy("Read and write")),
        ],
        initial="read",
    )
    expires_in_days = forms.TypedChoiceField(
        label=gettext_lazy("Valid for"),
        coerce=int,
        choices=[
            (30, gettext_lazy("30 days")),
            (90, gettext_lazy("90 days")),
            (365, gettext_lazy("one year")),
        ],
        initial=90,
    )
