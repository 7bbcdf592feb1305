"""Work out every article's related articles afresh (after a bulk load or a restore).

python manage.py refresh_related
python manage.py refresh_related --dry-run
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article
from articles.related import refresh_all


class Command(BaseCommand):
    help = (
        "Store the related articles of every article, as saves and tag changes do one by "
        "one. Run after loading articles without the save path (bulk inserts, restores)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report how many articles; write nothing."
        )

    def handle(self, *args, dry_run, verbosity, **options):
        if dry_run:
            count, heading = Article.objects.count(), "试运行（未写入）"
        else:
            with transaction.atomic():
                count = refresh_all()
            heading = "相关文章已更新"
        if verbosity > 0:
            self.stdout.write(self.style.SUCCESS(f"{heading}：文章 {count} 篇。"))
