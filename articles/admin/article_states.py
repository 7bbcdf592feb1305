"""The article states editors tell apart: 已排期 is a published article not yet live.

The changelist's status filter and column and the messages after a save use them, so an
article due tomorrow never reads as 已发布.
"""

from django.contrib import admin, messages
from django.db.models.functions import Now
from django.utils import timezone

from articles.models import SCHEDULED_LABEL, Article

Status = Article.Status
SCHEDULED = "scheduled"


class StateFilter(admin.SimpleListFilter):
    """草稿, 待审, 已发布 (live), 已排期, 已归档; `status__exact` as Django's own filter."""

    title = "状态"
    parameter_name = "status__exact"

    def lookups(self, request, model_admin):
        states = []
        for value, label in Status.choices:
            states.append((value, label))
            if value == Status.PUBLISHED:
                states.append((SCHEDULED, SCHEDULED_LABEL))
        return states

    def queryset(self, request, queryset):
        value = self.value()
        if value == SCHEDULED:
            return queryset.filter(status=Status.PUBLISHED, published_at__gt=Now())
        if value == Status.PUBLISHED:
            return queryset.filter(status=Status.PUBLISHED, published_at__lte=Now())
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset


def announce(request, article: Article, before_status: str, before_published_at) -> None:
    """Say what a save did to the article's publication, if anything: scheduled or live."""
    if article.status != Status.PUBLISHED:
        return
    moved = before_status != Status.PUBLISHED or before_published_at != article.published_at
    if not moved:
        return
    if article.is_scheduled:
        when = timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M")
        messages.info(request, f"《{article.title}》已排期，将于 {when} 自动发布。")
    elif before_status != Status.PUBLISHED or _was_scheduled(before_published_at):
        messages.info(request, f"《{article.title}》已发布，读者现在可以看到。")


def _was_scheduled(published_at) -> bool:
    return published_at is not None and published_at > timezone.now()
