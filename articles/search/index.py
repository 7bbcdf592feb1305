"""Writing the index: single objects from the receivers, everything from `reindex_all()`.

`reindex_all()`, and an import's closing stage, segment in as many processes as the machine
has cores once there are `PARALLEL_MIN` articles or more: segmentation is nearly all of
their work. The database is
read and written by the calling process only; the others, forked from it with its
tokenizer, turn plain text into tokens.
"""

import multiprocessing
import os
from contextlib import contextmanager

from django.db.models import Q

from glossary.models import GlossaryEntry

from .. import segmenter
from ..models import Article
from . import documents
from .backends import backend
from .documents import ARTICLE, GLOSSARY

BATCH = 200
PARALLEL_MIN = 2000  # articles from which `reindex_all` segments in several processes


def index_articles(articles, jobs: int = 1) -> set[int]:
    """(Re)index `articles`, a queryset of any status, segmenting in `jobs` processes;
    returns the ids written."""
    articles = articles.select_related("author").prefetch_related("tags")
    return _index(articles, documents.article_text, jobs)


def index_glossary_entries(entries) -> set[int]:
    return _index(entries, documents.glossary_text)


def index_articles_by_id(ids, jobs: int = 1) -> None:
    """Index the given articles, dropping the rows of any that no longer exist."""
    written = index_articles(Article.objects.filter(pk__in=ids), jobs)
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


def reindex_all(jobs: int | None = None) -> tuple[int, int]:
    """Rebuild the whole index, segmenting in `jobs` processes (by default one per core
    from `PARALLEL_MIN` articles on); returns the numbers of articles and glossary entries."""
    if jobs is None:
        jobs = jobs_for(Article.objects.count())
    backend().clear()
    articles = index_articles(Article.objects.order_by("pk"), jobs)
    entries = index_glossary_entries(GlossaryEntry.objects.order_by("pk"))
    return len(articles), len(entries)


def jobs_for(articles: int) -> int:
    """How many processes to segment `articles` in: one per core from `PARALLEL_MIN` on.
    A PostgreSQL server on the same two cores still gains: an import's closing stage of
    3,268 articles took 13 s in two processes, 17 s in one."""
    if articles < PARALLEL_MIN:
        return 1
    return os.cpu_count() or 1


def _index(queryset, plain_text, jobs: int = 1) -> set[int]:
    documents.learn_glossary_words()
    written = set()
    with _segmenting(jobs) as segment:
        batch = []
        for obj in queryset.iterator(chunk_size=BATCH):
            batch.append(plain_text(obj))
            if len(batch) == BATCH * jobs:
                written |= _write(segment(batch))
                batch = []
        written |= _write(segment(batch))
    return written


@contextmanager
def _segmenting(jobs: int):
    """A function segmenting a list of plain documents, in `jobs` forked processes."""
    if jobs <= 1:
        yield lambda batch: [documents.segmented(plain) for plain in batch]
        return
    segmenter.hold_dictionary()  # batch work; the forked processes inherit it
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield lambda batch: pool.map(documents.segmented, batch, chunksize=BATCH // 4)


def _write(batch) -> set[int]:
    if batch:
        backend().replace(batch)
    return {document.object_id for document in batch}
