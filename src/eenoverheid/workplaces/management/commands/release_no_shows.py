from django.core.management.base import BaseCommand

from eenoverheid.workplaces.services import release_no_shows


class Command(BaseCommand):
    help = (
        "Release workplace bookings at locations that require check-in when nobody checked "
        "in within the location's time (the task worker does this too; run it from cron "
        "where the task backend cannot run tasks later)."
    )

    def handle(self, *args, **options):
        released = release_no_shows()
        self.stdout.write(f"{released} booking(s) released")
