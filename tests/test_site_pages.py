"""Reader pages: home, article list and detail, authors and tags."""

import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.staticfiles import finders
from django.template import loader
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_term
from tests.site_fixtures import bulk_articles, fresh_cache, log_in_staff  # noqa: F401

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
LONG_BODY = "\n\n".join(f"## 第{n}节\n\n智慧零售正在改变门店,第{n}段。" for n in ("一", "二", "三"))


def jsonld(response) -> list[dict]:
    html = response.content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.fixture
def staff_client(client, django_user_model):
    return log_in_staff(client, django_user_model)


@pytest.fixture
def site():
    author = make_author("张三", bio="长期关注零售数字化。")
    published = make_article(
        "智慧零售的下一步",
        author=author,
        tags=["智慧零售", "SaaS"],
        standfirst="门店数字化的三个阶段。",
        credit="亿欧智库",
        body=LONG_BODY,
        published_at=datetime(2020, 12, 28, 9, 30, tzinfo=SHANGHAI),
    )
    older = make_article(
        "SaaS 的定价",
        author=author,
        tags=["SaaS"],
        published_at=datetime(2020, 12, 1, 9, tzinfo=SHANGHAI),
    )
    hidden_author = make_author("李四")
    hidden = {
        "draft": make_article(
            "草稿里的秘密", status=Article.Status.DRAFT, tags=["智慧零售", "草稿标签"]
        ),
        "review": make_article("待审的稿子", status=Article.Status.REVIEW, author=hidden_author),
        "archived": make_article(
            "归档的旧闻",
            status=Article.Status.ARCHIVED,
            tags=["智慧零售"],
            published_at=timezone.now() - timedelta(days=400),
        ),
        "future": make_article(
            "明天才发布",
            tags=["智慧零售"],
            published_at=timezone.now() + timedelta(days=1),
        ),
    }
    return {"author": author, "article": published, "older": older, "hidden": hidden}


def assert_no_hidden(response, site):
    html = response.content.decode()
    for article in site["hidden"].values():
        assert article.title not in html
        assert article.get_absolute_url() not in html


def test_home_shows_latest_featured_tags_and_glossary(client, site):
    make_term("智慧零售", "以数据驱动的零售形态。")
    make_term("待审术语", "不应出现。", status="suggested")

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["featured"] == site["article"]
    assert list(response.context["latest"]) == [site["older"]]
    html = response.content.decode()
    assert 'class="featured"' in html
    assert "门店数字化的三个阶段。" in html
    assert "约 1 分钟" in html
    assert "以数据驱动的零售形态。" in html
    assert "待审术语" not in html
    tags = {tag.name: tag.article_count for tag in response.context["busiest_tags"]}
    assert tags == {"SaaS": 2, "智慧零售": 1}
    assert_no_hidden(response, site)


def test_article_list_is_paginated_newest_first(client):
    bulk_articles(45)

    first = client.get("/articles/")
    third = client.get("/articles/?page=3")

    assert [a.slug for a in first.context["articles"]][:3] == ["bulk-0", "bulk-1", "bulk-2"]
    assert len(first.context["articles"]) == 20
    assert len(third.context["articles"]) == 5
    assert '<a href="/articles/" aria-current="page">第 1 页</a>' not in third.content.decode()
    assert 'aria-current="page">第 3 页</a>' in third.content.decode()
    assert 'href="?page=2" rel="next"' in first.content.decode()


@pytest.mark.parametrize("page", ["4", "0", "abc", "-1"])
def test_article_list_bad_page_is_404(client, page):
    bulk_articles(45)

    assert client.get(f"/articles/?page={page}").status_code == 404


def test_article_list_hides_unpublished(client, site):
    response = client.get("/articles/")

    assert [a.title for a in response.context["articles"]] == ["智慧零售的下一步", "SaaS 的定价"]
    assert_no_hidden(response, site)


def test_article_detail(client, site):
    article = site["article"]

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>智慧零售的下一步</h1>" in html
    assert f'<a href="{site["author"].get_absolute_url()}" rel="author">张三</a>' in html
    assert "原作者/来源：亿欧智库" in html
    assert '<time datetime="2020-12-28T09:30:00+08:00">2020年12月28日</time>' in html
    assert f"约 {article.reading_minutes} 分钟" in html
    assert f"{article.char_count} 字" in html
    assert '<p class="standfirst">门店数字化的三个阶段。</p>' in html
    assert '<h2 id="di-yi-jie">第一节</h2>' in html
    assert '<li><a href="#di-san-jie">第三节</a></li>' in html
    assert 'rel="tag">SaaS</a>' in html
    assert 'name="robots"' not in html
    assert "预览" not in html
    assert_no_hidden(response, site)


