"""`bench/fill.py`, which every benchmark run prepares its database with, still runs."""

import io
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article, RelatedArticle

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture
def fill(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    monkeypatch.delitem(sys.modules, "fill", raising=False)
    import fill

    return fill


@pytest.mark.django_db(transaction=True)
def test_fill_adds_published_articles_and_describes_the_pages(fill, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("import_seeds", stdout=io.StringIO())
    seeds = Article.objects.published().count()

    info = fill.fill(12, tmp_path / "static")

    assert info["articles"] == seeds + 12 == Article.objects.published().count()
    assert Article.objects.filter(slug__startswith="bench-").count() == 12
    assert RelatedArticle.objects.filter(article__slug__startswith="bench-").exists()
    assert (tmp_path / "static" / fill.STATIC_ARTICLE).read_bytes().startswith(b"<!doctype html>")
    assert 0 < info["rare_share"] <= info["common_share"] <= 1
