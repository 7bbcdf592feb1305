"""The line structure of a seed document: site chrome, then title / body / pen-name blocks.

The first article's title is printed twice: once with its author's pen name glued to the
end, then bare. Everything before that pair is site chrome. After it the blocks run
`title, body, pen name, title, body, pen name, …, title, body`, where each pen name
belongs to the article that follows it.
"""

import re
from dataclasses import dataclass

from . import boilerplate as bp
from .decode import ParseError

_SENTENCE_END = re.compile(f"[{bp.SENTENCE_END}]")


@dataclass(frozen=True)
class Line:
    number: int
    text: str


@dataclass(frozen=True)
class Block:
    """One article as laid out in the file, before its body is cleaned."""

    title: Line
    author: str
    body: tuple[Line, ...]


def split_document(text: str, source: str) -> tuple[tuple[str, ...], tuple[Block, ...]]:
    """The chrome lines and the article blocks of a document."""
    lines = [
        Line(number, stripped)
        for number, raw in enumerate(text.split("\n"), start=1)
        if (stripped := raw.strip(bp.SPACE + "\ufeff"))
    ]
    if not lines:
        # Line 1 is where the first title was expected, and every editor's view has one.
        raise ParseError("文件为空 (the document has no text)", source=source, line=1)
    start, author = _first_article(lines, source)
    chrome = tuple(line.text for line in lines[:start])
    blocks = []
    rest = lines[start + 1 :]
    i = 0
    while True:
        title = rest[i]
        if is_body(title.text):
            raise ParseError(
                "expected an article title, found body text", source=source, line=title.number
            )
        i += 1
        if i == len(rest) or not is_body(rest[i].text):
            raise ParseError(f"title “{title.text}” has no body", source=source, line=title.number)
        body = [rest[i]]
        i += 1
        while i < len(rest) and is_body(rest[i].text):
            body.append(rest[i])
            i += 1
        blocks.append(Block(title, author, tuple(body)))
        if i == len(rest):
            return chrome, tuple(blocks)
        author = _next_author(rest, i, source)
        i += 1


def is_body(text: str) -> bool:
    """A body line is long, or fairly long and made of sentences."""
    return len(text) >= bp.BODY_ANY or (
        len(text) >= bp.BODY_MIN and bool(_SENTENCE_END.search(text))
    )


def is_author(text: str) -> bool:
    return bool(bp.AUTHOR_LINE.fullmatch(text))


def _first_article(lines: list[Line], source: str) -> tuple[int, str]:
    """Index of the title printed with a pen name glued to it, and that pen name."""
    for i, (glued, bare) in enumerate(zip(lines, lines[1:], strict=False)):
        if len(bare.text) < len(glued.text) and glued.text.startswith(bare.text):
            author = glued.text[len(bare.text) :].strip(bp.SPACE)
            followed = i + 2 < len(lines) and is_body(lines[i + 2].text)
            if is_author(author) and not is_body(bare.text) and followed:
                return i, author
    raise ParseError(
        "no articles found: no title is printed twice, first with a pen name glued to it",
        source=source,
        line=lines[0].number,
    )


def _next_author(rest: list[Line], i: int, source: str) -> str:
    """The pen-name line at `rest[i]`, which must be followed by a title and a body."""
    line = rest[i]
    if not is_author(line.text):
        raise ParseError(
            f"expected a pen name after the body, found “{line.text[:30]}”",
            source=source,
            line=line.number,
        )
    followed = i + 2 < len(rest) and not is_body(rest[i + 1].text) and is_body(rest[i + 2].text)
    if not followed:
        raise ParseError(
            f"pen name “{line.text}” is not followed by a title and a body",
            source=source,
            line=line.number,
        )
    return line.text
