"""Reading the index: ranked, visible articles and glossary entries for a parsed query.

Each search costs a fixed number of queries however large the index: one count, one
page of ranked ids, then the page's articles (author joined, tags prefetched). The admin
instead filters its changelist by `matching_article_ids()`, a subquery over every status.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.db.models.expressions import RawSQL

from glossary.models import GlossaryEntry

from .. import text
from ..models import Article
from .backends import backend
from .documents import ARTICLE, GLOSSARY, markdown_text, normalise
from .query import Query
from .snippets import highlight, snippet

GLOSSARY_LIMIT = 5


@dataclass(frozen=True)
class Hit:
    """An article on the results page, with its title and snippet highlighted."""

    article: Article
    title: str
    snippet: str


class ArticleResults:
    """Visible articles matching `query`, best first, sliced lazily for a `Paginator`."""

    def __init__(self, query: Query):
        self.query = query

    def count(self) -> int:
        if not self.query:
            return 0
        return backend().count(ARTICLE, self.query.terms, Article.objects.published())

    def __getitem__(self, page: slice) -> list[Hit]:
        limit = page.stop - page.start
        if not self.query or limit <= 0:
            return []
        ids = backend().ranked_ids(
            ARTICLE, self.query.terms, Article.objects.published(), limit, page.start
        )
        articles = Article.objects.published().for_listing().in_bulk(ids)
        words = self.query.words
        return [_hit(articles[pk], words) for pk in ids if pk in articles]


def matching_article_ids(query: Query) -> RawSQL:
    """Ids of the articles of every status matching `query`, as a subquery for `pk__in`.

    For the admin, which applies its own permissions, filters and ordering.
    """
    sql, params = backend().matching(ARTICLE, query.terms, Article.objects.all())
    return RawSQL(sql, params)


def _hit(article: Article, words: list[str]) -> Hit:
    original = f"{article.standfirst}\n{markdown_text(article.body)}"
    return Hit(article, highlight(article.title, words), snippet(original, words))


def glossary_matches(query: Query) -> list[GlossaryEntry]:
    """Published entries matching `query`: an exact term first, then an exact alias."""
    if not query:
        return []
    visible = GlossaryEntry.objects.published()
    ids = backend().ranked_ids(GLOSSARY, query.terms, visible, GLOSSARY_LIMIT)
    keys = {text.fold(query.text), text.fold(normalise(query.text))}
    rank = {pk: i for i, pk in enumerate(ids)}
    entries = visible.filter(Q(pk__in=ids) | Q(term_key__in=keys))

    def order(entry):
        if text.fold(normalise(entry.term)) in keys:
            return (0, 0)
        if any(text.fold(normalise(alias)) in keys for alias in entry.alias_list):
            return (1, 0)
        return (2, rank.get(entry.pk, len(ids)))

    return sorted(entries, key=order)
