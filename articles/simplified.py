"""Traditional to simplified Chinese (`zh-cn`): the output of zhconv's
`convert(text, "zh-cn")`, found several times faster on text that is mostly simplified.

zhconv takes, from each position in turn, the longest key of its table found there. A
character that starts no key but itself, mapped to itself, comes out unchanged whatever
follows it, so the scan jumps from one character that starts a real key (a phrase, or a
character that changes) to the next, and runs zhconv's longest match only there.
zhconv's tables load on first use (≈ 10 MiB).
"""

import re
from functools import cache

LOCALE = "zh-cn"


@cache
def _tables() -> tuple[dict[str, str], set[str], re.Pattern[str]]:
    from zhconv import zhconv

    table = zhconv.getdict(LOCALE)
    prefixes = zhconv.pfsdict[LOCALE]
    starts = {key[0] for key, value in table.items() if len(key) > 1 or value != key}
    return table, prefixes, re.compile(f"[{''.join(map(re.escape, sorted(starts)))}]")


def to_simplified(text: str) -> str:
    """`text` in simplified characters and mainland vocabulary, as zhconv converts it."""
    table, prefixes, starts = _tables()
    parts = []
    position, length = 0, len(text)
    while found := starts.search(text, position):
        start = found.start()
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
    parts.append(text[position:])
    return "".join(parts)
