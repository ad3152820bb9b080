from django.core.management.base import BaseCommand

from eenoverheid.people.skills_import import import_skills


class Command(BaseCommand):
    help = "Load or refresh the skills taxonomy (ESCO with Dutch terms, and public-sector topics)."

    def handle(self, *args, **options):
        counts = import_skills()
        self.stdout.write(
            self.style.SUCCESS(
                "Skills: {created} new, {updated} changed, {unchanged} unchanged.".format(**counts)
            )
        )
