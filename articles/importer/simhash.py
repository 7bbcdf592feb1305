"""Near-identical bodies: a 64-bit SimHash over pairs of consecutive plain words.

Two copies of one article scraped from two sites (other chrome, a changed sentence) differ
in a few bits; different articles in about half. A signature is cut into `BANDS` bands of
16 bits: two signatures at most `MAX_DISTANCE` (= BANDS - 1) bits apart agree on at least
one whole band, so a look-up by band finds every near-duplicate without reading them all.
"""

import hashlib
import re
from collections import Counter

from articles import segmenter

BITS = 64
BANDS = 4
BAND_BITS = BITS // BANDS
MAX_DISTANCE = BANDS - 1
_LANE = 32  # bits per counter when the 64 bit counters are added as one big integer
# _SPREAD[i][byte]: the bits of `byte`, as byte i of a hash, each moved to its own lane.
_SPREAD = [
    [sum(1 << ((8 * i + b) * _LANE) for b in range(8) if byte >> b & 1) for byte in range(256)]
    for i in range(8)
]


# A letter or a digit of any script (Unicode category L or N): what makes a token a word.
_WORD_CHAR = re.compile(r"[^\W_]")


def _features(body: str) -> Counter:
    words = [w for w in segmenter.dictionary_words(body) if _WORD_CHAR.search(w)]
    return Counter(zip(words, words[1:], strict=False)) or Counter((w,) for w in words)


def signature(body: str) -> int:
    """The body's SimHash, an unsigned 64-bit integer (0 for a body without words).

    Each feature's 8-byte hash, repeated as often as the feature occurs, is laid end to
    end; how often each value appears at each byte position is counted (in C, by
    `Counter`), and only then spread to the bit lanes, once per position and value."""
    features = _features(body)
    hashes = b"".join(
        hashlib.blake2b("\x1f".join(feature).encode(), digest_size=8).digest() * count
        for feature, count in features.items()
    )
    lanes = sum(
        times * _SPREAD[i][byte] for i in range(8) for byte, times in Counter(hashes[i::8]).items()
    )
    half = sum(features.values()) / 2
    mask = (1 << _LANE) - 1
    return sum(1 << bit for bit in range(BITS) if (lanes >> (bit * _LANE)) & mask > half)


def distance(a: int, b: int) -> int:
    """How many of the 64 bits differ."""
    return ((a ^ b) & (2**BITS - 1)).bit_count()


def bands(value: int) -> list[int]:
    """The `BANDS` 16-bit parts of a signature, lowest first."""
    value &= 2**BITS - 1
    return [(value >> (n * BAND_BITS)) & (2**BAND_BITS - 1) for n in range(BANDS)]


def to_signed(value: int) -> int:
    """The unsigned signature as the signed 64-bit integer a database column holds."""
    return value - 2**BITS if value >= 2**63 else value
