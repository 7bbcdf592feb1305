"""Production: refuses to start with missing or weak secrets, debug on, or no hosts.

Every value is read from the environment here, not taken over from `base`, so the
refusals hold whatever `base` computed.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .caches import file_caches, redis_caches
from .strength import parse_flag, parse_hosts, secret_key_problem

for _name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
    if not os.environ.get(_name):
        raise ImproperlyConfigured(f"Set the {_name} environment variable for production.")


def _flag(name: str, default: bool) -> bool:
    try:
        return parse_flag(os.environ.get(name), default=default)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}: {error}") from None


SECRET_KEY = os.environ["SECRET_KEY"]
if _problem := secret_key_problem(SECRET_KEY):
    raise ImproperlyConfigured(_problem)

DEBUG = _flag("DEBUG", False)
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production; unset the DEBUG variable.")

ALLOWED_HOSTS = parse_hosts(os.environ["ALLOWED_HOSTS"])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        f"ALLOWED_HOSTS={os.environ['ALLOWED_HOSTS']!r} names no host; "
        "list the site's host names, separated by commas."
    )
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's hosts, not “*”.")

OTP_REQUIRED_FOR_SUPERUSERS = True  # a superuser signs in with a one-time code, always

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True

# HSTS: browsers refuse plain HTTP to this host for SECURE_HSTS_SECONDS once they have seen
# the header over HTTPS. Preloading is a separate, slow-to-undo listing with the browser
# makers (see README), so it stays off unless asked for and its reminder is silenced.
try:
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 365 * 24 * 3600))
except ValueError:
    raise ImproperlyConfigured("SECURE_HSTS_SECONDS must be a whole number of seconds.") from None
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _flag("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Background tasks are stored in the database and run by `manage.py db_worker`.
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Page caches and their version keys must be shared by every worker process: Redis when
# REDIS_URL is set (needed for several hosts), else files on this host.
if os.environ.get("REDIS_URL"):
    CACHES = redis_caches(os.environ["REDIS_URL"])
else:
    CACHES = file_caches(os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")))  # noqa: F405

# A pool of PostgreSQL connections per worker process (psycopg_pool), in place of one
# persistent connection: for threaded workers (gunicorn --threads), which then share it.
if os.environ.get("DATABASE_POOL_SIZE") and "postgresql" in DATABASES["default"]["ENGINE"]:  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405  (pooling replaces it)
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {  # noqa: F405
        "min_size": 1,
        "max_size": int(os.environ["DATABASE_POOL_SIZE"]),
        "timeout": 10,
    }
