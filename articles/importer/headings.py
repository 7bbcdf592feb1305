"""Run-in numbered section headings (`一、…`, `01…`, `1、…`) glued to the text they head.

The heading family of a body is the numbered family whose first item (number 1, at the
start of the body or right after a sentence end) comes first; other families are lists
and stay in the text. Where a heading ends is scored over the word boundaries of its
first few dozen characters. A body without numbered headings may have unnumbered ones,
found only by the strict rule described at `PLAIN_HEADING`.
"""

import bisect
import functools
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass

from articles import segmenter

from . import boilerplate as bp
from .paragraphs import nesting_depths, numeral_value

_PUNCT = re.compile(rf"[{bp.PUNCT}{bp.HINT}]")
_CONTEXT = 4  # characters after an opener, tokenised with it so it splits as in the text


@dataclass(frozen=True)
class Section:
    heading: str  # "" for the text before the first heading
    text: str


@dataclass(frozen=True)
class _Marker:
    start: int
    end: int
    number: int
    family: str
    glued: bool = False  # right after its parent's heading (`一、支持哪些方向(一)…`)


def _tokenizer():
    """The plain tokenizer: jieba's own dictionary, never taught a word."""
    return segmenter.plain()


@functools.cache
def _tagger():
    """Part-of-speech tagging over the plain tokenizer (jieba's tables load on first use)."""
    from jieba import posseg

    return posseg.POSTokenizer(_tokenizer())


def split_sections(text: str) -> list[Section]:
    """The text cut at its run-in headings; the first section may have no heading."""
    sections = []
    heading, cursor = "", 0
    for cut, _, end in _numbered_headings(text) or _plain_headings(text):
        sections.append(Section(heading, text[cursor:cut].strip(bp.HINT)))
        heading, cursor = text[cut:end].strip(bp.SPACE), end
    sections.append(Section(heading, text[cursor:].strip(bp.HINT)))
    return [section for section in sections if section.heading or section.text]


def _numbered_headings(text: str) -> list[tuple[int, int, int]]:
    """(marker start, heading start, heading end) of each numbered heading.

    Each heading's end is first chosen on its own evidence; then again, with sibling headings
    (of the same family) expected to be of about the same length as the others' first choices.
    """
    markers = _heading_markers(text)
    ends = []
    for i, marker in enumerate(markers):
        following = markers[i + 1] if i + 1 < len(markers) else None
        segment = text[marker.end : following.start if following else len(text)]
        if following and following.glued:  # the whole segment is the heading, for certain
            ends.append([(math.inf, -len(segment))])
        else:
            ends.append(_heading_ends(segment, text))
    first = [-max(scored)[1] if scored else None for scored in ends]
    lengths: dict[str, list[int]] = {}
    for marker, length in zip(markers, first, strict=True):
        if length is not None:
            lengths.setdefault(marker.family, []).append(length)
    for family_lengths in lengths.values():
        family_lengths.sort()
    spans = []
    for marker, scored, own in zip(markers, ends, first, strict=True):
        if scored:
            typical = _median_without(lengths[marker.family], own)
            length = -max(_with_siblings(item, typical) for item in scored)[1]
            spans.append((marker.start, marker.end, marker.end + length))
    return spans


