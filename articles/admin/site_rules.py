"""Admin for the rules editors taught the importer in its preview: see, delete, re-apply."""

from django.contrib import admin, messages

from articles import import_jobs, roles, site_rules
from articles.importer.parse import ParseError
from articles.models import SiteRule


@admin.register(SiteRule)
class SiteRuleAdmin(admin.ModelAdmin):
    """Rules are made by marking segments in the import preview; here they are listed,
    deleted, and re-applied to a site's imported articles that no editor has changed."""

    list_display = ["text", "action", "site", "created_by", "created_at"]
    list_filter = ["site", "action"]
    list_select_related = ["created_by"]
    search_fields = ["text", "site"]
    actions = ["reapply", "delete_selected"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_reapply_permission(self, request):
        return roles.can_change_any(request.user)

    @admin.action(
        description="把所选规则所在站点的全部规则重新应用到未经编辑修改的导入文章",
        permissions=["reapply"],
    )
    def reapply(self, request, queryset):
        sites = set(queryset.values_list("site", flat=True))
        try:
            report = site_rules.reapply(sites, user=request.user)
        except ParseError as error:
            self.message_user(request, f"无法按规则解析 {error}", messages.ERROR)
            return
        self.message_user(
            request,
            f"已重新应用 {len(sites)} 个站点的规则：{import_jobs.counts_line(report)}。"
            "被编辑改过的文章保持不变。",
            messages.SUCCESS,
        )
