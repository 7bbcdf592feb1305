"""Highlighted excerpts of original text, with matches wrapped in `<mark>`.

Matching runs on a normalised copy (simplified, width-folded, lower case) whose every
character remembers where it came from, so the excerpt shows the author's own text.
"""

import re
import unicodedata

import zhconv
from django.utils.html import escape, format_html, format_html_join

SNIPPET_LENGTH = 120
LEAD = 30
ELLIPSIS = "…"


def highlight(text: str, words) -> str:
    """`text`, escaped, with every match of `words` marked."""
    return _render(text, _spans(text, words), 0, len(text))


def snippet(text: str, words, length: int = SNIPPET_LENGTH) -> str:
    """About `length` characters of `text` around the first match, escaped and marked."""
    text = " ".join(text.split())
    spans = _spans(text, words)
    start = max(0, spans[0][0] - LEAD) if spans else 0
    start = max(0, min(start, len(text) - length))
    end = min(len(text), start + length)
    return format_html(
        "{}{}{}",
        ELLIPSIS if start else "",
        _render(text, spans, start, end),
        ELLIPSIS if end < len(text) else "",
    )


def _spans(text: str, words) -> list[tuple[int, int]]:
    """`(start, end)` of matches in `text`, longest word first, touching ones merged."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return []
    folded, origin = _folded(text)
    pattern = re.compile("|".join(map(re.escape, words)))
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(folded):
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        if spans and start <= spans[-1][1]:
            previous_start, previous_end = spans.pop()
            start, end = previous_start, max(end, previous_end)
        spans.append((start, end))
    return spans


def _folded(text: str) -> tuple[str, list[int]]:
    simplified = zhconv.convert(text, "zh-cn")
    if len(simplified) != len(text):
        simplified = text
    chars, origin = [], []
    for i, char in enumerate(simplified):
        folded = unicodedata.normalize("NFKC", char).lower()
        chars.append(folded)
        origin.extend([i] * len(folded))
    return "".join(chars), origin


def _render(text: str, spans, start: int, end: int) -> str:
    parts, position = [], start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, position), min(span_end, end)
        if span_start >= span_end:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(format_html("<mark>{}</mark>", text[span_start:span_end]))
        position = span_end
    parts.append(escape(text[position:end]))
    return format_html_join("", "{}", ((part,) for part in parts))
