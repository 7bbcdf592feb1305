"""Chinese text tools: normalisation, pinyin, segmentation, reading time.

This module imports nothing of ours, so every layer may use it. jieba and pypinyin are
imported on first use, not with this module: their tables take tens of MiB, and most
requests a web worker serves need neither.
"""

import functools
import re
import unicodedata

READING_SPEED = 300  # Chinese characters a minute
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


@functools.cache
def _jieba():
    """jieba, imported on first use, with its start-up chatter silenced."""
    import jieba

    jieba.setLogLevel(60)
    return jieba


def _pinyin(text: str) -> list[str]:
    from pypinyin import lazy_pinyin

    return lazy_pinyin(unicodedata.normalize("NFKC", text), errors=lambda s: [s])


def fold(text: str) -> str:
    """Case- and width-insensitive key: `Ｃ２Ｂ` and `c2b` fold to the same string."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


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
    key = sort_key(text)[:1].upper()
    return key if "A" <= key <= "Z" else "#"


def cjk_count(text: str) -> int:
    return len(_CJK_CHAR.findall(text))


def char_count(text: str) -> int:
    """Characters a reader reads: CJK characters plus Latin words."""
    return cjk_count(text) + len(re.findall(r"[A-Za-z0-9]+", text))


def reading_minutes(text: str) -> int:
    return max(1, round(char_count(text) / READING_SPEED))


def add_words(words) -> dict[str, int]:
    """Teach jieba extra words (glossary terms, tags) so they stay whole.

    Returns each word's earlier frequency (0 if jieba did not know it), for `forget_words`.
    """
    jieba = _jieba()
    jieba.dt.check_initialized()
    earlier = {}
    for word in words:
        word = word.strip()
        if word:
            earlier[word] = jieba.dt.FREQ.get(word, 0)
            jieba.add_word(word, freq=20000)
    return earlier


def forget_words(earlier: dict[str, int]) -> None:
    """Undo `add_words`: each word gets back the frequency it had, 0 making it no word."""
    jieba = _jieba()
    for word, freq in earlier.items():
        if freq:
            jieba.add_word(word, freq=freq)
        else:
            jieba.del_word(word)


def segment(text: str) -> list[str]:
    """Search-mode segmentation: words plus their shorter parts, lower-cased."""
    text = unicodedata.normalize("NFKC", text)
    return [w.lower() for w in _jieba().cut_for_search(text) if w.strip() and not _is_punct(w)]


def _is_punct(word: str) -> bool:
    return all(unicodedata.category(ch)[0] in "PSZ" for ch in word)


def words(text: str) -> list[str]:
    """jieba's words of `text`, punctuation and spaces included: joined they give it back."""
    return _jieba().lcut(text)
