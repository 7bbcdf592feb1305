"""Word segmentation: one jieba tokenizer per use, none of them jieba's global one.

- `search()`: jieba's dictionary plus the published glossary terms and aliases, so that
  a term such as 产业互联网生态 stays one token in the index and in queries alike;
  `set_search_words()` makes its extra words exactly a given set.
- `plain()`: jieba's dictionary alone, for word-level comparison and merging of text.

Nothing here touches jieba's global tokenizer or its module-level functions, so what one use
teaches its tokenizer never reaches another. Tokenizers load on first use. The shared ones
(`search()`, `plain()`) read jieba's word frequencies from a file as they need them
(`word_frequencies`), so a web worker never holds jieba's whole dictionary (tag suggestion
has its own, `importer.tagging.DictionaryPOS`). Batch work that segments a great deal (an
import, a rebuild of the search index) calls `hold_dictionary()` first: the shared
tokenizers then look words up in memory, about four times faster, and `words`,
`dictionary_words` and `search_tokens` cut with rjieba, jieba compiled (about ten times
faster again), brought to jieba's output (`_as_jieba`, `_search_mode`): the same words,
but where two cuts are exactly as likely (`叮|叮叮`, `叮叮|叮`) the two break the tie
differently, which only a quoted phrase of such words could notice.
"""

import functools
import re
import threading
import unicodedata

GLOSSARY_FREQ = 20000  # high enough that a term wins over the words it is made of

_lock = threading.Lock()
_tokenizers: dict = {}
_search_words: set[str] = set()
_held: dict = {}  # jieba's whole prefix dictionary, once `hold_dictionary()` has run
_compiled: dict = {}  # rjieba segmenters standing in for the shared tokenizers, likewise


def _new_tokenizer():
    import jieba

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _stored_tokenizer(name: str):
    """A tokenizer segmenting as `_new_tokenizer()` does, over the stored frequencies, or
    over the held dictionary once there is one."""
    import jieba

    from .word_frequencies import StoredFrequencies, ensure_store

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    if _held:
        tokenizer.FREQ = _held_frequencies(name, {})
        tokenizer.total = _held_total
    else:
        tokenizer.FREQ = StoredFrequencies(ensure_store())
        tokenizer.total = tokenizer.FREQ.total
    tokenizer.initialized = True
    return tokenizer


def _shared(name: str):
    with _lock:
        return _shared_unlocked(name)


def _shared_unlocked(name: str):
    if name not in _tokenizers:
        _tokenizers[name] = _stored_tokenizer(name)
    return _tokenizers[name]


_held_total = 0


def hold_dictionary() -> None:
    """Keep jieba's whole dictionary in memory for the shared tokenizers, from now on in
    this process (≈ 70 MiB per tokenizer, loaded in about a second): for batch work, never
    for web workers. Words a tokenizer was taught stay taught."""
    global _held_total
    with _lock:
        if _held:
            return
        loaded = _new_tokenizer()
        _held.update(loaded.FREQ)
        _held_total = loaded.total
        for name, tokenizer in _tokenizers.items():  # their totals already count taught words
            tokenizer.FREQ = _held_frequencies(name, tokenizer.FREQ.taught)
        _compiled["plain"] = _compiled_like(_shared_unlocked("plain"))
        _compiled["search"] = _compiled_like(_shared_unlocked("search"), _search_words)


# A word no text holds, whose frequency brings rjieba's total to the jieba tokenizer's.
_BALANCE = "\U000f0000\U000f0001"


def _compiled_like(tokenizer, words=()):
    """An rjieba segmenter cutting as the held `tokenizer` does: jieba's dictionary plus
    `words`, and the same total of frequencies, on which the choice between a cut into
    more words and one into fewer depends. jieba's `add_word` adds a word's new frequency
    to the total without taking off its old one, rjieba's the difference; `_BALANCE`
    makes up the rest."""
    import rjieba

    compiled = rjieba.Jieba()
    total = _held_total
    for word in sorted(words):
        compiled.add_word(word, GLOSSARY_FREQ, None)
        total += GLOSSARY_FREQ - _held.get(word, 0)
    if tokenizer.total > total:
        compiled.add_word(_BALANCE, tokenizer.total - total, None)
    return compiled


