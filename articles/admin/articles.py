"""Admin for articles."""

from django.contrib import admin, messages
from django.utils import timezone

from articles.models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "status", "published_at", "tag_list", "updated_at"]
    list_filter = ["status", "published_at", "author", "tags"]
    list_select_related = ["author"]
    search_fields = ["title", "standfirst", "body", "author__name"]
    autocomplete_fields = ["author"]
    date_hierarchy = "published_at"
    readonly_fields = [
        "char_count",
        "reading_minutes",
        "created_at",
        "updated_at",
        "source_document",
        "source_position",
    ]
    fieldsets = [
        (None, {"fields": ["title", "standfirst", "body"]}),
        ("发布", {"fields": ["status", "published_at", "author", "credit", "tags", "slug"]}),
        (
            "统计与来源",
            {
                "classes": ["collapse"],
                "fields": [
                    "char_count",
                    "reading_minutes",
                    "created_at",
                    "updated_at",
                    "source_document",
                    "source_position",
                ],
            },
        ),
    ]
    actions = ["publish_now", "back_to_draft", "archive"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description="标签")
    def tag_list(self, obj):
        return "、".join(tag.name for tag in obj.tags.all())

    def _set_status(self, request, queryset, status, **extra):
        changed = 0
        for article in queryset:
            article.status = status
            for name, value in extra.items():
                setattr(article, name, value)
            article.save()
            changed += 1
        label = Article.Status(status).label
        self.message_user(request, f"{changed} 篇文章已设为“{label}”。", messages.SUCCESS)

    @admin.action(description="立即发布所选文章")
    def publish_now(self, request, queryset):
        self._set_status(request, queryset, Article.Status.PUBLISHED, published_at=timezone.now())

    @admin.action(description="退回草稿")
    def back_to_draft(self, request, queryset):
        self._set_status(request, queryset, Article.Status.DRAFT)

    @admin.action(description="归档所选文章")
    def archive(self, request, queryset):
        self._set_status(request, queryset, Article.Status.ARCHIVED)
