"""Admin for imported articles linked to an existing near-identical article."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from articles.models import DuplicateImport


@admin.register(DuplicateImport)
class DuplicateImportAdmin(admin.ModelAdmin):
    """A read-only list: each row is an article of a source file that the importer linked
    to an existing article instead of creating it again. Importing the file with
    “separate” (the preview's box, or `import_seeds --separate`) creates it after all."""

    list_display = [
        "title",
        "source_document",
        "source_position",
        "existing_article",
        "distance",
        "linked_at",
    ]
    list_select_related = ["article"]
    search_fields = ["title", "source_document", "article__title"]
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="已有文章", ordering="article__title")
    def existing_article(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html("<a href='{}'>{}</a>", url, obj.article.title)
