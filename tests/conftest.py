from pathlib import Path

import pytest

from tests.factories import clear_caches

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
