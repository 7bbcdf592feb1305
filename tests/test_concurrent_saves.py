"""Editors saving at the same time through the admin wait for each other instead of failing.

Several processes (as gunicorn runs them) each save their own article through the admin
change form, repeatedly and all at once, on a file-backed SQLite database (the test
database copied to a file, where WAL and locking apply) or on the PostgreSQL test database.
"""

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parent.parent
EDITORS = 4
SAVES = 8
TIME_LIMIT = 240  # seconds for the whole run; a deadlock must not hang CI


def database_url(tmp_path) -> str:
    """A URL other processes can open onto the data this test has written."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "newsroom.sqlite3"
        with sqlite3.connect(path) as target:
            connection.ensure_connection()
            connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    user = settings["USER"] or ""
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    return f"postgres://{user}{password}@{host}/{settings['NAME']}"


def test_concurrent_admin_saves_all_succeed(django_user_model, tmp_path):
    articles = {}
    for n in range(EDITORS):
        username = f"editor{n}"
        django_user_model.objects.create_superuser(username, f"{username}@example.org", "x")
        articles[username] = make_article(f"并发保存第{n}篇", body="原来的正文。")
    env = {**os.environ, "DATABASE_URL": database_url(tmp_path), "CONN_MAX_AGE": "0"}
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.save_worker", username, str(article.pk), str(SAVES)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for username, article in articles.items()
    ]
    deadline = time.monotonic() + TIME_LIMIT
    results = []
    for worker in workers:
        try:
            out, err = worker.communicate(timeout=max(1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            for other in workers:
                other.kill()
            pytest.fail(f"concurrent saves did not finish within {TIME_LIMIT} s")
        assert worker.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))

    errors = [error for result in results for error in result["errors"]]
    statuses = [status for result in results for status in result["statuses"]]
    assert errors == []
    assert statuses == [302] * (EDITORS * SAVES)

    for username, body in final_bodies(env["DATABASE_URL"], articles).items():
        assert body.count(f"{username} 的第") == SAVES


def final_bodies(url: str, articles: dict) -> dict:
    """Each editor's article body as the worker processes left it."""
    if connection.vendor != "sqlite":
        return {name: Article.objects.get(pk=a.pk).body for name, a in articles.items()}
    with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        table = Article._meta.db_table
        return {
            name: db.execute(f"SELECT body FROM {table} WHERE id = ?", [a.pk]).fetchone()[0]
            for name, a in articles.items()
        }
