from django.core.management.base import BaseCommand

from eenoverheid.notifications.models import DigestFrequency


class Command(BaseCommand):
    help = (
        "Queue the e-mail digests of one frequency for the task worker (run daily and weekly "
        "from cron or a systemd timer), or send them at once with --now."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            choices=[DigestFrequency.DAILY, DigestFrequency.WEEKLY],
            default=DigestFrequency.DAILY,
        )
        parser.add_argument("--now", action="store_true", help="Send in this process.")

    def handle(self, *args, frequency, now=False, **options):
        if now:
            from eenoverheid.notifications.services import send_digests

            self.stdout.write(f"{send_digests(frequency=frequency)} digests sent.")
            return
        from eenoverheid.notifications.tasks import send_digest_emails

        send_digest_emails.enqueue(frequency=frequency)
        self.stdout.write(f"{frequency} digests queued.")
