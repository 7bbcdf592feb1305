"""Fixtures and helpers shared by the reader-site tests."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import roles
from articles.models import Article, Tag, TaggedArticle
from articles.rendering import render_markdown
from tests.factories import clear_caches, make_author

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BULK_TAGS = ("SaaS", "智慧零售", "数字化转型", "产业互联网", "供应链")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with empty page, version and linked-body caches."""
    clear_caches()
    yield
    clear_caches()


def log_in_staff(client, user_model):
    """`client`, signed in as a staff member with the editor (编辑) role."""
    editor = user_model.objects.create_user("editor", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    client.force_login(editor)
    return client


def bulk_articles(count, *, start=0, authors=None, tags=None):
    """`count` published articles made with bulk_create, each with two or three tags."""
    authors = authors or [make_author() for _ in range(3)]
    tags = tags or [Tag.objects.get_or_create(name=name)[0] for name in BULK_TAGS]
    now = timezone.now()
    body = "## 背景\n\n批量文章的正文,讨论 SaaS 与智慧零售。\n\n## 结论\n\n数字化转型仍在路上。"
    html = render_markdown(body)
    articles = Article.objects.bulk_create(
        Article(
            title=f"批量文章第{n}篇",
            slug=f"bulk-{n}",
            author=authors[n % len(authors)],
            standfirst=f"第{n}篇的导语。",
            body=body,
            body_html=html,
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(days=1, minutes=n),
            char_count=40,
            reading_minutes=1,
        )
        for n in range(start, start + count)
    )
    articles = list(Article.objects.filter(slug__in=[a.slug for a in articles]))
    TaggedArticle.objects.bulk_create(
        TaggedArticle(
            content_object=article, tag=tags[(i + k) % len(tags)], published_at=article.published_at
        )
        for i, article in enumerate(articles)
        for k in range(2 + i % 2)
    )
    return articles


def count_queries(client, url) -> int:
    """Queries run by a fresh (uncached) GET of `url`, which must answer 200."""
    clear_caches()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def sitemap_entries(client, url, tag) -> dict[str, str | None]:
    """The `<loc>` of each `tag` element (`url` or `sitemap`) of the sitemap document at
    `url`, which must answer 200, mapped to its `<lastmod>`."""
    response = client.get(url)
    assert response.status_code == 200, url
    return {
        entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod")
        for entry in ET.fromstring(response.content).iter(f"{SITEMAP}{tag}")
    }


def sitemap_urls(client) -> dict[str, str | None]:
    """Every page address on every sitemap page that `/sitemap.xml` lists, with its
    `<lastmod>`."""
    urls = {}
    for page in sitemap_entries(client, "/sitemap.xml", "sitemap"):
        urls.update(sitemap_entries(client, page, "url"))
    return urls
