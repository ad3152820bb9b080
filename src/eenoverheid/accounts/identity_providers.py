"""Sign-in with one's own organization: its OpenID Connect providers.

An organization's administrator configures a provider and the e-mail domains it serves.
Each provider is kept in step with a row of allauth's SocialApp (provider
"openid_connect", one `provider_id` per provider), which performs the protocol: discovery,
the authorization-code flow with PKCE and the ID token checks (issuer, audience, expiry).
"""

from __future__ import annotations

import re
import secrets
from urllib.parse import urlsplit

from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from eenoverheid.accounts.models import IdentityProvider, IdentityProviderDomain
from eenoverheid.core.errors import Conflict, InvalidInput, InvalidParam
from eenoverheid.core.services import audit_record
from eenoverheid.core.visibility import is_platform_admin
from eenoverheid.organizations.models import EmailDomain, Organization
from eenoverheid.organizations.services import DOMAIN_NAME, require_admin

CLAIM = re.compile(r"^[A-Za-z_][A-Za-z0-9_:.\-]{0,63}$")
SCOPE = re.compile(r"^[A-Za-z0-9_:./\-]{1,64}$")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class _Bad(Exception):
    """One invalid field, collected by _clean so that all are reported together."""

    def __init__(self, name: str, reason: str, code: str = "invalid"):
        super().__init__(reason)
        self.param = InvalidParam(name=name, reason=reason, code=code)


def _issuer(value: str) -> str:
    value = (value or "").strip().rstrip("/")
    parts = urlsplit(value)
    loopback_ok = getattr(settings, "OIDC_ALLOW_HTTP_LOOPBACK", False)
    secure = parts.scheme == "https" or (
        parts.scheme == "http" and loopback_ok and parts.hostname in LOOPBACK
    )
    if not parts.hostname or not secure or parts.query or parts.fragment:
        raise _Bad("issuer", _("Enter the provider's https:// issuer address."), "url")
    if len(value) > 500:
        raise _Bad("issuer", _("At most 500 characters."), "max_length")
    return value.removesuffix("/.well-known/openid-configuration")


def _domains(values, organization: Organization, actor, provider=None) -> list[str]:
    cleaned = []
    for value in values or []:
        domain = str(value).strip().lower().rstrip(".").removeprefix("@")
        if not DOMAIN_NAME.match(domain):
            raise _Bad(
                "domains", _("%(domain)s is not a domain name.") % {"domain": value}, "invalid"
            )
        if domain not in cleaned:
            cleaned.append(domain)
    if not cleaned:
        raise _Bad("domains", _("Name at least one e-mail domain."), "required")
    owned = [
        d.lower()
        for d in EmailDomain.objects.filter(organization=organization).values_list(
            "domain", flat=True
        )
    ]
    for domain in cleaned:
        mine = any(domain == o or domain.endswith("." + o) for o in owned)
        if not mine and not is_platform_admin(actor):
            raise _Bad(
                "domains",
                _("%(domain)s is not one of the organization's e-mail domains.")
                % {"domain": domain},
                "not_owned",
            )
        taken = IdentityProviderDomain.objects.filter(domain__iexact=domain).select_related(
            "provider__organization"
        )
        if provider is not None:
            taken = taken.exclude(provider=provider)
        other = taken.first()
        if other is not None:
            raise _Bad(
                "domains",
                _("%(domain)s is served by %(provider)s already.")
                % {"domain": domain, "provider": other.provider},
                "taken",
            )
        foreign = EmailDomain.objects.filter(domain__iexact=domain).exclude(
            organization=organization
        )
        if foreign.exists():
            raise _Bad(
                "domains",
                _("%(domain)s belongs to another organization.") % {"domain": domain},
                "taken",
            )
    return cleaned


def _clean(fields: dict, *, organization, actor, provider=None) -> dict:
    """Every field checked; every problem reported at once."""
    problems: list[InvalidParam] = []
    out: dict = {}

    def check(name, fn):
        try:
            out[name] = fn()
        except _Bad as problem:
            problems.append(problem.param)

    def text(name, limit, required=True):
        value = str(fields.get(name) or "").strip()
        if required and not value:
            raise _Bad(name, _("This field is required."), "required")
        if len(value) > limit:
            raise _Bad(name, _("At most %(n)d characters.") % {"n": limit}, "max_length")
        return value

    def claim(name, default):
        value = str(fields.get(name) or default).strip()
        if not CLAIM.match(value):
            raise _Bad(name, _("Enter the name of a claim, such as email."), "invalid")
        return value

    def scopes():
        value = fields.get("scopes") or "openid profile email"
        items = value.split() if isinstance(value, str) else [str(v) for v in value]
        if "openid" not in items:
            raise _Bad("scopes", _("The scopes must include openid."), "invalid")
        if any(not SCOPE.match(s) for s in items) or len(" ".join(items)) > 300:
            raise _Bad("scopes", _("Separate scopes by spaces."), "invalid")
        return " ".join(dict.fromkeys(items))

    check("name", lambda: text("name", 100))
    check("issuer", lambda: _issuer(fields.get("issuer")))
    check("client_id", lambda: text("client_id", 191))
    check("client_secret", lambda: text("client_secret", 191, required=provider is None))
    check("scopes", scopes)
    check("email_claim", lambda: claim("email_claim", "email"))
    check("name_claim", lambda: claim("name_claim", "name"))
    check("uid_claim", lambda: claim("uid_claim", "sub"))
    check("domains", lambda: _domains(fields.get("domains"), organization, actor, provider))
    out["is_active"] = fields.get("is_active", True) is not False
    if problems:
        raise InvalidInput(problems[0].reason, invalid_params=problems)
    return out


