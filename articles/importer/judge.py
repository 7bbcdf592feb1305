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
_ASIDE = (
    rf"(?:^|(?<=[{_ENDS}{bp.CLOSING_QUOTES}{_SEPARATORS}]))"
    rf"[(（][^()（）{bp.HINT}]{{2,{bp.NOTICE_MAX}}}[)）][{_ENDS}]*"
)
_SEGMENT = re.compile(  # a decoration leads its words; a bracketed label opens a segment;
    # a space between digits (a phone number) does not split; a short aside in brackets
    # after a sentence end is one segment, whatever it holds
    rf"{_ASIDE}"
    rf"|(?:[{bp.DECORATION_CHARS}][{bp.SPACE}]*)?【?(?:[^{_ENDS}{_SEPARATORS}【]|(?<=\d) (?=\d))+"
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
    marker = _leading_marker(text)
    if marker:
        reason, end = marker
        rest = text[end:]  # a marker glued to more boilerplate takes it along
        whole = _whole(rest, place) if rest.strip() else None
        return reason, len(text) if whole else end
    reason = _whole(text, place)
    return (reason, len(text)) if reason else None


_DASHES = re.compile(r"[-—–~～]+")
_BRACKET_LABEL = re.compile(r"^[【\[][^】\]]{1,10}[】\]]")
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
        opening = _BRACKET_LABEL.sub("", text).lstrip("(（【[")  # where an aside's words start
        if (strong or bp.CALL_WORD.search(text)) and bp.IMPERATIVE.match(opening):
            return "关注、分享等号召"
        if strong and (bp.READER_META.search(text) or bp.DECORATION.search(text)):
            return "关注、分享等号召"
    symbols = bp.DECORATION.search(text) or _DASHES.fullmatch(text)  # `—` left of `— 完 —`
    if symbols and framed and not _has_sentence_end(text):
        return "装饰符号"
    if place.repeated and short_notice and (not _has_sentence_end(text) or _hinted(text)):
        return "多篇正文边缘重复出现的站点内容"
    return None


def edge_segments(text: str) -> set[str]:
    """The segments at the edges of one body, for `repeated_segments`."""
    segments = [m.group() for m in _SEGMENT.finditer(text)]
    edges = segments[: bp.EDGE_SEGMENTS] + segments[-bp.EDGE_SEGMENTS :]
    edges += [_unmarked(s) for s in edges]  # what follows a glued `推荐阅读：《…》`
    return {s for s in edges if len(s) >= bp.REPEAT_MIN_LENGTH}


def repeated_segments(bodies: list[str], chrome: tuple[str, ...] = ()) -> frozenset[str]:
    """Segments found at the edges of at least `REPEAT_MIN_BODIES` bodies, or at the edge of
    one body and inside a line of the site's chrome (the site's name, its hotline)."""
    counts = Counter(segment for body in bodies for segment in edge_segments(body))
    site = "\n".join(chrome)
    return frozenset(
        s for s, n in counts.items() if n >= bp.REPEAT_MIN_BODIES or (site and s.strip() in site)
    )


def segments(text: str) -> list[str]:
    """The segments of `text` as the judge sees them."""
    return [m.group() for m in _SEGMENT.finditer(text)]


def remove_boilerplate(
    text: str, repeated: frozenset[str], rules: SiteRules = NO_SITE_RULES
) -> tuple[str, list[Removal]]:
    """`text` without its boilerplate segments (each leaves a break), and the removals.

    The closing edge is peeled from the end: a segment is at the edge while fewer than
    `EDGE_SEGMENTS` of the author's segments follow it, so a footer of many small pieces
    (a notice, the site's name, its hotlines) is judged at the edge as a whole. The site's
    editor `rules` overrule the judge's verdicts.
    """
    segments = list(_SEGMENT.finditer(text))
    verdicts: list[tuple[str, int] | None] = [None] * len(segments)
    kept_after = 0
    for i in range(len(segments) - 1, -1, -1):
        match = segments[i]
        place = Place(
            edge=i < bp.EDGE_SEGMENTS or kept_after < bp.EDGE_SEGMENTS,
            alone=_alone(text, match.start(), match.end()) or match.group()[0] in "(（",
            repeated=match.group() in repeated or _unmarked(match.group()) in repeated,
        )
        verdicts[i] = rules.decide(match.group(), judge(match.group(), place))
        if verdicts[i] is None or verdicts[i][1] < len(match.group()):
            kept_after += 1
    for i in _footer_fragments(segments, verdicts):
        fragment = segments[i].group()
        verdicts[i] = rules.decide(fragment, (_FRAGMENT_REASON, len(fragment)))
    removals: list[Removal] = []
    parts: list[str] = []
    cursor = 0
    for match, verdict in zip(segments, verdicts, strict=True):
        if verdict is None:
            continue
        reason, length = verdict
        removals.append(Removal(match.group()[:length], "boilerplate", reason))
        parts.append(text[cursor : match.start()])
        parts.append(bp.HINT)
        cursor = match.start() + length
    parts.append(text[cursor:])
    return "".join(parts), removals


_FRAGMENT_REASON = "页脚中夹在站点信息之间的片段"


def _leading_marker(text: str) -> tuple[str, int] | None:
    """The reason for a marker leading `text` (`推荐阅读：《…》`) and where it ends, or None."""
    for pattern, reason in _LEADING:
        match = pattern.match(text)
        if match and match.end():
            return reason, match.end()
    return None


def _unmarked(text: str) -> str:
    """`text` without a leading marker glued to it, as the judge reads it."""
    marker = _leading_marker(text)
    return text[marker[1] :] if marker else text


def _footer_fragments(segments: list[re.Match[str]], verdicts: list) -> list[int]:
    """Short kept fragments without a sentence end lying between two wholly removed
    segments among the last `EDGE_SEGMENTS` kept ones: what is left of a footer."""

    def removed(i: int) -> bool:
        return (
            0 <= i < len(verdicts)
            and verdicts[i] is not None
            and (verdicts[i][1] == len(segments[i].group()))
        )

    found, kept_after = [], 0
    for i in range(len(segments) - 1, 0, -1):
        text = segments[i].group()
        if verdicts[i] is not None:
            continue
        if kept_after >= bp.EDGE_SEGMENTS:
            break
        kept_after += 1
        short = len(text.strip()) <= bp.FRAGMENT_MAX and not _has_sentence_end(text)
        if short and removed(i - 1) and removed(i + 1):
            found.append(i)
    return found


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
