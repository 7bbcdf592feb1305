"""The editors' admin for the glossary: review suggestions, aliases, where a term is used."""

from dataclasses import dataclass
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from articles import text
from articles.models import Article

from .linking import sentence_with, term_pattern
from .models import GlossaryEntry

MENTION_FIELDS = ("title", "standfirst", "body")
MENTIONS_SHOWN = 20


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


@dataclass(frozen=True)
class Mention:
    """An article using the term: what the admin shows of it."""

    pk: int
    title: str
    status: str
    sentence: tuple[str, str, str] | None

    @property
    def status_label(self) -> str:
        return Article.Status(self.status).label


def mentioning_articles(
    entry: GlossaryEntry, limit: int = MENTIONS_SHOWN
) -> tuple[list[Mention], int]:
    """The `limit` most recent articles whose title, standfirst or body uses the term or an
    alias, each with the sentence, and how many articles use it in all.

    One query streams the candidates' text; the linker's own pattern then keeps only real
    mentions, so “C2B” is not counted inside “C2B2C”. Unpublished articles come first.
    """
    names = [entry.term, *entry.alias_list]
    pattern = term_pattern(names, exceptions=entry.exception_list)
    if pattern is None:
        return [], 0
    lookups = [Q(**{f"{field}__icontains": name}) for name in names for field in MENTION_FIELDS]
    candidates = (
        Article.objects.filter(reduce(or_, lookups))
        .order_by(F("published_at").desc(nulls_first=True), "-id")
        .values_list("pk", "status", *MENTION_FIELDS)
    )
    shown, total = [], 0
    for pk, status, title, standfirst, body in candidates.iterator():
        if not any(pattern.search(value) for value in (title, standfirst, body)):
            continue
        total += 1
        if len(shown) < limit:
            shown.append(Mention(pk, title, status, sentence_with(body, pattern)))
    return shown, total


class GlossaryEntryForm(forms.ModelForm):
    """The slug may be left empty: `GlossaryEntry.save()` makes it from the term's pinyin."""

    class Meta:
        model = GlossaryEntry
        fields = [
            "term",
            "definition",
            "aliases",
            "link_exceptions",
            "status",
            "slug",
            "source_article",
        ]
        help_texts = {"slug": "留空则由术语拼音生成。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(admin.ModelAdmin):
    form = GlossaryEntryForm
    list_display = ["term", "status", "aliases", "source_article", "updated_at"]
    list_filter = [StatusFilter]
    list_select_related = ["source_article"]
    search_fields = ["term", "aliases", "definition"]
    autocomplete_fields = ["source_article"]
    readonly_fields = ["mentions", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["term", "definition", "aliases", "link_exceptions", "status"]}),
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
        shown, total = mentioning_articles(obj)
        if not total:
            return "暂无文章使用此术语或其别名。"
        items = format_html_join(
            "",
            "<li><a href='{}'>{}</a>({}){}</li>",
            (
                (
                    reverse("admin:articles_article_change", args=[mention.pk]),
                    mention.title,
                    mention.status_label,
                    format_html("：{}<mark>{}</mark>{}", *mention.sentence)
                    if mention.sentence
                    else "",
                )
                for mention in shown
            ),
        )
        more = ""
        if total > len(shown):
            search = f"{reverse('search')}?{urlencode({'q': obj.term})}"
            more = format_html(
                "<p>还有 {} 篇，<a href='{}'>在站内搜索中查看</a>（只含已发布的文章）。</p>",
                total - len(shown),
                search,
            )
        return format_html(
            "<p>共 {} 篇。</p><ul class='term-mentions'>{}</ul>{}", total, items, more
        )

    @admin.action(description="通过所选术语（发布）", permissions=["change"])
    def approve(self, request, queryset):
        selected = queryset.count()
        entries = list(queryset.exclude(status=GlossaryEntry.Status.PUBLISHED))
        for entry in entries:  # save() one by one so caches and the search index follow
            entry.status = GlossaryEntry.Status.PUBLISHED
            entry.save()
        ignored = selected - len(entries)
        self._report(request, f"已发布 {len(entries)} 个术语", ignored, "已发布的")

    @admin.action(description="驳回所选待审术语（保留为已驳回，不再导入）", permissions=["change"])
    def reject(self, request, queryset):
        selected = queryset.count()
        entries = list(queryset.filter(status=GlossaryEntry.Status.SUGGESTED))
        for entry in entries:
            entry.status = GlossaryEntry.Status.REJECTED
            entry.save()
        done = f"已驳回 {len(entries)} 个待审术语（状态改为“已驳回”，再次导入时不会重新出现）"
        self._report(request, done, selected - len(entries), "已发布或已驳回的")

    def _report(self, request, done: str, ignored: int, ignored_kind: str) -> None:
        if ignored:
            done += f"；{ignored} 个{ignored_kind}术语未作改动"
        self.message_user(request, f"{done}。", messages.SUCCESS)
