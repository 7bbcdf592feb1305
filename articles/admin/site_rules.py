"""Admin for the rules editors taught the importer in its preview: see, delete, re-apply."""

from django.contrib import admin, messages
from django.shortcuts import redirect

from articles import import_jobs, roles
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
        """Hand the sites' kept documents to the task worker as an import job, and show
        that job's page: its progress, then what changed."""
        sites = set(queryset.values_list("site", flat=True))
        job = import_jobs.start_reapply(sites, user=request.user)
        if job is None:
            self.message_user(
                request, "这些站点没有保存的导入原文，无可重新应用。", messages.WARNING
            )
            return None
        self.message_user(
            request,
            f"正在后台把 {len(sites)} 个站点的规则重新应用到其导入文章；被编辑改过的文章保持不变。",
            messages.INFO,
        )
        return redirect(f"{self.admin_site.name}:articles_article_import_job", job.pk)
