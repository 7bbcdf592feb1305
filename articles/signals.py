"""Bump the content stamp whenever something readers see changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .cache import CONTENT, bump
from .models import Article, Author, Section, Tag, TaggedArticle


@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
@receiver(post_save, sender=Author)
@receiver(post_delete, sender=Author)
@receiver(post_save, sender=Section)  # every page's navigation lists the sections
@receiver(post_delete, sender=Section)
@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
@receiver(post_save, sender=TaggedArticle)
@receiver(post_delete, sender=TaggedArticle)
@receiver(m2m_changed, sender=TaggedArticle)
def content_changed(**kwargs):
    bump(CONTENT)
