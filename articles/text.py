"""Chinese text tools: identity keys, line ends, pinyin, character counts, reading time.

The one definition of what counts as a Chinese character (`CJK`), of line-end
normalisation (`unix_newlines`) and of when two names are the same (`fold`). This module
imports nothing of ours, so every layer may use it; segmentation lives in `segmenter`.
pypinyin and zhconv are imported on first use: their tables take tens of MiB, and most
requests a web worker serves need neither.
"""

import re
import unicodedata

READING_SPEED = 300  # Chinese characters a minute
# CJK unified ideographs (extension A, the basic block, compatibility ideographs) and 〇.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
_CJK_CHAR = re.compile(f"[{CJK}]")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """The identity key of a name: `Ｃ２Ｂ`, `c2b` and `C2B` fold alike, as do 數據 and 数据.

    Width (NFKC), case and traditional/simplified characters are ignored, and so is
    surrounding space. Tag names and glossary terms are unique by this key.
    """
    import zhconv

    return zhconv.convert(unicodedata.normalize("NFKC", text), "zh-cn").casefold().strip()


def unix_newlines(value: str) -> str:
    """Text with `\n` line ends only: browsers post CRLF, old files carry CR."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _pinyin(text: str) -> list[str]:
    from pypinyin import lazy_pinyin

    return lazy_pinyin(unicodedata.normalize("NFKC", text), errors=lambda s: [s])


def pinyin_slug(text: str, max_length: int = 60) -> str:
    """A readable ASCII slug: pinyin for Chinese, words kept for Latin text."""
    syllables = _pinyin(text)
    slug = _NON_SLUG.sub("-", "-".join(syllables).lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[: max_length + 1].rsplit("-", 1)[0]
    return slug or "x"


def sort_key(text: str) -> str:
    """Pinyin sort key, so `C2B` sorts under C and `产业` under C too."""
    return "".join(_pinyin(text)).lower()


def initial(text: str) -> str:
    """The A–Z letter a term is filed under; `#` for anything else."""
    return key_initial(sort_key(text))


def key_initial(key: str) -> str:
    """The A–Z letter of a stored `sort_key()`; `#` for anything else."""
    letter = key[:1].upper()
    return letter if "A" <= letter <= "Z" else "#"


def cjk_count(text: str) -> int:
    return len(_CJK_CHAR.findall(text))


def char_count(text: str) -> int:
    """Characters a reader reads: CJK characters plus Latin words."""
    return cjk_count(text) + len(re.findall(r"[A-Za-z0-9]+", text))


def reading_minutes(text: str) -> int:
    return max(1, round(char_count(text) / READING_SPEED))
