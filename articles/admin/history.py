"""An article's history in the admin: revisions compared side by side, restore, status log."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles import editing, revisions, roles

RECENT_EDIT = timedelta(minutes=10)


def _pick(history, number, default):
    for revision in history:
        if str(revision.number) == number:
            return revision
    return default


class RevisionsAdminMixin:
    """For the article ModelAdmin: `<id>/revisions/?a=&b=`, restore, and change-page extras."""

    def _url_name(self, view: str) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/revisions/",
                wrap(self.revisions_view),
                name=self._url_name("revisions"),
            ),
            path(
                "<path:object_id>/revisions/<int:number>/restore/",
                wrap(require_POST(self.restore_view)),
                name=self._url_name("restore"),
            ),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        return article

    def revisions_view(self, request, object_id):
        """Every revision of the article, and the difference between any two of them."""
        article = self._article_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        history = list(article.revisions.select_related("created_by"))
        newer = _pick(history, request.GET.get("b"), history[0] if history else None)
        older_default = next((r for r in history if newer and r.number < newer.number), newer)
        older = _pick(history, request.GET.get("a"), older_default)
        rows = None
        if newer is not None:
            rows = revisions.compare(revisions.state_of(older), revisions.state_of(newer))
        context = {
            **self.admin_site.each_context(request),
            "title": f"“{article}”的版本",
            "opts": self.opts,
            "original": article,
            "history": [(r, revisions.describe(r)) for r in history],
            "older": older,
            "newer": newer,
            "rows": rows,
            "can_restore": self.has_change_permission(request, article),
            "restore_url_name": f"{self.admin_site.name}:{self._url_name('restore')}",
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def restore_view(self, request, object_id, number):
        """Bring back one revision's text and tags; the restore is itself a new revision."""
        article = self._article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        revision = get_object_or_404(article.revisions, number=number)
        if article.is_visible and request.POST.get("confirmed") != "yes":
            return self._confirm_restore(request, article, revision)
        restored, missing = editing.restore(revision, user=request.user)
        self.message_user(
            request,
            f"已恢复第 {revision.number} 版的文字与标签，"
            f"保存为第 {restored.number} 版（状态不变）。",
            messages.SUCCESS,
        )
        if missing:
            self.message_user(
                request, f"这些标签已不存在，未恢复：{'、'.join(missing)}。", messages.WARNING
            )
        url = reverse(f"{self.admin_site.name}:{self._url_name('revisions')}", args=[article.pk])
        return redirect(f"{url}?a={revision.number}&b={restored.number}")

    def _confirm_restore(self, request, article, revision):
        """Readers see a live article at once: restoring one is asked for twice."""
        context = {
            **self.admin_site.each_context(request),
            "title": f"恢复“{article}”的第 {revision.number} 版？",
            "opts": self.opts,
            "original": article,
            "revision": revision,
            "described": revisions.describe(revision),
            "revisions_url": reverse(
                f"{self.admin_site.name}:{self._url_name('revisions')}", args=[article.pk]
            ),
        }
        return TemplateResponse(request, "admin/articles/article/restore_confirm.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None:
            changes = list(article.status_changes.select_related("changed_by")[:50])
            if request.method == "GET":
                self._warn_recent_edit(request, article)
                self._pass_on_status_note(request, changes[0] if changes else None)
            extra_context = {
                **(extra_context or {}),
                "status_changes": [
                    (change, roles.display_name(change.changed_by)) for change in changes
                ],
                "revisions_url": reverse(
                    f"{self.admin_site.name}:{self._url_name('revisions')}", args=[article.pk]
                ),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def _pass_on_status_note(self, request, latest):
        """The note of the article's latest status change, if someone else wrote it."""
        if latest is None or not latest.note or latest.changed_by_id == request.user.pk:
            return
        messages.info(
            request,
            f"{roles.display_name(latest.changed_by)}把文章改为“{latest.get_to_status_display()}”，"
            f"并说明：{latest.note}",
        )

    def _warn_recent_edit(self, request, article):
        """Someone else saved this article in the last few minutes: they may still be at it."""
        if article.updated_at < timezone.now() - RECENT_EDIT:
            return
        latest = revisions.revision_at(article, article.updated_at)
        if latest is None or latest.created_by_id in (None, request.user.pk):
            return  # an import or a script is not a person still at work, nor are you
        who = roles.display_name(latest.created_by)
        when = timezone.localtime(article.updated_at).strftime("%H:%M")
        messages.warning(
            request,
            f"{who}在 {when} 修改过这篇文章（10 分钟内），可能仍在编辑。"
            "若保存时对方已再次修改，系统会提示并保留你的文字。",
        )
