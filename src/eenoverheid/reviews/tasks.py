"""Background work of peer review: the sweep behind deadlines."""

from __future__ import annotations

from django_tasks import task


@task()
def expire_overdue_task() -> dict[str, int]:
    from eenoverheid.reviews.services import expire_overdue

    return expire_overdue()
