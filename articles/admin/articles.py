"""Admin for articles: the writing first, the workflow by role, a revision on every save."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import editing, roles
from articles.forms import ArticleAdminForm
from articles.models import Article
from articles.search.query import parse
from articles.search.results import matching_article_ids
from articles.tag_names import unknown

from .article_states import StateFilter, announce
from .autocomplete import NamedAutocompleteMixin
from .autosave import AutosaveAdminMixin
from .history import RevisionsAdminMixin
from .importing import ImportAdminMixin
from .markdown_preview import MarkdownPreviewAdminMixin
from .named import SiteLinkColumn
from .presence import PresenceAdminMixin
from .sharing import PreviewAdminMixin
from .tag_filter import PopularTagFilter
from .tag_suggestions import TagSuggestionsAdminMixin
from .tag_warnings import warn_near
from .workflow_actions import WorkflowActionsMixin


@admin.register(Article)
class ArticleAdmin(
    NamedAutocompleteMixin,
    AutosaveAdminMixin,
    PresenceAdminMixin,
    RevisionsAdminMixin,
    WorkflowActionsMixin,
    PreviewAdminMixin,
    MarkdownPreviewAdminMixin,
    TagSuggestionsAdminMixin,
    ImportAdminMixin,
    SiteLinkColumn,
    admin.ModelAdmin,
):
    """Writers (作者) see and edit their own drafts; editors (编辑) everything.

    Permission checks use `articles.roles`, the allowed status moves `articles.workflow`.
    The search box is the site's Chinese search, over every status.
    """

    form = ArticleAdminForm
    list_display = [
        "title",
        "author",
        "state",
        "published_when",
        "featured_mark",
        "tag_list",
        "updated_when",
        "view_on_site_link",
    ]
    list_filter = [
        StateFilter,
        "featured",
        "section",
        "author",
        ("tags", PopularTagFilter),
        "published_at",
        "updated_at",
    ]
    list_select_related = ["author"]
    search_fields = ["title"]  # only for input with no searchable words; see get_search_results
    search_help_text = (
        "搜索标题、导语、正文、作者和标签，与网站搜索相同：繁体、全角、大小写不限，"
        "引号内为整个短语；草稿和待审稿也能找到。"
    )
    autocomplete_fields = ["author", "cover"]
    date_hierarchy = "published_at"
    readonly_fields = [
        "char_count",
        "reading_minutes",
        "created_by",
        "created_at",
        "updated_at",
        "source_document",
        "source_position",
    ]
    fieldsets = [
        (None, {"fields": ["title", "standfirst", "body", "cover"]}),
        (
            "发布",
            {
                "fields": [
                    "status",
                    "status_note",
                    "published_at",
                    "featured",
                    "section",
                    "author",
                    "tags",
                    "slug",
                ]
            },
        ),
        (
            "来源与署名",
            {
                "classes": ["collapse"],
                "fields": [
                    "original_author",
                    "original_source",
                    "original_title",
                    "editors",
                    "credit",
                ],
            },
        ),
        (
            "统计与来源",
            {
                "classes": ["collapse"],
                "fields": [
                    "char_count",
                    "reading_minutes",
                    "created_by",
                    "created_at",
                    "updated_at",
                    "source_document",
                    "source_position",
                ],
            },
        ),
    ]
    actions = [
        "submit_for_review",
        "publish_now",
        "back_to_draft",
        "archive",
        "feature",
        "unfeature",
        "add_tags",
        "remove_tags",
    ]

    def get_queryset(self, request):
        articles = super().get_queryset(request).prefetch_related("tags")
        if roles.can_change_any(request.user):
            return articles
        return articles.filter(created_by=request.user)

    def get_object(self, request, object_id, from_field=None):
        """Someone else's article is forbidden to a writer (403), not merely missing."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None and not roles.can_change_any(request.user):
            try:
                exists = Article.objects.filter(pk=object_id).exists()
            except (ValueError, ValidationError):
                exists = False
            if exists:
                raise PermissionDenied
        return obj

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or roles.may_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or roles.can_change_any(request.user))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not roles.can_publish(request.user):
            readonly += ["published_at", "featured"]
        return readonly

    def get_search_results(self, request, queryset, search_term):
        """Articles the site's search index matches, in the changelist's own order.

        Input without searchable words (only punctuation, say) falls back to the title
        containing it, as does the autocomplete widget, which is queried while typing.
        """
        query = parse(search_term)
        if not query or _is_autocomplete(request):
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(pk__in=matching_article_ids(query)), False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.editor = request.user  # a fresh class per request, so this stays per request
        if "tags" in form.base_fields:
            attrs = form.base_fields["tags"].widget.attrs
            attrs["data-suggest-url"] = reverse(
                f"{self.admin_site.name}:articles_article_tag_suggestions"
            )
            attrs["data-neighbours-url"] = reverse(
                f"{self.admin_site.name}:articles_article_tag_neighbours"
            )
        return form

    def save_model(self, request, obj, form, change):
        """The form only gathers input: the write path saves, tags, records and revisions."""
        before = Article.objects.values("status", "published_at").get(pk=obj.pk) if change else None
        coined = unknown(form.cleaned_data.get("tags") or [])
        editing.save(
            obj,
            user=request.user,
            tags=form.cleaned_data.get("tags"),
            note=form.cleaned_data.get("status_note", ""),
        )
        if before is None:
            announce(request, obj, "", None)
        else:
            announce(request, obj, before["status"], before["published_at"])
        for name in coined:
            warn_near(request, name)

    def save_related(self, request, form, formsets, change):
        """Tags were saved with the article (`editing.save`); only inlines remain."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    @admin.action(description="设为首页推荐", permissions=["publish"])
    def feature(self, request, queryset):
        self._set_featured(request, queryset, True)

    @admin.action(description="取消首页推荐", permissions=["publish"])
    def unfeature(self, request, queryset):
        self._set_featured(request, queryset, False)

    def _set_featured(self, request, queryset, featured):
        """Change `featured` as an edit of each article: new `updated_at`, new revision."""
        label = "设为首页推荐" if featured else "取消首页推荐"
        result = editing.set_featured(queryset, featured, user=request.user)
        unchanged = len(result.skipped)
        self.message_user(
            request,
            f"{len(result.changed)} 篇文章已{label}"
            + (f"；{unchanged} 篇原本如此，未改动。" if unchanged else "。"),
            messages.SUCCESS,
        )

    @admin.display(description="状态", ordering="status")
    def state(self, obj):
        return obj.state_label

    @admin.display(description="发布时间", ordering="published_at")
    def published_when(self, obj):
        return _short_time(obj.published_at)

    @admin.display(description="更新时间", ordering="updated_at")
    def updated_when(self, obj):
        return _short_time(obj.updated_at)

    @admin.display(description="首页推荐", ordering="featured")
    def featured_mark(self, obj):
        return "推荐" if obj.featured else ""

    @admin.display(description="标签")
    def tag_list(self, obj):
        return "、".join(tag.name for tag in obj.tags.all())


def _short_time(when) -> str:
    """“11-27 14:05”, with the year only when it is not this year: a compact list column."""
    if when is None:
        return "-"
    local = timezone.localtime(when)
    pattern = "%m-%d %H:%M" if local.year == timezone.localtime().year else "%Y-%m-%d %H:%M"
    return local.strftime(pattern)


def _is_autocomplete(request) -> bool:
    return getattr(request.resolver_match, "url_name", None) == "autocomplete"
