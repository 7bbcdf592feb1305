"""The editors' dashboard above the admin's app list.

What an editor needs at a glance: articles by status (published ones split into live and
scheduled), what was edited last, what goes live by itself soon, the notes others left
with status changes, and how many glossary suggestions wait for review. Writers see the
same panels for their own articles (the article admin's queryset decides).
"""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from articles import roles, workflow
from articles.models import Article, StatusChange
from glossary.models import GlossaryEntry

RECENT = 10
SCHEDULED = 10
NOTES = 10
Status = Article.Status


def build(request) -> dict:
    """The dashboard's panels for `request.user`."""
    article_admin = admin.site.get_model_admin(Article)
    articles = article_admin.get_queryset(request).prefetch_related(None)
    listing = articles.select_related("author").only(
        "pk", "title", "status", "published_at", "updated_at", "author__name"
    )
    dashboard = {
        "by_status": _by_status(articles),
        "recent": listing.order_by("-updated_at")[:RECENT],
        "scheduled": workflow.scheduled(listing)[:SCHEDULED],
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
    """A row per status, 已发布 counting live articles only and 已排期 after it."""
    stamp = timezone.now().isoformat()
    counts = dict(articles.order_by().values_list("status").annotate(n=Count("pk")))
    waiting = workflow.scheduled(articles).count()
    rows = []
    for value, label in Status.choices:
        lookups = {"status__exact": value}
        if value != Status.PUBLISHED:
            rows.append(_row(label, counts.get(value, 0), lookups))
            continue
        live = counts.get(value, 0) - waiting
        rows.append(_row(label, live, {**lookups, "published_at__lte": stamp}))
        rows.append(_row("已排期", waiting, {**lookups, "published_at__gt": stamp}))
    return rows


def _row(label: str, count: int, lookups: dict) -> dict:
    changelist = reverse("admin:articles_article_changelist")
    return {"label": label, "count": count, "url": f"{changelist}?{urlencode(lookups)}"}
