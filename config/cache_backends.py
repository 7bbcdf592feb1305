"""Django's file cache, storing values without compression.

`FileBasedCache` zlib-compresses every value, and a cached page is then decompressed on
every hit: about half a millisecond for an article, the largest single cost of serving
it. Pages are small and disks large, so the values are stored as plain pickles, under
their own file suffix so that files written by the compressing cache are never read.

Scalar values (the content stamps every request reads) are also kept in memory with the
file's identity (inode, size, times): while `os.stat` finds the same identity, the value
is known without opening the file. A value is only ever written to a new file moved into
place, or rewritten in place by `touch`, so a later write changes that identity, provided
it lands on a later clock tick than the file read: only files written at least
`SETTLED_NS` before they are read are kept.
"""

import contextlib
import os
import pickle
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks

_SCALARS = (int, float, str, bytes, bool)  # immutable: one object may serve every caller
_KNOWN_MAX = 1024  # scalar values kept in memory per cache
SETTLED_NS = 50_000_000  # far longer than a file timestamp's clock tick


class PlainFileCache(FileBasedCache):
    cache_suffix = ".plain.djcache"

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._known = {}  # file name -> (file identity, expiry, value)

    def get(self, key, default=None, version=None):
        name = self._key_to_file(key, version)
        try:
            identity = _identity(os.stat(name))
        except FileNotFoundError:
            return default
        known = self._known.get(name)
        if known and known[0] == identity and (known[1] is None or known[1] >= time.time()):
            return known[2]
        with contextlib.suppress(FileNotFoundError), open(name, "rb") as f:
            identity = _identity(os.fstat(f.fileno()))
            expiry = _expiry(f)
            if expiry is None or expiry >= time.time():
                value = pickle.load(f)
                self._remember(name, identity, expiry, value)
                return value
            f.close()
            self._delete(name)
        return default

    def _remember(self, name, identity, expiry, value):
        if type(value) not in _SCALARS or time.time_ns() - identity[2] < SETTLED_NS:
            return
        if len(self._known) >= _KNOWN_MAX:
            self._known.clear()
        self._known[name] = (identity, expiry, value)

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        self._known.pop(self._key_to_file(key, version), None)
        try:
            with open(self._key_to_file(key, version), "r+b") as f:
                try:
                    locks.lock(f, locks.LOCK_EX)
                    if self._is_expired(f):
                        return False
                    value = pickle.load(f)
                    f.seek(0)
                    self._write_content(f, timeout, value)
                    f.truncate()
                    return True
                finally:
                    locks.unlock(f)
        except FileNotFoundError:
            return False


def _identity(stat: os.stat_result) -> tuple:
    return stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


def _expiry(file) -> float | None:
    """The expiry written at the start of a cache file (an empty file has expired)."""
    try:
        return pickle.load(file)
    except EOFError:
        return 0
