"""The editors' admin for the glossary: review suggestions, aliases, where a term is used."""

from functools import reduce
from operator import or_

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from articles import text
from articles.models import Article

from .linking import sentence_with, term_pattern
from .models import GlossaryEntry

MENTION_FIELDS = ("title", "standfirst", "body")


class StatusFilter(admin.SimpleListFilter):
    """Status choices with their counts, so the number of waiting suggestions is visible."""

    title = "状态"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        counts = dict(
            GlossaryEntry.objects.values_list("status").annotate(n=Count("pk")).order_by()
        )
        return [
            (value, f"{label}({counts.get(value, 0)})")
            for value, label in GlossaryEntry.Status.choices
        ]

    def queryset(self, request, queryset):
        if self.value() in GlossaryEntry.Status.values:
            return queryset.filter(status=self.value())
        return queryset


def mentioning_articles(entry: GlossaryEntry) -> list[tuple[Article, tuple | None]]:
    """Articles whose title, standfirst or body uses the term or an alias, with the sentence.

    One query finds the candidates; the linker's own pattern then keeps only real mentions,
    so “C2B” is not counted inside “C2B2C”.
    """
    names = [entry.term, *entry.alias_list]
    pattern = term_pattern(names)
    if pattern is None:
        return []
    lookups = [Q(**{f"{field}__icontains": name}) for name in names for field in MENTION_FIELDS]
    candidates = (
        Article.objects.filter(reduce(or_, lookups))
        .only("pk", "title", "status", *MENTION_FIELDS)
        .order_by("-published_at", "-id")
    )
    found = []
    for article in candidates:
        if any(pattern.search(getattr(article, field)) for field in MENTION_FIELDS):
            found.append((article, sentence_with(article.body, pattern)))
    return found


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(admin.ModelAdmin):
    list_display = ["term", "status", "aliases", "source_article", "updated_at"]
    list_filter = [StatusFilter]
    list_select_related = ["source_article"]
    search_fields = ["term", "aliases", "definition"]
    autocomplete_fields = ["source_article"]
    readonly_fields = ["mentions", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["term", "definition", "aliases", "status"]}),
        ("出处与网址", {"fields": ["slug", "source_article", "created_at", "updated_at"]}),
        ("提及此术语的文章", {"fields": ["mentions"]}),
    ]
    actions = ["approve", "reject"]

    def get_fieldsets(self, request, obj=None):
        """The mentions section needs a saved entry."""
        if obj is None:
            return [fs for fs in self.fieldsets if "mentions" not in fs[1]["fields"]]
        return self.fieldsets

    def get_search_results(self, request, queryset, search_term):
        """Also match the folded key, so “Ｃ２Ｂ” finds “C2B”."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        key = text.fold(search_term)
        if key:
            results |= queryset.filter(term_key__contains=key)
        return results, may_have_duplicates

    @admin.display(description="提及的文章")
    def mentions(self, obj):
        found = mentioning_articles(obj)
        if not found:
            return "暂无文章使用此术语或其别名。"
        items = format_html_join(
            "",
            "<li><a href='{}'>{}</a>({}){}</li>",
            (
                (
                    reverse("admin:articles_article_change", args=[article.pk]),
                    article.title,
                    article.get_status_display(),
                    format_html("：{}<mark>{}</mark>{}", *sentence) if sentence else "",
                )
                for article, sentence in found
            ),
        )
        return format_html("<p>共 {} 篇。</p><ul class='term-mentions'>{}</ul>", len(found), items)

    @admin.action(description="通过所选术语(发布)")
    def approve(self, request, queryset):
        selected = queryset.count()
        entries = list(queryset.filter(status=GlossaryEntry.Status.SUGGESTED))
        for entry in entries:  # save() one by one so caches and the search index follow
            entry.status = GlossaryEntry.Status.PUBLISHED
            entry.save()
        self._report(request, f"已发布 {len(entries)} 个术语", selected - len(entries))

    @admin.action(description="驳回所选待审术语(删除)")
    def reject(self, request, queryset):
        selected = queryset.count()
        entries = list(queryset.filter(status=GlossaryEntry.Status.SUGGESTED))
        for entry in entries:
            entry.delete()
        self._report(request, f"已驳回并删除 {len(entries)} 个待审术语", selected - len(entries))

    def _report(self, request, done: str, ignored: int) -> None:
        if ignored:
            done += f";{ignored} 个已发布的术语未作改动"
        self.message_user(request, f"{done}。", messages.SUCCESS)
