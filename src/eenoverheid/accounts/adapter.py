"""django-allauth hooks: where sign-up and verification meet the platform's rules."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.db import transaction
from django.utils.translation import gettext as _

from eenoverheid.accounts import services
from eenoverheid.core.services import audit_record


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            audit_record(actor=None, action="user.signed_up", obj=user)
        return user

    def confirm_email(self, request, email_address):
        with transaction.atomic():
            confirmed = super().confirm_email(request, email_address)
            if confirmed:
                services.user_email_verified(user=email_address.user, email=email_address.email)
        return confirmed


class SignInRefused(Exception):
    pass


def _claims(sociallogin) -> dict:
    data = sociallogin.account.extra_data or {}
    merged = dict(data.get("id_token") or {})
    merged.update(data.get("userinfo") or {})
    return merged


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Sign-in through an organization's OpenID Connect provider.

    The provider speaks only for its own e-mail domains: an address elsewhere is refused.
    A person with an account on that address is signed in to it (the organization vouches
    for the address); someone new gets an account and membership of the organization."""

    def identity_provider(self, sociallogin):
        from eenoverheid.accounts.models import IdentityProvider

        return (
            IdentityProvider.objects.select_related("organization")
            .prefetch_related("domains")
            .filter(app__provider_id=sociallogin.account.provider, is_active=True)
            .first()
        )

    def pre_social_login(self, request, sociallogin):
        from allauth.account.models import EmailAddress

        from eenoverheid.accounts.models import User
        from eenoverheid.organizations.selectors import email_domain_candidates

        provider = self.identity_provider(sociallogin)
        if provider is None:
            self._refuse(request, _("This sign-in method is no longer in use."), "inactive")
        claims = _claims(sociallogin)
        email = str(claims.get(provider.email_claim) or "").strip().lower()
        served = {d.domain for d in provider.domains.all()}
        if not email or not served.intersection(email_domain_candidates(email)):
            self._refuse(
                request,
                _("%(provider)s signs in addresses on %(domains)s only, not %(email)s.")
                % {
                    "provider": provider.name,
                    "domains": ", ".join(sorted(served)),
                    "email": email or _("(no address)"),
                },
                "foreign_address",
                provider=provider,
            )
        name = str(claims.get(provider.name_claim) or "").strip()[:150]
        sociallogin.email_addresses = [EmailAddress(email=email, verified=True, primary=True)]
        sociallogin.user.email = email
        if name:
            sociallogin.user.name = name
        request._eenoverheid_identity_provider = provider
        if sociallogin.is_existing:
            user = sociallogin.user
            if not user.is_active:
                self._refuse(request, _("This account has been deactivated."), "inactive_user")
            return
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None:
            if not existing.is_active:
                self._refuse(request, _("This account has been deactivated."), "inactive_user")
            sociallogin.connect(request, existing)
            EmailAddress.objects.filter(user=existing, email__iexact=email).update(verified=True)
            self._member(existing, provider)

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        provider = getattr(request, "_eenoverheid_identity_provider", None)
        if provider is not None:
            audit_record(actor=None, action="user.signed_up_with_provider", obj=user)
            self._member(user, provider)
        return user

    def _member(self, user, provider) -> None:
        from eenoverheid.organizations.models import MembershipSource
        from eenoverheid.organizations.services import membership_ensure

        membership_ensure(
            user=user, organization=provider.organization, source=MembershipSource.EMAIL_DOMAIN
        )

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        full = " ".join(p for p in [data.get("first_name"), data.get("last_name")] if p)
        user.name = (data.get("name") or full or "")[:150]
        return user

    def is_open_for_signup(self, request, sociallogin):
        return True

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        """Tell the person what went wrong, in words, and record it for the
        organization's administrators."""
        import jwt

        cause = exception.__cause__ if exception is not None else None
        context = extra_context or {}
        if exception is None and "state_id" in context:
            reason, code = (
                _(
                    "The sign-in could not be matched to the one you started here (the "
                    "state did not match). Start again from the sign-in page."
                ),
                "state_mismatch",
            )
        elif isinstance(cause, jwt.ExpiredSignatureError):
            reason, code = (
                _("Your organization's sign-in had expired. Please sign in again."),
                "expired_token",
            )
        elif isinstance(cause, jwt.InvalidIssuerError):
            reason, code = (
                _(
                    "Your organization's sign-in came from another issuer than the one "
                    "configured. Ask your organization's administrator to check the "
                    "identity provider."
                ),
                "wrong_issuer",
            )
        elif isinstance(cause, jwt.InvalidAudienceError):
            reason, code = (
                _("Your organization's sign-in was meant for another application."),
                "wrong_audience",
            )
        elif error == "cancelled":
            return
        else:
            reason, code = (
                _("Signing in with your organization did not succeed. Please try again."),
                "failed",
            )
        self._refuse(request, reason, code, provider=None, app_provider=provider)

    def _refuse(self, request, reason, code, provider=None, app_provider=None):
        from allauth.core.exceptions import ImmediateHttpResponse
        from django.shortcuts import render

        if provider is None and app_provider is not None:
            from eenoverheid.accounts.models import IdentityProvider

            provider = (
                IdentityProvider.objects.select_related("organization")
                .filter(app__provider_id=getattr(app_provider, "sub_id", None))
                .first()
            )
        audit_record(
            actor=None,
            action="sign_in.refused",
            obj=provider.organization if provider else None,
            changes={"reason": code, "provider": provider.name if provider else None},
        )
        response = render(
            request,
            "account/sign_in_refused.html",
            {"reason": reason, "code": code, "provider": provider},
            status=403 if code in {"foreign_address", "inactive_user"} else 400,
        )
        raise ImmediateHttpResponse(response)
