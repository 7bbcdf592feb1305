"""Sitemaps of the topic list and of every published topic."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.sitemaps import UpdatedSitemap

from .models import Topic


class TopicIndexSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["topics:index"]

    def location(self, item):
        return reverse(item)


class TopicSitemap(UpdatedSitemap):
    changefreq = "weekly"

    def items(self):
        return Topic.objects.published().order_by("slug").only("slug", "updated_at")


SITEMAPS = {"topic-index": TopicIndexSitemap, "topics": TopicSitemap}
