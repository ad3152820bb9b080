"""Demo points: the platform administrator's start allocation to every organization with
people on the platform, through the ledger's service (idempotent by its keys). Payments
between organizations come from reviews, gigs and initiatives, not from the demo."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from eenoverheid.core.visibility import is_platform_admin
from eenoverheid.ledger import services
from eenoverheid.organizations.models import Membership, Organization

ADMIN_EMAIL = "beheer@eenoverheid.nl"
START = 1_000


def generate_ledger() -> int:
    """Returns the number of organizations that got their start allocation now."""
    admin = get_user_model().objects.filter(email=ADMIN_EMAIL).first()
    if admin is None or not is_platform_admin(admin):
        return 0
    with_people = Membership.objects.values("organization_id").distinct()
    made = 0
    for organization in Organization.objects.filter(pk__in=with_people, is_active=True):
        account = services.organization_account(organization)
        key = f"demo-start-{organization.pk}"
        before = account.balance
        services.allocate(
            actor=admin,
            account=account,
            amount=START,
            idempotency_key=key,
            memo="Startbudget van het platform",
        )
        account.refresh_from_db()
        made += account.balance != before
    return made
