"""Run-in numbered section headings (`一、…`, `01…`, `1、…`) glued to the text they head.

The heading family of a body is the numbered family whose first item (number 1, at the
start of the body or right after a sentence end) comes first; other families are lists
and stay in the text. Where a heading ends is scored over the word boundaries of its
first few dozen characters. A body without numbered headings may have unnumbered ones,
found only by the strict rule described at `PLAIN_HEADING`.
"""

import functools
import itertools
import re
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
    """(marker start, heading start, heading end) of each numbered heading."""
    markers = _heading_markers(text)
    spans = []
    for i, marker in enumerate(markers):
        following = markers[i + 1].start if i + 1 < len(markers) else len(text)
        length = _heading_length(text[marker.end : following], text)
        if length is not None:
            spans.append((marker.start, marker.end, marker.end + length))
    return spans


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
    families = {name: _family(pattern, text) for name, pattern in bp.HEADING_FAMILIES.items()}
    families = {name: markers for name, markers in families.items() if len(markers) > 1}
    if not families:
        return []
    top = min(families, key=lambda name: families[name][0].start)
    chosen = families[top]
    if top in bp.NESTED_FAMILIES:
        deeper = bp.NESTED_FAMILIES[bp.NESTED_FAMILIES.index(top) + 1 :]
        chosen = chosen + [m for name in deeper for m in families.get(name, [])]
    return sorted(chosen, key=lambda marker: marker.start)


def _family(pattern: re.Pattern, text: str) -> list[_Marker]:
    """A numbered run 1, 2, 3 … (repeats and small gaps allowed) at sentence starts."""
    markers: list[_Marker] = []
    for match in pattern.finditer(text):
        if match.start() and text[match.start() - 1] not in bp.MARKER_AFTER:
            continue
        number = numeral_value(match["num"] or match.groupdict().get("num2") or "")
        previous = markers[-1].number if markers else 0
        if (not markers and number == 1) or (
            markers and previous <= number <= previous + bp.HEADING_GAP
        ):
            markers.append(_Marker(match.start(), match.end(), number))
    return markers


def _heading_length(segment: str, corpus: str) -> int | None:
    """How many characters of `segment` form the heading, or None if no end is plausible."""
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
    scored = [item for item in scored if item[0] is not None]
    return -max(scored)[1] if scored else None


def _score(
    head: str, rest: str, tokens: list[str], offsets: list[int], corpus: str, tags: list[str]
) -> float | None:
    """Evidence that a heading ends between `head` and `rest`; None if it cannot."""
    index = offsets.index(len(head))
    last, first = tokens[index], tokens[index + 1] if index + 1 < len(tokens) else ""
    first_tag = tags[index + 1] if index + 1 < len(tags) else ""
    if tags[index] in bp.HEADING_BAD_END_TAGS or first_tag in bp.HEADING_BAD_START_TAGS:
        return None
    if first in bp.PREDICATE_STARTS:
        return None
    if head[-1] in bp.HEADING_BAD_END or rest[0] in bp.HEADING_BAD_START:
        return None
    if last in bp.HEADING_BAD_END_WORDS or first in bp.HEADING_BAD_START_WORDS:
        return None
    if any(char in bp.SENTENCE_END for char in head[:-1]) or not _balanced(head):
        return None
    weight = bp.HEADING_WEIGHTS
    score = 0.0
    if head[-1] in bp.CLOSING_QUOTES + "》" + bp.SENTENCE_END:
        score += weight["closing"]
    if (
        bp.FRAMED_OPENER.match(rest)
        or any(rest.startswith(w) for w in bp.STRONG_OPENERS)
        or bp.SENTENCE_OPENER.match(rest)
    ):
        score += weight["opener"]
    elif any(rest.startswith(word) for word in bp.WEAK_OPENERS):
        score += weight["weak_opener"]
    if len(first) > 1 and first in tokens[: index + 1]:
        score += weight["repeated"]
    if segment_breaks(rest):
        score += weight["break"]
    if first_tag in bp.SUBJECT_TAGS:
        score += weight["subject"]
    if first_tag in bp.NUMBER_TAGS or first[:1].isascii() and first[:1].isalnum():
        score += weight["number"]
    if first_tag.startswith("v"):
        score += weight["verb_start"]
    score += weight["adverb"] * ((tags[index] in bp.ADVERB_TAGS) + (first_tag in bp.ADVERB_TAGS))
    if len(last) < 2 and not _PUNCT.match(last):
        score += weight["short_last"]
    score += _parallel(head)
    if _framing(rest):
        score += weight["framing"]
    score += weight["edge"] * _clause_edge(last, first, corpus)
    return score + weight["length"] * len(head) - weight["overlong"] * max(0, len(head) - 14)


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


def _clause_edge(last: str, first: str, corpus: str) -> float:
    """Elsewhere in the text, does `last` end a clause and `first` start one?"""
    ends, starts, sentence_starts = _clause_words(corpus)
    score = float(len(last) > 1 and last in ends) + float(len(first) > 1 and first in starts)
    if len(first) > 1 and first in sentence_starts:
        score += bp.HEADING_WEIGHTS["sentence_start"]
    return score


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
