"""`/sitemap.xml` is an index of the section sitemaps, each served in pages of `limit`
addresses at `/sitemap-<section>.xml`."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.sitemaps import ArticleSitemap, PagedSitemap
from glossary.models import GlossaryEntry
from tests.factories import make_article, make_term
from tests.site_fixtures import (  # noqa: F401
    bulk_articles,
    count_queries,
    fresh_cache,
    sitemap_entries,
    sitemap_urls,
)
from topics.models import Topic

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
SECTIONS = ["pages", "sections", "articles", "authors", "tags", "glossary", "topic-index", "topics"]


def index(client) -> dict[str, str | None]:
    return sitemap_entries(client, "/sitemap.xml", "sitemap")


def test_the_index_lists_each_section(client):
    make_article("一篇文章")

    assert list(index(client)) == [f"{BASE}/sitemap-{section}.xml" for section in SECTIONS]


def test_a_section_larger_than_its_limit_is_split_into_pages(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    articles = bulk_articles(5)
    make_article("草稿", status=Article.Status.DRAFT)

    pages = [url for url in index(client) if url.startswith(f"{BASE}/sitemap-articles.xml")]
    listed = [list(sitemap_entries(client, page, "url")) for page in pages]

    assert pages == [
        f"{BASE}/sitemap-articles.xml",
        f"{BASE}/sitemap-articles.xml?p=2",
        f"{BASE}/sitemap-articles.xml?p=3",
    ]
    assert [len(urls) for urls in listed] == [2, 2, 1]
    assert [url for urls in listed for url in urls] == [
        f"{BASE}{article.get_absolute_url()}" for article in articles
    ]


def test_every_listed_address_is_a_published_page(client, monkeypatch):
    monkeypatch.setattr(PagedSitemap, "limit", 2)
    shown = [make_article(f"文章{n}", tags=["SaaS", f"标签{n}"]) for n in range(3)]
    draft = make_article("草稿", tags=["草稿标签"], status=Article.Status.DRAFT)
    hidden = [
        draft,
        draft.tags.get(),
        make_article("归档", status=Article.Status.ARCHIVED),
        make_article("未来", published_at=timezone.now() + timedelta(days=1)),
        make_term("待定", status=GlossaryEntry.Status.SUGGESTED),
        Topic.objects.create(title="草稿专题", status=Topic.Status.DRAFT),
    ]
    make_term("SaaS", "软件即服务。")
    Topic.objects.create(title="公开专题", status=Topic.Status.PUBLISHED)

    urls = sitemap_urls(client)

    assert {f"{BASE}{article.get_absolute_url()}" for article in shown} <= set(urls)
    assert not {f"{BASE}{item.get_absolute_url()}" for item in hidden} & set(urls)
    for url in urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap-articles.xml?p=99",
        "/sitemap-articles.xml?p=0",
        "/sitemap-articles.xml?p=two",
        "/sitemap-nothing.xml",
    ],
)
def test_unknown_sections_and_pages_are_404(client, url):
    make_article("一篇文章")

    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404
    assert client.get("/sitemap-articles.xml").status_code == 200


def test_the_index_gives_the_newest_change_of_the_articles(client):
    now = timezone.now().replace(microsecond=0)
    changes = {
        make_article("草稿", status=Article.Status.DRAFT): now,
        make_article("后改"): now - timedelta(hours=1),
        make_article("先改"): now - timedelta(hours=2),
    }
    for article, updated_at in changes.items():
        Article.objects.filter(pk=article.pk).update(updated_at=updated_at)

    lastmod = index(client)[f"{BASE}/sitemap-articles.xml"]

    assert datetime.fromisoformat(lastmod) == now - timedelta(hours=1)  # not the draft's


def test_the_index_does_not_grow_with_the_articles(client, monkeypatch):
    monkeypatch.setattr(PagedSitemap, "limit", 2)
    bulk_articles(3)
    small = count_queries(client, "/sitemap.xml")
    bulk_articles(30, start=3)
    loaded = []
    from_db = Article.from_db
    monkeypatch.setattr(
        Article, "from_db", classmethod(lambda cls, *args: loaded.append(args) or from_db(*args))
    )

    assert count_queries(client, "/sitemap.xml") == small
    assert loaded == []
    assert sum(url.startswith(f"{BASE}/sitemap-articles.xml") for url in index(client)) == 17
