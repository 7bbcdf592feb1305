"""Sentences and paragraphs for run-together Chinese prose.

A sentence ends at `。!?` (either width), or at a closing quote right after one, but
never inside a quotation, a book title or brackets. Paragraphs are runs of whole
sentences of about `PARAGRAPH_TARGET` characters, preferring the places where the source
still shows a paragraph break.
"""

from dataclasses import dataclass

from . import boilerplate as bp

_NESTING = {**bp.QUOTE_PAIRS, "(": ")", "（": "）"}
_CLOSERS = set(_NESTING.values())
_HINT_BONUS = 1.5


@dataclass(frozen=True)
class Sentence:
    text: str
    after_break: bool  # the source had a paragraph break right before it


def nesting_depths(text: str) -> list[int]:
    """Depth of open quotes/brackets after each character; unmatched marks are ignored."""
    stacks: dict[str, list[int]] = {opener: [] for opener in _NESTING}
    closer_of = {closer: opener for opener, closer in _NESTING.items()}
    change = [0] * (len(text) + 1)
    for i, char in enumerate(text):
        if char in _NESTING:
            stacks[char].append(i)
        elif char in closer_of and stacks[closer_of[char]]:
            change[stacks[closer_of[char]].pop()] += 1
            change[i] -= 1
    depths, depth = [], 0
    for i in range(len(text)):
        depth += change[i]
        depths.append(depth)
    return depths


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
            if length > bp.PARAGRAPH_MAX and end - start > 1:
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
