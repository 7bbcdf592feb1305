"""The shape of the commands that rebuild derived data from every article."""

from django.core.management.base import BaseCommand
from django.db import transaction


class RebuildCommand(BaseCommand):
    """Subclasses define `count()` and `rebuild()`, each returning the counts that `done`
    (a format string) reports: `--dry-run` calls `count()` and writes nothing, otherwise
    `rebuild()` runs in one transaction."""

    heading = ""
    dry_heading = "试运行（未写入）"
    done = ""

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be rebuilt; write nothing."
        )

    def handle(self, *args, dry_run, verbosity, **options):
        if dry_run:
            counts, heading = self.count(), self.dry_heading
        else:
            with transaction.atomic():
                counts = self.rebuild()
            heading = self.heading
        if verbosity > 0:
            self.stdout.write(self.style.SUCCESS(f"{heading}：{self.done.format(**counts)}"))
