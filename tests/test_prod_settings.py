"""Production settings refuse weak secrets, debug, missing hosts; `check --deploy` is clean."""

import importlib.util
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.strength import parse_hosts, secret_key_problem

ROOT = Path(__file__).resolve().parent.parent
PROD = ROOT / "config" / "settings" / "prod.py"
STRONG_KEY = secrets.token_urlsafe(50)
GOOD_ENV = {
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "news.example.org",
    "DATABASE_URL": "sqlite:///prod-check.sqlite3",
}
ENV_NAMES = (*GOOD_ENV, "DEBUG", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD")
# Set by the browser tests' conftest for this process; never in a deployment.
TEST_ONLY_ENV = ("DJANGO_ALLOW_ASYNC_UNSAFE",)


def load_prod(monkeypatch, **env):
    """The prod settings module, executed afresh under GOOD_ENV updated with `env`."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    for name, value in {**GOOD_ENV, **env}.items():
        if value is not None:
            monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("config.settings._prod_probe", PROD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_strong_settings_load_with_hsts_on(monkeypatch):
    prod = load_prod(monkeypatch)
    assert prod.SECRET_KEY == STRONG_KEY
    assert prod.DEBUG is False
    assert prod.ALLOWED_HOSTS == ["news.example.org"]
    assert prod.SECURE_HSTS_SECONDS == 365 * 24 * 3600
    assert prod.SECURE_HSTS_INCLUDE_SUBDOMAINS is True
    assert prod.SECURE_HSTS_PRELOAD is False
    assert prod.OTP_REQUIRED_FOR_SUPERUSERS is True


def test_hsts_is_configurable(monkeypatch):
    prod = load_prod(monkeypatch, SECURE_HSTS_SECONDS="3600", SECURE_HSTS_PRELOAD="1")
    assert prod.SECURE_HSTS_SECONDS == 3600
    assert prod.SECURE_HSTS_PRELOAD is True
    assert "security.W021" not in getattr(prod, "SILENCED_SYSTEM_CHECKS", [])


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("x", "1 characters long"),
        ("changeme", "characters long"),
        ("secret", "characters long"),
        ("x" * 60, "distinct characters"),
        ("django-insecure-" + secrets.token_urlsafe(40), "startproject"),
        ("changeme-" + secrets.token_urlsafe(45), "changeme"),
        ("my-production-secret-" + secrets.token_urlsafe(40), "secret"),
        ("dev-only-insecure-key-never-used-in-production-0123456789", "insecure"),
    ],
)
def test_weak_secret_key_is_refused(monkeypatch, key, reason):
    assert reason in secret_key_problem(key)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_prod(monkeypatch, SECRET_KEY=key)


def test_random_secret_key_passes():
    assert secret_key_problem(secrets.token_urlsafe(50)) is None


@pytest.mark.parametrize("value", ["1", "true", "YES", "on"])
def test_debug_on_is_refused(monkeypatch, value):
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        load_prod(monkeypatch, DEBUG=value)


def test_unreadable_debug_value_is_refused(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DEBUG: .*“maybe”"):
        load_prod(monkeypatch, DEBUG="maybe")


@pytest.mark.parametrize("hosts", [",", " , ,", "   "])
def test_hosts_that_parse_to_nothing_are_refused(monkeypatch, hosts):
    assert parse_hosts(hosts) == []
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        load_prod(monkeypatch, ALLOWED_HOSTS=hosts)


def test_wildcard_host_is_refused(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        load_prod(monkeypatch, ALLOWED_HOSTS="news.example.org,*")


def test_hosts_are_trimmed(monkeypatch):
    prod = load_prod(monkeypatch, ALLOWED_HOSTS=" news.example.org , www.example.org,")
    assert prod.ALLOWED_HOSTS == ["news.example.org", "www.example.org"]


@pytest.mark.parametrize("name", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_missing_variable_is_refused(monkeypatch, name):
    with pytest.raises(ImproperlyConfigured, match=name):
        load_prod(monkeypatch, **{name: None})


def test_check_deploy_is_clean_with_prod_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in ENV_NAMES + TEST_ONLY_ENV},
        **GOOD_ENV,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
