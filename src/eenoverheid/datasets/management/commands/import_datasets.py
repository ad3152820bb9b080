from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eenoverheid.datasets.importer import CatalogError, import_catalog


class Command(BaseCommand):
    help = (
        "Import datasets from a DCAT (JSON-LD) or CKAN (JSON) catalogue export, or with "
        "--demo the generated demo catalogue. Rejected rows are listed with their reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Path of the export.")
        parser.add_argument("--catalog", default="", help="Name of the catalogue.")
        parser.add_argument("--demo", action="store_true", help="Import the demo catalogue.")

    def handle(self, *args, file=None, catalog="", demo=False, **options):
        if demo:
            from eenoverheid.datasets.demo import generate_datasets

            report = generate_datasets()
        elif file:
            try:
                report = import_catalog(Path(file).read_bytes(), catalog=catalog or Path(file).stem)
            except (OSError, CatalogError) as exc:
                raise CommandError(str(exc)) from exc
        else:
            raise CommandError("Give a file, or --demo.")
        for rejected in report.rejected[:50]:
            self.stderr.write(f"dataset {rejected.row} ({rejected.identifier}): {rejected.reason}")
        if len(report.rejected) > 50:
            self.stderr.write(f"... and {len(report.rejected) - 50} more rejected")
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.format}: {report.created} created, {report.updated} updated, "
                f"{len(report.rejected)} rejected."
            )
        )
