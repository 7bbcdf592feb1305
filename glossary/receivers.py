"""Side effects of glossary changes: the index inside the transaction, stamps after commit.

The entry's own index row is written with it. Its published names are words of the
search segmenter, so articles mentioning them, now or before, are segmented anew: that can
be many articles, so it is a background task, enqueued in the same transaction.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from articles import tasks
from articles.cache import CONTENT, GLOSSARY
from articles.receivers import bump_after_commit
from articles.search import index
from articles.search.documents import GLOSSARY as GLOSSARY_DOCUMENT

from .models import GlossaryEntry


def _words(entry: GlossaryEntry | None) -> list[str]:
    """The entry's names if it is published, and so words of the search segmenter."""
    if entry is None or entry.status != GlossaryEntry.Status.PUBLISHED:
        return []
    return [entry.term, *entry.alias_list]


@receiver(pre_save, sender=GlossaryEntry, dispatch_uid="glossary_saving")
def glossary_saving(sender, instance, raw=False, **kwargs):
    """Note what readers saw of the entry before, to tell whether anything changes."""
    if raw:
        return
    before = GlossaryEntry.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._words_before = _words(before)


@receiver(post_save, sender=GlossaryEntry, dispatch_uid="glossary_saved")
def glossary_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index.index_glossary_entry(instance.pk)
    before, now = getattr(instance, "_words_before", []), _words(instance)
    if sorted(before) != sorted(now):
        tasks.reindex_glossary_mentions.enqueue(instance.pk, before)
    bump_after_commit(GLOSSARY, CONTENT)


@receiver(post_delete, sender=GlossaryEntry, dispatch_uid="glossary_deleted")
def glossary_deleted(sender, instance, **kwargs):
    index.remove(GLOSSARY_DOCUMENT, [instance.pk])
    words = _words(instance)
    if words:
        tasks.reindex_glossary_mentions.enqueue(instance.pk, words)
    bump_after_commit(GLOSSARY, CONTENT)
