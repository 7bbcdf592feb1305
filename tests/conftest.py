from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_793b1a8e42e41927.txt"


@pytest.fixture
def seed_path():
    return SEED


@pytest.fixture
def seed_text():
    return SEED.read_text(encoding="utf-8")
