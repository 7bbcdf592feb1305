"""Local development: SQLite unless DATABASE_URL says otherwise, the site as readers see it.

Mistyped addresses and errors show the site's own 404 and 500 pages; `DEBUG=1` brings
back Django's debug pages. Static files are served from the apps, no `collectstatic`.
"""

import os

from .base import *  # noqa: F403
from .caches import file_caches

SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-used-in-production"
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "1").lower() in {"1", "true", "yes"}
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]  # noqa: F405
DEMO_EDITOR = True  # `ensure_demo_editor` may create its login here, and only here

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # WhiteNoise serves straight from the apps' static folders
WHITENOISE_AUTOREFRESH = True

# Background tasks (admin imports, reindexing) queue in the database and are run by
# `manage.py db_worker`, which `make run` starts beside the web server.
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Shared by every process (the dev server, its reloader, shells and import_seeds), so an
# edit made anywhere shows on the running site at once.
CACHES = file_caches(os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")))  # noqa: F405
