"""Background work the write path hands off: reindexing many articles at once.

Run by the configured task backend (`TASKS`): at once in tests and development, by a
`db_worker` process in production. Arguments are ids and words, never model instances.
"""

from django.tasks import task

from .search import index


@task
def reindex_articles(ids: list[int]) -> None:
    """Index these articles afresh (a renamed author or tag changes their documents)."""
    index.index_articles_by_id(ids)


@task
def reindex_glossary_mentions(entry_id: int, former_words: list[str]) -> None:
    """Segment anew the articles mentioning a glossary entry's words, now or before."""
    index.index_glossary_mentions(entry_id, former_words)
