"""Side effects of changes to what readers see, with deliberate timing.

- Search-index rows and stored related articles live in the same database: they are
  written inside the change's transaction, so a crash or a rollback leaves both or neither.
- Cache stamps live outside it: they are bumped in `on_commit`, so no reader can render
  the old content and cache it under the new stamp, and a rolled-back change (a dry-run
  import) bumps nothing.
- Reindexing many articles (an author or tag renamed) is a background task, enqueued in
  the same transaction.
- Inside `articles_in_batch()` (an import writing a document's articles) the index rows and
  related articles of every article saved are written once, when the batch ends, still
  inside the transaction.

A save whose `update_fields` touch nothing readers see (a new preview key) does nothing.
"""

import threading
from contextlib import contextmanager
from functools import partial

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
    pre_save,
)
from django.dispatch import receiver
from django.utils import timezone

from . import related, statistics, tasks, word_frequencies
from .cache import CONTENT, bump
from .models import Article, Author, DeletedImport, Section, Tag, TaggedArticle
from .search import index
from .search.documents import ARTICLE

UNSEEN_ARTICLE_FIELDS = frozenset({"preview_key", "source_hash"})


def bump_after_commit(*scopes: str) -> None:
    """Bump the stamps of `scopes` once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(bump, *scopes), robust=True)


_batch = threading.local()


@contextmanager
def articles_in_batch(progress=None):
    """Index and refresh the related articles of the articles saved inside, once, at the end;
    `progress(done, total)` follows that work, counting articles."""
    if getattr(_batch, "ids", None) is not None:  # already in a batch: it does the work
        yield
        return
    _batch.ids = set()
    try:
        yield
        ids, _batch.ids = _batch.ids, None
        if len(ids) >= statistics.MIN_ARTICLES:
            # the batch may have made the tables many times larger than the planner thinks
            statistics.refresh_if_outgrown()
        indexed, jobs = 0, index.jobs_for(len(ids))
        for chunk in related.chunks(ids):
            index.index_articles_by_id(chunk, jobs)
            indexed += len(chunk)
            if progress and indexed < len(ids):
                progress(indexed, len(ids))
        related.refresh_around(ids)
        if progress and ids:
            progress(len(ids), len(ids))
    finally:
        _batch.ids = None


def _article_changed(pk: int) -> None:
    """Index the article and refresh the related articles around it, now or with its batch."""
    if getattr(_batch, "ids", None) is not None:
        _batch.ids.add(pk)
        return
    index.index_articles_by_id([pk])
    related.refresh_around([pk])


def _unseen(update_fields) -> bool:
    return update_fields is not None and set(update_fields) <= UNSEEN_ARTICLE_FIELDS


@receiver(post_save, sender=Article, dispatch_uid="article_saved")
def article_saved(sender, instance, raw=False, update_fields=None, created=False, **kwargs):
    if raw or _unseen(update_fields):
        return
    if not created:  # a new article's tags are linked with its publication time
        TaggedArticle.follow_article(instance)
    _article_changed(instance.pk)
    bump_after_commit(CONTENT)
    if created and getattr(_batch, "ids", None) is None:  # an import refreshes them itself
        transaction.on_commit(_check_statistics, robust=True)


def _check_statistics() -> None:
    """Have the planner's statistics checked in the background, at most once per
    `statistics.CHECK_EVERY`, however many articles are added."""
    if caches["default"].add("statistics:checked", True, statistics.CHECK_EVERY):
        tasks.refresh_outgrown_statistics.enqueue()


@receiver(post_delete, sender=Article, dispatch_uid="article_deleted")
def article_deleted(sender, instance, **kwargs):
    index.remove(ARTICLE, [instance.pk])
    bump_after_commit(CONTENT)


@receiver(m2m_changed, sender=TaggedArticle, dispatch_uid="article_tags_changed")
def article_tags_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # tag.tagged_articles changed: many articles at once
        _reindex_later(pk_set or ())
    else:
        _article_changed(instance.pk)
    bump_after_commit(CONTENT)


@receiver(post_save, sender=TaggedArticle, dispatch_uid="tagged_article_saved")
@receiver(post_delete, sender=TaggedArticle, dispatch_uid="tagged_article_deleted")
def tag_link_changed(sender, raw=False, **kwargs):
    """Tag links written row by row (bulk tools, merges): readers' pages change."""
    if not raw:
        bump_after_commit(CONTENT)


