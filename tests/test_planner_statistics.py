"""Planner statistics kept in step with a site that grows through the admin: after an
article is added, a background check refreshes them once the number of articles has
moved far from the number they were taken at."""

from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.db import connection

from articles import receivers, statistics, tasks
from articles.models import Article
from tests.factories import make_article
from tests.site_fixtures import bulk_articles, fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def few(monkeypatch):
    """Statistics matter from 10 articles on here, instead of `MIN_ARTICLES`."""
    monkeypatch.setattr(statistics, "MIN_ARTICLES", 10)


def test_a_small_site_is_left_alone(few):
    bulk_articles(9)

    assert statistics.refresh_if_outgrown() is False


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="PostgreSQL keeps a table's analysed size outside transactions: another test's stays",
)
def test_statistics_are_taken_when_there_are_none(few):
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
    bulk_articles(12)
    assert statistics.analysed_articles() is None

    assert statistics.refresh_if_outgrown() is True
    assert statistics.analysed_articles() == 12


def test_statistics_are_refreshed_once_the_site_has_outgrown_them(few):
    bulk_articles(20)
    statistics.refresh()

    bulk_articles(9, start=20)  # 29 articles: within 1.5 times 20
    assert statistics.refresh_if_outgrown() is False
    assert statistics.analysed_articles() == 20

    bulk_articles(2, start=29)  # 31: beyond it
    assert statistics.refresh_if_outgrown() is True
    assert statistics.analysed_articles() == 31


def test_statistics_are_refreshed_once_the_site_has_shrunk_from_them(few):
    bulk_articles(40)
    statistics.refresh()
    Article.objects.filter(pk__in=Article.objects.order_by("pk").values("pk")[:25]).delete()

    assert statistics.refresh_if_outgrown() is True
    assert statistics.analysed_articles() == 15


@pytest.fixture
def checks(monkeypatch):
    """The statistics checks the write path enqueues."""
    enqueued = []
    task = SimpleNamespace(enqueue=lambda: enqueued.append("check"))
    monkeypatch.setattr(tasks, "refresh_outgrown_statistics", task)
    return enqueued


def test_adding_articles_has_the_statistics_checked_once_per_period(
    checks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        make_article()
        article.title = "改过的标题"
        article.save()
    assert checks == ["check"]

    caches["default"].delete("statistics:checked")  # the period has passed
    with django_capture_on_commit_callbacks(execute=True):
        make_article()
    assert checks == ["check", "check"]


def test_edits_and_rolled_back_additions_check_nothing(checks, django_capture_on_commit_callbacks):
    article = make_article()  # never committed: its check never runs
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "改过的标题"
        article.save()

    assert checks == []


def test_an_import_batch_checks_nothing(checks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), receivers.articles_in_batch():
        make_article()

    assert checks == []


def test_the_background_check_refreshes_outgrown_statistics(few):
    bulk_articles(12)
    statistics.refresh()
    bulk_articles(10, start=12)

    tasks.refresh_outgrown_statistics.enqueue()  # run at once by the test task backend

    assert statistics.analysed_articles() == 22


def test_a_large_batch_has_statistics_refreshed_before_its_closing_stage(few, monkeypatch):
    """An import that makes the tables many times larger gets plans for their new size
    for its own index and related-articles stage (on PostgreSQL, reading the related
    articles of 8,000 new articles took minutes with the plans for empty tables)."""
    from articles import editing
    from articles.search import index

    events = []
    monkeypatch.setattr(statistics, "refresh_if_outgrown", lambda: events.append("statistics"))
    indexing = index.index_articles_by_id
    monkeypatch.setattr(
        index, "index_articles_by_id", lambda *a, **k: (events.append("index"), indexing(*a, **k))
    )
    with editing.import_batch():
        for n in range(12):
            make_article(f"批量{n}")

    assert events[:2] == ["statistics", "index"]


def test_a_small_batch_leaves_them_alone(few, monkeypatch):
    from articles import editing

    monkeypatch.setattr(statistics, "refresh_if_outgrown", lambda: pytest.fail("refreshed"))
    with editing.import_batch():
        for n in range(9):
            make_article(f"小批{n}")
