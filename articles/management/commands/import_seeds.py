"""Import scraped seed documents as articles, authors, tags and glossary entries.

python manage.py import_seeds                 # every .txt file in seeds/
python manage.py import_seeds a.txt b.txt --dry-run
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles import site_rules
from articles.importer.load import (
    KIND_LABELS,
    KINDS,
    OUTCOME_LABELS,
    OUTCOMES,
    import_documents,
)
from articles.importer.parse import ParseError
from articles.importer.sources import collect_paths, read_documents
from articles.models import Article

PROGRESS_THRESHOLD = 50


class Command(BaseCommand):
    help = "Import seed documents (default: every .txt file in seeds/) in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="Files or folders to import.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )
        parser.add_argument(
            "--status",
            choices=Article.Status.values,
            default=Article.Status.PUBLISHED,
            help="Status of newly created articles (default: published).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Overwrite articles and glossary definitions that editors changed since import, "
                "and re-create imported articles they deleted; rejected terms stay rejected."
            ),
        )

    def handle(self, *args, paths, dry_run, status, force, verbosity, **options):
        try:
            files = collect_paths(paths or [settings.SEEDS_DIR])
            documents = read_documents(files, site_rules.current())
        except (ParseError, OSError) as error:
            raise CommandError(str(error)) from error
        total = sum(len(doc.articles) for doc in documents)
        progress = self._progress if total >= PROGRESS_THRESHOLD and verbosity > 0 else None
        with transaction.atomic():
            report = import_documents(
                documents, status=status, force=force, dry_run=dry_run, progress=progress
            )
            if not dry_run:  # kept for re-applying editors' site rules
                site_rules.remember(documents, (path.read_bytes() for path in files))
        if verbosity > 0:
            self._summary(report, documents, dry_run)

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // total
        end = "\n" if done == total else ""
        self.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending=end)
        self.stderr.flush()

    def _summary(self, report, documents, dry_run) -> None:
        heading = "试运行（未写入数据库）" if dry_run else "导入完成"
        files = ", ".join(doc.source for doc in documents)
        self.stdout.write(self.style.MIGRATE_HEADING(f"{heading}: {files}"))
        self.stdout.write("      " + "".join(f"{OUTCOME_LABELS[o]:>6}" for o in OUTCOMES))
        for kind in KINDS:
            counts = "".join(f"{report.counts[kind][o]:>8}" for o in OUTCOMES)
            self.stdout.write(f"{KIND_LABELS[kind]:<4}{counts}")
        for note in report.skipped:
            self.stdout.write(self.style.WARNING(f"跳过 {note}"))
        if not report.changed:
            self.stdout.write(self.style.SUCCESS("没有需要更新的内容。"))
