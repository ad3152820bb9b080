"""Background work of the marketplace: telling people about new opportunities, and the
daily sweep that closes opportunities past their closing date."""

from __future__ import annotations

from django_tasks import task


@task()
def announce_task(opportunity_id: int) -> int:
    from eenoverheid.marketplace.services import announce

    return announce(opportunity_id)


@task()
def close_expired_task() -> int:
    from eenoverheid.marketplace.services import close_expired

    return close_expired()
