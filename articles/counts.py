"""Counts readers see, worked out once per content change instead of on every request.

Each is cached under the content stamp (`articles.cache.content_version()`), which every
edit and every scheduled article coming due changes, so a count is never stale; between
changes, pages read it from the cache and their work does not grow with the corpus.
"""

import hashlib

from django.core.cache import caches
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from .cache import PAGE_TIMEOUT, content_version
from .models import Tag
from .selectors import public_tags


def cached_count(queryset) -> int:
    """`queryset.count()`, computed once per content stamp."""
    sql, params = queryset.query.sql_with_params()
    digest = hashlib.md5(repr((sql, params)).encode(), usedforsecurity=False).hexdigest()
    key = f"count:{content_version()}:{digest}"
    count = caches["pages"].get(key)
    if count is None:
        count = queryset.count()
        caches["pages"].set(key, count, PAGE_TIMEOUT)
    return count


def counted_tags() -> list[Tag]:
    """Tags of published articles, busiest first (then by name), each with its
    `article_count` of published articles; computed once per content stamp."""
    key = f"public-tags:{content_version()}"
    tags = caches["pages"].get(key)
    if tags is None:
        tags = list(public_tags().order_by("-article_count", "name"))
        caches["pages"].set(key, tags, PAGE_TIMEOUT)
    return tags


def counted_tag(slug: str) -> Tag | None:
    """The public tag with `slug`, with its `article_count`, or None."""
    return next((tag for tag in counted_tags() if tag.slug == slug), None)


class CountedPaginator(Paginator):
    """Pages of an ordered queryset: the count comes from `cached_count()`, and pages in
    the back half are read from the end in reverse order, so the last page skips no rows."""

    @cached_property
    def count(self) -> int:
        return cached_count(self.object_list)

    def page(self, number):
        number = self.validate_number(number)
        if number <= (self.num_pages + 1) // 2:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        backwards = self.object_list.reverse()[self.count - top : self.count - bottom]
        return self._get_page(list(backwards)[::-1], number, self)
