"""Related articles are stored at write time and kept current by saves and tag changes."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.paginator import Paginator
from django.test import override_settings
from django.utils import timezone

from articles import related
from articles.cache import CONTENT, bump
from articles.counts import CountedPaginator
from articles.models import Article, RelatedArticle
from tests.factories import make_article
from tests.site_fixtures import bulk_articles

pytestmark = pytest.mark.django_db


def days_ago(days):
    return {"published_at": timezone.now() - timedelta(days=days)}


def shown(client, article):
    return list(client.get(article.get_absolute_url()).context["related"])


def stored(article):
    return list(
        RelatedArticle.objects.filter(article=article).values_list("other__title", "shared")
    )


def test_a_new_article_enters_the_lists_of_those_it_shares_tags_with(client):
    old = make_article("旧文", tags=["a", "b"], **days_ago(5))
    make_article("无关", tags=["z"], **days_ago(4))

    new = make_article("新文", tags=["a", "b", "c"], **days_ago(1))

    assert stored(old) == [("新文", 2)]
    assert shown(client, old)[0] == new


def test_retagging_and_unpublishing_update_the_stored_lists(client):
    base = make_article("基准", tags=["a"], **days_ago(5))
    other = make_article("其他", tags=["a"], **days_ago(3))
    assert stored(base) == [("其他", 1)]

    other.tags.set(["z"])
    assert stored(base) == []

    other.tags.set(["a"])
    other.status = Article.Status.ARCHIVED
    other.save()
    assert stored(base) == []
    assert other not in shown(client, base)


@override_settings(PAGE_CACHE=False)
def test_the_page_reads_the_stored_list(client):
    base = make_article("基准", tags=["a"], **days_ago(5))
    sharing = make_article("共同", tags=["a"], **days_ago(30))
    latest = [make_article(f"最新{n}", **days_ago(1 + n / 10)) for n in range(3)]
    assert shown(client, base) == [sharing, *latest[:2]]

    RelatedArticle.objects.all().delete()  # behind the write path's back: no new stamp
    assert shown(client, base) == [sharing, *latest[:2]]  # read once per content stamp

    bump(CONTENT)
    assert shown(client, base) == latest


def test_refreshing_everything_stores_what_saves_stored():
    for n in range(12):
        make_article(f"文{n}", tags=["a", "b", "c", "d"][: 1 + n % 4], **days_ago(n))
    bulk_articles(30, start=100)
    before = set(RelatedArticle.objects.values_list("article", "other", "shared"))

    call_command("refresh_related", verbosity=0)

    after = set(RelatedArticle.objects.values_list("article", "other", "shared"))
    assert before < after  # the bulk-made articles gain lists; the others keep theirs
    assert {row for row in after if row[0] in {a for a, _, _ in before}} == before
    assert max(sum(1 for row in after if row[0] == a) for a, _, _ in after) == related.STORED


@pytest.mark.parametrize("orphans", [0, 3])
def test_pages_read_from_the_end_are_the_pages_read_from_the_start(orphans):
    bulk_articles(47)
    articles = Article.objects.published().for_listing()
    plain = Paginator(articles, 10, orphans=orphans)
    counted = CountedPaginator(articles, 10, orphans=orphans)

    assert counted.num_pages == plain.num_pages
    for number in plain.page_range:
        assert list(counted.page(number)) == list(plain.page(number)), number


def test_a_count_changes_with_the_content(client, django_capture_on_commit_callbacks):
    bulk_articles(21)
    assert client.get("/articles/").context["paginator"].count == 21

    with django_capture_on_commit_callbacks(execute=True):
        make_article("新文")

    assert client.get("/articles/").context["paginator"].count == 22


def test_refreshing_in_small_chunks_stores_what_one_chunk_stores(monkeypatch):
    articles = [
        make_article(f"文{n}", tags=["a", "b", "c", "d"][: 1 + n % 4], **days_ago(n))
        for n in range(9)
    ]
    ids = [a.pk for a in articles]
    RelatedArticle.objects.all().delete()
    related.refresh_around(ids)
    whole = set(RelatedArticle.objects.values_list("article", "other", "shared"))

    RelatedArticle.objects.all().delete()
    monkeypatch.setattr(related, "CHUNK", 2)
    related.refresh_around(ids)

    assert set(RelatedArticle.objects.values_list("article", "other", "shared")) == whole


def test_a_batch_refreshes_related_articles_once_for_all_its_articles(monkeypatch):
    from articles import editing

    calls = []
    monkeypatch.setattr(related, "CHUNK", 2)
    monkeypatch.setattr(related, "refresh_around", lambda ids: calls.append(sorted(ids)))
    with editing.import_batch():
        saved = [make_article(f"批{n}", tags=["a"]) for n in range(5)]
    assert calls == [sorted(a.pk for a in saved)]
