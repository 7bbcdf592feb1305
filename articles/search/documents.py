"""What the index holds: normalised, segmented text of articles and glossary entries.

Index and query text go through the same `tokens()`: NFKC, traditional → simplified,
lower case, then search-mode segmentation by the search tokenizer (`segmenter.search`),
whose extra words are the published glossary terms, so a term such as 产业互联网生态
stays one token.
"""

import re
import unicodedata
from dataclasses import dataclass

from glossary.models import ALIAS_SEPARATORS, GlossaryEntry

from .. import segmenter, text
from ..simplified import to_simplified

ARTICLE = "article"
GLOSSARY = "glossary"
KINDS = (ARTICLE, GLOSSARY)

_LATIN = re.compile(r"[0-9a-z]")
_CJK = re.compile(f"[{text.CJK}]")
_RUNS = re.compile(f"[0-9a-z]+|[{text.CJK}]+")
_MARKDOWN = [
    (re.compile(r"^\s*(```|~~~).*$", re.M), ""),
    (re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M), ""),
    (re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$", re.M), ""),
    (re.compile(r"^\s{0,3}(?:>\s?)*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+)?", re.M), ""),
    (re.compile(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])"), r"\1"),
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),
    (re.compile(r"(`+)(.+?)\1"), r"\2"),
    (re.compile(r"(\*{1,3})(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![0-9A-Za-z])(_{1,3})(?=\S)(.+?)(?<=\S)\1(?![0-9A-Za-z])"), r"\2"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),
]


@dataclass(frozen=True)
class Document:
    """One row of the index; each field is space-joined tokens, weighted A, B and C."""

    kind: str
    object_id: int
    title: str
    standfirst: str
    body: str


def normalise(value: str) -> str:
    """Width-folded, simplified, lower-case text: 騰訊 and ＳａａＳ become 腾讯 and saas."""
    return to_simplified(unicodedata.normalize("NFKC", value)).lower()


def tokens(value: str) -> list[str]:
    """Search tokens of `value`, in order; a mixed token such as o2o模式 adds o2o and 模式."""
    found = []
    for token in segmenter.search_tokens(normalise(value)):
        if any(ch.isalnum() for ch in token):
            found.append(token)
            if _LATIN.search(token) and _CJK.search(token):
                found.extend(_RUNS.findall(token))
    return found


def learn_glossary_words() -> None:
    """Make the search tokenizer's extra words the published terms and aliases.

    One query. Words of entries since unpublished, renamed or deleted are forgotten, so
    a query segments as the index was segmented when those entries were reindexed.
    """
    words = set()
    entries = GlossaryEntry.objects.published().order_by()
    for term, aliases in entries.values_list("term", "aliases"):
        words.add(normalise(term))
        words.update(normalise(alias) for alias in ALIAS_SEPARATORS.split(aliases))
    segmenter.set_search_words(words)


def markdown_text(source: str) -> str:
    """The words of a Markdown body without its markup; raw HTML stays as text."""
    for pattern, replacement in _MARKDOWN:
        source = pattern.sub(replacement, source)
    return source


def article_document(article) -> Document:
    """Title (A); standfirst and tags (B); body, author and credit (C)."""
    return segmented(article_text(article))


def glossary_document(entry: GlossaryEntry) -> Document:
    """Term (A), aliases (B), definition (C)."""
    return segmented(glossary_text(entry))


def article_text(article) -> Document:
    """The article's row before segmentation: its fields' plain text."""
    tags = " ".join(sorted(tag.name for tag in article.tags.all()))
    return Document(
        ARTICLE,
        article.pk,
        article.title,
        f"{article.standfirst}\n{tags}",
        f"{markdown_text(article.body)}\n{article.author.name}\n{article.credit}",
    )


def glossary_text(entry: GlossaryEntry) -> Document:
    return Document(GLOSSARY, entry.pk, entry.term, "\n".join(entry.alias_list), entry.definition)


def segmented(plain: Document) -> Document:
    """`plain` (from `article_text` or `glossary_text`) with each field as joined tokens:
    no database, so it may run in another process."""
    return Document(
        plain.kind,
        plain.object_id,
        _joined(plain.title),
        _joined(plain.standfirst),
        _joined(plain.body),
    )


def _joined(value: str) -> str:
    return " ".join(tokens(value))
