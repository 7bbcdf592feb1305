"""Search ranks a bounded set of candidates, the newest matches, and estimates beyond it."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.search import results
from articles.search.backends import backend
from articles.search.documents import ARTICLE, Document
from articles.search.query import parse
from tests.factories import make_author
from tests.test_search_view import result_titles, search

pytestmark = pytest.mark.django_db


def indexed(count, body=lambda n: "腾讯"):
    """`count` published articles, indexed directly; article n's title is 观察n."""
    author, now = make_author(), timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            title=f"观察{n}",
            slug=f"guan-cha-{n}",
            author=author,
            status=Article.Status.PUBLISHED,
            published_at=now,
        )
        for n in range(count)
    )
    articles = list(Article.objects.order_by("pk"))
    backend().replace(Document(ARTICLE, a.pk, a.title, "", body(n)) for n, a in enumerate(articles))
    return articles


def test_only_the_newest_matches_are_ranked_and_the_rest_estimated(client, monkeypatch):
    monkeypatch.setattr(results, "CANDIDATES", 5)
    # Article n mentions the word (7n mod 20) + 1 times in 30 words: 19 and 37 most often.
    indexed(40, body=lambda n: " ".join(["腾讯"] * (n * 7 % 20 + 1) + ["其他"] * (29 - n * 7 % 20)))

    html = search(client, q="腾讯")

    assert "找到 约 40 篇相关文章" in html
    assert result_titles(html) == ["观察37", "观察39", "观察36", "观察38", "观察35"]


def test_counts_below_the_threshold_are_exact(client, monkeypatch):
    monkeypatch.setattr(results, "CANDIDATES", 5)
    indexed(5)

    assert "找到 5 篇相关文章" in search(client, q="腾讯")


def test_the_estimate_follows_the_share_of_matches_among_newer_articles(client, monkeypatch):
    monkeypatch.setattr(results, "CANDIDATES", 10)
    indexed(300, body=lambda n: "腾讯" if n % 3 == 0 else "其他")

    assert "找到 约 100 篇相关文章" in search(client, q="腾讯")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner")
def test_sqlite_lets_fts5_order_and_stop():
    indexed(50)
    with CaptureQueriesContext(connection) as queries:
        backend().recent_matches(ARTICLE, parse("腾讯").terms, Article.objects.published(), 10)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {last_select(queries)}")
        plan = " / ".join(row[-1] for row in cursor.fetchall())
    assert "VIRTUAL TABLE INDEX" in plan
    assert "TEMP B-TREE" not in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_postgresql_reads_the_documents_of_the_candidates_only():
    scans = _executed_plan(backend().recent_matches)
    rank_reads = [n for n in scans if n.get("Alias") == "doc"]
    assert rank_reads and all(n["Actual Rows"] * n["Actual Loops"] <= 10 for n in rank_reads)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_postgresql_checks_the_visibility_of_the_newest_matches_only():
    """Every match's id comes from the GIN index, but whether readers may see it is
    looked up for the newest only, until enough are found: not for all 500."""
    scans = _executed_plan(backend().recent_ids)
    article_reads = [n for n in scans if n.get("Relation Name") == "articles_article"]
    assert article_reads
    assert all(n["Actual Rows"] * n["Actual Loops"] <= 10 for n in article_reads)


def _executed_plan(read) -> list[dict]:
    """Every node of PostgreSQL's executed plan of `read(kind, terms, visible, 10)` for
    腾讯 among 500 indexed articles, the statistics fresh."""
    indexed(500)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    with CaptureQueriesContext(connection) as queries:
        read(ARTICLE, parse("腾讯").terms, Article.objects.published(), 10)
    with backend().reading(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {last_select(queries)}")
        plan = cursor.fetchone()[0]
    plan = plan if isinstance(plan, list) else json.loads(plan)
    return list(_nodes(plan[0]["Plan"]))


def _nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def last_select(queries) -> str:
    """The last query captured that reads rows (a read of matches is followed by the
    statement resetting the planner's settings)."""
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(("SELECT", "WITH"))]
    return reads[-1]
