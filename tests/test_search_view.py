"""The search page: markup, results, glossary block, empty states, pagination, query counts."""

import re
from datetime import timedelta
from functools import partial

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.cache import content_version
from articles.models import Article
from articles.search.index import reindex_all
from glossary.models import GlossaryEntry
from tests.factories import make_article, make_author, make_term

pytestmark = pytest.mark.django_db

NO_RESULT = "没有找到与“"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the index updates) when the block ends."""
    return partial(django_capture_on_commit_callbacks, execute=True)


def search(client, **params):
    response = client.get(reverse("search"), params)
    assert response.status_code == 200
    return response.content.decode()


def result_titles(html):
    items = re.findall(r'<h3 class="search-result__title"><a href="[^"]+">(.*?)</a>', html)
    return [re.sub(r"</?mark>", "", item) for item in items]


def test_page_markup(client, committed):
    with committed():
        make_article("腾讯的云计算", body="腾讯云在后续发展中丧失先机。")
    html = search(client, q="腾讯")
    assert html.count("<h1") == 1
    assert '<label for="search-q">' in html
    assert re.search(r'<input id="search-q" type="search" name="q" value="腾讯"', html)
    assert '<meta name="robots" content="noindex">' in html
    assert 'href="/static/articles/search.css"' in html
    assert '<ol class="search-results"' in html
    assert "找到 1 篇相关文章" in html
    assert "<mark>腾讯</mark>" in html
    assert " style=" not in html
    assert re.search(r"<script(?! src=)", html) is None


def test_results_link_to_articles_with_author_and_date(client, committed):
    author = make_author("张三")
    with committed():
        article = make_article("数字化转型的三个阶段", author=author, body="讲数字化转型。")
    html = search(client, q="数字化转型")
    assert f'href="{article.get_absolute_url()}"' in html
    assert "张三" in html
    assert f'datetime="{timezone.localtime(article.published_at).isoformat()}"' in html


def test_title_match_is_listed_first(client, committed):
    with committed():
        make_article("行业综述", body="腾讯、阿里与字节的对比。腾讯的社交优势明显。")
        make_article("腾讯案例分析", body="社交网络巨头的布局研究。")
    assert result_titles(search(client, q="腾讯")) == ["腾讯案例分析", "行业综述"]


def test_snippet_is_marked_and_escaped(client, committed):
    with committed():
        make_article(
            "安全测试",
            standfirst="导语<script>alert（'腾讯'）</script>结束",
            body="`<img src=x onerror=alert(1)>` 与腾讯有关。",
        )
    html = search(client, q="腾讯")
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert（&#x27;<mark>腾讯</mark>&#x27;）&lt;/script&gt;" in html


def test_snippet_comes_from_the_original_text(client, committed):
    with committed():
        make_article("原文摘录", body="## 小节\n\n騰訊在**產業互聯網**方面的佈局。")
    html = search(client, q="腾讯")
    assert "<mark>騰訊</mark>在產業互聯網方面的佈局。" in html


def test_glossary_block_lists_the_exact_term_first(client, committed):
    with committed():
        make_term("智慧零售生态", "围绕智慧零售的伙伴网络。")
        make_term("智慧零售", "以数据驱动、线上线下融合的零售形态。")
        make_term("智慧零售门店", "待审。", status=GlossaryEntry.Status.SUGGESTED)
        make_article("门店数字化", body="智慧零售让门店与线上打通。")
    html = search(client, q="智慧零售")
    block = html.split('<section class="search-glossary"')[1].split("</section>")[0]
    terms = re.findall(r'<a href="[^"]+">([^<]+)</a>', block)
    assert terms[0] == "智慧零售"
    assert "智慧零售门店" not in html
    assert html.index("search-glossary") < html.index("search-results")


def test_only_visible_articles_are_listed(client, committed):
    with committed():
        make_article("腾讯已发布", body="腾讯")
        make_article("腾讯草稿", body="腾讯", status=Article.Status.DRAFT)
        make_article("腾讯归档", body="腾讯", status=Article.Status.ARCHIVED)
        make_article("腾讯定时", body="腾讯", published_at=timezone.now() + timedelta(days=1))
    html = search(client, q="腾讯")
    assert result_titles(html) == ["腾讯已发布"]
    assert "找到 1 篇相关文章" in html


def test_no_result_suggests_published_terms_and_tags(client, committed):
    with committed():
        make_term("产业互联网", "面向企业的互联网。")
        make_term("待审术语", status=GlossaryEntry.Status.SUGGESTED)
        make_article("公开文章", tags=["数字化转型"])
        make_article("草稿文章", tags=["草稿标签"], status=Article.Status.DRAFT)
    html = search(client, q="区块链溯源")
    assert "没有找到与“区块链溯源”相关的内容。" in html
    assert ">产业互联网</a>" in html
    assert ">数字化转型</a>" in html
    assert "待审术语" not in html
    assert "草稿标签" not in html


def test_empty_query_asks_for_words(client):
    html = search(client, q="")
    assert "请输入要搜索的词语。" in html
    assert "search-results" not in html
    assert "请输入要搜索的词语。" in search(client)


@pytest.mark.parametrize(
    "q",
    [
        "   ",
        "!!!",
        "“”",
        "x" * 5000,
        'AND OR NOT * ^ : ( ) " NEAR',
        "NEAR（腾讯 阿里，2）",
        "title：腾讯*",
        "'; drop table articles_article; --",
        "1' OR '1'='1",
        "腾讯 & | ! <-> :*",
        "\x00",
        "%",
        "\\",
    ],
)
def test_odd_queries_return_a_friendly_empty_page(client, committed, q):
    with committed():
        make_article("不相关", body="智慧零售让门店与线上打通。")
    html = search(client, q=q)
    assert (NO_RESULT in html) or ("请输入要搜索的词语。" in html)
    assert "search-results" not in html
    assert Article.objects.count() == 1


def test_query_is_escaped_in_the_page(client):
    html = search(client, q='<script>alert(1)</script>"')
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pagination(client, committed):
    author = make_author()
    with committed():
        for n in range(25):
            make_article(f"供应链观察{n}", author=author, body="供应链金融的新模式。")
    first = search(client, q="供应链")
    assert len(result_titles(first)) == 10
    assert "找到 25 篇相关文章，第 1/3 页" in first
    q = "?q=%E4%BE%9B%E5%BA%94%E9%93%BE"
    assert f'<a href="{q}&amp;page=1" aria-current="page">第 1 页</a>' in first
    assert f'<a href="{q}&amp;page=2" rel="next">下一页</a>' in first
    third = search(client, q="供应链", page=3)
    assert len(result_titles(third)) == 5
    assert '<ol class="search-results" start="21">' in third
    assert set(result_titles(first)).isdisjoint(result_titles(third))
    assert result_titles(search(client, q="供应链", page="abc")) == result_titles(first)
    assert result_titles(search(client, q="供应链", page=99)) == result_titles(third)


def test_query_count_does_not_grow_with_the_index(client, django_assert_max_num_queries):
    """Glossary words, count, ranked ids, articles, tags, glossary ids and entries, and the
    sections of the navigation: 8,
    and on PostgreSQL, around each of the two reads of matches, the statement that has the
    index read through GIN and the one that resets that.

    The page cache's schedule lookup, made once per content change, is done beforehand.
    """
    extra = 4 if connection.vendor == "postgresql" else 0
    author = make_author()
    for n in range(160):
        make_article(f"产业互联网观察{n}", author=author, tags=["产业互联网", f"标签{n}"])
    make_term("产业互联网", "面向企业的互联网。")
    reindex_all()
    content_version()
    with django_assert_max_num_queries(8 + extra):
        html = search(client, q="产业互联网")
    assert "找到 160 篇相关文章" in html
    assert len(result_titles(html)) == 10
    with django_assert_max_num_queries(8 + extra):
        assert len(result_titles(search(client, q="产业互联网", page=16))) == 10
    with django_assert_max_num_queries(7 + extra):
        assert NO_RESULT in search(client, q="没有这个词")
