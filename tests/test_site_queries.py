"""Every reader page and feed runs a small, constant number of queries.

HTML pages read the sections for the navigation once (`articles.sections.sections_for`).
"""

import pytest

from articles.models import Article, Tag
from tests.factories import make_article, make_author, make_term
from tests.site_fixtures import BULK_TAGS, bulk_articles, count_queries, fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db

PAGES = {
    "home": (lambda s: "/", 6),
    "list": (lambda s: "/articles/", 4),
    "detail": (lambda s: s["article"].get_absolute_url(), 9),  # its topics: one bounded query
    "author": (lambda s: s["author"].get_absolute_url(), 5),
    "tags": (lambda s: "/tags/", 3),
    "tag": (lambda s: s["tag"].get_absolute_url(), 5),
    "glossary": (lambda s: "/glossary/", 3),
    "term": (lambda s: s["term"].get_absolute_url(), 6),
    "rss": (lambda s: "/feed/rss/", 3),
    "atom": (lambda s: "/feed/atom/", 3),
    "tag rss": (lambda s: f"/tags/{s['tag'].slug}/feed/rss/", 4),
    "tag atom": (lambda s: f"/tags/{s['tag'].slug}/feed/atom/", 4),
    "author rss": (lambda s: f"/authors/{s['author'].slug}/feed/rss/", 4),
    "author atom": (lambda s: f"/authors/{s['author'].slug}/feed/atom/", 4),
    "sitemap index": (lambda s: "/sitemap.xml", 10),  # a count per paged section, 3 dates
    "sitemap, articles": (lambda s: "/sitemap-articles.xml", 3),
    "robots": (lambda s: "/robots.txt", 1),
}


@pytest.fixture
def site():
    authors = [make_author() for _ in range(3)]
    tags = [Tag.objects.create(name=name) for name in BULK_TAGS]
    make_article("草稿", author=authors[0], tags=["SaaS"], status=Article.Status.DRAFT)
    articles = bulk_articles(10, authors=authors, tags=tags)
    for n in range(5):
        make_term(f"术语{n}", "定义。", aliases=f"别名{n}")
    make_term("SaaS", "软件即服务。")
    make_term("数字化转型", "用数字技术改造业务。")

    def grow():
        bulk_articles(140, start=10, authors=authors, tags=tags)
        for n in range(5, 60):
            make_term(f"术语{n}", "定义。", aliases=f"别名{n}")

    return {
        "article": articles[3],
        "author": authors[0],
        "tag": tags[1],
        "term": make_term("智慧零售", "数据驱动的零售。", source_article=articles[0]),
        "grow": grow,
    }


@pytest.mark.parametrize("name", PAGES)
def test_query_count_does_not_grow_with_content(client, site, name):
    url, limit = PAGES[name]

    small = count_queries(client, url(site))
    site["grow"]()
    large = count_queries(client, url(site))

    assert large == small
    assert large <= limit


def test_detail_page_links_terms_with_many_articles(client, site, django_assert_max_num_queries):
    site["grow"]()

    with django_assert_max_num_queries(PAGES["detail"][1]):
        html = client.get(site["article"].get_absolute_url()).content.decode()

    assert 'href="/glossary/saas/"' in html
    term_page = client.get(site["term"].get_absolute_url()).context
    assert (len(term_page["mentions"]), term_page["more_mentions"]) == (20, 130)
    assert len(client.get("/articles/?page=8").context["articles"]) == 10
