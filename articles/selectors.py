"""The read side: what readers may see of tags, authors and an article's neighbourhood,
for views, feeds, sitemaps and search. Visibility itself is `ArticleQuerySet.published()`;
this module builds on it.
"""

from django.db.models import Count, Exists, OuterRef, Q

from . import related as related_store
from .cache import per_content
from .models import Article, Author, Tag


def public_tags():
    """Tags of published articles, each annotated with its count of published articles."""
    return Tag.objects.filter(
        tagged_articles__content_object__in=Article.objects.published()
    ).annotate(article_count=Count("tagged_articles"))


def public_authors():
    """Authors with at least one published article."""
    return Author.objects.filter(Exists(Article.objects.published().filter(author=OuterRef("pk"))))


def around(article, count: int, at_least: int) -> dict:
    """What an article page shows around the article, worked out once per content stamp
    and read as one cache entry: `related`, up to `count` other published articles (most
    shared tags first, then the latest; when fewer than `at_least` share a tag, the latest
    others make up `at_least`), read from the related articles stored at write time
    (`articles.related`); and `older` and `newer`, the published articles just before and
    after it by publication time (None at either end, or when it has no such time)."""
    when = article.published_at.timestamp() if article.published_at else None
    return per_content(
        f"around:{article.pk}:{when}:{count}:{at_least}",
        lambda: {
            "related": related_store.for_article(article, count, at_least=at_least),
            "older": _neighbour(article, older=True),
            "newer": _neighbour(article, older=False),
        },
    )


def _neighbour(article, *, older: bool) -> Article | None:
    if article.published_at is None:
        return None
    return _neighbours(article, older=older).first()


def _neighbours(article, *, older: bool):
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
    )
