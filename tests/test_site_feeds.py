"""RSS and Atom feeds, the sitemap and robots.txt list only published content."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from glossary.models import GlossaryEntry
from tests.factories import make_article, make_author, make_term
from tests.site_fixtures import bulk_articles, fresh_cache, sitemap_urls  # noqa: F401

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def content():
    author = make_author("王五")
    article = make_article(
        "<script>alert(1)</script>智慧零售",
        author=author,
        tags=["智慧零售"],
        body="## 小标题\n\n正文第一段。",
        published_at=timezone.now() - timedelta(hours=2),
    )
    other = make_article(
        "SaaS 观察",
        author=author,
        tags=["智慧零售", "SaaS"],
        published_at=timezone.now() - timedelta(hours=1),
    )
    hidden = [
        make_article("草稿", author=author, tags=["智慧零售"], status=Article.Status.DRAFT),
        make_article("归档", author=author, tags=["智慧零售"], status=Article.Status.ARCHIVED),
        make_article(
            "未来", author=author, tags=["智慧零售"], published_at=timezone.now() + timedelta(1)
        ),
    ]
    return {"author": author, "article": article, "other": other, "hidden": hidden}


def rss_items(response):
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")


def atom_entries(response):
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


@pytest.mark.parametrize(
    "url",
    [
        lambda c: "/feed/rss/",
        lambda c: f"/tags/{c['article'].tags.get().slug}/feed/rss/",
        lambda c: f"/authors/{c['author'].slug}/feed/rss/",
    ],
)
def test_rss_feeds_list_published_articles_in_full(client, content, url):
    items = rss_items(client.get(url(content)))

    assert [item.findtext("link") for item in items] == [
        f"http://testserver{content['other'].get_absolute_url()}",
        f"http://testserver{content['article'].get_absolute_url()}",
    ]
    article = items[1]
    assert article.findtext("title") == "&lt;script&gt;alert(1)&lt;/script&gt;智慧零售"
    assert article.findtext("description") == content["article"].body_html
    assert '<h2 id="xiao-biao-ti">小标题</h2>' in article.findtext("description")
    assert article.findtext("pubDate")
    assert "王五" in article.findtext("{http://purl.org/dc/elements/1.1/}creator")
    assert [c.text for c in article.findall("category")] == ["智慧零售"]


@pytest.mark.parametrize(
    "url",
    [
        lambda c: "/feed/atom/",
        lambda c: f"/tags/{c['article'].tags.get().slug}/feed/atom/",
        lambda c: f"/authors/{c['author'].slug}/feed/atom/",
    ],
)
def test_atom_feeds_list_published_articles_in_full(client, content, url):
    entries = atom_entries(client.get(url(content)))

    assert len(entries) == 2
    entry = entries[1]
    assert entry.findtext(f"{ATOM}title") == "<script>alert(1)</script>智慧零售"
    assert entry.findtext(f"{ATOM}content") == content["article"].body_html
    assert entry.findtext(f"{ATOM}summary") == "正文第一段。"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "王五"
    published = content["article"].published_at.astimezone(timezone.UTC)
    assert entry.findtext(f"{ATOM}published").startswith(published.strftime("%Y-%m-%dT%H:%M"))
    assert entry.findtext(f"{ATOM}updated")


def test_site_feed_has_the_twenty_latest(client):
    bulk_articles(25)

    items = rss_items(client.get("/feed/rss/"))

    assert len(items) == 20
    assert items[0].findtext("title") == "批量文章第0篇"


def test_feeds_of_unknown_or_hidden_tags_and_authors_are_404(client, content):
    draft_only = make_article("只有草稿", tags=["草稿标签"], status=Article.Status.DRAFT)

    assert client.get("/tags/nothing/feed/rss/").status_code == 404
    assert client.get(f"/tags/{draft_only.tags.get().slug}/feed/atom/").status_code == 404
    assert client.get(f"/authors/{draft_only.author.slug}/feed/rss/").status_code == 404


def test_sitemap_lists_published_content_only(client, content):
    make_term("SaaS", "软件即服务。")
    hidden_term = make_term("待定", "未审。", status=GlossaryEntry.Status.SUGGESTED)
    draft_only = make_article("只有草稿", tags=["草稿标签"], status=Article.Status.DRAFT)

    locations = sitemap_urls(client)

    base = "http://testserver"
    expected = {
        f"{base}/",
        f"{base}/articles/",
        f"{base}/tags/",
        f"{base}/glossary/",
        f"{base}/topics/",
        f"{base}{content['article'].get_absolute_url()}",
        f"{base}{content['other'].get_absolute_url()}",
        f"{base}{content['author'].get_absolute_url()}",
        f"{base}/tags/zhi-hui-ling-shou/",
        f"{base}/tags/saas/",
        f"{base}/glossary/saas/",
    }
    assert set(locations) == expected
    assert locations[f"{base}{content['article'].get_absolute_url()}"] == (
        timezone.localdate(content["article"].updated_at).isoformat()
    )
    assert f"{base}{hidden_term.get_absolute_url()}" not in locations
    assert f"{base}{draft_only.author.get_absolute_url()}" not in locations


def test_feed_addresses_without_a_format_lead_to_rss(client, content):
    tag, author = content["article"].tags.get(), content["author"]
    for short, rss in [
        ("/feed/", "/feed/rss/"),
        (f"/tags/{tag.slug}/feed/", f"/tags/{tag.slug}/feed/rss/"),
        (f"/authors/{author.slug}/feed/", f"/authors/{author.slug}/feed/rss/"),
    ]:
        response = client.get(short)
        assert (response.status_code, response["Location"]) == (301, rss)
        assert client.get(rss).status_code == 200
