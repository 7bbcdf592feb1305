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


def related(article, count: int, at_least: int) -> list[Article]:
    """Up to `count` other published articles, most shared tags first, then the latest;
    when fewer than `at_least` share a tag, the latest others make up `at_least`. Read
    from the related articles stored at write time (`articles.related`), once per
    content stamp."""
    return per_content(
        f"related:{article.pk}:{count}:{at_least}",
        lambda: related_store.for_article(article, count, at_least=at_least),
    )


def neighbour(article, *, older: bool) -> Article | None:
    """The published article just before (or after) `article`, by publication time; worked
    out once per content stamp."""
    if article.published_at is None:
        return None
    # A list, so that "no neighbour" is kept too (the cache cannot hold None).
    found = per_content(
        f"neighbour:{article.pk}:{article.published_at.timestamp()}:{older}",
        lambda: list(_neighbours(article, older=older)[:1]),
    )
    return found[0] if found else None


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
