"""Deleting an imported article leaves a `DeletedImport`, so the next import skips it."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from .models import Article, DeletedImport


@receiver(post_delete, sender=Article)
def remember_deleted_import(sender, instance, **kwargs):
    if not instance.source_document or instance.source_position is None:
        return
    DeletedImport.objects.update_or_create(
        source_document=instance.source_document,
        source_position=instance.source_position,
        defaults={"title": instance.title, "deleted_at": timezone.now()},
    )
