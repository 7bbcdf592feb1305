"""Plain text made safe to embed in Markdown, so the page shows exactly what was typed.

The source is plain text: `*`, `_`, `#`, `[`, backticks, `<` and the like are characters
the author typed. Inline markup characters get a backslash; `<` that would open a tag or
an autolink and `&` that would open an entity become `&lt;` / `&amp;`; a block that would
start a heading, quotation or list gets its first mark escaped.
"""

import re

_INLINE = re.compile(r"([\\`*_\[\]])")
_ANGLE = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^(\s*)(#|>|[-+*](?=\s|$)|\d+(?=[.)](?:\s|$)))")


def escape_inline(text: str) -> str:
    """`text` with every character Markdown would read as inline markup escaped."""
    text = _INLINE.sub(r"\\\1", text)
    return _ANGLE.sub("&lt;", _ENTITY.sub("&amp;", text))


def escape_block_start(block: str) -> str:
    """A paragraph that does not start a heading, quotation or list by accident."""
    return _BLOCK_START.sub(_escape_start, block, count=1)


def _escape_start(match: re.Match[str]) -> str:
    mark = match[2]
    return match[1] + (mark + "\\" if mark.isdigit() else "\\" + mark)
