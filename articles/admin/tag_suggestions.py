"""Tag suggestions for the article form, so editors pick an existing tag instead of
coining a near-duplicate: `zhls` or `zhihui` find 智慧零售, as does `零售`. For the names
typed that are no tag yet, the existing tags close to them (`articles.tag_neighbours`),
shown as a warning beside the field before the article is saved."""

import unicodedata

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path, reverse

from articles import text
from articles.models import Tag
from articles.tag_names import parse_tags, unknown
from articles.tag_neighbours import near

LIMIT = 10


def _initials(name: str) -> str:
    from pypinyin import Style, lazy_pinyin  # pinyin tables load only when tags are suggested

    letters = lazy_pinyin(unicodedata.normalize("NFKC", name), style=Style.FIRST_LETTER)
    return "".join(letters).lower()


def suggest(query: str, limit: int = LIMIT) -> list[str]:
    """Names of tags matching `query` by characters, full pinyin or pinyin initials;
    names starting with the query first, then the rest, each in pinyin order."""
    key = text.fold(query).replace(" ", "")
    if not key:
        return []
    starts, contains = [], []
    for name in Tag.objects.values_list("name", flat=True):
        folded, pinyin, initials = text.fold(name), text.sort_key(name), _initials(name)
        if folded.startswith(key) or pinyin.startswith(key) or initials.startswith(key):
            starts.append(name)
        elif key in folded or key in pinyin:
            contains.append(name)
    ordered = sorted(starts, key=text.sort_key) + sorted(contains, key=text.sort_key)
    return ordered[:limit]


class TagSuggestionsAdminMixin:
    """For the article ModelAdmin: `tag-suggestions/?q=` and `tag-neighbours/?names=`
    answering JSON to staff."""

    @property
    def media(self):
        return super().media + forms.Media(js=["articles/admin/tag_suggest.js"])

    def get_urls(self):
        view = self.admin_site.admin_view(self.tag_suggestions_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_tag_suggestions"
        neighbours = self.admin_site.admin_view(self.tag_neighbours_view)
        return [
            path("tag-suggestions/", view, name=name),
            path("tag-neighbours/", neighbours, name=name.replace("suggestions", "neighbours")),
            *super().get_urls(),
        ]

    def _check_may_tag(self, request):
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied

    def tag_suggestions_view(self, request):
        self._check_may_tag(request)
        return JsonResponse({"tags": suggest(request.GET.get("q", ""))})

    def tag_neighbours_view(self, request):
        """`{"near": [{"name", "tags": [{"name", "url", "reason"}]}]}` for each new name."""
        self._check_may_tag(request)
        found = []
        for name in unknown(parse_tags(request.GET.get("names", ""))):
            tags = [
                {
                    "name": n.name,
                    "url": reverse(f"{self.admin_site.name}:articles_tag_change", args=[n.pk]),
                    "reason": n.reason,
                }
                for n in near(name)
            ]
            if tags:
                found.append({"name": name, "tags": tags})
        return JsonResponse({"near": found})
