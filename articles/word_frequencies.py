"""jieba's word frequencies read from a file on demand, instead of held in every process.

jieba keeps its whole prefix dictionary (≈ 350,000 words and their prefixes) in a dict of
about 70 MiB per process, built or unmarshalled on first use in one to three seconds. Its
tokenizer only ever asks that dict about substrings of the text it cuts, so
`StoredFrequencies` answers the same questions from an SQLite file: the same words, the
same prefixes with frequency 0, the same total, hence the same segmentation, with only
the words looked up kept in memory.

The file is made once per dictionary, next to jieba's own cache (the temporary
directory), by `ensure_store()`, reading the dictionary line by line as jieba's
`gen_pfdict` does: after `migrate` (`articles.receivers`), or else on first use.
"""

import hashlib
import importlib.util
import os
import sqlite3
import tempfile
import threading
from pathlib import Path

REMEMBERED = 200_000  # looked-up words kept in memory before the memo starts afresh


def dictionary_path() -> Path:
    """jieba's own dictionary, found without importing jieba."""
    return Path(importlib.util.find_spec("jieba").origin).with_name("dict.txt")


def store_path(dictionary: Path) -> Path:
    """Where the frequencies of `dictionary` are stored: named after its path, size and
    modification time, so that a changed dictionary gets a new file."""
    stat = dictionary.stat()
    identity = f"{dictionary.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    digest = hashlib.md5(identity.encode(), usedforsecurity=False).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"chanye-jieba-freq-{digest}.sqlite3"


def ensure_store(dictionary: Path | None = None) -> Path:
    """The store file of `dictionary` (jieba's own by default), made first if missing."""
    dictionary = dictionary or dictionary_path()
    path = store_path(dictionary)
    if not path.exists():
        _build(dictionary, path)
    return path


def _build(dictionary: Path, path: Path) -> None:
    """Write `dictionary`'s prefix dictionary to `path` as jieba's `gen_pfdict` builds it:
    each word with its frequency (the last line wins), each prefix not itself a word with
    0, and the total of all lines. Made in memory and written in key order (seconds)."""
    frequencies, total = {}, 0
    with dictionary.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            try:
                word, freq = line.strip().split(" ")[:2]
                freq = int(freq)
            except ValueError:
                raise ValueError(f"{dictionary}, line {number}: {line.strip()!r}") from None
            frequencies[word] = freq
            total += freq
            for end in range(1, len(word)):
                frequencies.setdefault(word[:end], 0)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER) WITHOUT ROWID")
        db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)")
        db.executemany("INSERT INTO words VALUES (?, ?)", sorted(frequencies.items()))
        db.execute("INSERT INTO meta VALUES ('total', ?)", (total,))
        db.commit()
    finally:
        db.close()
    os.replace(partial, path)


class StoredFrequencies:
    """The part of a dict jieba's tokenizer uses (`in`, `[]`, `get`, assignment), over a
    store file; words the tokenizer is taught (`add_word`) are kept in memory on top."""

    def __init__(self, path: Path):
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._known: dict[str, int | None] = {}
        self._taught: dict[str, int] = {}
        (self.total,) = self._db.execute("SELECT value FROM meta WHERE name = 'total'").fetchone()

    def _freq(self, word: str) -> int | None:
        if word in self._taught:
            return self._taught[word]
        if word in self._known:
            return self._known[word]
        with self._lock:
            row = self._db.execute("SELECT freq FROM words WHERE word = ?", (word,)).fetchone()
        if len(self._known) >= REMEMBERED:
            self._known.clear()
        self._known[word] = freq = row[0] if row else None
        return freq

    def __contains__(self, word: str) -> bool:
        return self._freq(word) is not None

    def __getitem__(self, word: str) -> int:
        freq = self._freq(word)
        if freq is None:
            raise KeyError(word)
        return freq

    def get(self, word: str, default=None):
        freq = self._freq(word)
        return default if freq is None else freq

    def __setitem__(self, word: str, freq: int) -> None:
        self._taught[word] = freq

    @property
    def taught(self) -> dict[str, int]:
        """The words set on top of the store, with their frequencies."""
        return dict(self._taught)
