"""Production: refuses to start without its secrets and hosts."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .shared_cache import redis_caches

for _name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
    if not os.environ.get(_name):
        raise ImproperlyConfigured(f"Set the {_name} environment variable for production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_CONTENT_TYPE_NOSNIFF = True

# Page caches and their version keys must be shared by every worker process: Redis when
# REDIS_URL is set (needed for several hosts), else files on this host.
if os.environ.get("REDIS_URL"):
    CACHES = redis_caches(os.environ["REDIS_URL"])
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),  # noqa: F405
            # Culling evicts files at random, the content stamp included, which empties the
            # page cache at once: keep it rare.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }

# A pool of PostgreSQL connections per worker process (psycopg_pool), in place of one
# persistent connection: for threaded workers (gunicorn --threads), which then share it.
if os.environ.get("DATABASE_POOL_SIZE") and "postgresql" in DATABASES["default"]["ENGINE"]:  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405  (pooling replaces it)
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {  # noqa: F405
        "min_size": 1,
        "max_size": int(os.environ["DATABASE_POOL_SIZE"]),
        "timeout": 10,
    }
