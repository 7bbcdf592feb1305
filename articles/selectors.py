"""The read side: what readers may see of tags and authors, for views, feeds, sitemaps
and search. Visibility itself is `ArticleQuerySet.published()`; this module builds on it.
"""

from django.db.models import Count, Exists, OuterRef

from .models import Article, Author, Tag


def public_tags():
    """Tags of published articles, each annotated with its count of published articles."""
    return Tag.objects.filter(
        tagged_articles__content_object__in=Article.objects.published()
    ).annotate(article_count=Count("tagged_articles"))


def public_authors():
    """Authors with at least one published article."""
    return Author.objects.filter(Exists(Article.objects.published().filter(author=OuterRef("pk"))))
