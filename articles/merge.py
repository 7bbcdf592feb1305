"""Three-way merge of two editors' versions of an article, from the version both started at.

Text is merged line by line (a paragraph of an article body is one line); if both sides
changed the same paragraph, it is merged again word by word (jieba's words). Changes to
different places are both kept; changes to the same or touching places are a clash.
Tags merge as sets; the status takes whichever side changed it.
"""

from difflib import SequenceMatcher
from typing import NamedTuple

from . import text


class _Hunk(NamedTuple):
    start: int  # the base lines [start, end) are replaced by `lines`
    end: int
    lines: tuple[str, ...]


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _hunks(base: list[str], other: list[str]) -> list[_Hunk]:
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [
        _Hunk(i1, i2, tuple(other[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]


def _clash(a: _Hunk, b: _Hunk) -> bool:
    """Whether two different hunks touch the same base lines or the same place."""
    if a == b:
        return False
    if a.start == a.end or b.start == b.end:  # an insertion clashes with what it touches
        return a.start <= b.end and b.start <= a.end
    return a.start < b.end and b.start < a.end


def merge_text(base: str, mine: str, theirs: str) -> str | None:
    """Both sides' changes to `base` applied together, or None if they clash."""
    base, mine, theirs = _lf(base), _lf(mine), _lf(theirs)
    if theirs in (base, mine):
        return mine
    if mine == base:
        return theirs
    lines = _merge(base.split("\n"), mine.split("\n"), theirs.split("\n"))
    if lines is not None:
        return "\n".join(lines)
    words = _merge(text.words(base), text.words(mine), text.words(theirs))
    return None if words is None else "".join(words)


def _merge(base: list[str], mine: list[str], theirs: list[str]) -> list[str] | None:
    ours, others = _hunks(base, mine), _hunks(base, theirs)
    if any(_clash(a, b) for a in ours for b in others):
        return None
    merged, at = [], 0
    for hunk in sorted(set(ours) | set(others)):
        merged.extend(base[at : hunk.start])
        merged.extend(hunk.lines)
        at = hunk.end
    merged.extend(base[at:])
    return merged


def merge_states(base: dict, mine: dict, theirs: dict) -> tuple[dict, list[str]]:
    """The merged state and the names of the fields whose changes clash.

    States are `articles.revisions.state_of()` dicts: text fields, then `status` and `tags`.
    A clashing field keeps `mine`.
    """
    merged, clashes = {}, []
    for name in (name for name in base if name not in ("status", "tags")):
        text = merge_text(base[name], mine[name], theirs[name])
        if text is None:
            clashes.append(name)
        merged[name] = mine[name] if text is None else text
    if mine["status"] == base["status"]:
        merged["status"] = theirs["status"]
    else:
        merged["status"] = mine["status"]
        if theirs["status"] not in (base["status"], mine["status"]):
            clashes.append("status")
    base_tags, sides = set(base["tags"]), (set(mine["tags"]), set(theirs["tags"]))
    removed = set().union(*(base_tags - side for side in sides))
    added = set().union(*(side - base_tags for side in sides))
    merged["tags"] = sorted(base_tags - removed | added)
    return merged, clashes
