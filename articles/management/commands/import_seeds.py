"""Import scraped seed documents as articles, authors, tags and glossary entries.

python manage.py import_seeds                 # every .txt file in seeds/
python manage.py import_seeds a.txt b.txt --dry-run
python manage.py import_seeds --separate      # near-duplicates become articles of their own
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles import site_rules
from articles.importer.load import DOCUMENTS, import_documents
from articles.importer.parse import ParseError
from articles.importer.report import KIND_LABELS, KINDS, OUTCOME_LABELS, OUTCOMES
from articles.importer.sources import RawDocument, collect_paths
from articles.models import Article


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
        parser.add_argument(
            "--separate",
            action="store_true",
            help=(
                "Create near-duplicates of existing articles (the same text from another site) "
                "as articles of their own instead of linking them to the existing article."
            ),
        )

    def handle(self, *args, paths, dry_run, status, force, separate, verbosity, **options):
        try:
            files = collect_paths(paths or [settings.SEEDS_DIR])
            progress = self._progress if verbosity > 0 else None
            with transaction.atomic():
                report = import_documents(
                    [RawDocument.from_path(path) for path in files],
                    status=status,
                    force=force,
                    separate=separate,
                    dry_run=dry_run,
                    progress=progress,
                    rules=site_rules.current(),
                )
                if not dry_run:  # kept for re-applying editors' site rules
                    site_rules.remember((path.name, path.read_bytes()) for path in files)
        except (ParseError, OSError) as error:
            raise CommandError(str(error)) from error
        if verbosity > 0:
            self._summary(report, [path.name for path in files], dry_run)

    def _progress(self, done: int, total: int, articles: int, stage: str) -> None:
        width = 30
        filled = width * done // total
        end = "\n" if done == total else ""
        if stage == DOCUMENTS:
            what = f"{done}/{total} 个文件，{articles} 篇文章"
        else:
            what = f"搜索索引与相关文章 {done}/{total} 篇"
        bar = f"[{'#' * filled}{'.' * (width - filled)}] {what}"
        self.stderr.write(f"\r{bar}", ending=end)
        self.stderr.flush()

    def _summary(self, report, names, dry_run) -> None:
        heading = "试运行（未写入数据库）" if dry_run else "导入完成"
        files = ", ".join(names)
        self.stdout.write(self.style.MIGRATE_HEADING(f"{heading}: {files}"))
        self.stdout.write("      " + "".join(f"{OUTCOME_LABELS[o]:>6}" for o in OUTCOMES))
        for kind in KINDS:
            counts = "".join(f"{report.counts[kind][o]:>8}" for o in OUTCOMES)
            self.stdout.write(f"{KIND_LABELS[kind]:<4}{counts}")
        for note in report.skipped:
            self.stdout.write(self.style.WARNING(f"跳过 {note}"))
        for dup in report.duplicates:
            outcome = "另建为独立文章" if dup.separate else "已链接，不另建（--separate 则另建）"
            self.stdout.write(
                self.style.WARNING(
                    f"近似重复 {dup.where} “{dup.title}”：与已有文章 #{dup.article_id}"
                    f"“{dup.article_title}”相差 {dup.distance} 位，{outcome}"
                )
            )
        if not report.changed:
            self.stdout.write(self.style.SUCCESS("没有需要更新的内容。"))
