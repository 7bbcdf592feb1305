"""Fast, isolated settings for the test suite."""

import os

from .base import *  # noqa: F403
from .caches import redis_caches

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405  (tests point it at a tmp dir)

if os.environ.get("REDIS_URL"):  # the cache tests against Redis, as production runs them
    CACHES = redis_caches(os.environ["REDIS_URL"])
