"""The editors' admin for the glossary."""

from django.contrib import admin, messages

from .models import GlossaryEntry


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(admin.ModelAdmin):
    list_display = ["term", "status", "aliases", "source_article", "updated_at"]
    list_filter = ["status"]
    list_select_related = ["source_article"]
    search_fields = ["term", "aliases", "definition"]
    autocomplete_fields = ["source_article"]
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "term",
        "definition",
        "aliases",
        "status",
        "slug",
        "source_article",
        "created_at",
        "updated_at",
    ]
    actions = ["approve", "reject"]

    @admin.action(description="通过所选术语(发布)")
    def approve(self, request, queryset):
        entries = list(queryset.filter(status=GlossaryEntry.Status.SUGGESTED))
        for entry in entries:  # save() one by one so caches and the search index follow
            entry.status = GlossaryEntry.Status.PUBLISHED
            entry.save()
        self.message_user(request, f"已发布 {len(entries)} 个术语。", messages.SUCCESS)

    @admin.action(description="驳回所选待审术语(删除)")
    def reject(self, request, queryset):
        entries = list(queryset.filter(status=GlossaryEntry.Status.SUGGESTED))
        for entry in entries:
            entry.delete()
        self.message_user(request, f"已驳回并删除 {len(entries)} 个待审术语。", messages.SUCCESS)
