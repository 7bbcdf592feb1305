"""Full-width Chinese punctuation restored where the scraped text has ASCII marks.

Runs after the structure, glossary and headings are found, on the text that is output.
The rules are data in `boilerplate`: which marks, which neighbours make them Chinese, and
which parentheses. A mark changes only next to Chinese, so Latin and number contexts
(`1:30`, `ERP,MRP`, `3.0`), ASCII web addresses and the Markdown syntax the parser writes
(`1. `, `## `, `> `) are left alone.
"""

import re

from . import boilerplate as bp

_MARK_RUN = re.compile(rf" *([{re.escape(''.join(bp.FULL_WIDTH_MARKS))}]+) *")
_MARKS = str.maketrans(bp.FULL_WIDTH_MARKS)


def full_width(text: str) -> str:
    """`text` with Chinese punctuation for the ASCII marks used in Chinese sentences."""
    return _MARK_RUN.sub(_marks, _parentheses(text))


def _parentheses(text: str) -> str:
    """Matched `(`…`)` pairs enclosing Chinese become `（`…`）`."""
    chars = list(text)
    opened: list[int] = []
    for i, char in enumerate(text):
        if char == "(":
            opened.append(i)
        elif char == ")" and opened:
            start = opened.pop()
            if bp.HAS_CHINESE.search(text, start + 1, i):
                chars[start], chars[i] = bp.FULL_WIDTH_PARENS["("], bp.FULL_WIDTH_PARENS[")"]
    return "".join(chars)


def _marks(match: re.Match[str]) -> str:
    """A run of marks next to Chinese, full-width and without the spaces around it."""
    text, start, end = match.string, match.start(), match.end()
    before, after = text[start - 1 : start], text[end : end + 1]
    if bp.CHINESE_BEFORE_MARK.match(before) or bp.CHINESE_AFTER_MARK.match(after):
        return match[1].translate(_MARKS)
    return match.group()
