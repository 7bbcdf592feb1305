"""Keep the search index in step with articles, authors, tags and glossary entries.

Indexing runs after the transaction commits and reads the saved rows afresh, so a rolled
back edit never reaches the index.
"""

from functools import partial

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

from glossary.models import GlossaryEntry

from . import related
from .models import Article, Author, Tag, TaggedArticle
from .search import index
from .search.documents import ARTICLE


def _on_commit(callback):
    """Run `callback` after commit; a failure is logged, never raised to the editor."""
    transaction.on_commit(callback, robust=True)


@receiver(post_save, sender=Article, dispatch_uid="search_article_saved")
def article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _on_commit(partial(index.index_articles_by_id, [instance.pk]))
        related.refresh_around(instance.pk)  # same database: inside the transaction


@receiver(post_delete, sender=Article, dispatch_uid="search_article_deleted")
def article_deleted(sender, instance, **kwargs):
    _on_commit(partial(index.remove, ARTICLE, [instance.pk]))


@receiver(m2m_changed, sender=TaggedArticle, dispatch_uid="search_article_tags_changed")
def article_tags_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        _on_commit(partial(index.index_articles_by_id, [instance.pk]))
        related.refresh_around(instance.pk)  # same database: inside the transaction


@receiver(post_save, sender=Author, dispatch_uid="search_author_saved")
def author_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        articles = Article.objects.filter(author=instance.pk)
        _on_commit(partial(index.index_articles, articles))


@receiver(post_save, sender=Tag, dispatch_uid="search_tag_saved")
def tag_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        articles = Article.objects.filter(tagged_items__tag=instance.pk)
        _on_commit(partial(index.index_articles, articles))


@receiver(pre_delete, sender=Tag, dispatch_uid="search_tag_deleted")
def tag_deleted(sender, instance, **kwargs):
    ids = list(Article.objects.filter(tagged_items__tag=instance.pk).values_list("pk", flat=True))
    _on_commit(partial(index.index_articles_by_id, ids))


@receiver(pre_save, sender=GlossaryEntry, dispatch_uid="search_glossary_saving")
def glossary_saving(sender, instance, raw=False, **kwargs):
    """Note the dictionary words the entry was, whose articles are segmented anew once saved."""
    if raw:
        return
    before = GlossaryEntry.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._words_before = _words(before) if before else []


@receiver(post_save, sender=GlossaryEntry, dispatch_uid="search_glossary_saved")
def glossary_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        former = getattr(instance, "_words_before", [])
        _on_commit(partial(index.index_glossary_entry, instance.pk, former))


@receiver(post_delete, sender=GlossaryEntry, dispatch_uid="search_glossary_deleted")
def glossary_deleted(sender, instance, **kwargs):
    _on_commit(partial(index.index_glossary_entry, instance.pk, _words(instance)))


def _words(entry: GlossaryEntry) -> list[str]:
    """The entry's names if it is published, and so in the segmenter's dictionary."""
    if entry.status != GlossaryEntry.Status.PUBLISHED:
        return []
    return [entry.term, *entry.alias_list]


@receiver(post_migrate, dispatch_uid="search_prune")
def prune_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """`flush` empties the tables and then sends post_migrate: empty the index with them."""
    if sender.name == "articles" and using == DEFAULT_DB_ALIAS:
        index.prune()
