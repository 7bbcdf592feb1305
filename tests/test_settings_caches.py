"""Production caches on Redis when REDIS_URL is set; PostgreSQL connections pooled on request."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches

ROOT = Path(__file__).resolve().parent.parent
PROD = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "SECRET_KEY": "q3V9-kN2_rT7wYb4LmZ8cXp1sHd6FgJ0aQeUoIi5vBnMtR2yWlKj",
    "ALLOWED_HOSTS": "example.org",
    "DATABASE_URL": "postgres://chanye@db.example.org:5432/chanye",
}
SHOW = """
import json
from django.conf import settings
print(json.dumps({
    "caches": {name: [c["BACKEND"], c["LOCATION"], c.get("KEY_PREFIX", "")]
               for name, c in settings.CACHES.items()},
    "database": settings.DATABASES["default"],
}, default=str))
"""


def prod_settings(**env) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CACHE_DIR")}
    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env={**environment, **PROD, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_production_shares_every_named_cache_on_redis():
    shown = prod_settings(REDIS_URL="redis://cache.example.org:6379/1")

    assert shown["caches"] == {
        name: [
            "django.core.cache.backends.redis.RedisCache",
            "redis://cache.example.org:6379/1",
            name,
        ]
        for name in ("default", "pages", "stamps", "presence", "bodies")
    }


def test_production_without_redis_keeps_the_file_cache_and_persistent_connections():
    shown = prod_settings()

    assert shown["caches"]["default"][0] == "config.cache_backends.PlainFileCache"
    assert "pool" not in shown["database"].get("OPTIONS", {})
    assert shown["database"]["CONN_MAX_AGE"] == 60


def test_production_pools_postgresql_connections_when_asked():
    database = prod_settings(DATABASE_POOL_SIZE="8")["database"]

    assert database["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 8, "timeout": 10}
    assert database["CONN_MAX_AGE"] == 0


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set")
def test_the_suite_runs_on_redis_when_asked():
    assert settings.CACHES["pages"]["BACKEND"].endswith("RedisCache")
    caches["pages"].set("key", "page")
    caches["stamps"].set("key", "stamp", None)

    assert (caches["pages"].get("key"), caches["stamps"].get("key")) == ("page", "stamp")


class TestPlainFileCache:
    """The file cache of one host stores pages as plain pickles: no zlib on a cache hit."""

    @pytest.fixture
    def cache(self, tmp_path):
        from config.cache_backends import PlainFileCache

        return PlainFileCache(str(tmp_path), {})

    def test_values_come_back_without_decompressing(self, cache, monkeypatch):
        cache.set("page", {"body": "产业互联网" * 500}, 60)
        monkeypatch.setattr("zlib.decompress", lambda *args: pytest.fail("decompressed"))

        assert cache.get("page") == {"body": "产业互联网" * 500}
        assert cache.get("missing", "default") == "default"

    def test_touch_keeps_the_value_and_sets_a_new_expiry(self, cache):
        cache.set("stamp", 12345, 1)

        assert cache.touch("stamp", None)
        assert cache.get("stamp") == 12345
        assert not cache.touch("missing")

    def test_expired_values_are_gone(self, cache):
        cache.set("page", "old", -1)

        assert cache.get("page") is None

    def test_a_settled_scalar_is_known_without_opening_its_file(self, cache, monkeypatch):
        from config import cache_backends

        monkeypatch.setattr(cache_backends, "SETTLED_NS", 0)
        cache.set("stamp", 12345, None)
        assert cache.get("stamp") == 12345
        monkeypatch.setattr("builtins.open", lambda *args, **kwargs: pytest.fail("opened"))

        assert cache.get("stamp") == 12345

    def test_a_new_value_is_read_however_soon_it_follows(self, cache):
        """Another process writes the stamp again and again: each read sees the last."""
        from config import cache_backends

        writer = cache_backends.PlainFileCache(cache._dir, {})
        for stamp in range(1000, 1200):
            writer.set("stamp", stamp, None)
            assert cache.get("stamp") == stamp

    def test_a_file_written_just_now_is_read_again(self, cache):
        cache.set("stamp", 1, None)
        assert cache.get("stamp") == 1

        assert not cache._known  # a write within the same clock tick could look the same

    def test_values_that_could_be_changed_by_a_caller_are_read_each_time(self, cache, monkeypatch):
        from config import cache_backends

        monkeypatch.setattr(cache_backends, "SETTLED_NS", 0)
        cache.set("part", [1, 2, 3], 60)
        first = cache.get("part")
        first.append(4)

        assert cache.get("part") == [1, 2, 3]

    def test_a_removed_or_expired_value_is_gone_though_it_was_known(self, cache, monkeypatch):
        from config import cache_backends

        monkeypatch.setattr(cache_backends, "SETTLED_NS", 0)
        cache.set("stamp", 7, None)
        cache.set("page", "text", 60)
        assert (cache.get("stamp"), cache.get("page")) == (7, "text")
        cache.delete("stamp")
        monkeypatch.setattr(cache_backends.time, "time", lambda: 10**12)

        assert (cache.get("stamp"), cache.get("page")) == (None, None)
