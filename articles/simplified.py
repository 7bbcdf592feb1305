"""Traditional to simplified Chinese (`zh-cn`): the output of zhconv's
`convert(text, "zh-cn")`, found several times faster on text that is mostly simplified.

zhconv takes, from each position in turn, the longest key of its table found there. A
character that starts no key but itself, mapped to itself, comes out unchanged whatever
follows it, so the scan jumps from one character that starts a real key (a phrase, or a
character that changes) to the next, and runs zhconv's longest match only there: where
the character changes, or where it and the next one start a longer key. Most characters
that start a phrase key are common ones (`一`, `不`, `大`), seldom followed by the rest
of one, so the first two characters rule most of them out.
zhconv's tables load on first use (≈ 10 MiB).
"""

from functools import cache

LOCALE = "zh-cn"


_MARK = "\ue000"  # marks a character that starts a key; a private-use character


@cache
def _tables() -> tuple[dict[str, str], set[str], frozenset[str], dict[int, str]]:
    from zhconv import zhconv

    table = zhconv.getdict(LOCALE)
    prefixes = zhconv.pfsdict[LOCALE]
    keys = [key for key, value in table.items() if len(key) > 1 or value != key]
    # the characters that change, and the first two characters of every longer key
    openings = frozenset(key[:2] for key in keys)
    marks = dict.fromkeys({ord(key[0]) for key in keys}, _MARK)
    return table, prefixes, openings, marks


def to_simplified(text: str) -> str:
    """`text` in simplified characters and mainland vocabulary, as zhconv converts it."""
    table, prefixes, openings, marks = _tables()
    marked = text.translate(marks)  # `str.find` then runs from one start to the next
    parts = []
    position, length, start = 0, len(text), marked.find(_MARK)
    while start >= 0:
        if text[start] not in openings and text[start : start + 2] not in openings:
            start = marked.find(_MARK, start + 1)  # unchanged whatever follows
            continue
        parts.append(text[position:start])
        converted, end = text[start], start + 1  # a character no key covers stays itself
        reach, fragment = start, text[start]
        while reach < length and fragment in prefixes:
            if fragment in table:
                converted, end = table[fragment], reach + 1
            reach += 1
            fragment = text[start : reach + 1]
        parts.append(converted)
        position = end
        start = marked.find(_MARK, position)
    parts.append(text[position:])
    return "".join(parts)
