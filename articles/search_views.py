"""The reader-facing search page: `/search/?q=…&page=N`."""

from django.core.paginator import Paginator
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views.generic import TemplateView

from glossary.models import GlossaryEntry

from .cache import cached_page
from .counts import counted_tags
from .search.query import MAX_LENGTH, clean, parse
from .search.results import ArticleResults, glossary_matches

PAGE_SIZE = 10
SUGGESTED_TERMS = 8
SUGGESTED_TAGS = 10


def page_identity(request) -> str:
    """The cached page a search URL names: its cleaned query and page number.

    Other parameters are ignored and a page that is not a number is page 1, as the
    paginator treats it, so stray parameters cannot fill the cache with copies.
    """
    try:
        page = int(request.GET.get("page", 1))
    except (TypeError, ValueError):
        page = 1
    q = clean(request.GET.get("q", ""))
    return f"{request.build_absolute_uri(request.path)}?{urlencode({'q': q, 'page': page})}"


@method_decorator(lambda view: cached_page(view, page_identity), name="dispatch")
class SearchView(TemplateView):
    """Ranked articles and glossary entries; suggestions when nothing matches.

    Anonymous readers get pages from the page cache, keyed on the content stamp.
    """

    template_name = "articles/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = parse(self.request.GET.get("q", ""))
        results = ArticleResults(query)
        paginator = Paginator(results, PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        total, estimated = results.total()
        glossary = glossary_matches(query)
        context.update(
            q=query.text,
            max_length=MAX_LENGTH,
            glossary=glossary,
            paginator=paginator,
            total=f"约 {total:,}" if estimated else f"{total:,}",
            page_obj=page,
            page_links=_page_links(query.text, page),
        )
        if not paginator.count:
            context["suggested_terms"] = GlossaryEntry.objects.published().order_by(
                "-updated_at", "pk"
            )[:SUGGESTED_TERMS]
            context["suggested_tags"] = counted_tags()[:SUGGESTED_TAGS]
        return context


def _page_links(q: str, page) -> list[tuple[object, str | None]]:
    """`(number, url)` for each page link; the ellipsis has no url."""
    if not page.has_other_pages():
        return []
    return [
        (n, None if n == page.paginator.ELLIPSIS else "?" + urlencode({"q": q, "page": n}))
        for n in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
