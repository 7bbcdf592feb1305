"""The article changelist's search box: the site's Chinese search, over every status."""

from datetime import timedelta
from functools import partial

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author
from articles.search.index import reindex_all
from tests.factories import make_article, make_author, make_staff

pytestmark = pytest.mark.django_db
Status = Article.Status
CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the index updates) when the block ends."""
    return partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(make_staff("editor", "编辑"))
    return client


def found(client, q, **filters):
    """Titles on the changelist for search `q`, in the changelist's order."""
    response = client.get(CHANGELIST, {"q": q, **filters})
    assert response.status_code == 200
    return [article.title for article in response.context["cl"].result_list]


def test_traditional_characters_find_simplified_text_in_every_status(editor, committed):
    with committed():
        for status in Status.values:
            make_article(f"{status}稿", body="腾讯在产业互联网上的布局。", status=status)
        make_article(
            "排期稿", body="腾讯会议的新功能。", published_at=timezone.now() + timedelta(days=1)
        )
        make_article("无关", body="阿里巴巴的零售战略。", status=Status.DRAFT)

    assert sorted(found(editor, "騰訊")) == sorted([*(f"{s}稿" for s in Status.values), "排期稿"])


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("saas", ["全角", "大写"]),
        ("ＳａａＳ", ["全角", "大写"]),
        ("5G", ["通信"]),
        ("会议", ["大写"]),
        ("产业互联网", ["分开", "连写"]),
        ("“产业互联网”", ["连写"]),
        ('"产业互联网"', ["连写"]),
        ("张三", ["通信"]),
        ("供应链", ["分开"]),
    ],
)
def test_matches_words_phrases_authors_and_tags(editor, committed, q, expected):
    with committed():
        make_article("大写", body="SaaS 厂商推出了会议软件。", status=Status.DRAFT)
        make_article("全角", body="ＳａａＳ 的订阅模式。", status=Status.REVIEW)
        make_article("通信", body="5G网络正在普及。", author=make_author("张三"))
        make_article("连写", body="产业互联网的下半场。", status=Status.ARCHIVED)
        make_article("分开", body="产业的互联网化。", tags=["供应链"], status=Status.DRAFT)
        make_article("无关", body="G5 航班晚点,5 个人在等。")

    assert sorted(found(editor, q)) == sorted(expected)


def test_keeps_the_changelist_order_and_filters(editor, committed):
    now = timezone.now()
    with committed():
        make_article("腾讯的布局", body="标题命中。", published_at=now - timedelta(days=3))
        make_article("新闻", body="腾讯发布财报。", published_at=now - timedelta(days=1))
        make_article("草稿", body="腾讯收购。", status=Status.DRAFT)

    assert found(editor, "腾讯", status__exact="published") == ["新闻", "腾讯的布局"]
    assert found(editor, "腾讯", status__exact="draft") == ["草稿"]
    assert found(editor, "腾讯", status__exact="archived") == []


def test_writers_find_only_their_own_articles(client, django_user_model, committed):
    writer = make_staff("writer", "作者")
    with committed():
        make_article("我的草稿", body="腾讯云。", status=Status.DRAFT, created_by=writer)
        make_article("别人的草稿", body="腾讯云。", status=Status.DRAFT)
        make_article("已发布", body="腾讯云。")
    client.force_login(writer)

    assert found(client, "腾讯") == ["我的草稿"]


def test_input_without_words_falls_back_to_the_title(editor, committed):
    with committed():
        make_article("回顾——二〇二三", body="年度盘点。")
        make_article("展望", body="破折号——在正文里。")

    assert found(editor, "——") == ["回顾——二〇二三"]
    assert found(editor, "") == ["回顾——二〇二三", "展望"]


def test_autocomplete_still_matches_titles_as_they_are_typed(admin_client, committed):
    with committed():
        make_article("产业互联网观察", body="正文。")
        make_article("零售观察", body="产业互联网。")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "glossary",
            "model_name": "glossaryentry",
            "field_name": "source_article",
            "term": "产业互",
        },
    )

    assert [r["text"] for r in response.json()["results"]] == ["产业互联网观察"]


def _bulk(n, start):
    author = Author.objects.get_or_create(name="批量作者", slug="pi-liang")[0]
    Article.objects.bulk_create(
        Article(
            title=f"批量文章{i}",
            slug=f"pi-liang-{i}",
            author=author,
            body="腾讯的产业互联网。" if i % 2 else "阿里的零售。",
            status=Status.DRAFT if i % 3 else Status.PUBLISHED,
            published_at=None if i % 3 else timezone.now(),
        )
        for i in range(start, start + n)
    )
    reindex_all()


def test_query_count_does_not_grow_with_articles(admin_client, django_assert_max_num_queries):
    _bulk(10, 0)
    admin_client.get(CHANGELIST, {"q": "騰訊"})  # warm up sessions and content types
    with django_assert_max_num_queries(12) as few:
        small = admin_client.get(CHANGELIST, {"q": "騰訊", "status__exact": "draft"})
    _bulk(230, 10)
    with django_assert_max_num_queries(len(few)):
        large = admin_client.get(CHANGELIST, {"q": "騰訊", "status__exact": "draft"})

    assert small.context["cl"].result_count == 3
    matching = [i for i in range(240) if i % 2 and i % 3]
    assert large.context["cl"].result_count == len(matching) == 80
    assert len(large.context["cl"].result_list) == 80
