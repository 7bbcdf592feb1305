"""Parse a scraped seed document into clean, structured articles.

Pure: text in, frozen dataclasses out. The layout of a document is handled in
`structure`, body clean-up in `cleanup`, run-in headings in `headings`, glossaries in
`glossary_terms` and paragraphs and lists in `paragraphs`; the patterns they use are data in
`boilerplate`. Once the structure is found, `punctuation` restores the full-width Chinese
punctuation of every output text but the title, which stays as printed. Bodies come out as
Markdown.
"""

import re
from dataclasses import dataclass

from articles.text import unix_newlines
from media.references import IMAGE_REFERENCE

from . import boilerplate as bp
from .cleanup import break_hints, clean_body, running_header
from .credits import Credits
from .decode import ParseError, decode
from .escaping import escape_inline
from .glossary_terms import Entry, extract_glossary
from .headings import split_sections
from .judge import Removal, repeated_segments
from .paragraphs import markdown_blocks
from .punctuation import full_width
from .rules import NO_RULES, Rules, SiteRules, site_key
from .structure import Block, Line, split_document

__all__ = [
    "Credits",
    "ParseError",
    "ParsedArticle",
    "ParsedDocument",
    "Removal",
    "Rules",
    "Term",
    "decode",
    "parse_bytes",
    "parse_text",
]


@dataclass(frozen=True)
class Term:
    term: str
    definition: str  # complete sentence(s), ending with `。`, Chinese punctuation
    line: int  # file line of the body that defines the term


@dataclass(frozen=True)
class ParsedArticle:
    position: int  # 1-based order in the document
    line: int  # file line of the article's title
    title: str
    author: str  # pen name
    credit: str  # original writer / publisher / column / cited work, "" if none
    credits: Credits  # the same, structured: original author, source, original title, editors
    standfirst: str  # "" if none
    body: str  # Markdown; what the author typed shows as typed (see `escaping`)
    headings: tuple[str, ...]
    terms: tuple[Term, ...]
    removed: tuple[Removal, ...]  # what left the body, each with its reason


@dataclass(frozen=True)
class ParsedDocument:
    source: str
    chrome: tuple[str, ...]  # site-chrome lines dropped from the top
    articles: tuple[ParsedArticle, ...]
    site: str = ""  # the site recognised by its chrome (`rules.site_key`), "" if none


def parse_bytes(data: bytes, source: str, rules: Rules = NO_RULES) -> ParsedDocument:
    """Decode (UTF-8, UTF-8 with BOM or GB18030) and parse."""
    return parse_text(decode(data, source), source, rules)


def parse_text(text: str, source: str, rules: Rules = NO_RULES) -> ParsedDocument:
    """Parse a whole document, applying the editors' `rules` for its site; raises
    ParseError for empty or unstructured text."""
    text = unix_newlines(text)
    chrome, blocks = split_document(text, source)
    site = site_key(chrome)
    site_rules = rules.for_site(site)
    repeated = repeated_segments([break_hints(_raw_body(block)) for block in blocks], chrome)
    header = running_header(chrome)
    articles = tuple(
        _article(position, block, source, repeated, site_rules, header)
        for position, block in enumerate(blocks, 1)
    )
    return ParsedDocument(source, chrome, articles, site)


def _raw_body(block: Block) -> str:
    return bp.HINT.join(line.text for line in block.body)


def _article(
    position: int,
    block: Block,
    source: str,
    repeated: frozenset[str],
    rules: SiteRules,
    header: re.Pattern[str] | None,
) -> ParsedArticle:
    raw = _raw_body(block)
    images = tuple(Removal(m[0], "image", bp.IMAGE_REASON) for m in IMAGE_REFERENCE.finditer(raw))
    cleaned = clean_body(IMAGE_REFERENCE.sub("", raw), repeated, rules, header)
    text, entries = extract_glossary(cleaned.text)
    if not text and not entries:
        raise ParseError(
            f"the body of “{block.title.text}” is nothing but boilerplate",
            source=source,
            line=block.body[0].number,
        )
    parts: list[str] = []
    headings: list[str] = []
    for section in split_sections(text):
        if section.heading:
            headings.append(section.heading)
            parts.append(f"## {escape_inline(section.heading)}")
        parts.extend(markdown_blocks(escape_inline(section.text)))
    if cleaned.citation and parts and not parts[-1].startswith(("#", "1. ")):
        parts[-1] = f"> {parts[-1]}\n>\n> {cleaned.citation}"
    elif cleaned.citation:
        parts.append(f"> {cleaned.citation}")
    if entries:
        headings.append(bp.GLOSSARY_HEADING)
        parts.append(f"## {bp.GLOSSARY_HEADING}")
        parts.extend(
            f"**{escape_inline(entry.term)}**{bp.GLOSSARY_COLON}{escape_inline(entry.definition)}"
            for entry in entries
        )
    return ParsedArticle(
        position=position,
        line=block.title.number,
        title=block.title.text,
        author=block.author,
        credit=full_width(cleaned.credit),
        credits=cleaned.credits,
        standfirst=full_width(cleaned.standfirst),
        body=full_width("\n\n".join(parts)),
        headings=tuple(map(full_width, headings)),
        terms=_terms(entries, block.body),
        removed=images + cleaned.removed,
    )


def _terms(entries: tuple[Entry, ...], body: tuple[Line, ...]) -> tuple[Term, ...]:
    """Glossary entries located on the body lines that define them.

    Entries come in text order, so the search goes on from where the last one was found:
    one pass over the body, however many entries it defines.
    """
    lines = [line.text.replace(" ", "") for line in body]
    found: list[Term] = []
    index, offset = 0, 0
    for entry in entries:
        key = entry.term + entry.colon
        for i in range(index, len(lines)):
            position = lines[i].find(key, offset if i == index else 0)
            if position >= 0:
                index, offset = i, position + len(key)
                break
        found.append(Term(entry.term, full_width(entry.definition), body[index].number))
    return tuple(found)