def _reindex_later(ids) -> None:
    if ids:
        tasks.reindex_articles.enqueue(sorted(set(ids)))


@receiver(pre_save, sender=Author, dispatch_uid="author_saving")
@receiver(pre_save, sender=Tag, dispatch_uid="tag_saving")
def name_saving(sender, instance, raw=False, **kwargs):
    """Note the name before the save: only a new name changes the articles' documents."""
    if not raw and instance.pk:
        instance._name_before = (
            sender.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
        )


def _renamed(instance) -> bool:
    return getattr(instance, "_name_before", instance.name) != instance.name


@receiver(post_save, sender=Author, dispatch_uid="author_saved")
@receiver(post_save, sender=Tag, dispatch_uid="tag_saved")
def name_saved(sender, instance, raw=False, **kwargs):
    """An author or tag saved; renamed, it changes its articles' search documents."""
    if raw:
        return
    if _renamed(instance):
        _reindex_later(_article_ids(instance))
    bump_after_commit(CONTENT)


def _article_ids(instance):
    if isinstance(instance, Tag):
        return instance.tagged_articles.values_list("content_object_id", flat=True)
    return instance.articles.values_list("pk", flat=True)


@receiver(post_delete, sender=Author, dispatch_uid="author_deleted")
@receiver(post_save, sender=Section, dispatch_uid="section_saved")
@receiver(post_delete, sender=Section, dispatch_uid="section_deleted")
def navigation_changed(sender, raw=False, **kwargs):
    """An author gone, or a section (listed in every page's navigation) changed."""
    if not raw:
        bump_after_commit(CONTENT)


@receiver(pre_delete, sender=Tag, dispatch_uid="tag_deleting")
def tag_deleting(sender, instance, **kwargs):
    """Note the tag's articles, whose documents change once it is gone."""
    instance._article_ids = list(_article_ids(instance))


@receiver(post_delete, sender=Tag, dispatch_uid="tag_deleted")
def tag_deleted(sender, instance, **kwargs):
    _reindex_later(getattr(instance, "_article_ids", []))
    bump_after_commit(CONTENT)


@receiver(post_delete, sender=Article, dispatch_uid="remember_deleted_import")
def remember_deleted_import(sender, instance, **kwargs):
    """Deleting an imported article leaves a `DeletedImport`: the next import skips it."""
    if not instance.import_ref:
        return
    DeletedImport.objects.update_or_create(
        import_ref=instance.import_ref,
        defaults={
            "title": instance.title,
            "source_document": instance.source_document,
            "source_position": instance.source_position,
            "deleted_at": timezone.now(),
        },
    )


@receiver(post_migrate, dispatch_uid="search_prune")
def prune_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """`flush` empties the tables and then sends post_migrate: empty the index with them."""
    if sender.name == "articles" and using == DEFAULT_DB_ALIAS:
        index.prune()


@receiver(post_migrate, dispatch_uid="planner_statistics")
def refresh_statistics(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """A migrated database holding articles gets the planner statistics its pages' plans
    rely on. An empty one does not: statistics of empty tables would have the planner
    scan tables it takes for tiny long after they have grown; its first import makes them."""
    if sender.name == "articles" and Article.objects.using(using).exists():
        statistics.refresh(using)


@receiver(post_migrate, dispatch_uid="segmenter_store")
def store_word_frequencies(sender, **kwargs):
    """Make the segmenter's word-frequency file at deployment, not in a reader's request."""
    if sender.name == "articles":
        word_frequencies.ensure_store()
