"""The editors' admin for articles, authors and tags."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils import timezone

from .models import Article, Author, Tag, TaggedArticle

admin.site.site_header = "产业观察 · 编辑部"
admin.site.site_title = "产业观察编辑部"
admin.site.index_title = "内容管理"


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count", "updated_at"]
    search_fields = ["name"]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.display(description="文章数", ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles


class TaggedArticleInline(admin.TabularInline):
    model = TaggedArticle
    autocomplete_fields = ["content_object"]
    extra = 0
    verbose_name_plural = "使用此标签的文章"


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "published_count"]
    search_fields = ["name", "slug"]

    def get_queryset(self, request):
        published = Q(tagged_articles__content_object__status=Article.Status.PUBLISHED)
        return (
            super()
            .get_queryset(request)
            .annotate(n_published=Count("tagged_articles", filter=published))
        )

    @admin.display(description="已发布文章数", ordering="n_published")
    def published_count(self, obj):
        return obj.n_published


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
