"""Parse a scraped seed document into clean, structured articles.

Pure: text in, frozen dataclasses out. The layout of a document is handled in
`structure`, body clean-up in `cleanup`, run-in headings in `headings`, glossaries in
`glossary_terms` and paragraphs and lists in `paragraphs`; the patterns they use are data in
`boilerplate`. Once the structure is found, `punctuation` restores the full-width Chinese
punctuation of every output text but the title, which stays as printed. Bodies come out as
Markdown.
"""

from dataclasses import dataclass

from media.references import drop_image_references

from . import boilerplate as bp
from .cleanup import clean_body
from .decode import ParseError, decode
from .glossary_terms import Entry, extract_glossary
from .headings import split_sections
from .paragraphs import markdown_blocks
from .punctuation import full_width
from .structure import Block, Line, split_document

__all__ = [
    "ParseError",
    "ParsedArticle",
    "ParsedDocument",
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
    standfirst: str  # "" if none
    body: str  # Markdown
    headings: tuple[str, ...]
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class ParsedDocument:
    source: str
    chrome: tuple[str, ...]  # site-chrome lines dropped from the top
    articles: tuple[ParsedArticle, ...]


def parse_bytes(data: bytes, source: str) -> ParsedDocument:
    """Decode (UTF-8, UTF-8 with BOM or GB18030) and parse."""
    return parse_text(decode(data, source), source)


def parse_text(text: str, source: str) -> ParsedDocument:
    """Parse a whole document; raises ParseError for empty or unstructured text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chrome, blocks = split_document(text, source)
    articles = tuple(_article(position, block, source) for position, block in enumerate(blocks, 1))
    return ParsedDocument(source, chrome, articles)


def _article(position: int, block: Block, source: str) -> ParsedArticle:
    cleaned = clean_body(drop_image_references(bp.HINT.join(line.text for line in block.body)))
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
            parts.append(f"## {section.heading}")
        parts.extend(markdown_blocks(section.text))
    if cleaned.citation and parts and not parts[-1].startswith(("#", "1. ")):
        parts[-1] = f"> {parts[-1]}\n>\n> {cleaned.citation}"
    elif cleaned.citation:
        parts.append(f"> {cleaned.citation}")
    if entries:
        headings.append(bp.GLOSSARY_HEADING)
        parts.append(f"## {bp.GLOSSARY_HEADING}")
        parts.extend(f"**{entry.term}**{bp.GLOSSARY_COLON}{entry.definition}" for entry in entries)
    return ParsedArticle(
        position=position,
        line=block.title.number,
        title=block.title.text,
        author=block.author,
        credit=full_width(cleaned.credit),
        standfirst=full_width(cleaned.standfirst),
        body=full_width("\n\n".join(parts)),
        headings=tuple(map(full_width, headings)),
        terms=tuple(_term(entry, block.body) for entry in entries),
    )


def _term(entry: Entry, body: tuple[Line, ...]) -> Term:
    """A glossary entry located on the body line that defines it."""
    line = next(
        (line for line in body if entry.term + entry.colon in line.text.replace(" ", "")), body[0]
    )
    return Term(entry.term, full_width(entry.definition), line.number)
