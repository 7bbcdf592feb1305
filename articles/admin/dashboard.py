"""The editors' dashboard above the admin's app list.

What an editor needs at a glance: articles by status, what was edited last, what goes
live by itself soon, and how many glossary suggestions wait for review. Writers see the
same panels for their own articles (the article admin's queryset decides).
"""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from glossary.models import GlossaryEntry

RECENT = 10
SCHEDULED = 10


def build(request) -> dict:
    """The dashboard's panels for `request.user`."""
    article_admin = admin.site.get_model_admin(Article)
    articles = article_admin.get_queryset(request).prefetch_related(None)
    counts = dict(articles.order_by().values_list("status").annotate(n=Count("pk")))
    changelist = reverse("admin:articles_article_changelist")
    by_status = [
        {"label": label, "count": counts.get(v, 0), "url": f"{changelist}?status__exact={v}"}
        for v, label in Article.Status.choices
    ]
    listing = articles.select_related("author").only(
        "pk", "title", "status", "published_at", "updated_at", "author__name"
    )
    dashboard = {
        "by_status": by_status,
        "recent": listing.order_by("-updated_at")[:RECENT],
        "scheduled": listing.filter(
            status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
        ).order_by("published_at")[:SCHEDULED],
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
