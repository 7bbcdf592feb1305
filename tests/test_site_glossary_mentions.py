"""A term page lists at most twenty mentions and links to the search for the rest."""

from datetime import timedelta
from urllib.parse import quote_plus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from tests.factories import clear_caches, make_article, make_author, make_term
from tests.site_fixtures import count_queries, fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def _mentioning(count, *, start=0, body="智慧零售改变了门店。", status=Article.Status.PUBLISHED):
    """`count` articles whose body is `body`, newest first, one hour apart."""
    author = make_author()
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"提及{n:03d}",
            slug=f"ti-ji-{status}-{n}",
            author=author,
            body=body,
            status=status,
            published_at=now - timedelta(hours=n + 1),
        )
        for n in range(start, start + count)
    )


def test_shows_the_twenty_newest_and_links_to_the_search_for_the_rest(client):
    entry = make_term("智慧零售", "数据驱动的零售。")
    _mentioning(60)

    response = client.get(entry.get_absolute_url())

    mentions = response.context["mentions"]
    assert [article.title for article, _ in mentions] == [f"提及{n:03d}" for n in range(20)]
    assert mentions[0][1] == ("", "智慧零售", "改变了门店。")
    html = response.content.decode()
    assert html.count('<blockquote class="mention">') == 20
    link = f'<a href="/search/?q={quote_plus("智慧零售")}">还有 40 篇文章提到“智慧零售”</a>'
    assert link in html


def test_no_link_when_every_mention_is_shown(client):
    entry = make_term("智慧零售", "数据驱动的零售。")
    _mentioning(20)

    response = client.get(entry.get_absolute_url())

    assert len(response.context["mentions"]) == 20
    assert response.context["more_mentions"] == 0
    assert "还有" not in response.content.decode()


def test_only_published_articles_and_aliases_count(client):
    entry = make_term("智慧零售", "数据驱动的零售。", aliases="新零售")
    _mentioning(15)
    _mentioning(10, start=15, body="新零售的门店。")
    _mentioning(30, start=25, status=Article.Status.DRAFT)
    make_article("明天", body="智慧零售。", published_at=timezone.now() + timedelta(days=1))

    response = client.get(entry.get_absolute_url())

    assert response.context["mentions"][-1][1] == ("", "新零售", "的门店。")
    assert response.context["more_mentions"] == 5


def test_longer_latin_words_are_skipped_without_shortening_the_list(client):
    entry = make_term("C2B", "消费者到企业。")
    _mentioning(3, body="C2B2B2C 的路径。")
    _mentioning(25, start=3, body="企业走向 C2B 模式。")

    response = client.get(entry.get_absolute_url())

    titles = [article.title for article, _ in response.context["mentions"]]
    assert titles == [f"提及{n:03d}" for n in range(3, 23)]
    assert response.context["more_mentions"] == 5


def test_search_link_encodes_the_term(client):
    entry = make_term("研发&设计 平台", "定义。")
    _mentioning(21, body="研发&设计 平台的建设。")

    html = client.get(entry.get_absolute_url()).content.decode()

    assert (
        '<a href="/search/?q=%E7%A0%94%E5%8F%91%26%E8%AE%BE%E8%AE%A1+%E5%B9%B3%E5%8F%B0">' in html
    )


def test_mentions_load_only_the_columns_shown(client):
    entry = make_term("智慧零售", "数据驱动的零售。")
    _mentioning(3)

    article, _ = client.get(entry.get_absolute_url()).context["mentions"][0]

    assert {"body_html", "standfirst", "summary", "preview_key"} <= article.get_deferred_fields()
    assert "body" not in article.get_deferred_fields()


def test_query_count_does_not_grow_with_mentions(client):
    entry = make_term("智慧零售", "数据驱动的零售。")
    _mentioning(10)
    few = count_queries(client, entry.get_absolute_url())
    _mentioning(50, start=10)
    clear_caches()

    with CaptureQueriesContext(connection) as many:
        response = client.get(entry.get_absolute_url())

    assert len(many) == few <= 5
    assert len(response.context["mentions"]) == 20
    assert response.context["more_mentions"] == 40


def test_a_use_inside_a_listed_longer_word_is_no_mention(client):
    entry = make_term("智慧产业", "腾讯的解决方案。", link_exceptions="智慧产业事业群")
    make_article("只有机构名", body="腾讯成立了智慧产业事业群。")
    make_article("真正提及", body="智慧产业覆盖医疗与教育。")

    mentions = client.get(entry.get_absolute_url()).context["mentions"]

    assert [article.title for article, _ in mentions] == ["真正提及"]
