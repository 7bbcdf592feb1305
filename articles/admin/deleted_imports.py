"""Admin for imported articles that editors deleted, which imports leave deleted."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from articles.models import DeletedImport


@admin.register(DeletedImport)
class DeletedImportAdmin(admin.ModelAdmin):
    """A read-only list; the one action lets the next import create the article again."""

    list_display = ["title", "source_document", "source_position", "deleted_at"]
    search_fields = ["title", "source_document"]
    list_filter = ["source_document"]
    actions = ["allow_reimport"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # removing an entry is `allow_reimport`, whose wording says what it does

    def has_reimport_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.delete_{opts.model_name}")

    @admin.action(description="下次导入时恢复所选文章", permissions=["reimport"])
    def allow_reimport(self, request, queryset):
        count, _ = queryset.delete()
        self.message_user(
            request,
            format_html(
                "已允许 {} 篇文章在下次导入时重新创建：在<a href='{}'>导入页</a>上传来源文件，"
                "或运行 <code>manage.py import_seeds</code>。",
                count,
                reverse("admin:articles_article_import"),
            ),
            messages.SUCCESS,
        )
