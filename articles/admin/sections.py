"""Admin for sections (栏目): editors create them and set their order in the list."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from articles.models import Section


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["name", "slug", "description", "position"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    form = SectionForm
    list_display = ["name", "position", "article_count", "view_on_site_link"]
    list_editable = ["position"]
    search_fields = ["name"]
    ordering = ["position", "name"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """The order boxes in the list have no label of their own: name them."""
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        in_list = getattr(request.resolver_match, "url_name", "").endswith("_changelist")
        if db_field.name == "position" and in_list:
            field.widget.attrs["aria-label"] = "排序"
        return field

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
