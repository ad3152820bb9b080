"""Background work of notifications: the e-mail digests."""

from django_tasks import task

from eenoverheid.notifications.services import send_digests


@task(queue_name="email")
def send_digest_emails(*, frequency: str) -> int:
    return send_digests(frequency=frequency)