_NEVER_TAUGHT = {"plain"}  # shared tokenizers that may look words up in `_held` itself


def _held_frequencies(name: str, taught: dict) -> dict:
    """The held dictionary as tokenizer `name`'s frequencies, with the words it was
    `taught`: `_held` itself for one never taught, else a copy of its own."""
    if name in _NEVER_TAUGHT:
        return _held
    return _held | taught


def plain():
    """The tokenizer with jieba's own dictionary, never taught a word."""
    return _shared("plain")


def search():
    """The search tokenizer, with whatever `set_search_words` last gave it."""
    return _shared("search")


def set_search_words(words) -> None:
    """Make the search tokenizer's extra words exactly `words` (adding and forgetting)."""
    words = {word.strip() for word in words} - {""}
    tokenizer = search()
    with _lock:
        for word in _search_words - words:
            _restore(tokenizer, word)
        for word in sorted(words - _search_words):
            _originals.setdefault(word, tokenizer.FREQ.get(word, 0))
            tokenizer.add_word(word, freq=GLOSSARY_FREQ)
        if "search" in _compiled and words != _search_words:
            _compiled["search"] = _compiled_like(tokenizer, words)
        _search_words.clear()
        _search_words.update(words)


def search_words() -> frozenset[str]:
    return frozenset(_search_words)


_originals: dict[str, int] = {}  # a taught word's frequency in jieba's own dictionary


def _restore(tokenizer, word: str) -> None:
    freq = _originals.pop(word, 0)
    if freq:
        tokenizer.add_word(word, freq=freq)
    else:
        tokenizer.del_word(word)


def words(text: str) -> list[str]:
    """`text` cut into plain words; joined, they give `text` back."""
    if not text:
        return []
    if compiled := _compiled.get("plain"):
        return _as_jieba(compiled.cut(text, True), compiled)
    return plain().lcut(text)


def dictionary_words(text: str) -> list[str]:
    """`text` cut into plain words of jieba's dictionary, unknown runs left as characters:
    several times faster than `words`, for comparing texts rather than reading them."""
    if not text:
        return []
    if compiled := _compiled.get("plain"):
        return compiled.cut(text, False)
    return plain().lcut(text, HMM=False)


def search_tokens(text: str) -> list[str]:
    """Search-mode segmentation: words plus their shorter parts, lower-cased, no punctuation."""
    text = unicodedata.normalize("NFKC", text)
    if compiled := _compiled.get("search"):
        cut = _search_mode(_as_jieba(compiled.cut(text, True), compiled), compiled)
    else:
        cut = search().cut_for_search(text)
    return [w.lower() for w in cut if w.strip() and not _is_punct(w)]


_LATIN_RUN = re.compile(r"[a-zA-Z0-9+#&._%\-]+")  # what jieba cuts as one block with Chinese
_LATIN_PART = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")  # how its HMM stage splits a block


def _as_jieba(tokens: list[str], compiled) -> list[str]:
    """rjieba's HMM cut as jieba's: a run of Latin letters, digits and signs that is not a
    dictionary word (`010-6852`, `a_b`) split at the signs, as jieba's HMM stage splits it."""
    cut = []
    for token in tokens:
        if (
            len(token) > 1
            and not token.isalnum()
            and _LATIN_RUN.fullmatch(token)
            and not compiled.has_word(token)
        ):
            cut.extend(part for part in _LATIN_PART.split(token) if part)
        else:
            cut.append(token)
    return cut


def _search_mode(tokens: list[str], compiled):
    """jieba's `cut_for_search` over a cut: before each word longer than two characters,
    its two- and three-character parts that are dictionary words."""
    for word in tokens:
        if len(word) > 2:
            yield from (
                word[i : i + 2] for i in range(len(word) - 1) if compiled.has_word(word[i : i + 2])
            )
        if len(word) > 3:
            yield from (
                word[i : i + 3] for i in range(len(word) - 2) if compiled.has_word(word[i : i + 3])
            )
        yield word


@functools.lru_cache(maxsize=1 << 16)  # the same few thousand tokens, over and over
def _is_punct(word: str) -> bool:
    return all(unicodedata.category(ch)[0] in "PSZ" for ch in word)
