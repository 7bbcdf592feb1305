from pathlib import Path

import pytest

from tests.factories import clear_caches

CORPUS_TABLES = pytest.StashKey[list[str]]()  # filled by tests/test_import_corpus.py
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_793b1a8e42e41927.txt"


@pytest.fixture
def seed_path():
    return SEED


@pytest.fixture
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: pages, stamps, who has which article open."""
    clear_caches()


@pytest.fixture
def migrate_to():
    """Migrate the articles app to a named migration; afterwards the whole database goes
    back to the latest migrations, so that later tests meet the current schema."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def migrate(name: str) -> None:
        MigrationExecutor(connection).migrate([("articles", name)])

    yield migrate
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The import corpus score table (`tests/test_import_corpus.py`), when it ran."""
    for table in config.stash.get(CORPUS_TABLES, []):
        terminalreporter.write_sep("-", "import corpus scores")
        terminalreporter.write_line(table)
