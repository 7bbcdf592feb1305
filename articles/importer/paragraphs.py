"""Sentences, paragraphs and numbered lists for run-together Chinese prose.

A sentence ends at `。!?` (either width), or at a closing quote right after one, but
never inside a quotation, a book title or brackets. Paragraphs are runs of whole
sentences of about `PARAGRAPH_TARGET` characters, preferring the places where the source
still shows a paragraph break. Numbered runs that read as lists become ordered lists.
"""

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import boilerplate as bp
from .escaping import escape_block_start

_CHINESE_VALUE = {numeral: value for value, numeral in enumerate(bp.CHINESE_NUMERALS, start=1)}
_NESTING = {**bp.QUOTE_PAIRS, "(": ")", "（": "）"}
_CLOSERS = set(_NESTING.values())
_OPENER_OF = {closer: opener for opener, closer in _NESTING.items()}
_MARKS = re.compile(f"[{re.escape(''.join([*_NESTING, *_CLOSERS]))}]")
_HINT_BONUS = 1.5


@dataclass(frozen=True)
class Sentence:
    text: str
    after_break: bool  # the source had a paragraph break right before it


def nesting_depths(text: str) -> list[int]:
    """Depth of open quotes/brackets after each character; unmatched marks are ignored."""
    stacks: dict[str, list[int]] = {opener: [] for opener in _NESTING}
    change = [0] * len(text)
    for mark in _MARKS.finditer(text):
        char, i = mark.group(), mark.start()
        if char in _NESTING:
            stacks[char].append(i)
        elif stacks[_OPENER_OF[char]]:
            change[stacks[_OPENER_OF[char]].pop()] += 1
            change[i] -= 1
    return list(itertools.accumulate(change))


def split_sentences(text: str) -> list[Sentence]:
    """Whole sentences; `HINT` characters are dropped and remembered as breaks."""
    depths = nesting_depths(text)
    sentences: list[Sentence] = []
    current: list[str] = []
    after_break = False

    def flush():
        nonlocal after_break
        if "".join(current).strip():
            sentences.append(Sentence("".join(current).strip(), after_break))
            after_break = False
        current.clear()

    for i, char in enumerate(text):
        if char == bp.HINT:
            flush()
            after_break = bool(sentences)
            continue
        current.append(char)
        if depths[i] == 0 and _ends_sentence(text, i):
            flush()
    flush()
    return sentences


def _ends_sentence(text: str, i: int) -> bool:
    char = text[i]
    ends = char in bp.SENTENCE_END or (
        char in _CLOSERS and i > 0 and text[i - 1] in bp.SENTENCE_END
    )
    following = text[i + 1 : i + 2]
    return ends and not (following and following in bp.SENTENCE_END + bp.CLOSING_QUOTES + ")）")


def paragraphs(sentences: list[Sentence]) -> list[str]:
    """Group sentences into paragraphs close to the target length (dynamic programming)."""
    count = len(sentences)
    starts_block = [s.after_break or bool(bp.LIST_ITEM.match(s.text)) for s in sentences]
    best = [0.0] + [float("inf")] * count
    cut = [0] * (count + 1)
    for end in range(1, count + 1):
        length = 0
        for start in range(end - 1, -1, -1):
            length += len(sentences[start].text)
            if end - start > 1 and (
                length > bp.PARAGRAPH_MAX or end - start > bp.PARAGRAPH_SENTENCES_MAX
            ):
                break
            cost = (
                best[start] + _cost(length) - (_HINT_BONUS if start and starts_block[start] else 0)
            )
            if cost < best[end]:
                best[end], cut[end] = cost, start
    result = []
    end = count
    while end:
        start = cut[end]
        result.append("".join(s.text for s in sentences[start:end]))
        end = start
    return result[::-1]


def _cost(length: int) -> float:
    cost = ((length - bp.PARAGRAPH_TARGET) / 60) ** 2
    if length < bp.PARAGRAPH_MIN:
        cost += 2 + (bp.PARAGRAPH_MIN - length) / 20
    return cost


def numeral_value(numeral: str) -> int:
    """`12` → 12, `十二` → 12, `②` → 2; 0 for what is not a numeral."""
    if len(numeral) == 1 and "\u2460" <= numeral <= "\u2473":
        return ord(numeral) - 0x2460 + 1
    if numeral.isascii() and numeral.isdigit():
        return int(numeral)
    tens, _, units = numeral.rpartition("十")
    if "十" not in numeral:
        return _CHINESE_VALUE.get(numeral, 0)
    return _CHINESE_VALUE.get(tens, 1) * 10 + _CHINESE_VALUE.get(units, 0)


