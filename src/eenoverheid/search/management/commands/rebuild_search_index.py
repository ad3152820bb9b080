import time

from django.core.management.base import BaseCommand

from eenoverheid.search.services import rebuild


class Command(BaseCommand):
    help = "Recreate the evidence of every person and rebuild the search engine's index."

    def handle(self, *args, **options):
        start = time.perf_counter()
        total = rebuild(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {total} documents in {time.perf_counter() - start:.1f} s.")
        )
