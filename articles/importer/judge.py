"""Boilerplate decided by structure: each segment of a body is judged on its own signals.

A body is cut into segments at paragraph breaks, sentence ends and runs of spaces. A
segment is boilerplate when its shape says so: a call to action opening it or addressed
from the account (`本文`, `本号`), a rights or permission notice, contact details, a
"past issues" list, an end or reading-time marker, decorative symbols, or repetition at
the edges of several bodies of one document. Position weighs in: notices and contact
lines count at a body's edges or standing alone; prose that merely talks about copyright,
following or scanning has none of these shapes and stays. The signals are data in
`boilerplate`; `judge` is pure and names a reason for every removal.
"""

import re
from collections import Counter
from dataclasses import dataclass

from . import boilerplate as bp
from .rules import NO_SITE_RULES, SiteRules

MARK = bp.CREDIT_MARK
_SEPARATORS = bp.HINT + MARK + bp.SPACE
_ENDS = bp.SENTENCE_END
_SEGMENT = re.compile(  # a decoration leads its words; a bracketed label opens a segment;
    # a space between digits (a phone number) does not split
    rf"(?:[{bp.DECORATION_CHARS}][{bp.SPACE}]*)?【?(?:[^{_ENDS}{_SEPARATORS}【]|(?<=\d) (?=\d))+"
    rf"(?:[{_ENDS}]+[{bp.CLOSING_QUOTES}]*)?|[{_ENDS}]+[{bp.CLOSING_QUOTES}]*|【"
)


@dataclass(frozen=True)
class Removal:
    text: str  # as printed in the source
    rule: str  # which kind of rule removed it: boilerplate, credit, label, tail, pattern
    reason: str  # for editors, in Chinese


@dataclass(frozen=True)
class Place:
    edge: bool  # among the first or last segments of the body
    alone: bool  # a paragraph of its own
    repeated: bool  # also at the edges of another body of the document


def judge(text: str, place: Place) -> tuple[str, int] | None:
    """Why `text` is boilerplate and how much of it from its start (all of it, or a marker
    glued to the author's text), or None if it is the author's."""
    for pattern, reason in _LEADING:
        match = pattern.match(text)
        if match and match.end():
            rest = text[match.end() :]  # a marker glued to more boilerplate takes it along
            whole = _whole(rest, place) if rest.strip() else None
            return reason, len(text) if whole else match.end()
    reason = _whole(text, place)
    return (reason, len(text)) if reason else None


_LEADING = (
    (bp.LISTING, "往期或推荐文章列表"),
    (bp.END_MARKER, "结束标记"),
    (bp.DATELINE, "电头"),
    (bp.READING_TIME, "字数与阅读时长提示"),
)


def _whole(text: str, place: Place) -> str | None:
    """Why the whole segment is boilerplate, or None."""
    short_notice = len(text) <= bp.NOTICE_MAX
    framed = place.edge or place.alone
    if bp.CONTACT.search(text) and short_notice and framed:
        return "联系方式（邮箱、账号、电话）"
    if bp.RIGHTS_NOTICE.search(text) and (
        len(text) <= bp.RIGHTS_MAX and framed or short_notice and bp.READER_META.search(text)
    ):
        return "版权、转载或免责声明"
    if len(text) <= bp.CALL_MAX:
        strong = bp.CALL_TO_ACTION.search(text)
        if (strong or bp.CALL_WORD.search(text)) and bp.IMPERATIVE.match(text):
            return "关注、分享等号召"
        if strong and (bp.READER_META.search(text) or bp.DECORATION.search(text)):
            return "关注、分享等号召"
    if bp.DECORATION.search(text) and framed and not _has_sentence_end(text):
        return "装饰符号"
    if place.repeated and short_notice and (not _has_sentence_end(text) or _hinted(text)):
        return "多篇正文边缘重复出现的站点内容"
    return None


def edge_segments(text: str) -> set[str]:
    """The segments at the edges of one body, for `repeated_segments`."""
    segments = [m.group() for m in _SEGMENT.finditer(text)]
    edges = segments[: bp.EDGE_SEGMENTS] + segments[-bp.EDGE_SEGMENTS :]
    return {s for s in edges if len(s) >= bp.REPEAT_MIN_LENGTH}


def repeated_segments(bodies: list[str]) -> frozenset[str]:
    """Segments found at the edges of at least `REPEAT_MIN_BODIES` bodies."""
    counts = Counter(segment for body in bodies for segment in edge_segments(body))
    return frozenset(s for s, n in counts.items() if n >= bp.REPEAT_MIN_BODIES)


def segments(text: str) -> list[str]:
    """The segments of `text` as the judge sees them."""
    return [m.group() for m in _SEGMENT.finditer(text)]


def remove_boilerplate(
    text: str, repeated: frozenset[str], rules: SiteRules = NO_SITE_RULES
) -> tuple[str, list[Removal]]:
    """`text` without its boilerplate segments (each leaves a break), and the removals.

    The site's editor `rules` overrule the judge's verdicts.
    """
    segments = list(_SEGMENT.finditer(text))
    last = len(segments) - 1
    removals: list[Removal] = []
    parts: list[str] = []
    cursor = 0
    for i, match in enumerate(segments):
        place = Place(
            edge=i < bp.EDGE_SEGMENTS or i > last - bp.EDGE_SEGMENTS,
            alone=_alone(text, match.start(), match.end()),
            repeated=match.group() in repeated,
        )
        verdict = rules.decide(match.group(), judge(match.group(), place))
        if verdict is None:
            continue
        reason, length = verdict
        removals.append(Removal(match.group()[:length], "boilerplate", reason))
        parts.append(text[cursor : match.start()])
        parts.append(bp.HINT)
        cursor = match.start() + length
    parts.append(text[cursor:])
    return "".join(parts), removals


def _alone(text: str, start: int, end: int) -> bool:
    """Is the segment bounded by breaks, spaces or the body's ends on both sides?"""
    return (start == 0 or text[start - 1] in _SEPARATORS) and (
        end == len(text) or text[end] in _SEPARATORS
    )


def _hinted(text: str) -> bool:
    """Does the segment carry any weaker sign of boilerplate?"""
    signs = (bp.CALL_WORD, bp.READER_META, bp.DECORATION, bp.CONTACT, bp.RIGHTS_NOTICE)
    return any(sign.search(text) for sign in signs)


def _has_sentence_end(text: str) -> bool:
    return any(char in _ENDS for char in text)
