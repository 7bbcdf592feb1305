"""The named caches, one per purpose, and how each kind of deployment backs them.

- `pages`: rendered anonymous pages; may be evicted at any time.
- `stamps`: content and glossary stamps and the publication schedule; a handful of keys
  that must never be evicted (an evicted stamp would serve pages from before an edit).
- `presence`: who has which article open in the admin.
- `bodies`: article bodies with glossary links, keyed on the article and glossary stamps,
  and share QR codes, keyed on their address.
- `default`: anything else (sessions do not use it).

Tests use memory caches, one host files (`file_caches`), several hosts one Redis server
(`redis_caches`; run it with `maxmemory-policy volatile-lru`, so that a full Redis
evicts pages, stored with a timeout, never the stamps, stored without one).
"""

NAMES = ("default", "pages", "stamps", "presence", "bodies")
NEVER_CULL = {"MAX_ENTRIES": 10**9}


def local_caches() -> dict:
    """Per-process memory caches: tests and single-process use."""
    caches = {
        name: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
        for name in NAMES
    }
    caches["stamps"]["OPTIONS"] = NEVER_CULL
    return caches


def file_caches(root: str) -> dict:
    """File caches under `root`, shared by every process of one host."""
    caches = {
        name: {
            "BACKEND": "config.cache_backends.PlainFileCache",
            "LOCATION": f"{root}/{name}",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
        for name in NAMES
    }
    caches["stamps"]["OPTIONS"] = NEVER_CULL
    return caches


def redis_caches(url: str) -> dict:
    """Every named cache on the Redis server at `url` (`redis://host:port/db`), each under
    its own key prefix: shared by every process on every host."""
    return {
        name: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": name,
        }
        for name in NAMES
    }
