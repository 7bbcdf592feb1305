"""Admin pieces shared by authors, sections and tags: named things with a pinyin slug,
a public page and articles of their own."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html


class PinyinSlugForm(forms.ModelForm):
    """The slug may be left empty: the model's `save()` makes it from the name's pinyin."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False


class SlugKeptAdmin:
    """A saved object keeps its slug, so renaming it never breaks its address."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "slug"] if obj is not None else readonly


class SiteLinkColumn:
    """A 查看 column linking each row to its public page."""

    @admin.display(description="站点")
    def view_on_site_link(self, obj):
        return format_html(
            "<a href='{}' target='_blank' rel='noopener'>{}</a>", obj.get_absolute_url(), "查看"
        )


class ArticleCountColumn:
    """A sortable 文章数 column counting each row's `articles`."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.display(description="文章数", ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles
