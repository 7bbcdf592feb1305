"""Writing the index: single objects from the receivers, everything from `reindex_all()`."""

from django.db.models import Q

from glossary.models import GlossaryEntry

from ..models import Article
from . import documents
from .backends import backend
from .documents import ARTICLE, GLOSSARY

BATCH = 200


def index_articles(articles) -> set[int]:
    """(Re)index `articles`, a queryset of any status; returns the ids written."""
    articles = articles.select_related("author").prefetch_related("tags")
    return _index(articles, documents.article_document)


def index_glossary_entries(entries) -> set[int]:
    return _index(entries, documents.glossary_document)


def index_articles_by_id(ids) -> None:
    """Index the given articles, dropping the rows of any that no longer exist."""
    written = index_articles(Article.objects.filter(pk__in=ids))
    remove(ARTICLE, set(ids) - written)


def index_glossary_entry(pk: int) -> None:
    """Index one entry, or drop its row if it no longer exists."""
    if not index_glossary_entries(GlossaryEntry.objects.filter(pk=pk)):
        remove(GLOSSARY, [pk])


def index_glossary_mentions(pk: int, former_words=()) -> None:
    """Index the articles that mention the entry's words now or `former_words`.

    A published term and its aliases are dictionary words, so articles containing them
    are segmented anew to carry each as one token; once they are no words (unpublished,
    renamed or deleted), those articles are segmented anew without them, as queries
    now are.
    """
    names = set(former_words)
    entry = GlossaryEntry.objects.published().filter(pk=pk).first()
    if entry is not None:
        names.update([entry.term, *entry.alias_list])
    names.discard("")
    if names:
        mentions = Q()
        for name in names:
            mentions |= Q(title__contains=name) | Q(standfirst__contains=name)
            mentions |= Q(body__contains=name)
        index_articles(Article.objects.filter(mentions))


def remove(kind: str, ids) -> None:
    if ids:
        backend().delete(kind, ids)


def prune() -> None:
    """Drop rows of deleted objects, e.g. after `manage.py flush`."""
    if backend().exists():
        backend().prune(ARTICLE, Article.objects.all())
        backend().prune(GLOSSARY, GlossaryEntry.objects.all())


def reindex_all() -> tuple[int, int]:
    """Rebuild the whole index; returns the numbers of articles and glossary entries."""
    backend().clear()
    articles = index_articles(Article.objects.order_by("pk"))
    entries = index_glossary_entries(GlossaryEntry.objects.order_by("pk"))
    return len(articles), len(entries)


def _index(queryset, make_document) -> set[int]:
    documents.learn_glossary_words()
    written, batch = set(), []
    for obj in queryset.iterator(chunk_size=BATCH):
        batch.append(make_document(obj))
        if len(batch) == BATCH:
            written |= _write(batch)
            batch = []
    return written | _write(batch)


def _write(batch) -> set[int]:
    if batch:
        backend().replace(batch)
    return {document.object_id for document in batch}
