"""Reads of the organization register that other apps use."""

from __future__ import annotations

from eenoverheid.organizations.models import EmailDomain, Membership, Organization


def email_domain_candidates(email: str) -> list[str]:
    """`a@x.utrecht.nl` -> ["x.utrecht.nl", "utrecht.nl"]: the domain and its parents,
    down to two labels."""
    domain = email.rsplit("@", 1)[-1].strip().lower().rstrip(".")
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(max(len(labels) - 1, 1))]


def organization_for_email(*, email: str) -> Organization | None:
    """The active organization whose e-mail domain matches `email` most specifically."""
    candidates = email_domain_candidates(email)
    matches = {
        d.domain.lower(): d.organization
        for d in EmailDomain.objects.filter(
            domain__in=candidates, organization__is_active=True
        ).select_related("organization")
    }
    return next((matches[c] for c in candidates if c in matches), None)


def memberships_of(*, user) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user=user).select_related("organization"))
