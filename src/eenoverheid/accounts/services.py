"""Every write about accounts: users, verified addresses, API tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenoverheid.accounts.models import ApiToken, ApiTokenScope, User
from eenoverheid.core.errors import Conflict, InvalidInput
from eenoverheid.core.services import audit_record
from eenoverheid.organizations import services as organization_services

TOKEN_PREFIX = "eo"
# Writing last_used_at on every request would turn every API read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token_secret() -> tuple[str, str, str]:
    """A public prefix, a secret and the secret's hash: what a bearer token is made of
    (personal API tokens and provisioning tokens alike). Only the hash is stored."""
    secret = secrets.token_urlsafe(32)
    return secrets.token_hex(6), secret, _hash_secret(secret)


def secret_matches(stored_hash: str, secret: str) -> bool:
    """Constant-time comparison of a presented secret with the stored hash."""
    return hmac.compare_digest(stored_hash, _hash_secret(secret))


@transaction.atomic
def user_get_or_create_verified(
    *, email: str, name: str = "", password: str | None = None
) -> tuple[User, bool]:
    """A user whose address counts as verified (created by an administrator or a
    command, not by sign-up). Grants the membership that the address's domain implies."""
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User.objects.create_user(email=email, password=password, name=name)
        audit_record(actor=None, action="user.created", obj=user)
    address, _ = EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
    user_email_verified(user=user, email=email)
    return user, created


def user_email_verified(*, user: User, email: str) -> None:
    """Called whenever an address of `user` becomes verified."""
    organization_services.membership_grant_for_verified_email(user=user, email=email)


@transaction.atomic
def user_delete(*, user: User, confirm_email: str) -> None:
    """Delete one's own account. The typed address guards against doing so by accident."""
    if (confirm_email or "").strip().lower() != user.email.lower():
        raise InvalidInput.for_field(
            "confirm_email", _("Type your own e-mail address to confirm."), "mismatch"
        )
    user_erase(user=user)


@transaction.atomic
def user_erase(*, user: User) -> None:
    """Remove a person and everything hanging from them (profile, skills, memberships,
    tokens, sessions, search evidence) in one transaction. What they wrote for others
    stays, attributed to a former member; the audit log keeps the acts without the name.

    A person who leads a challenge hands the lead over first: a challenge without a
    lead would have nobody to answer for it."""
    from eenoverheid.challenges.models import Challenge
    from eenoverheid.core.services import audit_forget_actor

    led = list(Challenge.objects.filter(lead=user).values_list("title", flat=True)[:5])
    if led:
        raise Conflict(
            _("Hand over the lead of these challenges first: %(titles)s.")
            % {"titles": ", ".join(led)}
        )
    from allauth.usersessions.models import UserSession

    for session in UserSession.objects.filter(user=user):
        session.end()
    audit_record(actor=None, action="user.deleted", changes={"user_id": user.pk})
    audit_forget_actor(user=user)
    user.delete()


@transaction.atomic
def user_update(
    *, user: User, name: str | None = None, preferred_language: str | None = None
) -> User:
    changes = {}
    if name is not None and name != user.name:
        changes["name"] = [user.name, name]
        user.name = name
    if preferred_language is not None and preferred_language != user.preferred_language:
        valid = {code for code, _label in User._meta.get_field("preferred_language").choices}
        if preferred_language not in valid:
            raise InvalidInput.for_field("preferred_language", f"Choose one of {sorted(valid)}.")
        changes["preferred_language"] = [user.preferred_language, preferred_language]
        user.preferred_language = preferred_language
    if changes:
        user.full_clean(exclude=["password"])
        user.save(update_fields=list(changes))
        audit_record(actor=user, action="user.updated", obj=user, changes=changes)
    return user


@transaction.atomic
def api_token_create(
    *,
    user: User,
    name: str,
    scope: str = ApiTokenScope.WRITE,
    expires_in_days: int | None = 365,
) -> tuple[ApiToken, str]:
    """Create a token and return it with its one-time plain text `eo_<prefix>_<secret>`."""
    name = name.strip()
    if not name:
        raise InvalidInput.for_field("name", "A token needs a name.", code="required")
    if scope not in ApiTokenScope.values:
        raise InvalidInput.for_field("scope", f"Choose one of {ApiTokenScope.values}.")
    if expires_in_days is not None and not 1 <= expires_in_days <= 3650:
        raise InvalidInput.for_field("expires_in_days", "Choose between 1 and 3650 days.")
    prefix, secret, secret_hash = new_token_secret()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        secret_hash=secret_hash,
        scope=scope,
        expires_at=timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    audit_record(actor=user, action="api_token.created", obj=token, changes={"scope": scope})
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


def api_token_authenticate(*, raw: str) -> ApiToken | None:
    """The usable token that `raw` stands for, or None. Constant-time on the secret."""
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    _, prefix, secret = parts
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not secret_matches(token.secret_hash, secret):
        return None
    now = timezone.now()
    if not token.is_usable(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="api_token.revoked", obj=token)
    return token
