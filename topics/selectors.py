"""The read side of topics: their published articles in the editors' order, and the
published topics an article belongs to. Visibility is `Article.objects.published()` and
`Topic.objects.published()`."""

from django.db.models import Count

from articles.cache import per_content
from articles.models import Article, published_q

from .models import Topic

ARTICLE_TOPICS_SHOWN = 3


def topic_articles(topic: Topic):
    """`topic`'s published articles, shaped for a listing, in the editors' order."""
    return (
        Article.objects.published()
        .for_listing()
        .filter(topic_links__topic=topic)
        .order_by("topic_links__position", "topic_links__id")
    )


def public_topics():
    """Published topics, newest first, each with its `article_count` of published articles."""
    return (
        Topic.objects.published()
        .select_related("cover")
        .annotate(article_count=Count("links", filter=published_q("links__article__")))
        .order_by("-published_at", "-id")
    )


def topics_of(article: Article, limit: int = ARTICLE_TOPICS_SHOWN) -> list[Topic]:
    """Up to `limit` published topics holding `article`, newest first; one query, made
    once per content stamp (a topic's change bumps it)."""
    return per_content(
        f"topics-of:{article.pk}:{limit}",
        lambda: list(
            Topic.objects.published()
            .filter(links__article=article)
            .order_by("-published_at", "-id")
            .only("title", "slug")[:limit]
        ),
    )
