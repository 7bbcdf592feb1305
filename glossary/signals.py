"""Bump the glossary stamp (and the content stamp) whenever an entry changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.cache import CONTENT, GLOSSARY, bump

from .models import GlossaryEntry


@receiver(post_save, sender=GlossaryEntry)
@receiver(post_delete, sender=GlossaryEntry)
def glossary_changed(**kwargs):
    bump(GLOSSARY)
    bump(CONTENT)
