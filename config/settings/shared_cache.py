"""The named caches on one Redis server, shared by every process on every host.

Each name keeps its keys under its own prefix. Pages are stored with a timeout and may be
evicted; content stamps are stored without one. Run Redis with `maxmemory-policy
volatile-lru` (or `volatile-ttl`), so that a full Redis evicts pages, never the stamps.
"""

CACHE_NAMES = ("default", "pages", "stamps", "presence", "bodies")


def redis_caches(url: str) -> dict:
    """`CACHES` with every named cache on the Redis server at `url` (`redis://host:port/db`)."""
    return {
        name: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": name,
        }
        for name in CACHE_NAMES
    }
