"""Each tag link keeps its article's publication time, whichever way the link or the
article is written, so that a tag's pages read its newest links in index order."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles import editing, statistics
from articles.models import Article, Tag, TaggedArticle
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db


def link_dates(article) -> set:
    return set(
        TaggedArticle.objects.filter(content_object=article).values_list("published_at", flat=True)
    )


def test_a_new_articles_links_take_its_time():
    when = timezone.now() - timedelta(days=2)
    article = Article(
        title="新文章",
        author=make_author(),
        body="正文。",
        status=Article.Status.PUBLISHED,
        published_at=when,
    )
    editing.save(article, user=None, tags=["SaaS", "供应链"])
    assert link_dates(article) == {when}


def test_links_follow_a_new_publication_time_and_new_tags_take_it():
    article = make_article(tags=["SaaS"])
    later = timezone.now() - timedelta(minutes=5)
    article.published_at = later
    editing.save(article, user=None, tags=["SaaS", "工业软件"])
    assert link_dates(article) == {later}


def test_unpublishing_clears_the_links_time():
    article = make_article(tags=["SaaS", "供应链"])
    article.status, article.published_at = Article.Status.DRAFT, None
    editing.save(article, user=None)
    assert link_dates(article) == {None}


def test_bulk_retagging_and_merging_give_links_the_articles_time():
    article = make_article(tags=["SaaS"])
    editing.retag([article], user=None, add=["数字化转型"])
    survivor = Tag.objects.create(name="云计算")
    editing.merge_tags(survivor, [Tag.objects.get(name="SaaS")])
    assert link_dates(article) == {article.published_at}
    assert set(article.tags.values_list("name", flat=True)) == {"数字化转型", "云计算"}


def test_a_tag_page_follows_a_changed_publication_time(client, django_capture_on_commit_callbacks):
    author = make_author()
    now = timezone.now()
    older = make_article(
        "较早的文章", author=author, tags=["SaaS"], published_at=now - timedelta(days=3)
    )
    newer = make_article(
        "较新的文章", author=author, tags=["SaaS"], published_at=now - timedelta(days=1)
    )
    tag = Tag.objects.get(name="SaaS")
    assert [a.title for a in client.get(tag.get_absolute_url()).context["articles"]] == [
        newer.title,
        older.title,
    ]

    older.published_at = now - timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        editing.save(older, user=None)

    assert [a.title for a in client.get(tag.get_absolute_url()).context["articles"]] == [
        older.title,
        newer.title,
    ]
    feed = client.get(f"/tags/{tag.slug}/feed/rss/").content.decode()
    assert feed.index(older.title) < feed.index(newer.title)


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_links_their_articles_time(migrate_to):
    article = make_article(tags=["SaaS", "供应链"])
    before, after = "0026_search_rowid_ranges", "0027_tag_links_keep_the_date"

    migrate_to(before)
    migrate_to(after)

    assert link_dates(article) == {article.published_at}


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL's costs differ"
)
def test_a_tag_page_reads_its_newest_links_in_index_order():
    """Not every article of the tag sorted by date: its links read newest first from
    their index, the first twenty kept. The planner sees this with statistics, which a
    migration and an import refresh."""
    author = make_author()
    for n in range(60):
        make_article(author=author, tags=["SaaS"] if n % 10 == 0 else ["供应链"])
    statistics.refresh()
    listing = Article.objects.published().for_listing().tagged(Tag.objects.get(name="SaaS"))
    sql, params = listing[:20].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " / ".join(row[-1] for row in cursor.fetchall())

    assert plan.startswith(
        "SEARCH articles_taggedarticle USING COVERING INDEX tag_link_newest_first"
    )
    assert "TEMP B-TREE" not in plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's sqlite_stat1")
def test_an_import_leaves_statistics_for_the_planner():
    from articles.importer.load import import_documents
    from tests.test_import_unchanged import documents

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
    import_documents(documents(2))

    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        analysed = {row[0] for row in cursor.fetchall()}
    assert {"articles_article", "articles_taggedarticle"} <= analysed
