"""Work out every article's related articles afresh (after a bulk load or a restore).

python manage.py refresh_related
python manage.py refresh_related --dry-run
"""

from articles.management.rebuild import RebuildCommand
from articles.models import Article
from articles.related import refresh_all


class Command(RebuildCommand):
    help = (
        "Store the related articles of every article, as saves and tag changes do one by "
        "one. Run after loading articles without the save path (bulk inserts, restores)."
    )
    heading = "相关文章已更新"
    done = "文章 {articles} 篇。"

    def count(self):
        return {"articles": Article.objects.count()}

    def rebuild(self):
        return {"articles": refresh_all()}
