from django.core.management.base import BaseCommand

from eenoverheid.reviews.services import expire_overdue


class Command(BaseCommand):
    help = (
        "Expire review requests past their deadline (their points return), and accept "
        "reviews left undecided too long. Safe to run often, e.g. hourly from cron."
    )

    def handle(self, *args, **options):
        done = expire_overdue()
        self.stdout.write(
            f"{done['expired']} expired, {done['reopened']} revisions overdue, "
            f"{done['accepted']} accepted automatically"
        )
