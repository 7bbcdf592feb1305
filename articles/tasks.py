"""Background work the write path hands off: reindexing many articles at once, and
checking whether the planner's statistics still fit the number of articles.

Run by the configured task backend (`TASKS`): at once in tests and development, by a
`db_worker` process in production. Arguments are ids and words, never model instances.
"""

from django.tasks import task

from . import statistics
from .search import index


@task
def reindex_articles(ids: list[int]) -> None:
    """Index these articles afresh (a renamed author or tag changes their documents)."""
    index.index_articles_by_id(ids)


@task
def reindex_glossary_mentions(entry_id: int, former_words: list[str]) -> None:
    """Segment anew the articles mentioning a glossary entry's words, now or before."""
    index.index_glossary_mentions(entry_id, former_words)


@task
def refresh_outgrown_statistics() -> None:
    """Refresh the planner's statistics if the site has outgrown them."""
    statistics.refresh_if_outgrown()
