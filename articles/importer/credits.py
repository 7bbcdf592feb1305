"""Credit lines glued into a body: bylines, editor lines, sources, original titles, bios.

They leave the text (each replaced by `CREDIT_MARK`, the boundary it was) and are
recorded as structured metadata. The labels and patterns are data in `boilerplate`.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from articles import segmenter

from . import boilerplate as bp


@dataclass(frozen=True)
class Credits:
    original_author: str = ""  # who wrote it ("、"-separated when several)
    source: str = ""  # publisher, account or outlet it came from
    original_title: str = ""  # from an original-title note
    editors: tuple[str, ...] = ()


@dataclass(frozen=True)
class CreditLine:
    text: str  # as printed
    role: str  # a key of `bp.CREDIT_ROLES`
    value: str


def take_credit_lines(
    text: str, kept: Callable[[CreditLine], bool] = lambda line: False
) -> tuple[str, list[CreditLine]]:
    """`text` with its credit fields replaced by `bp.CREDIT_MARK`, and the fields in order;
    a field `kept` says stays (an editor's rule) is left in the text, as a paragraph of its
    own, and not recorded."""
    found: list[CreditLine] = []
    front = bp.CREDIT_FRONT
    tail = max(front, len(text) - bp.CREDIT_TAIL)
    last_end = -1

    def take(match: re.Match[str]) -> str:
        nonlocal last_end
        label, printed = match["label"], match.group()
        role = bp.CREDIT_ROLE_OF[label]
        in_zone = match.start() < front or match.start() >= tail
        bar = match["sep"].strip() in bp.BAR + "/"
        glued = match.start() == last_end  # right after the field before
        starts = glued or _starts_field(text, match.start(), label, bar, match.start() < front)
        if not (in_zone or bar) or not starts:
            return printed
        value, rest = _value(role, match["value"])
        if not value:
            return printed
        line = CreditLine(printed[: len(printed) - len(rest)], role, value)
        if kept(line):  # its own paragraph, as on the page the text was scraped from
            return bp.HINT + line.text + bp.HINT + rest
        found.append(line)
        last_end = match.end()
        return bp.CREDIT_MARK + rest

    text = bp.CREDIT_FIELD.sub(take, text)
    text = bp.BIO.sub(lambda m: _bio(m, found, tail, kept), text)
    return text, found


def credit_fields(credits: Credits) -> dict[str, str]:
    """The article's credit columns (`Article.CREDIT_FIELDS`) for `credits`."""
    return {
        "original_author": credits.original_author,
        "original_source": credits.source,
        "original_title": credits.original_title,
        "editors": "、".join(credits.editors),
    }


def credits_of(lines: list[CreditLine]) -> Credits:
    """Structured credits: the first source and original title, every author (or, without a
    byline, the author of the bio) and every editor."""

    def values(role: str) -> list[str]:
        return list(dict.fromkeys(line.value for line in lines if line.role == role))

    return Credits(
        original_author="、".join(values("author") or values("bio")),
        source=next(iter(values("source")), ""),
        original_title=next(iter(values("title")), ""),
        editors=tuple(values("editor")),
    )


def _starts_field(text: str, start: int, label: str, bar: bool, near_start: bool) -> bool:
    """A label begins a field after a boundary, before a bar or slash, or near the start of
    the body; a one-character label only before a bar or slash."""
    if len(label) == 1:
        return bar
    before = text[start - 1 : start]
    return bar or near_start or not before or not bp.CJK_CHAR.match(before)


def _value(role: str, raw: str) -> tuple[str, str]:
    """(the value, the text glued after it that is not part of it)."""
    if role == "title":
        return raw.strip('《》“”"「」 '), ""
    if role == "source" or len(raw) <= bp.NAME_MAX:
        return raw.strip(), ""
    # A name glued to the prose that follows it: the first word or two of a name's length.
    taken = ""
    for token in segmenter.plain().lcut(raw[: bp.NAME_MAX + 4]):
        if len(taken) >= 2 or len(taken + token) > bp.NAME_MAX:
            break
        taken += token
    if not bp.NAME.fullmatch(taken) or len(taken) < 2:
        return "", raw
    return taken, raw[len(taken) :]


def _bio(
    match: re.Match[str], found: list[CreditLine], tail: int, kept: Callable[[CreditLine], bool]
) -> str:
    line = CreditLine(match.group(), "bio", match["name"])
    if match.start() < tail or kept(line):
        return match.group()
    found.append(line)
    return bp.CREDIT_MARK
