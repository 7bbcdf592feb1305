"""Admin for sections (栏目): editors create them and set their order in the list."""

from django.contrib import admin

from articles.models import Section

from .named import ArticleCountColumn, PinyinSlugForm, SiteLinkColumn


class SectionForm(PinyinSlugForm):
    class Meta:
        model = Section
        fields = ["name", "slug", "description", "position"]


@admin.register(Section)
class SectionAdmin(ArticleCountColumn, SiteLinkColumn, admin.ModelAdmin):
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
