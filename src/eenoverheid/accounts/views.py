"""Signing in (home-realm discovery), and an organization's sign-in and provisioning
settings for its administrators."""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.socialaccount.providers.openid_connect.views import login as oidc_login
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eenoverheid.accounts import identity_providers, provisioning, selectors
from eenoverheid.accounts.forms import DiscoverForm, IdentityProviderForm, ScimTokenForm
from eenoverheid.accounts.models import ScimToken
from eenoverheid.core.errors import DomainError
from eenoverheid.core.forms import report_domain_error
from eenoverheid.organizations.selectors import organization_get
from eenoverheid.organizations.services import require_admin


def _safe_next(request, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


@require_http_methods(["GET", "POST"])
def sign_in(request):
    """Step one: the address decides. People of an organization with its own identity
    provider go there; everyone else signs in with their password."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next") or "")
    if request.method == "GET":
        target = reverse("account_login")
        return redirect(f"{target}?{urlencode({'next': next_url})}" if next_url else target)
    form = DiscoverForm(request.POST)
    if form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        provider = selectors.identity_provider_for_email(email)
        if provider is not None:
            return _start_provider_sign_in(request, provider, email, next_url)
        query = {"email": email, **({"next": next_url} if next_url else {})}
        return redirect(f"{reverse('account_login')}?{urlencode(query)}")
    return render(
        request,
        "account/login.html",
        {"discover_form": form, "redirect_field_value": next_url},
        status=400,
    )


def _start_provider_sign_in(request, provider, email: str, next_url: str):
    """Hand over to allauth's OpenID Connect login: state, nonce and PKCE are made and
    kept there, and the browser is sent to the provider with the address as hint."""
    params = QueryDict(mutable=True)
    params.update({"process": "login", "auth_params": urlencode({"login_hint": email})})
    if next_url:
        params["next"] = next_url
    request.GET = params
    return oidc_login(request, provider_id=provider.app.provider_id)


# -- an organization's administrators -----------------------------------------------------


def _provider_fields(form) -> dict:
    data = dict(form.cleaned_data)
    data["domains"] = data.pop("domains_text", "").split()
    return data


@login_required
@require_http_methods(["GET", "POST"])
def organization_sign_in(request, code: str):
    """Sign-in and provisioning settings of one organization."""
    try:
        organization = organization_get(code=code)
    except DomainError:
        return render(request, "404.html", status=404)
    try:
        require_admin(user=request.user, organization=organization)
    except DomainError:
        return render(request, "403.html", status=403)
    provider_form = IdentityProviderForm(prefix="idp")
    token_form = ScimTokenForm(prefix="scim")
    new_token = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add_provider":
                provider_form = IdentityProviderForm(request.POST, prefix="idp")
                if provider_form.is_valid():
                    identity_providers.identity_provider_create(
                        organization=organization,
                        actor=request.user,
                        **_provider_fields(provider_form),
                    )
                    messages.success(request, _("The identity provider has been added."))
                    return redirect("accounts:organization_sign_in", code=organization.code)
            elif action == "remove_provider":
                provider = selectors.identity_provider_of(
                    organization, int(request.POST.get("provider_id") or 0)
                )
                identity_providers.identity_provider_delete(provider=provider, actor=request.user)
                messages.success(request, _("The identity provider has been removed."))
                return redirect("accounts:organization_sign_in", code=organization.code)
            elif action == "toggle_provider":
                provider = selectors.identity_provider_of(
                    organization, int(request.POST.get("provider_id") or 0)
                )
                identity_providers.identity_provider_update(
                    provider=provider, actor=request.user, is_active=not provider.is_active
                )
                messages.success(request, _("The identity provider has been saved."))
                return redirect("accounts:organization_sign_in", code=organization.code)
            elif action == "add_token":
                token_form = ScimTokenForm(request.POST, prefix="scim")
                if token_form.is_valid():
                    _token, new_token = provisioning.scim_token_create(
                        organization=organization,
                        actor=request.user,
                        name=token_form.cleaned_data["name"],
                    )
                    token_form = ScimTokenForm(prefix="scim")
            elif action == "revoke_token":
                token = ScimToken.objects.filter(
                    organization=organization, pk=int(request.POST.get("token_id") or 0)
                ).first()
                if token is not None:
                    provisioning.scim_token_revoke(token=token, actor=request.user)
                    messages.success(request, _("The token has been revoked."))
                return redirect("accounts:organization_sign_in", code=organization.code)
            else:
                messages.error(request, _("Unknown action."))
        except (DomainError, ValueError) as exc:
            target = {"add_provider": provider_form, "add_token": token_form}.get(action)
            if isinstance(exc, DomainError) and target is not None and target.is_bound:
                report_domain_error(target, exc, aliases={"domains": "domains_text"})
            else:
                messages.error(request, str(getattr(exc, "detail", "") or exc))
    return render(
        request,
        "accounts/organization_sign_in.html",
        {
            "organization": organization,
            "providers": selectors.identity_providers_of(organization),
            "tokens": selectors.scim_tokens_of(organization),
            "provider_form": provider_form,
            "token_form": token_form,
            "new_token": new_token,
            "scim_base": request.build_absolute_uri("/scim/v2/"),
            "callback_base": request.build_absolute_uri("/accounts/oidc/"),
            "provisioned_count": provisioning.people_of(organization).count(),
        },
        status=400 if request.method == "POST" and new_token is None else 200,
    )


# -- one's own API tokens --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    """Create, list and revoke one's personal API tokens. A new token is shown once."""
    from eenoverheid.accounts import services
    from eenoverheid.accounts.forms import ApiTokenForm

    form = ApiTokenForm()
    new_token = None
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            try:
                token = selectors.api_token_of(
                    user=request.user, token_id=int(request.POST.get("token_id") or 0)
                )
            except (DomainError, ValueError):
                return render(request, "404.html", status=404)
            services.api_token_revoke(token=token, actor=request.user)
            messages.success(request, _("The token has been revoked."))
            return redirect("accounts:api_tokens")
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                _token, new_token = services.api_token_create(
                    user=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                report_domain_error(form, exc)
            else:
                form = ApiTokenForm()
        if new_token is None:
            status = 400
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": selectors.api_tokens_of(user=request.user)[:100],
        },
        status=status,
    )
