"""Sitemaps of everything readers may see: the fixed pages, sections (栏目), articles,
authors, tags, terms.

`/sitemap.xml` is an index of these sitemaps; each is served at `/sitemap-<name>.xml`,
in pages of at most `limit` addresses (`?p=2`…).
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from glossary.models import GlossaryEntry

from .cache import per_content
from .counts import CountedPaginator
from .models import Article, Section
from .selectors import public_authors, public_tags


class PagedSitemap(Sitemap):
    """A sitemap of a queryset ordered on a unique key, paged as the reader lists are:
    the count is worked out once per content stamp and the last page skips no rows."""

    # Django's 50,000 addresses a page made one request of seconds and a hundred MiB at
    # 100,000 articles; 5,000 keep each page quick to build and small to cache.
    limit = 5000

    @property
    def paginator(self):
        return CountedPaginator(self._items(), self.limit)


class UpdatedSitemap(PagedSitemap):
    """A sitemap of models whose `updated_at` is each address's `<lastmod>`."""

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        """The newest `updated_at`, for the index: one query per content stamp, where
        Django's own calls `lastmod()` on every item."""
        return per_content(
            f"sitemap-lastmod:{type(self).__name__}",
            lambda: self.items().aggregate(latest=Max("updated_at"))["latest"],
        )


class FixedPageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["articles:home", "articles:list", "articles:tags", "glossary:index"]

    def location(self, item):
        return reverse(item)


class SectionSitemap(PagedSitemap):
    changefreq = "daily"

    def items(self):
        return Section.objects.order_by("slug").only("slug")


class ArticleSitemap(UpdatedSitemap):
    changefreq = "monthly"

    def items(self):
        return (
            Article.objects.published().order_by("-published_at", "-id").only("slug", "updated_at")
        )


class AuthorSitemap(PagedSitemap):
    changefreq = "weekly"

    def items(self):
        return public_authors().order_by("slug").only("slug")


class TagSitemap(PagedSitemap):
    changefreq = "weekly"

    def items(self):
        return public_tags().order_by("slug").only("slug")


class GlossarySitemap(UpdatedSitemap):
    changefreq = "monthly"

    def items(self):
        return GlossaryEntry.objects.published().order_by("slug").only("slug", "updated_at")


SITEMAPS = {
    "pages": FixedPageSitemap,
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
    "glossary": GlossarySitemap,
}
