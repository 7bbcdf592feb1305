"""Where an image is used: as an article's cover, in an article's body, as a portrait.

Articles are reached through the app registry (`articles` imports this app, not the
other way round).
"""

from django.apps import apps
from django.db.models import Q

from .references import MEDIA_REFERENCE


def articles_using(image):
    """Articles whose cover is `image` or whose body shows it, newest first."""
    article = apps.get_model("articles", "Article")
    in_body = Q(body__regex=MEDIA_REFERENCE.format(id=image.pk))
    return (
        article.objects.filter(Q(cover=image) | in_body)
        .select_related("author")
        .order_by("-updated_at", "-id")
    )


def published_articles_using(image):
    """Articles readers may see now or later (published, possibly scheduled) that use `image`."""
    return articles_using(image).filter(status="published")


def authors_using(image):
    return apps.get_model("articles", "Author").objects.filter(portrait=image)


def deletion_blockers(image) -> list[str]:
    """Why `image` may not be deleted, one sentence per reason; empty when it may."""
    reasons = [
        f"已发布的文章《{article.title}》使用了这张图片。"
        for article in published_articles_using(image)
    ]
    reasons += [f"作者“{author.name}”以这张图片为头像。" for author in authors_using(image)]
    reasons += [
        f"文章《{article.title}》以这张图片为封面。"
        for article in articles_using(image).filter(cover=image).exclude(status="published")
    ]
    return reasons
