"""The SQL work of a reader page does not grow with the number of articles.

Each page is served uncached (page cache off) once to warm the counts cached per content
stamp, then measured: on SQLite as the virtual-machine instructions the database runs
for it, on PostgreSQL as the rows every plan node of every query produces (`EXPLAIN
ANALYZE`). At 2,000 articles a page may do only a little more than at 200.
"""

import json
import math

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from articles import related, statistics
from articles.cache import CONTENT, bump
from articles.models import Article, Tag, TaggedArticle
from articles.sitemaps import PagedSitemap
from tests.factories import make_article, make_author
from tests.site_fixtures import BULK_TAGS, bulk_articles

pytestmark = pytest.mark.django_db

SMALL, LARGE = 200, 2000
RARE = 8  # one article in RARE has the rare tag: 25 at SMALL (more than a page or a feed)
STEP = 100  # SQLite instructions per progress tick

PAGES = {
    "home": lambda s: "/",
    "article": lambda s: s["article"].get_absolute_url(),
    "list": lambda s: "/articles/",
    "list, last page": lambda s: "/articles/?page=last",
    "tag": lambda s: s["tag"].get_absolute_url(),
    "tag, last page": lambda s: s["tag"].get_absolute_url() + "?page=last",
    "rare tag": lambda s: s["rare tag"].get_absolute_url(),
    "rare tag feed": lambda s: f"/tags/{s['rare tag'].slug}/feed/rss/",
    "author": lambda s: s["author"].get_absolute_url(),
    "author, last page": lambda s: s["author"].get_absolute_url() + "?page=last",
    "feed": lambda s: "/feed/rss/",
    "tag feed": lambda s: f"/tags/{s['tag'].slug}/feed/rss/",
    "author feed": lambda s: f"/authors/{s['author'].slug}/feed/rss/",
    "tag list": lambda s: "/tags/",
    "sitemap index": lambda s: "/sitemap.xml",
    "sitemap, articles": lambda s: "/sitemap-articles.xml",
    "sitemap, articles, last page": lambda s: f"/sitemap-articles.xml?p={last_sitemap_page()}",
}
SITEMAP_PAGE = 50  # addresses on a sitemap page here: 200 articles fill 4 pages, 2,000 fill 40


def last_sitemap_page() -> int:
    return math.ceil(Article.objects.published().count() / SITEMAP_PAGE)


def sqlite_work(client, url) -> int:
    ticks = 0

    def tick():
        nonlocal ticks
        ticks += 1
        return 0

    connection.ensure_connection()
    connection.connection.set_progress_handler(tick, STEP)
    try:
        response = client.get(url)
    finally:
        connection.connection.set_progress_handler(None, 0)
    assert response.status_code == 200, url
    return ticks


def postgres_work(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    rows = 0
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            if query["sql"].lstrip().upper().startswith("SELECT"):
                cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {query['sql']}")
                rows += _rows(json.loads(_text(cursor.fetchone()[0]))[0]["Plan"])
    return rows


def _text(value):
    return value if isinstance(value, str) else json.dumps(value)


def _rows(plan) -> int:
    own = plan.get("Actual Rows", 0) * plan.get("Actual Loops", 1)
    return own + sum(_rows(child) for child in plan.get("Plans", []))


def work(client, url) -> int:
    client.get(url)  # counts cached per content stamp
    if connection.vendor == "sqlite":
        return sqlite_work(client, url)
    return postgres_work(client, url)


def fill(count, start, authors, tags, rare=None):
    """`count` more articles; one in `RARE` also gets the `rare` tag, if given."""
    articles = bulk_articles(count, start=start, authors=authors, tags=tags)
    if rare:
        TaggedArticle.objects.bulk_create(
            TaggedArticle(content_object=article, tag=rare, published_at=article.published_at)
            for article in articles[::RARE]
        )
    related.refresh_all()
    statistics.refresh()  # as an import does
    bump(CONTENT)  # as the import's commit does: counts cached before are stale


@override_settings(PAGE_CACHE=False)
def test_reader_pages_do_the_same_work_at_ten_times_the_articles(client, monkeypatch):
    monkeypatch.setattr(PagedSitemap, "limit", SITEMAP_PAGE)
    authors = [make_author() for _ in range(3)]
    tags = [Tag.objects.create(name=name) for name in BULK_TAGS]
    rare = Tag.objects.create(name="工业软件")
    fill(SMALL, 0, authors, tags, rare)
    site = {
        "article": Article.objects.get(slug="bulk-50"),
        "tag": tags[1],
        "rare tag": rare,
        "author": authors[0],
    }
    small = {name: work(client, url(site)) for name, url in PAGES.items()}

    fill(LARGE - SMALL, SMALL, authors, tags, rare)
    large = {name: work(client, url(site)) for name, url in PAGES.items()}

    grown = {
        name: (small[name], large[name]) for name in PAGES if large[name] > small[name] * 1.2 + 5
    }
    assert grown == {}


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="PostgreSQL's GIN index returns every match before the newest are kept",
)
@override_settings(PAGE_CACHE=False)
def test_a_search_does_the_same_work_at_ten_times_the_articles(client, monkeypatch):
    """Only the newest `CANDIDATES` matches are ranked, so once there are more matches
    than that, more articles cost no more work: here 50 of 200 and of 2,000."""
    from articles.search import results
    from articles.search.index import reindex_all

    monkeypatch.setattr(results, "CANDIDATES", 50)
    authors = [make_author() for _ in range(3)]
    tags = [Tag.objects.create(name=name) for name in BULK_TAGS]
    searches = {"common": "/search/?q=批量文章", "rare": "/search/?q=区块链"}
    fill(SMALL, 0, authors, tags)
    for n in range(3):
        make_article(f"区块链观察{n}", body="区块链与供应链金融。")
    reindex_all()
    small = {name: work(client, url) for name, url in searches.items()}

    fill(LARGE - SMALL, SMALL, authors, tags)
    reindex_all()
    large = {name: work(client, url) for name, url in searches.items()}

    grown = {
        name: (small[name], large[name]) for name in searches if large[name] > small[name] * 1.2 + 5
    }
    assert grown == {}
