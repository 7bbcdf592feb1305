"""Sitemaps of everything readers may see: the fixed pages, sections (栏目), articles,
authors, tags, terms."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from glossary.models import GlossaryEntry

from .models import Article, Section
from .selectors import public_authors, public_tags


class FixedPageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["articles:home", "articles:list", "articles:tags", "glossary:index"]

    def location(self, item):
        return reverse(item)


class SectionSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Section.objects.only("slug")


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return (
            Article.objects.published().order_by("-published_at", "-id").only("slug", "updated_at")
        )

    def lastmod(self, item):
        return item.updated_at


class AuthorSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return public_authors().order_by("slug").only("slug")


class TagSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return public_tags().order_by("slug").only("slug")


class GlossarySitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return GlossaryEntry.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": FixedPageSitemap,
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
    "glossary": GlossarySitemap,
}