def _median_without(ordered: list[int], value: int) -> float | None:
    """The median of the sorted `ordered` once one `value` is taken out (None if empty)."""
    if len(ordered) < 2:
        return None
    gone = bisect.bisect_left(ordered, value)

    def at(i: int) -> int:
        return ordered[i if i < gone else i + 1]

    count = len(ordered) - 1
    return (at((count - 1) // 2) + at(count // 2)) / 2


def _with_siblings(item: tuple[float, int], typical: float | None) -> tuple[float, int]:
    """A heading end's score, less a penalty for its length's distance from the typical
    length of its siblings' headings."""
    score, negative_length = item
    if typical is None:
        return item
    distance = max(0.0, abs(-negative_length - typical) - bp.SIBLING_TOLERANCE)
    return score - bp.HEADING_WEIGHTS["sibling"] * distance, negative_length


def _plain_headings(text: str) -> list[tuple[int, int, int]]:
    """(start, start, end) of each unnumbered heading, or none unless a set of them is found."""
    depths = nesting_depths(text)
    spans = [
        (match.start(), match.start(), match.end("heading"))
        for match in bp.PLAIN_HEADING.finditer(text)
        if not depths[match.start()] and _plain_heading_fits(text, match)
    ]
    edges = [0, *(edge for _, start, end in spans for edge in (start, end)), len(text)]
    sections = [end - start for start, end in zip(edges[::2], edges[1::2], strict=True)]
    if len(spans) < bp.PLAIN_HEADING_RUN or min(sections) < bp.PLAIN_SECTION_MIN:
        return []
    return spans


def _plain_heading_fits(text: str, match: re.Match[str]) -> bool:
    """Do the heading and its opener end on word boundaries, the heading on a real word, and
    does the heading not start like a subject?"""
    tokens = _tokenizer().lcut(text[match.start() : match.end() + _CONTEXT])
    ends = list(itertools.accumulate(map(len, tokens)))
    heading = len(match["heading"])
    if heading not in ends or heading + len(match["opener"]) not in ends:
        return False
    last = tokens[ends.index(heading)]
    return (
        len(last) > 1
        and last not in bp.HEADING_BAD_END_WORDS
        and not match["heading"].startswith(bp.PLAIN_HEADING_BAD_START)
    )


def _heading_markers(text: str) -> list[_Marker]:
    """Markers of the family whose first item comes first, and of the families that nest
    inside it (`（一）` under `一、`), in order."""
    families = {name: _family(name, pattern, text) for name, pattern in bp.HEADING_FAMILIES.items()}
    families = {name: markers for name, markers in families.items() if len(markers) > 1}
    if not families:
        return []
    top = min(families, key=lambda name: families[name][0].start)
    chosen = families[top]
    if top in bp.NESTED_FAMILIES:
        for name in bp.NESTED_FAMILIES[bp.NESTED_FAMILIES.index(top) + 1 :]:
            pattern = bp.HEADING_FAMILIES[name]
            nested = _family(name, pattern, text, _glued_positions(text, chosen))
            if len(nested) > 1:
                chosen = chosen + nested
    return sorted(chosen, key=lambda marker: marker.start)


def _glued_positions(text: str, parents: list[_Marker]) -> frozenset[int]:
    """Where a sub-heading's marker may follow a parent's heading with nothing between:
    after `HEADING_MIN`–`HEADING_MAX` characters of the parent's heading, no punctuation."""
    positions = set()
    for parent in parents:
        run = _PUNCT.search(text, parent.end, parent.end + bp.HEADING_MAX + 1)
        stop = run.start() if run else min(len(text), parent.end + bp.HEADING_MAX)
        positions.update(range(parent.end + bp.HEADING_MIN, stop + 1))
    return frozenset(positions)


def _family(
    name: str, pattern: re.Pattern, text: str, glued: frozenset[int] = frozenset()
) -> list[_Marker]:
    """A numbered run 1, 2, 3 … (repeats and small gaps allowed) at sentence starts, or
    at the `glued` positions right after a parent's heading."""
    markers: list[_Marker] = []
    for match in pattern.finditer(text):
        before = match.start()  # spaces left by removals do not count
        while before and text[before - 1] in bp.SPACE:
            before -= 1
        at_glued = match.start() in glued
        if before and text[before - 1] not in bp.MARKER_AFTER and not at_glued:
            continue
        number = numeral_value(match["num"] or match.groupdict().get("num2") or "")
        previous = markers[-1].number if markers else 0
        if (not markers and number == 1) or (
            markers and previous <= number <= previous + bp.HEADING_GAP
        ):
            markers.append(_Marker(match.start(), match.end(), number, name, at_glued))
    return markers


def _heading_ends(segment: str, corpus: str) -> list[tuple[float, int]]:
    """(score, -length) of every plausible heading at the start of `segment`."""
    window = re.split(f"[。{bp.HINT}]", segment[: bp.HEADING_WINDOW], maxsplit=1)[0]
    pairs = _tagger().lcut(window, HMM=False)
    tokens = [pair.word for pair in pairs]
    tags = [pair.flag for pair in pairs]
    offsets, position = [], 0
    for token in tokens:
        position += len(token)
        offsets.append(position)
    scored = [
        (_score(window[:k], segment[k:], tokens, offsets, corpus, tags), -k)
        for k in offsets
        if bp.HEADING_MIN <= k <= bp.HEADING_MAX and k < len(segment)
    ]
    return [(score, k) for score, k in scored if score is not None]


def _score(
    head: str, rest: str, tokens: list[str], offsets: list[int], corpus: str, tags: list[str]
) -> float | None:
    """Evidence that a heading ends between `head` and `rest`; None if it cannot."""
    found = _evidence(head, rest, tokens, offsets, corpus, tags)
    if found is None:
        return None
    weight = bp.HEADING_WEIGHTS
    return sum(weight[name] * value for name, value in found.items())


def _evidence(
    head: str, rest: str, tokens: list[str], offsets: list[int], corpus: str, tags: list[str]
) -> dict[str, float] | None:
    """The evidence (`HEADING_WEIGHTS` names to amounts) that a heading ends between `head`
    and `rest`; None if it cannot end there."""
    index = offsets.index(len(head))
    last, first = tokens[index], tokens[index + 1] if index + 1 < len(tokens) else ""
    first_tag = tags[index + 1] if index + 1 < len(tags) else ""
    framed = any(char in bp.SENTENCE_END for char in head[:-1]) or not _balanced(head)
    if sum(map(head.count, bp.COLON)) > 1 or framed:  # a second label is the text's (`问：`)
        return None
    if _speaker(rest, corpus):  # outweighs the tagger's guess at the word before it
        return {"speaker": 1, "length": len(head)}
    if tags[index] in bp.HEADING_BAD_END_TAGS or first_tag in bp.HEADING_BAD_START_TAGS:
        return None
    if first in bp.PREDICATE_STARTS:
        return None
    if head[-1] in bp.HEADING_BAD_END or rest[0] in bp.HEADING_BAD_START:
        return None
    if last in bp.HEADING_BAD_END_WORDS or first in bp.HEADING_BAD_START_WORDS:
        return None
    if bp.RANGE_FROM in head and rest.startswith(bp.RANGE_TO):  # `从项目|走向订阅` goes on
        return None
    opener = bool(
        bp.FRAMED_OPENER.match(rest)
        or any(rest.startswith(w) for w in bp.STRONG_OPENERS)
        or bp.SENTENCE_OPENER.match(rest)
    )
    ends, starts, sentence_starts = _clause_words(corpus)
    return {
        "closing": head[-1] in bp.CLOSING_QUOTES + "》" + bp.SENTENCE_END,
        "opener": opener,
        "weak_opener": not opener and any(rest.startswith(w) for w in bp.WEAK_OPENERS),
        "repeated": len(first) > 1 and first in tokens[: index + 1],
        "break": segment_breaks(rest),
        "subject": first_tag in bp.SUBJECT_TAGS,
        "number": first_tag in bp.NUMBER_TAGS or first[:1].isascii() and first[:1].isalnum(),
        "verb_start": first_tag.startswith("v"),
        "cohesive": bool(first) and (head + rest).count(last + first) > 1,
        "adverb": (tags[index] in bp.ADVERB_TAGS) + (first_tag in bp.ADVERB_TAGS),
        "short_last": len(last) < 2 and not _PUNCT.match(last),
        "parallel": _parallel(head),
        "framing": _framing(rest),
        "edge": float(len(last) > 1 and last in ends) + float(len(first) > 1 and first in starts),
        "sentence_start": len(first) > 1 and first in sentence_starts,
        "length": len(head),
        "overlong": max(0, len(head) - 14),
    }


def _speaker(rest: str, corpus: str) -> bool:
    """Does `rest` open with a speaker's label (`张岩：`) found more than once in the body?"""
    match = bp.SPEAKER_LABEL.match(rest)
    return bool(match) and match["label"] in _speaker_labels(corpus)


@functools.lru_cache(maxsize=4)
def _speaker_labels(corpus: str) -> frozenset[str]:
    """Strings of up to `SPEAKER_MAX` characters written before a colon at least twice (a
    label glued to a heading counts too): found once, in linear time."""
    found: Counter[str] = Counter()
    for match in re.finditer(f"[{bp.COLON}]", corpus):
        i = match.start()
        found.update(
            label
            for n in range(1, bp.SPEAKER_MAX + 1)
            if bp.SPEAKER_NAME.fullmatch(label := corpus[max(0, i - n) : i])
        )
    return frozenset(label for label, count in found.items() if count > 1)


def segment_breaks(rest: str) -> bool:
    return rest.startswith(bp.HINT)


def _balanced(head: str) -> bool:
    return all(
        head.count(opener) == head.count(closer) for opener, closer in bp.QUOTE_PAIRS.items()
    )


def _parallel(head: str) -> float:
    """Parallel parts (`转变思维模式,找准转型方向`) of equal length suggest a complete heading."""
    parts = re.split("[,，、]", head)
    if len(parts) < 2:
        return 0
    difference = abs(len(parts[-1]) - len(parts[-2]))
    return {0: 2, 1: 1}.get(difference, 0 if difference < 4 else -1)


def _framing(rest: str) -> bool:
    """Does `rest` open with a short adverbial such as `产业互联网时代,`?"""
    clause = re.split("[,，]", rest, maxsplit=1)
    return (
        len(clause) == 2
        and len(clause[0]) <= bp.FRAMING_MAX
        and not _PUNCT.search(clause[0])
        and clause[0].endswith(bp.FRAMING_SUFFIXES)
    )


@functools.lru_cache(maxsize=4)
def _clause_words(corpus: str) -> tuple[set[str], set[str], set[str]]:
    """Strings of up to `CLAUSE_WORD_MAX` characters ending right before punctuation, starting
    right after it, and starting right after a sentence end: built once, in linear time."""
    ends: set[str] = set()
    starts: set[str] = set()
    sentence_starts: set[str] = set()
    longest = bp.CLAUSE_WORD_MAX
    for match in _PUNCT.finditer(corpus):
        i = match.start()
        ends.update(corpus[max(0, i - n) : i] for n in range(2, longest + 1))
        following = {corpus[i + 1 : i + 1 + n] for n in range(2, longest + 1)}
        starts |= following
        if match.group() in bp.SENTENCE_END + bp.HINT:
            sentence_starts |= following
    return ends, starts, sentence_starts
