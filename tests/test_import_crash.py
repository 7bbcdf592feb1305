"""kill -9 in the middle of an import: the database holds all of it or none, and every
article it holds is in the search index (index rows commit with the articles).

Each round runs `manage.py import_seeds` in a child process against a database of its own
(a SQLite file, or a fresh PostgreSQL database beside the test database), kills it at a
random moment, then checks what was left, and finally lets an import finish.
"""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_793b1a8e42e41927.txt"
DOCUMENTS = 12  # 120 articles
ROUNDS = 3

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeds(tmp_path):
    """Copies of the seed with distinct titles: near-duplicates, imported with `--separate`."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for n in range(DOCUMENTS):
        (folder / f"{n:03}.txt").write_text(text.replace("产业互联网", f"产业互联网{n}号"))
    return folder


@pytest.fixture
def database_url(tmp_path):
    """A database of the test's own, of the same kind as the test database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'crash.sqlite3'}"
        return
    import psycopg

    params = connection.settings_dict
    name = f"crash_{os.getpid()}"
    admin = psycopg.connect(
        host=params["HOST"],
        port=params["PORT"],
        user=params["USER"],
        password=params["PASSWORD"],
        dbname=connection.settings_dict["NAME"],
        autocommit=True,
    )
    admin.execute(f"DROP DATABASE IF EXISTS {name}")
    admin.execute(f"CREATE DATABASE {name}")
    user = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    try:
        yield f"postgres://{user}@{params['HOST']}:{params['PORT']}/{name}"
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


def _env(database_url) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }


def _manage(database_url, *args):
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=_env(database_url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


_CHECK = """
from django.db import connection
from articles.models import Article
from articles.search.backends import TABLE
with connection.cursor() as cursor:
    cursor.execute(f"SELECT object_id FROM {TABLE} WHERE kind = 'article'")
    indexed = {row[0] for row in cursor.fetchall()}
published = set(Article.objects.published().values_list("pk", flat=True))
print(Article.objects.count(), len(published - indexed))
"""


def _state(database_url) -> tuple[int, int]:
    """(articles stored, published articles missing from the index)."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", _CHECK],
        cwd=ROOT,
        env=_env(database_url),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    articles, missing = out.stdout.split()[-2:]
    return int(articles), int(missing)


def test_kill_during_import_leaves_all_or_nothing_and_nothing_unindexed(seeds, database_url):
    assert _manage(database_url, "migrate", "--no-input").wait(timeout=300) == 0
    rng = random.Random(9)
    for _ in range(ROUNDS):
        importer = _manage(database_url, "import_seeds", "--separate", str(seeds))
        time.sleep(rng.uniform(1.0, 6.0))
        importer.send_signal(signal.SIGKILL)
        importer.wait(timeout=30)
        articles, missing = _state(database_url)
        assert articles in (0, DOCUMENTS * 10)
        assert missing == 0
    assert _manage(database_url, "import_seeds", "--separate", str(seeds)).wait(timeout=600) == 0
    assert _state(database_url) == (DOCUMENTS * 10, 0)
