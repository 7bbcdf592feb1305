"""Admin for tags."""

from django.contrib import admin
from django.db.models import Count, Q

from articles.models import Article, Tag


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
