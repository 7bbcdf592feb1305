"""Related articles on the article page: shared tags first, topped up with the latest others."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article
from tests.site_fixtures import count_queries, fresh_cache  # noqa: F401
from tests.test_site_queries import PAGES

pytestmark = pytest.mark.django_db


def days_ago(days, **fields):
    return {"published_at": timezone.now() - timedelta(days=days), **fields}


@pytest.fixture
def hidden():
    """Unpublished articles, newer than anything else and sharing every tag used below."""
    tags = ["a", "b", "c"]
    return [
        make_article("草稿", tags=tags, status=Article.Status.DRAFT),
        make_article("待审", tags=tags, status=Article.Status.REVIEW),
        make_article("归档", tags=tags, status=Article.Status.ARCHIVED, **days_ago(0.1)),
        make_article("未来", tags=tags, published_at=timezone.now() + timedelta(days=1)),
    ]


def related(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return list(response.context["related"])


def test_one_sharing_article_is_topped_up_with_the_latest_others(client, hidden):
    base = make_article("基准", tags=["a"], **days_ago(1))
    sharing = make_article("共同标签", tags=["a"], **days_ago(30))
    make_article("最旧", tags=["z"], **days_ago(20))
    latest = make_article("最新", tags=["z"], **days_ago(2))
    middle = make_article("较新", **days_ago(3))

    assert related(client, base) == [sharing, latest, middle]


def test_article_without_tags_gets_the_three_latest_others(client, hidden):
    base = make_article("无标签", **days_ago(1))
    others = [make_article(f"其他{n}", tags=["z"], **days_ago(2 + n)) for n in range(5)]

    assert related(client, base) == others[:3]


def test_three_or_more_sharing_are_not_topped_up(client, hidden):
    base = make_article("基准", tags=["a", "b"], **days_ago(1))
    both = make_article("两个", tags=["a", "b"], **days_ago(9))
    ones = [make_article(f"一个{n}", tags=["b"], **days_ago(4 + n)) for n in range(3)]
    make_article("无关但最新", tags=["z"], **days_ago(0.5))

    assert related(client, base) == [both, *ones]


def test_at_most_five_and_equal_shares_go_by_recency_then_id(client, hidden):
    base = make_article("基准", tags=["a"], **days_ago(1))
    when = days_ago(5)
    same_time = [make_article(f"同时{n}", tags=["a"], **when) for n in range(3)]
    newer = [make_article(f"较新{n}", tags=["a"], **days_ago(2 + n / 10)) for n in range(3)]

    assert related(client, base) == [*newer, *same_time[::-1][:2]]


def test_fewer_than_three_others_is_all_there_is(client, hidden):
    base = make_article("基准", tags=["a"], **days_ago(1))
    other = make_article("唯一", tags=["z"], **days_ago(2))

    assert related(client, base) == [other]
    assert related(client, other) == [base]


def test_related_section_lists_titles_authors_and_dates(client):
    base = make_article("基准", tags=["a"], **days_ago(1))
    other = make_article("另一篇", **days_ago(2))

    html = client.get(base.get_absolute_url()).content.decode()

    section = html.split('<section class="related"')[1].split("</section>")[0]
    assert f'<a href="{other.get_absolute_url()}">另一篇</a>' in section
    assert other.author.name in section
    published = timezone.localtime(other.published_at)
    assert f'<time datetime="{published.isoformat()}">' in section
    assert f"{published.year}年{published.month}月{published.day}日</time>" in section
    assert base.get_absolute_url() not in section


def test_query_count_is_the_same_with_or_without_shared_tags(client, hidden):
    with_tags = make_article("有标签", tags=["a", "b"], **days_ago(1))
    without_tags = make_article("无标签", **days_ago(1))
    for n in range(6):
        make_article(f"其他{n}", tags=["a"] if n % 2 else [], **days_ago(2 + n))

    counts = {count_queries(client, a.get_absolute_url()) for a in (with_tags, without_tags)}

    assert len(counts) == 1
    assert counts.pop() <= PAGES["detail"][1]
