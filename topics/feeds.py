"""RSS and Atom feeds of a published topic's published articles, newest first."""

from django.conf import settings
from django.shortcuts import get_object_or_404

from articles.feeds import AtomMixin, LatestArticlesFeed

from .models import Topic


class TopicFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic.objects.published(), slug=slug)

    def title(self, obj=None):
        return f"{settings.SITE_NAME}专题：{obj.title}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return obj.standfirst or f"{settings.SITE_NAME}专题“{obj.title}”中的文章。"

    def articles(self, listing, obj):
        return listing.filter(topic_links__topic=obj)


class TopicAtomFeed(AtomMixin, TopicFeed):
    """Topic feed in Atom."""
