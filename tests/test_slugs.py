"""Readable pinyin addresses."""

import pytest

from articles.text import pinyin_slug
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db


def test_article_slug_is_short_pinyin_cut_at_a_syllable():
    article = make_article("社交网络巨头产业互联网布局研究——腾讯案例分析")
    assert article.slug == "she-jiao-wang-luo-ju-tou-chan-ye-hu-lian"
    assert len(article.slug) <= 40


def test_same_title_gets_a_numbered_slug():
    first = make_article("产业互联网理念")
    second = make_article("产业互联网理念")
    assert (first.slug, second.slug) == (
        "chan-ye-hu-lian-wang-li-nian",
        "chan-ye-hu-lian-wang-li-nian-2",
    )


def test_latin_words_stay_whole():
    assert pinyin_slug("SaaS赛道的边缘崛起") == "saas-sai-dao-de-bian-yuan-jue-qi"
    assert make_author("Ｃ２Ｂ研究").slug == "c2b-yan-jiu"


def test_slug_is_kept_when_the_title_changes():
    article = make_article("产业互联网理念")
    article.title = "新的标题"
    article.save()
    assert article.slug == "chan-ye-hu-lian-wang-li-nian"


def test_free_slug_lookup_reads_the_slug_index_not_every_article(db):
    """`startswith` is SQLite's `LIKE`, which scans the table: every save got slower as the
    corpus grew. The look-up is a range on the slug index instead."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article
    from articles.slugs import unique_slug

    make_article("产业互联网周报")
    with CaptureQueriesContext(connection) as queries:
        assert (
            unique_slug(Article, "chan-ye-hu-lian-wang-zhou-bao")
            == "chan-ye-hu-lian-wang-zhou-bao-2"
        )
    (query,) = queries.captured_queries
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET enable_seqscan = off")  # a tiny table: show the usable plan
        cursor.execute(explain + query["sql"])
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "SCAN articles_article" not in plan and "Seq Scan" not in plan