def markdown_blocks(text: str) -> list[str]:
    """Paragraphs of `text`, with its numbered lists as Markdown ordered lists.

    `text` has its inline Markdown characters escaped already; a paragraph that would start
    a heading, quotation or list by accident is escaped here.
    """
    blocks: list[str] = []
    cursor = 0
    for start, end, items in _lists(text):
        blocks.extend(map(escape_block_start, paragraphs(split_sentences(text[cursor:start]))))
        blocks.append("\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1)))
        cursor = end
    blocks.extend(map(escape_block_start, paragraphs(split_sentences(text[cursor:]))))
    return blocks


def _lists(text: str) -> list[tuple[int, int, list[str]]]:
    """Non-overlapping lists as (start, end, item texts), in order."""
    depths = nesting_depths(text)
    runs = sorted(
        (run for family in bp.LIST_FAMILIES for run in _runs(text, depths, family)),
        key=lambda run: run[0].start(),
    )
    lists: list[tuple[int, int, list[str]]] = []
    for run in runs:
        if lists and run[0].start() < lists[-1][1]:
            continue
        bounds = [m.start() for m in run[1:]]
        items = [text[m.end() : end] for m, end in zip(run[:-1], bounds, strict=True)]
        cap = max(len(split_sentences(item)) for item in items)
        longest = max(map(len, items))
        end = _last_item_end(text, run[-1].end(), cap, 2 * longest + bp.PARAGRAPH_MIN)
        items.append(text[run[-1].end() : end])
        lists.append((run[0].start(), end, [item.replace(bp.HINT, "").strip() for item in items]))
    return lists


def _runs(text: str, depths: list[int], family: re.Pattern) -> list[list[re.Match[str]]]:
    """Runs of one numbering family that read as lists, outside quotes and brackets."""
    matches = [m for m in family.finditer(text) if not depths[m.start()]]
    by_number: dict[int, list[int]] = {}
    for i, match in enumerate(matches):
        by_number.setdefault(numeral_value(match["num"]), []).append(i)
    runs = []
    for i in by_number.get(1, []):
        first = matches[i]
        before = text[first.start() - 1] if first.start() else bp.HINT
        if before not in bp.COLON + bp.MARKER_AFTER:
            continue
        chains = []
        if before in bp.COLON:
            chains.append(
                _chain(matches, by_number, i, lambda m: text[m.start() - 1] in bp.MARKER_AFTER)
            )
        if bp.LIST_LABEL.match(text, first.end()):
            chains.append(
                _chain(matches, by_number, i, lambda m: bp.LIST_LABEL.match(text, m.end()))
            )
        runs.append(max(chains, key=len, default=[]))
    return [run for run in runs if len(run) > 1]


def _chain(
    matches: list[re.Match[str]],
    by_number: dict[int, list[int]],
    first: int,
    fits: Callable[[re.Match[str]], object],
) -> list[re.Match[str]]:
    """Items numbered 1, 2, 3 … from `matches[first]`, each the first fitting item of the next
    number at most `LIST_ITEM_MAX` characters after the one before (looked up by number, so
    long runs of other numbers cost nothing)."""
    chain, index = [matches[first]], first
    while True:
        candidates = by_number.get(len(chain) + 1, [])
        for k in range(bisect.bisect_right(candidates, index), len(candidates)):
            i = candidates[k]
            if matches[i].start() - chain[-1].end() > bp.LIST_ITEM_MAX:
                return chain
            if fits(matches[i]):
                chain.append(matches[i])
                index = i
                break
        else:
            return chain


def _last_item_end(text: str, start: int, cap: int, reach: int) -> int:
    """The end of a list's last item: at most `cap` sentences, within its paragraph.

    Only `reach` characters (twice the longest earlier item and a short paragraph, at most
    `LIST_ITEM_MAX`) are looked at, so long paragraphs full of lists stay linear; a sentence
    cut off by that bound is not taken.
    """
    reach = start + min(reach, bp.LIST_ITEM_MAX)
    paragraph_end = text.find(bp.HINT, start, reach + 1)
    bounded = paragraph_end < 0 and reach < len(text)
    stop = paragraph_end if paragraph_end >= 0 else min(len(text), reach)
    sentences = split_sentences(text[start:stop])
    if (
        bounded
        and sentences
        and not _ends_sentence(sentences[-1].text, len(sentences[-1].text) - 1)
    ):
        sentences.pop()
    end = start
    for count, sentence in enumerate(sentences):
        if count == cap or (count and sentence.text.startswith(bp.LIST_EXIT)):
            break
        end = text.index(sentence.text, end) + len(sentence.text)
    return end
