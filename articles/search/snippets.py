"""Highlighted excerpts of original text, with matches wrapped in `<mark>`.

Matching runs on a normalised copy (simplified, width-folded, lower case) whose every
character remembers where it came from, so the excerpt shows the author's own text.
"""

import html
import re
import unicodedata

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..simplified import to_simplified

SNIPPET_LENGTH = 120
LEAD = 30
ELLIPSIS = "…"


def highlight(text: str, words) -> str:
    """`text`, escaped, with every match of `words` marked."""
    spans: list[tuple[int, int]] = []
    for _, found in _matches(text, words):
        _extend(spans, found)
    return _render(text, spans, 0, len(text))


def snippet(text: str, words, length: int = SNIPPET_LENGTH) -> str:
    """About `length` characters of `text` around the first match, escaped and marked.

    Text past the excerpt is never folded: matching stops once the excerpt is known.
    """
    text = " ".join(text.split())
    spans: list[tuple[int, int]] = []
    limit = len(text)
    for piece_start, found in _matches(text, words):
        if piece_start >= limit:
            break
        _extend(spans, found)
        if spans and limit == len(text):
            limit = max(0, spans[0][0] - LEAD) + length
    start = max(0, spans[0][0] - LEAD) if spans else 0
    start = max(0, min(start, len(text) - length))
    end = min(len(text), start + length)
    return format_html(
        "{}{}{}",
        ELLIPSIS if start else "",
        _render(text, spans, start, end),
        ELLIPSIS if end < len(text) else "",
    )


def _matches(text: str, words):
    """`(offset, spans)` for each space-separated piece of `text`, folded one at a time.

    Words never contain spaces, so no match spans two pieces.
    """
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return
    pattern = re.compile("|".join(map(re.escape, words)))
    offset = 0
    for piece in text.split(" "):
        folded, origin = _folded(piece)
        yield (
            offset,
            [
                (offset + origin[m.start()], offset + origin[m.end() - 1] + 1)
                for m in pattern.finditer(folded)
            ],
        )
        offset += len(piece) + 1


def _extend(spans: list[tuple[int, int]], found) -> None:
    """Append `found` to `spans`, both in order, merging spans that touch."""
    for start, end in found:
        if spans and start <= spans[-1][1]:
            previous_start, previous_end = spans.pop()
            start, end = previous_start, max(end, previous_end)
        spans.append((start, end))


class _CharFolds(dict):
    """Code point → its NFKC, lower-case form, worked out once per character seen."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = unicodedata.normalize("NFKC", chr(code)).lower()
        return folded


_FOLDS = _CharFolds()


def _folded(text: str) -> tuple[str, list[int] | range]:
    """The folded text and, for each of its characters, its position in `text`."""
    simplified = to_simplified(text)
    if len(simplified) != len(text):
        simplified = text
    folded = simplified.translate(_FOLDS)
    if len(folded) == len(simplified):  # no character folded into several
        return folded, range(len(folded))
    origin = []
    for i, char in enumerate(simplified):
        origin.extend([i] * len(_FOLDS[ord(char)]))
    return folded, origin


def _render(text: str, spans, start: int, end: int) -> str:
    """`text[start:end]`, every piece escaped, with `spans` wrapped in `<mark>`."""
    parts, position = [], start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, position), min(span_end, end)
        if span_start >= span_end:
            continue
        parts.append(html.escape(text[position:span_start]))
        parts.append(f"<mark>{html.escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(html.escape(text[position:end]))
    return mark_safe("".join(parts))  # every piece is escaped above
