"""Local development: DEBUG on, SQLite unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403
from .caches import file_caches

DEBUG = os.environ.get("DEBUG", "1").lower() in {"1", "true", "yes"}
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-used-in-production"
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "1").lower() in {"1", "true", "yes"}
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]  # noqa: F405

# Shared by every process (the dev server, its reloader, shells and import_seeds), so an
# edit made anywhere shows on the running site at once.
CACHES = file_caches(os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")))  # noqa: F405
