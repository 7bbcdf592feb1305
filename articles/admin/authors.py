"""Admin for authors."""

from django.contrib import admin

from articles.models import Author

from .autocomplete import NamedAutocompleteMixin
from .named import ArticleCountColumn, PinyinSlugForm, SiteLinkColumn


class AuthorForm(PinyinSlugForm):
    class Meta:
        model = Author
        fields = ["name", "slug", "bio"]
        help_texts = {"slug": "留空则由笔名拼音生成。"}


@admin.register(Author)
class AuthorAdmin(ArticleCountColumn, SiteLinkColumn, NamedAutocompleteMixin, admin.ModelAdmin):
    form = AuthorForm
    list_display = ["name", "slug", "article_count", "updated_at", "view_on_site_link"]
    search_fields = ["name"]
    ordering = ["name"]  # annotated querysets drop Meta.ordering; autocomplete pages need one
    readonly_fields = ["created_at", "updated_at"]
    autocomplete_fields = ["portrait"]
