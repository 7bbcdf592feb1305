"""Side effects of topic changes: topic pages, their place in article pages and the
sitemap are cached under the content stamp, bumped once the change has committed."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.cache import CONTENT
from articles.receivers import bump_after_commit

from .models import Topic, TopicArticle


@receiver(post_save, sender=Topic, dispatch_uid="topic_saved")
@receiver(post_delete, sender=Topic, dispatch_uid="topic_deleted")
@receiver(post_save, sender=TopicArticle, dispatch_uid="topic_article_saved")
@receiver(post_delete, sender=TopicArticle, dispatch_uid="topic_article_deleted")
def topic_changed(sender, raw=False, **kwargs):
    if not raw:
        bump_after_commit(CONTENT)
