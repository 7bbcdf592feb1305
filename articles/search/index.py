"""Writing the index: single objects from signal handlers, everything from `reindex_all()`."""

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


def index_glossary_entry(pk: int, former_names=()) -> None:
    """Index one entry, and the articles that mention its names now or `former_names`.

    A published term is a dictionary word, so articles containing it are segmented anew
    to carry it as one token; once it is no word (unpublished, renamed or deleted), they
    are segmented anew without it, as queries now are.
    """
    names = set(former_names)
    if index_glossary_entries(GlossaryEntry.objects.filter(pk=pk)):
        entry = GlossaryEntry.objects.get(pk=pk)
        names.update([entry.term, *entry.alias_list])
    else:
        remove(GLOSSARY, [pk])
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
