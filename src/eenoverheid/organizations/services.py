"""Writes of the organization register: memberships."""

from __future__ import annotations

from django.db import transaction

from eenoverheid.core.services import audit_record
from eenoverheid.organizations.models import (
    Membership,
    MembershipRole,
    MembershipSource,
    Organization,
)
from eenoverheid.organizations.selectors import organization_for_email


@transaction.atomic
def membership_ensure(
    *,
    user,
    organization: Organization,
    role: str = MembershipRole.MEMBER,
    source: str = MembershipSource.MANUAL,
    actor=None,
) -> Membership:
    """Make `user` a member of `organization`; never lowers an existing role.

    Safe under concurrent calls: the unique constraint on (user, organization) decides,
    and `get_or_create` returns the row that won.
    """
    membership, created = Membership.objects.get_or_create(
        user=user, organization=organization, defaults={"role": role, "source": source}
    )
    if created:
        audit_record(
            actor=actor or user,
            action="membership.created",
            obj=membership,
            changes={"role": role, "source": source},
        )
    elif role == MembershipRole.ADMIN and membership.role != MembershipRole.ADMIN:
        membership.role = MembershipRole.ADMIN
        membership.save(update_fields=["role"])
        audit_record(
            actor=actor, action="membership.role_changed", obj=membership, changes={"role": role}
        )
    return membership


def membership_grant_for_verified_email(*, user, email: str) -> Membership | None:
    """A verified address on an organization's domain makes its holder a member."""
    organization = organization_for_email(email=email)
    if organization is None:
        return None
    return membership_ensure(
        user=user, organization=organization, source=MembershipSource.EMAIL_DOMAIN
    )
