"""The article workflow: draft → in review → published → archived.

`TRANSITIONS` says which moves exist and who may make them; `record()` writes the
`StatusChange` row that says who made one and when (`articles.editing` makes them).
Publishing with a `published_at` in the future schedules the article:
`ArticleQuerySet.published()` shows it from that moment on, with nothing left to run.
"""

from django.utils import timezone

from . import roles
from .models import Article, SlugRedirect, StatusChange

Status = Article.Status

WRITERS = "writers"  # anyone who may edit the article, its writer included
EDITORS = "editors"  # only those who may publish

TRANSITIONS = {
    (Status.DRAFT, Status.REVIEW): WRITERS,
    (Status.REVIEW, Status.DRAFT): EDITORS,
    (Status.DRAFT, Status.PUBLISHED): EDITORS,
    (Status.REVIEW, Status.PUBLISHED): EDITORS,
    (Status.DRAFT, Status.ARCHIVED): EDITORS,
    (Status.REVIEW, Status.ARCHIVED): EDITORS,
    (Status.PUBLISHED, Status.DRAFT): EDITORS,
    (Status.PUBLISHED, Status.ARCHIVED): EDITORS,
    (Status.ARCHIVED, Status.DRAFT): EDITORS,
    (Status.ARCHIVED, Status.PUBLISHED): EDITORS,
}


def can_move(user, article: Article, to: str) -> bool:
    """May `user` take `article` from its current status to `to`?"""
    if not roles.may_edit(user, article):
        return False
    if to == article.status:
        return True
    who = TRANSITIONS.get((article.status, to))
    if who == WRITERS:
        return True
    return who == EDITORS and roles.can_publish(user)


def choices_for(user, article: Article | None) -> list[tuple[str, str]]:
    """Status choices for a form: the current status and the moves `user` may make."""
    current = article if article is not None else Article(status=Status.DRAFT)
    if article is None:
        current.created_by_id = user.pk  # a new article is its creator's own draft
    return [(value, label) for value, label in Status.choices if can_move(user, current, value)]


def record(article: Article, from_status: str, user, note: str = "") -> StatusChange | None:
    """Write down the move `article` just made from `from_status`, if it moved at all."""
    if from_status == article.status:
        return None
    return StatusChange.objects.create(
        article=article,
        from_status=from_status,
        to_status=article.status,
        changed_by=user,
        note=note,
    )


def scheduled(articles=None):
    """Published articles (of `articles`, else all) whose time is still ahead, soonest first."""
    articles = Article.objects.all() if articles is None else articles
    return articles.filter(status=Status.PUBLISHED, published_at__gt=timezone.now()).order_by(
        "published_at"
    )


def remember_old_slug(article: Article, old_slug: str, old_published_at) -> SlugRedirect | None:
    """Keep `old_slug` answering (301) if the article had been published under it."""
    if old_slug == article.slug:
        return None
    SlugRedirect.objects.filter(old_slug=article.slug).delete()  # the slug is live again
    if old_published_at is None or old_published_at > timezone.now():
        return None
    redirect, _ = SlugRedirect.objects.update_or_create(
        old_slug=old_slug, defaults={"article": article}
    )
    return redirect
