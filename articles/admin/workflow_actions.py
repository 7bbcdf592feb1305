"""Bulk actions on the article changelist: workflow moves and adding or removing tags.

Every article an action changes gets a `StatusChange` row (for moves) and a revision.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from articles import editing, roles, tag_names
from articles.forms import AddTagsForm, RemoveTagsForm
from articles.models import Article, Tag

Status = Article.Status
SHOWN_SKIPPED = 5


def _titles(articles) -> str:
    names = "、".join(f"《{a.title}》" for a in articles[:SHOWN_SKIPPED])
    return names + (" 等" if len(articles) > SHOWN_SKIPPED else "")


class WorkflowActionsMixin:
    """For the article ModelAdmin: status moves and tag edits on many articles at once."""

    def has_publish_permission(self, request):
        return roles.can_publish(request.user)

    def has_change_any_permission(self, request):
        return roles.can_change_any(request.user)

    def _move_all(self, request, queryset, to):
        self._report_moves(request, editing.change_status(queryset, to, user=request.user), to)

    def _report_moves(self, request, result, to):
        label = Status(to).label
        skipped = result.skipped
        self.message_user(
            request, f"{len(result.changed)} 篇文章已设为“{label}”。", messages.SUCCESS
        )
        if result.refused:
            self.message_user(
                request,
                f"{len(result.refused)} 篇未发布（封面或插图没有替代文字）："
                f"{_titles(result.refused)}。",
                messages.WARNING,
            )
        if skipped:
            self.message_user(
                request,
                f"{len(skipped)} 篇未改动（已是“{label}”或不能由当前状态改为“{label}”）："
                f"{_titles(skipped)}。",
                messages.WARNING,
            )

    @admin.action(description="提交所选草稿待审", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._move_all(request, queryset.filter(status=Status.DRAFT), Status.REVIEW)

    @admin.action(description="立即发布所选文章", permissions=["publish"])
    def publish_now(self, request, queryset):
        forward, moved = editing.publish_now(queryset, user=request.user)
        if forward.changed:
            self.message_user(
                request, f"{len(forward.changed)} 篇定时文章改为立即发布。", messages.SUCCESS
            )
        self._report_moves(request, moved, Status.PUBLISHED)

    @admin.action(description="退回草稿", permissions=["publish"])
    def back_to_draft(self, request, queryset):
        self._move_all(request, queryset, Status.DRAFT)

    @admin.action(description="归档所选文章", permissions=["publish"])
    def archive(self, request, queryset):
        self._move_all(request, queryset, Status.ARCHIVED)

    @admin.action(description="为所选文章添加标签", permissions=["change_any"])
    def add_tags(self, request, queryset):
        may_create = request.user.has_perm("articles.add_tag")
        data = request.POST if "apply" in request.POST else None
        form = AddTagsForm(data, may_create=may_create)
        if not form.is_valid():
            return self._tag_page(request, queryset, form, "为所选文章添加标签", "add_tags")
        tags = tag_names.resolve(form.cleaned_data["tags"])
        result = editing.retag(queryset, user=request.user, add=tags)
        quoted = "、".join(f"“{tag.name}”" for tag in tags)
        self.message_user(
            request,
            f"已为 {len(result.changed)} 篇文章添加标签 {quoted}；"
            f"{len(result.skipped)} 篇原本已有，未改动。",
            messages.SUCCESS,
        )
        return None

    @admin.action(description="从所选文章移除标签", permissions=["change_any"])
    def remove_tags(self, request, queryset):
        present = Tag.objects.filter(tagged_articles__content_object__in=queryset).distinct()
        data = request.POST if "apply" in request.POST else None
        form = RemoveTagsForm(data, tags=present)
        if not form.is_valid():
            return self._tag_page(request, queryset, form, "从所选文章移除标签", "remove_tags")
        tags = list(form.cleaned_data["tags"])
        result = editing.retag(queryset, user=request.user, remove=tags)
        quoted = "、".join(f"“{tag.name}”" for tag in tags)
        self.message_user(
            request, f"已从 {len(result.changed)} 篇文章移除标签 {quoted}。", messages.SUCCESS
        )
        return None

    def _tag_page(self, request, queryset, form, title, action):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "queryset": queryset,
            "form": form,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/article/tag_action.html", context)
