"""A long body compared paragraph by paragraph: changed paragraphs word by word, one
unchanged paragraph of context on each side, and the rest folded into a count."""

from difflib import SequenceMatcher

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

CONTEXT = 1  # unchanged paragraphs shown next to a change


def _paragraphs(text: str) -> list[str]:
    return [part for part in text.split("\n\n") if part.strip()] if text else []


def _folded(count: int) -> SafeString:
    return format_html('<p class="diff-fold">……（{} 段未改动）……</p>', count)


def paragraph_diff(old: str, new: str, word_diff) -> SafeString:
    """`new` against `old`: `word_diff(a, b)` inside changed paragraphs, whole paragraphs
    in `<del>`/`<ins>` when removed or added, unchanged runs folded beyond `CONTEXT`."""
    a, b = _paragraphs(old), _paragraphs(new)
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    blocks = []
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            same = _context(a[i1:i2], first=n == 0, last=n == len(opcodes) - 1)
            blocks += [
                text if isinstance(text, SafeString) else _p(word_diff(text, text)) for text in same
            ]
        elif op == "replace":
            for k in range(max(i2 - i1, j2 - j1)):
                before = a[i1 + k] if i1 + k < i2 else ""
                after = b[j1 + k] if j1 + k < j2 else ""
                blocks.append(_p(word_diff(before, after)))
        elif op == "delete":
            blocks += [_p(word_diff(text, "")) for text in a[i1:i2]]
        else:
            blocks += [_p(word_diff("", text)) for text in b[j1:j2]]
    return format_html_join("", "{}", ((block,) for block in blocks))


def _p(html: SafeString) -> SafeString:
    return format_html("<p>{}</p>", html)


def _context(same: list[str], *, first: bool, last: bool) -> list:
    """Unchanged paragraphs next to a change (as text), and the fold for the others."""
    head = [] if first else same[:CONTEXT]
    rest = same[len(head) :]
    tail = [] if last or not rest else rest[-CONTEXT:]
    hidden = len(rest) - len(tail)
    return [*head, *([_folded(hidden)] if hidden else []), *tail]
