"""Rebuild the full-text search index from every article and glossary entry.

python manage.py rebuild_search_index
python manage.py rebuild_search_index --dry-run
"""

from articles.management.rebuild import RebuildCommand
from articles.models import Article
from articles.search.index import reindex_all
from glossary.models import GlossaryEntry


class Command(RebuildCommand):
    help = (
        "Re-segment and re-index every article (any status) and glossary entry. "
        "Run after migrating an existing database or changing segmentation."
    )
    heading = "搜索索引已重建"
    dry_heading = "试运行（未写入索引）"
    done = "文章 {articles} 篇，术语 {entries} 条。"

    def count(self):
        return {"articles": Article.objects.count(), "entries": GlossaryEntry.objects.count()}

    def rebuild(self):
        articles, entries = reindex_all()
        return {"articles": articles, "entries": entries}