def test_table_of_contents_needs_three_headings(client):
    article = make_article(body="## 一\n\n甲。\n\n## 二\n\n乙。")

    response = client.get(article.get_absolute_url())

    assert response.context["toc"] == []
    assert 'class="toc"' not in response.content.decode()


def test_previous_and_next_follow_publication_time(client, site):
    newest = make_article("最新一篇", published_at=timezone.now() - timedelta(minutes=5))

    response = client.get(site["article"].get_absolute_url())

    assert response.context["older"] == site["older"]
    assert response.context["newer"] == newest
    html = response.content.decode()
    assert f'<a href="{site["older"].get_absolute_url()}" rel="prev">' in html
    assert f'<a href="{newest.get_absolute_url()}" rel="next">' in html


def test_related_articles_rank_by_shared_tags_then_recency(client, site):
    base = make_article("基准", tags=["a", "b", "c"])
    two_old = make_article(
        "两个共同标签", tags=["a", "b"], published_at=timezone.now() - timedelta(days=9)
    )
    one_new = make_article(
        "一个共同标签", tags=["c"], published_at=timezone.now() - timedelta(days=1)
    )
    one_old = make_article(
        "一个共同标签旧", tags=["a"], published_at=timezone.now() - timedelta(days=5)
    )
    make_article("无关", tags=["z"])
    make_article("草稿相关", tags=["a", "b", "c"], status=Article.Status.DRAFT)
    make_article("未来相关", tags=["a", "b", "c"], published_at=timezone.now() + timedelta(days=2))

    response = client.get(base.get_absolute_url())

    assert list(response.context["related"]) == [two_old, one_new, one_old]


def test_related_articles_are_at_most_five(client):
    base = make_article("基准", tags=["a"])
    for n in range(7):
        make_article(f"相关{n}", tags=["a"])

    response = client.get(base.get_absolute_url())

    assert len(response.context["related"]) == 5


@pytest.mark.parametrize("state", ["draft", "review", "archived", "future"])
def test_unpublished_article_is_404_for_readers(client, site, state):
    response = client.get(site["hidden"][state].get_absolute_url())

    assert response.status_code == 404
    assert "页面未找到" in response.content.decode()


