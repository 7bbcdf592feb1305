"""The read side: what readers may see of tags, authors and an article's neighbourhood,
for views, feeds, sitemaps and search. Visibility itself is `ArticleQuerySet.published()`;
this module builds on it.
"""

from django.db.models import Count, Exists, OuterRef, Q

from . import related as related_store
from .models import Article, Author, Tag


def public_tags():
    """Tags of published articles, each annotated with its count of published articles."""
    return Tag.objects.filter(
        tagged_articles__content_object__in=Article.objects.published()
    ).annotate(article_count=Count("tagged_articles"))


def public_authors():
    """Authors with at least one published article."""
    return Author.objects.filter(Exists(Article.objects.published().filter(author=OuterRef("pk"))))


def related(article, count: int, at_least: int) -> list[Article]:
    """Up to `count` other published articles, most shared tags first, then the latest;
    when fewer than `at_least` share a tag, the latest others make up `at_least`. Read
    from the related articles stored at write time (`articles.related`)."""
    return related_store.for_article(article, count, at_least=at_least)


def neighbour(article, *, older: bool) -> Article | None:
    """The published article just before (or after) `article`, by publication time."""
    if article.published_at is None:
        return None
    when, pk = article.published_at, article.pk
    # One range over the publication time, which its index walks from `when`.
    if older:
        condition = Q(published_at__lte=when) & ~Q(published_at=when, pk__gte=pk)
        order = ("-published_at", "-id")
    else:
        condition = Q(published_at__gte=when) & ~Q(published_at=when, pk__lte=pk)
        order = ("published_at", "id")
    return (
        Article.objects.published()
        .filter(condition)
        .order_by(*order)
        .only("title", "slug", "published_at")
        .first()
    )
