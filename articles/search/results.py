"""Reading the index: ranked, visible articles and glossary entries for a parsed query.

Each search costs a fixed number of queries however large the index: one for the scored
candidates, then the page's articles (author joined, tags prefetched), and the first
and last article id when the number of matches is estimated. The admin instead filters
its changelist by `matching_article_ids()`, a subquery over every status.
"""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property

from glossary.models import GlossaryEntry

from .. import text
from ..models import Article
from .backends import backend
from .documents import ARTICLE, GLOSSARY, markdown_text, normalise
from .query import Query
from .snippets import highlight, snippet

GLOSSARY_LIMIT = 5
GLOSSARY_CANDIDATES = 200  # newest glossary matches read to choose GLOSSARY_LIMIT from
GLOSSARY_WEIGHTS = (10.0, 4.0, 1.0)  # term, aliases, definition
CANDIDATES = 1000  # matches ranked per search, the most recently added


@dataclass(frozen=True)
class Hit:
    """An article on the results page, with its title and snippet highlighted."""

    article: Article
    title: str
    snippet: str


class ArticleResults:
    """Visible articles matching `query`, best first, sliced lazily for a `Paginator`.

    Only the `CANDIDATES` most recently added matches are ranked (one query however many
    articles match), so at most that many can be paged through; beyond it the number of
    matches is estimated (`total()`).
    """

    def __init__(self, query: Query):
        self.query = query

    @cached_property
    def _matches(self) -> list[tuple[int, float]]:
        if not self.query:
            return []
        published = Article.objects.published()
        return backend().recent_matches(ARTICLE, self.query.terms, published, CANDIDATES + 1)

    @cached_property
    def _ranked(self) -> list[int]:
        best_first = sorted(self._matches[:CANDIDATES], key=lambda match: (-match[1], -match[0]))
        return [pk for pk, _ in best_first]

    def count(self) -> int:
        """How many results can be paged through."""
        return min(len(self._matches), CANDIDATES)

    def total(self) -> tuple[int, bool]:
        """`(number of matches, whether it is an estimate)`. Beyond `CANDIDATES`, the share
        of matches among the articles added since the oldest candidate is taken to hold for
        all of them, rounded to two significant digits. How many were added since is read
        from the spread of the ids (two look-ups of the primary key), not counted: that
        could read tens of thousands of rows for a rarer word."""
        if len(self._matches) <= CANDIDATES:
            return len(self._matches), False
        oldest = self._matches[CANDIDATES - 1][0]
        ids = Article.objects.values_list("pk", flat=True)
        first, last = ids.order_by("pk").first(), ids.order_by("-pk").first()
        share = CANDIDATES / (last - oldest + 1)
        estimate = max(round(share * (last - first + 1)), CANDIDATES + 1)
        return round(estimate, 1 - len(str(estimate))), True

    def __getitem__(self, page: slice) -> list[Hit]:
        ids = self._ranked[page]
        if not ids:
            return []
        # Looked up by id, visibility read alongside: filtering on it could make SQLite
        # walk the published articles' index instead.
        articles = Article.objects.for_listing().with_public_flag().order_by().in_bulk(ids)
        words = self.query.words
        return [
            _hit(articles[pk], words) for pk in ids if pk in articles and articles[pk].is_public
        ]


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
    """Published entries matching `query`, at most `GLOSSARY_LIMIT`: an exact term first,
    then an exact alias, then the others by `_glossary_score`, newest first among equals.

    The newest `GLOSSARY_CANDIDATES` matches are read unscored: the index's own scoring
    would count every indexed match of the words, articles included, to weigh them."""
    if not query:
        return []
    visible = GlossaryEntry.objects.published()
    ids = backend().recent_ids(GLOSSARY, query.terms, visible, GLOSSARY_CANDIDATES)
    keys = {text.fold(query.text), text.fold(normalise(query.text))}
    entries = visible.filter(Q(pk__in=ids) | Q(term_key__in=keys))
    phrases = [re.compile(r"\s*".join(map(re.escape, term))) for term in query.terms]

    def order(entry):
        if text.fold(normalise(entry.term)) in keys:
            return (0, 0, -entry.pk)
        if any(text.fold(normalise(alias)) in keys for alias in entry.alias_list):
            return (1, 0, -entry.pk)
        return (2, -_glossary_score(entry, phrases), -entry.pk)

    return sorted(entries, key=order)[:GLOSSARY_LIMIT]


def _glossary_score(entry: GlossaryEntry, phrases) -> float:
    """How well `entry` matches: each phrase's occurrences in its term, aliases and
    definition, weighted as the index weighs title, standfirst and body, and shrunk
    gently with the field's length."""
    fields = (entry.term, "\n".join(entry.alias_list), entry.definition)
    score = 0.0
    for weight, field in zip(GLOSSARY_WEIGHTS, fields, strict=True):
        folded = normalise(field)
        hits = sum(len(phrase.findall(folded)) for phrase in phrases)
        score += weight * hits / (1 + len(folded) / 50)
    return score
