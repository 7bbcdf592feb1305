"""Rebuild the full-text search index from every article and glossary entry.

python manage.py rebuild_search_index
python manage.py rebuild_search_index --dry-run
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article
from articles.search.index import reindex_all
from glossary.models import GlossaryEntry


class Command(BaseCommand):
    help = (
        "Re-segment and re-index every article (any status) and glossary entry. "
        "Run after migrating an existing database or changing segmentation."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be indexed; write nothing."
        )

    def handle(self, *args, dry_run, verbosity, **options):
        if dry_run:
            articles, entries = Article.objects.count(), GlossaryEntry.objects.count()
            heading = "试运行（未写入索引）"
        else:
            with transaction.atomic():
                articles, entries = reindex_all()
            heading = "搜索索引已重建"
        if verbosity > 0:
            self.stdout.write(
                self.style.SUCCESS(f"{heading}：文章 {articles} 篇，术语 {entries} 条。")
            )