@pytest.mark.parametrize("state", ["draft", "review", "archived", "future"])
def test_staff_preview_unpublished_article_with_noindex(staff_client, site, state):
    article = site["hidden"][state]

    response = staff_client.get(article.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in html
    assert "预览 · 未发布" in html
    assert article.get_status_display() in html


def test_staff_see_published_article_without_banner(staff_client, site):
    response = staff_client.get(site["article"].get_absolute_url())

    assert response.status_code == 200
    assert "预览 · 未发布" not in response.content.decode()


def test_author_page_lists_published_articles_and_feeds(client, site):
    author = site["author"]
    make_article("张三的草稿", author=author, status=Article.Status.DRAFT)

    response = client.get(author.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>张三</h1>" in html
    assert "长期关注零售数字化。" in html
    assert [a.title for a in response.context["articles"]] == ["智慧零售的下一步", "SaaS 的定价"]
    assert "张三的草稿" not in html
    assert f'href="/authors/{author.slug}/feed/rss/"' in html
    assert f'href="/authors/{author.slug}/feed/atom/"' in html


def test_author_page_is_paginated(client):
    author = make_author("多产作者")
    bulk_articles(25, authors=[author])

    assert len(client.get(author.get_absolute_url()).context["articles"]) == 20
    assert len(client.get(author.get_absolute_url() + "?page=2").context["articles"]) == 5
    assert client.get(author.get_absolute_url() + "?page=3").status_code == 404


def test_author_without_published_articles_is_404(client, site):
    hidden_author = site["hidden"]["review"].author

    assert client.get(hidden_author.get_absolute_url()).status_code == 404
    assert client.get("/authors/nobody/").status_code == 404


def test_tag_index_counts_only_published_articles(client, site):
    response = client.get("/tags/")

    counts = {tag.name: tag.article_count for tag in response.context["tags"]}
    assert counts == {"SaaS": 2, "智慧零售": 1}
    assert "草稿标签" not in response.content.decode()


def test_tag_page_lists_published_articles(client, site):
    tag = site["article"].tags.get(name="智慧零售")

    response = client.get(tag.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>智慧零售</h1>" in html
    assert [a.title for a in response.context["articles"]] == ["智慧零售的下一步"]
    assert f'href="/tags/{tag.slug}/feed/atom/"' in html
    assert_no_hidden(response, site)


def test_tag_of_drafts_only_is_404(client, site):
    tag = site["hidden"]["draft"].tags.get(name="草稿标签")

    assert client.get(tag.get_absolute_url()).status_code == 404


def test_head_has_canonical_description_opengraph_and_jsonld(client, site):
    article = site["article"]

    response = client.get(article.get_absolute_url() + "?utm_source=feed")

    html = response.content.decode()
    url = f"http://testserver{article.get_absolute_url()}"
    assert '<html lang="zh-Hans">' in html
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta name="description" content="门店数字化的三个阶段。">' in html
    assert '<meta property="og:title" content="智慧零售的下一步">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:description" content="门店数字化的三个阶段。">' in html
    data = {block["@type"]: block for block in jsonld(response)}
    assert data["Article"]["headline"] == "智慧零售的下一步"
    assert data["Article"]["author"]["name"] == "张三"
    assert data["Article"]["datePublished"].startswith("2020-12-28T01:30:00")
    assert data["Article"]["dateModified"]
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["首页", "文章", "智慧零售的下一步"]
    assert crumbs[-1]["item"] == url


def test_paginated_canonical_keeps_the_page_number(client):
    bulk_articles(25)

    html = client.get("/articles/?page=2").content.decode()

    assert '<link rel="canonical" href="http://testserver/articles/?page=2">' in html


@pytest.mark.parametrize(
    ("url", "crumbs"),
    [
        (lambda s: s["author"].get_absolute_url(), ["首页", "文章", "张三"]),
        (lambda s: s["article"].tags.get(name="SaaS").get_absolute_url(), ["首页", "标签", "SaaS"]),
    ],
)
def test_author_and_tag_pages_have_breadcrumb_jsonld(client, site, url, crumbs):
    blocks = {block["@type"]: block for block in jsonld(client.get(url(site)))}

    assert [c["name"] for c in blocks["BreadcrumbList"]["itemListElement"]] == crumbs


def test_navigation_marks_the_current_section(client, site):
    list_html = client.get("/articles/").content.decode()
    tags_html = client.get("/tags/").content.decode()
    article_html = client.get(site["article"].get_absolute_url()).content.decode()

    assert '<a href="/articles/" aria-current="page">文章</a>' in list_html
    assert '<a href="/tags/" aria-current="page">标签</a>' in tags_html
    assert '<a href="/articles/" aria-current="true">文章</a>' in article_html
    assert '<a href="/tags/">标签</a>' in article_html


def test_layout_landmarks_search_and_feeds(client, site):
    html = client.get("/").content.decode()

    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert html.count("<h1") == 1
    assert '<form class="site-search" role="search" action="/search/" method="get">' in html
    assert '<label for="site-search-q">搜索</label>' in html
    assert '<input id="site-search-q" type="search" name="q"' in html
    assert '<a href="/feed/rss/">RSS 订阅</a>' in html
    assert '<a href="/feed/atom/">Atom 订阅</a>' in html
    assert "style=" not in html
    assert re.search(r"<script(?![^>]*(?:src=|application/ld\+json))", html) is None


def test_robots_txt(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    disallowed = [line for line in lines if line.startswith("Disallow:")]
    assert disallowed == ["Disallow: /admin/", "Disallow: /preview/", "Disallow: /search/"]
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_unknown_page_is_a_chinese_404(client):
    response = client.get("/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>页面未找到</h1>" in html
    assert '<meta name="robots" content="noindex">' in html


def test_500_page_renders_without_request_context():
    html = loader.get_template("500.html").render()

    assert '<html lang="zh-Hans">' in html
    assert "<h1>服务器出错了</h1>" in html


def test_script_in_title_and_body_is_text_everywhere(client):
    author = make_author("<script>alert('author')</script>")
    article = make_article(
        "<script>alert(1)</script>",
        author=author,
        tags=["<b>标签</b>"],
        standfirst="<script>alert(2)</script>",
        body="<script>alert(3)</script>\n\n## <i>小标题</i>",
    )
    tag = article.tags.get()
    urls = ["/", "/articles/", article.get_absolute_url(), author.get_absolute_url(), "/tags/"]
    urls += [tag.get_absolute_url(), "/feed/rss/", "/feed/atom/", "/sitemap.xml"]
    urls += ["/sitemap-articles.xml", "/sitemap-authors.xml", "/sitemap-tags.xml"]

    for url in urls:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<b>标签" not in html, url
        assert "<i>小标题" not in html, url

    detail = client.get(article.get_absolute_url()).content.decode()
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in detail
    assert "<p>&lt;script&gt;alert(3)&lt;/script&gt;</p>" in detail
    assert "\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E" in detail


def test_stylesheet_has_themes_focus_and_print_rules():
    css = Path(finders.find("articles/site.css")).read_text(encoding="utf-8")

    for rule in (
        "@media (prefers-color-scheme: dark)",
        "@media print",
        ":focus-visible",
        "text-justify: inter-character",
        "line-break: strict",
        ".term-wrap:focus-within .term-def",
    ):
        assert rule in css
    assert "@import" not in css
    assert "url(http" not in css
