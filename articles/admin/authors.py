"""Admin for authors."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from articles.models import Author

from .autocomplete import NamedAutocompleteMixin


class AuthorForm(forms.ModelForm):
    """The slug may be left empty: `Author.save()` makes it from the name's pinyin."""

    class Meta:
        model = Author
        fields = ["name", "slug", "bio"]
        help_texts = {"slug": "留空则由笔名拼音生成。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False


@admin.register(Author)
class AuthorAdmin(NamedAutocompleteMixin, admin.ModelAdmin):
    form = AuthorForm
    list_display = ["name", "slug", "article_count", "updated_at", "view_on_site_link"]
    search_fields = ["name"]
    ordering = ["name"]  # annotated querysets drop Meta.ordering; autocomplete pages need one
    readonly_fields = ["created_at", "updated_at"]
    autocomplete_fields = ["portrait"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.display(description="文章数", ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles

    @admin.display(description="站点")
    def view_on_site_link(self, obj):
        return format_html(
            "<a href='{}' target='_blank' rel='noopener'>{}</a>", obj.get_absolute_url(), "查看"
        )
