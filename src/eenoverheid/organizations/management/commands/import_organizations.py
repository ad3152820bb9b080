"""`eenoverheid import-organizations`: load or refresh the organization register."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eenoverheid.organizations.importer import DATA_DIR, RegisterImport


class Command(BaseCommand):
    help = (
        "Load or refresh the register of government organizations from the public data "
        "(idempotent: re-running changes nothing; organizations that left the source are "
        "marked inactive)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            type=Path,
            default=DATA_DIR,
            help="Directory with the source files (default: the data shipped with the platform).",
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Reference date that decides what is current (default: today).",
        )

    def handle(self, *args, source: Path, today, **options):
        if not source.is_dir():
            raise CommandError(f"{source} is not a directory")
        try:
            report = RegisterImport(source, today=today).run()
        except (FileNotFoundError, KeyError, ValueError) as exc:
            raise CommandError(f"The source files cannot be read: {exc}") from exc
        for line in report.lines():
            self.stdout.write(line)
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        for rejected in report.rejected:
            self.stderr.write(f"rejected: {rejected}")
        summary = "Register unchanged." if not report.changed else "Register updated."
        if report.rejected:
            summary += f" {len(report.rejected)} rows rejected (see above)."
        self.stdout.write(self.style.SUCCESS(summary))
