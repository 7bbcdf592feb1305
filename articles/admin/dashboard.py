"""The editors' dashboard above the admin's app list.

The day's work at a glance: one's own drafts, what waits for review, what goes live by
itself this week, what was published lately, then articles by status (published ones
split into live and scheduled), what was edited last, the notes others left
with status changes, and how many glossary suggestions wait for review. Writers see the
same panels for their own articles (the article admin's queryset decides).
"""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from articles import roles, workflow
from articles.models import SCHEDULED_LABEL, Article, StatusChange
from glossary.models import GlossaryEntry

from .article_states import SCHEDULED, StateFilter

RECENT = 10
DAY_LIST = 8  # my drafts, waiting for review, recently published
SCHEDULED_SHOWN = 10
NOTES = 10
Status = Article.Status


def build(request) -> dict:
    """The dashboard's panels for `request.user`."""
    article_admin = admin.site.get_model_admin(Article)
    articles = article_admin.get_queryset(request).prefetch_related(None)
    listing = articles.select_related("author").only(
        "pk", "title", "status", "published_at", "updated_at", "author__name"
    )
    week_ahead = timezone.now() + timedelta(days=7)
    dashboard = {
        "by_status": _by_status(articles),
        "my_drafts": listing.filter(status=Status.DRAFT, created_by=request.user).order_by(
            "-updated_at"
        )[:DAY_LIST],
        "in_review": listing.filter(status=Status.REVIEW).order_by("updated_at")[:DAY_LIST],
        "recently_published": listing.published().order_by("-published_at")[:DAY_LIST],
        "recent": listing.order_by("-updated_at")[:RECENT],
        "scheduled": workflow.scheduled(listing).filter(published_at__lte=week_ahead)[
            :SCHEDULED_SHOWN
        ],
        "notes": _notes(request, articles),
        "suggestions": None,
    }
    if request.user.has_perm("glossary.view_glossaryentry"):
        waiting = GlossaryEntry.objects.filter(status=GlossaryEntry.Status.SUGGESTED).count()
        url = reverse("admin:glossary_glossaryentry_changelist")
        dashboard["suggestions"] = {
            "count": waiting,
            "url": f"{url}?status__exact={GlossaryEntry.Status.SUGGESTED}",
        }
    return dashboard


def _notes(request, articles) -> list[tuple[StatusChange, str]]:
    """The latest status changes of `articles` with a note by someone else, and who."""
    changes = (
        StatusChange.objects.filter(article__in=articles.values("pk"))
        .exclude(note="")
        .exclude(changed_by=request.user)
        .select_related("article", "changed_by")[:NOTES]
    )
    return [(change, roles.display_name(change.changed_by)) for change in changes]


def _by_status(articles) -> list[dict]:
    """A row per status, 已发布 counting live articles only and 已排期 after it.

    The links use the changelist's state filter, which tells the two apart the same way.
    """
    counts = dict(articles.order_by().values_list("status").annotate(n=Count("pk")))
    waiting = workflow.scheduled(articles).count()
    rows = []
    for value, label in Status.choices:
        if value != Status.PUBLISHED:
            rows.append(_row(label, counts.get(value, 0), value))
            continue
        rows.append(_row(label, counts.get(value, 0) - waiting, value))
        rows.append(_row(SCHEDULED_LABEL, waiting, SCHEDULED))
    return rows


def _row(label: str, count: int, state: str) -> dict:
    changelist = reverse("admin:articles_article_changelist")
    query = urlencode({StateFilter.parameter_name: state})
    return {"label": label, "count": count, "url": f"{changelist}?{query}"}
