"""Field limits of parsed documents, checked before anything is written.

A value longer than its column is refused with the file, the line and the field named,
on every database alike (SQLite would store it; PostgreSQL would stop with a traceback).
"""

from articles.models import Article, Author
from glossary.models import GlossaryEntry

from .credits import credit_fields
from .parse import ParsedDocument, ParseError

_ARTICLE_FIELDS = ("title", "credit")


def _limit(model, name: str) -> tuple[int, str]:
    field = model._meta.get_field(name)
    return field.max_length, str(field.verbose_name)


def check(documents: list[ParsedDocument]) -> list[ParsedDocument]:
    """`documents` unchanged, or ParseError for the first value longer than its column."""
    for document in documents:
        for article in document.articles:
            values = [(Article, name, getattr(article, name)) for name in _ARTICLE_FIELDS]
            values += [(Article, n, v) for n, v in credit_fields(article.credits).items()]
            values.append((Author, "name", article.author))
            for model, name, value in values:
                _refuse_if_long(model, name, value, document.source, article.line)
            for term in article.terms:
                _refuse_if_long(GlossaryEntry, "term", term.term, document.source, term.line)
    return documents


def _refuse_if_long(model, name, value, source, line) -> None:
    limit, label = _limit(model, name)
    if len(value) > limit:
        raise ParseError(
            f"“{label}”过长：{len(value)} 个字符，最多 {limit} 个（{value[:20]}…）",
            source=source,
            line=line,
        )