def _sync_app(provider: IdentityProvider, client_secret: str | None) -> None:
    app = provider.app
    app.name = f"{provider.organization.name}: {provider.name}"[:40]
    app.client_id = provider.client_id
    if client_secret:
        app.secret = client_secret
    app.settings = {
        "server_url": provider.issuer,
        "scope": provider.scopes.split(),
        "uid_field": provider.uid_claim,
        "fetch_userinfo": True,
        "oauth_pkce_enabled": True,
    }
    app.save()


@transaction.atomic
def identity_provider_create(*, organization: Organization, actor, **fields) -> IdentityProvider:
    require_admin(user=actor, organization=organization)
    data = _clean(fields, organization=organization, actor=actor)
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id=f"org{organization.pk}-{secrets.token_hex(4)}",
        name=data["name"][:40],
        client_id=data["client_id"],
        secret=data["client_secret"],
    )
    provider = IdentityProvider.objects.create(
        organization=organization,
        app=app,
        name=data["name"],
        issuer=data["issuer"],
        client_id=data["client_id"],
        scopes=data["scopes"],
        email_claim=data["email_claim"],
        name_claim=data["name_claim"],
        uid_claim=data["uid_claim"],
        is_active=data["is_active"],
    )
    _set_domains(provider, data["domains"])
    _sync_app(provider, data["client_secret"])
    audit_record(
        actor=actor,
        action="identity_provider.created",
        obj=provider,
        changes={"issuer": provider.issuer, "domains": data["domains"]},
    )
    return provider


def _set_domains(provider: IdentityProvider, domains: list[str]) -> None:
    provider.domains.exclude(domain__in=domains).delete()
    existing = set(provider.domains.values_list("domain", flat=True))
    try:
        with transaction.atomic():
            IdentityProviderDomain.objects.bulk_create(
                IdentityProviderDomain(provider=provider, domain=d)
                for d in domains
                if d not in existing
            )
    except IntegrityError as exc:  # another provider claimed the domain at the same moment
        raise Conflict(_("One of these domains is served by another provider already.")) from exc


@transaction.atomic
def identity_provider_update(*, provider: IdentityProvider, actor, **fields) -> IdentityProvider:
    provider = (
        IdentityProvider.objects.select_for_update().select_related("app").get(pk=provider.pk)
    )
    require_admin(user=actor, organization=provider.organization)
    current = {
        "name": provider.name,
        "issuer": provider.issuer,
        "client_id": provider.client_id,
        "scopes": provider.scopes,
        "email_claim": provider.email_claim,
        "name_claim": provider.name_claim,
        "uid_claim": provider.uid_claim,
        "domains": list(provider.domains.values_list("domain", flat=True)),
        "is_active": provider.is_active,
    }
    merged = {**current, **{k: v for k, v in fields.items() if v is not None}}
    data = _clean(merged, organization=provider.organization, actor=actor, provider=provider)
    changes = {k: data[k] for k in current if data.get(k) != current[k]}
    for name in ("name", "issuer", "client_id", "scopes", "email_claim", "name_claim"):
        setattr(provider, name, data[name])
    provider.uid_claim = data["uid_claim"]
    provider.is_active = data["is_active"]
    provider.save()
    _set_domains(provider, data["domains"])
    _sync_app(provider, data.get("client_secret") or None)
    if data.get("client_secret"):
        changes["client_secret"] = "changed"
    audit_record(actor=actor, action="identity_provider.updated", obj=provider, changes=changes)
    return provider


@transaction.atomic
def identity_provider_delete(*, provider: IdentityProvider, actor) -> None:
    """People who signed in with it keep their accounts; they sign in by password (with a
    password reset) or through another provider."""
    require_admin(user=actor, organization=provider.organization)
    audit_record(
        actor=actor,
        action="identity_provider.deleted",
        obj=provider.organization,
        changes={"provider": provider.name, "issuer": provider.issuer},
    )
    app = provider.app
    provider.delete()
    app.delete()
