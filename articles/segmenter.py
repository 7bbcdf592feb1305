"""Word segmentation: one jieba tokenizer per use, none of them jieba's global one.

- `search()`: jieba's dictionary plus the published glossary terms and aliases, so that
  a term such as 产业互联网生态 stays one token in the index and in queries alike;
  `set_search_words()` makes its extra words exactly a given set.
- `with_words(words)`: a fresh tokenizer that also knows `words`, for one task (tag
  suggestion teaches it the field's compounds and an import's glossary terms).
- `plain()`: jieba's dictionary alone, for word-level comparison and merging of text.

Nothing here touches jieba's global tokenizer or its module-level functions, so what one use
teaches its tokenizer never reaches another. Tokenizers load on first use. The shared ones
(`search()`, `plain()`) read jieba's word frequencies from a file as they need them
(`word_frequencies`), so a web worker never holds jieba's whole dictionary; `with_words()`
loads it, for the importer and tag suggestion. Batch work that segments a great deal (an
import) calls `hold_dictionary()` first: the shared tokenizers then look words up in memory,
about four times faster, with the same segmentation.
"""

import threading
import unicodedata

GLOSSARY_FREQ = 20000  # high enough that a term wins over the words it is made of

_lock = threading.Lock()
_tokenizers: dict = {}
_search_words: set[str] = set()
_held: dict = {}  # jieba's whole prefix dictionary, once `hold_dictionary()` has run


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


def with_words(words):
    """A new tokenizer of its own that also knows `words`."""
    tokenizer = _new_tokenizer()
    for word in sorted({word.strip() for word in words} - {""}):
        tokenizer.add_word(word, freq=GLOSSARY_FREQ)
    return tokenizer


def words(text: str) -> list[str]:
    """`text` cut into plain words; joined, they give `text` back."""
    return plain().lcut(text) if text else []


def dictionary_words(text: str) -> list[str]:
    """`text` cut into plain words of jieba's dictionary, unknown runs left as characters:
    several times faster than `words`, for comparing texts rather than reading them."""
    return plain().lcut(text, HMM=False) if text else []


def search_tokens(text: str) -> list[str]:
    """Search-mode segmentation: words plus their shorter parts, lower-cased, no punctuation."""
    text = unicodedata.normalize("NFKC", text)
    return [w.lower() for w in search().cut_for_search(text) if w.strip() and not _is_punct(w)]


def _is_punct(word: str) -> bool:
    return all(unicodedata.category(ch)[0] in "PSZ" for ch in word)
