"""The glossary: an A–Z index of published terms and a page for each term."""

import string
from functools import reduce
from operator import or_

from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import DetailView, TemplateView

from articles.models import Article

from .linking import sentence_with, term_pattern
from .models import GlossaryEntry

LETTERS = [*string.ascii_uppercase, "#"]
MENTIONS_SHOWN = 20


def _crumbs(*extra):
    return [("首页", reverse("articles:home")), ("术语表", reverse("glossary:index")), *extra]


class GlossaryIndexView(TemplateView):
    template_name = "glossary/index.html"
    extra_context = {"nav": "glossary"}

    def get_context_data(self, **kwargs):
        entries = GlossaryEntry.objects.published().only("term", "slug", "definition", "sort_key")
        groups = {letter: [] for letter in LETTERS}
        for entry in entries:
            groups[entry.initial].append(entry)
        return super().get_context_data(
            entries=entries,
            groups=[(letter, items) for letter, items in groups.items() if items],
            letters=[(letter, bool(items)) for letter, items in groups.items()],
            breadcrumbs=_crumbs(),
            **kwargs,
        )


class GlossaryDetailView(DetailView):
    template_name = "glossary/detail.html"
    context_object_name = "entry"
    extra_context = {"nav": "glossary"}

    def get_queryset(self):
        return GlossaryEntry.objects.published()

    def get_context_data(self, **kwargs):
        entry = self.object
        mentions, more = self.mentions(entry)
        return super().get_context_data(
            source=self.source_article(entry),
            mentions=mentions,
            more_mentions=more,
            search_url=f"{reverse('search')}?{urlencode({'q': entry.term})}",
            breadcrumbs=_crumbs((entry.term, entry.get_absolute_url())),
            **kwargs,
        )

    def source_article(self, entry):
        if entry.source_article_id is None:
            return None
        return Article.objects.published().filter(pk=entry.source_article_id).first()

    def mentions(self, entry):
        """The newest published articles using the term or an alias, with its sentence.

        Returns at most `MENTIONS_SHOWN` of them and the number of further articles whose
        body contains one of the names. Two queries however many articles match: a count,
        and the candidates, read newest first only until enough hold a whole-word match.
        """
        names = [entry.term, *entry.alias_list]
        pattern = term_pattern(names, exceptions=entry.exception_list)
        candidates = (
            Article.objects.published()
            .filter(reduce(or_, (Q(body__icontains=name) for name in names)))
            .order_by("-published_at", "-id")
        )
        total = candidates.count()
        rows = (
            candidates.select_related("author")
            .only("title", "slug", "body", "published_at", "author__name")
            .iterator(chunk_size=MENTIONS_SHOWN)
        )
        found, read = [], 0
        for article in rows:
            read += 1
            sentence = sentence_with(article.body, pattern)
            if sentence is not None:
                found.append((article, sentence))
                if len(found) == MENTIONS_SHOWN:
                    break
        return found, total - read
