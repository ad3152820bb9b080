"""Background work of workplaces: releasing bookings nobody checked in for."""

from __future__ import annotations

from django_tasks import task


@task()
def release_no_shows_task() -> int:
    from eenoverheid.workplaces.services import release_no_shows

    return release_no_shows()
