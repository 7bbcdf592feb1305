"""The reader-facing search page: `/search/?q=…&page=N`."""

from django.core.paginator import Paginator
from django.utils.http import urlencode
from django.views.generic import TemplateView

from glossary.models import GlossaryEntry

from .search.query import MAX_LENGTH, parse
from .search.results import ArticleResults, glossary_matches
from .views import public_tags

PAGE_SIZE = 10
SUGGESTED_TERMS = 8
SUGGESTED_TAGS = 10


class SearchView(TemplateView):
    """Ranked articles and glossary entries; suggestions when nothing matches."""

    template_name = "articles/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = parse(self.request.GET.get("q", ""))
        paginator = Paginator(ArticleResults(query), PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        context.update(
            q=query.text,
            max_length=MAX_LENGTH,
            glossary=glossary_matches(query),
            paginator=paginator,
            page_obj=page,
            page_links=_page_links(query.text, page),
        )
        if not paginator.count:
            context["suggested_terms"] = GlossaryEntry.objects.published().order_by(
                "-updated_at", "pk"
            )[:SUGGESTED_TERMS]
            context["suggested_tags"] = public_tags().order_by("-article_count", "name")[
                :SUGGESTED_TAGS
            ]
        return context


def _page_links(q: str, page) -> list[tuple[object, str | None]]:
    """`(number, url)` for each page link; the ellipsis has no url."""
    if not page.has_other_pages():
        return []
    return [
        (n, None if n == page.paginator.ELLIPSIS else "?" + urlencode({"q": q, "page": n}))
        for n in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
