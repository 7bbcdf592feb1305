"""Django's file cache, storing values without compression.

`FileBasedCache` zlib-compresses every value, and a cached page is then decompressed on
every hit: about half a millisecond for an article, the largest single cost of serving
it. Pages are small and disks large, so the values are stored as plain pickles, under
their own file suffix so that files written by the compressing cache are never read.
"""

import contextlib
import pickle

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks


class PlainFileCache(FileBasedCache):
    cache_suffix = ".plain.djcache"

    def get(self, key, default=None, version=None):
        with (
            contextlib.suppress(FileNotFoundError),
            open(self._key_to_file(key, version), "rb") as f,
        ):
            if not self._is_expired(f):
                return pickle.load(f)
        return default

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
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
