from django.core.management.base import BaseCommand

from eenoverheid.marketplace.services import close_expired


class Command(BaseCommand):
    help = "Close open opportunities whose closing date has passed (run daily from cron)."

    def handle(self, *args, **options):
        closed = close_expired()
        self.stdout.write(f"Closed {closed} opportunities past their closing date.")
