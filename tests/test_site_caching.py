"""Anonymous page cache and conditional GET: fast repeats, 304s, and edits seen at once."""

import time
from contextlib import contextmanager
from datetime import timedelta
from functools import partial

import pytest
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone

from articles.cache import GLOSSARY, content_version, version
from articles.models import Article
from articles.search.index import reindex_all
from tests.factories import make_article, make_term
from tests.site_fixtures import fresh_cache, log_in_staff  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article("原来的标题", tags=["SaaS"], body="谈谈 SaaS 的定价。")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A block whose changes commit when it ends: the stamps are bumped then."""
    return partial(django_capture_on_commit_callbacks, execute=True)


def test_repeat_requests_are_served_from_the_cache(client, article, django_assert_num_queries):
    first = client.get(article.get_absolute_url())

    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())

    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "max-age=0" in second["Cache-Control"]


def test_cached_pages_are_served_before_session_and_user_are_read(client, article, monkeypatch):
    first = client.get(article.get_absolute_url())
    read = []
    monkeypatch.setattr(
        "django.contrib.auth.middleware.get_user", lambda request: read.append("user")
    )
    monkeypatch.setattr(
        "django.contrib.sessions.backends.db.SessionStore.load",
        lambda store: read.append("session"),
    )

    second = client.get(article.get_absolute_url())

    assert read == []
    assert second.content == first.content
    for header in ("ETag", "Last-Modified", "X-Frame-Options", "Content-Security-Policy", "Vary"):
        assert second[header] == first[header], header


def test_readers_with_a_session_cookie_still_get_the_cached_page(client, article):
    first = client.get(article.get_absolute_url())
    client.cookies["sessionid"] = "expired-or-unknown"

    again = client.get(article.get_absolute_url(), headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304


@pytest.mark.parametrize(
    "url",
    [
        lambda a: "/",
        lambda a: a.get_absolute_url(),
        lambda a: "/articles/",
        lambda a: a.author.get_absolute_url(),
        lambda a: "/tags/saas/",
        lambda a: "/glossary/",
        lambda a: "/feed/rss/",
        lambda a: "/tags/saas/feed/atom/",
        lambda a: "/sitemap.xml",
        lambda a: "/sitemap-articles.xml",
        lambda a: "/robots.txt",
    ],
)
def test_matching_etag_gets_304(client, article, url):
    first = client.get(url(article))

    again = client.get(url(article), headers={"if-none-match": first["ETag"]})

    assert first.status_code == 200
    assert again.status_code == 304
    assert again.content == b""


def test_matching_if_modified_since_gets_304(client, article):
    first = client.get("/")

    again = client.get("/", headers={"if-modified-since": first["Last-Modified"]})
    stale = client.get("/", headers={"if-none-match": '"something-else"'})

    assert again.status_code == 304
    assert stale.status_code == 200


def test_editing_an_article_changes_its_page_and_etag_at_once(client, article, committed):
    before = client.get(article.get_absolute_url())

    with committed():
        article.title = "改过的标题"
        article.save()
    after = client.get(article.get_absolute_url(), headers={"if-none-match": before["ETag"]})

    assert after.status_code == 200
    assert "<h1>改过的标题</h1>" in after.content.decode()
    assert after["ETag"] != before["ETag"]
    assert "改过的标题" in client.get("/").content.decode()


def test_publishing_and_archiving_show_at_once(client, article, committed):
    with committed():
        draft = make_article("待发布的稿子", status=Article.Status.DRAFT)
    assert "待发布的稿子" not in client.get("/").content.decode()
    assert "待发布的稿子" not in client.get("/feed/rss/").content.decode()

    with committed():
        draft.status = Article.Status.PUBLISHED
        draft.save()

    assert "待发布的稿子" in client.get("/").content.decode()
    assert "待发布的稿子" in client.get("/feed/rss/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 200

    with committed():
        draft.status = Article.Status.ARCHIVED
        draft.save()

    assert "待发布的稿子" not in client.get("/feed/rss/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_tag_changes_show_at_once(client, article, committed):
    assert client.get("/tags/").context["tags"][0].article_count == 1

    with committed():
        make_article("第二篇", tags=["SaaS"])
        article.tags.remove("SaaS")
        article.tags.add("新标签")

    names = {tag.name: tag.article_count for tag in client.get("/tags/").context["tags"]}
    assert names == {"SaaS": 1, "新标签": 1}


def test_glossary_changes_show_in_article_and_glossary_at_once(client, article, committed):
    assert 'class="term"' not in client.get(article.get_absolute_url()).content.decode()

    with committed():
        entry = make_term("SaaS", "第一版定义。")
    assert "第一版定义。" in client.get(article.get_absolute_url()).content.decode()
    assert "第一版定义。" in client.get("/glossary/").content.decode()

    with committed():
        entry.definition = "第二版定义。"
        entry.save()
    assert "第二版定义。" in client.get(article.get_absolute_url()).content.decode()

    with committed():
        entry.delete()
    assert 'class="term"' not in client.get(article.get_absolute_url()).content.decode()


def test_scheduled_article_appears_when_due_without_any_save(client, article):
    due = timezone.now() + timedelta(seconds=1.5)
    make_article("定时发布", published_at=due)
    assert "定时发布" not in client.get("/").content.decode()

    time.sleep(max(0.0, (due - timezone.now()).total_seconds()) + 0.2)

    assert "定时发布" in client.get("/").content.decode()


def test_signed_in_readers_bypass_the_cache(client, django_user_model, article):
    client.get("/")
    Article.objects.filter(pk=article.pk).update(title="绕过信号的修改")
    assert "绕过信号的修改" not in client.get("/").content.decode()

    staff = log_in_staff(client, django_user_model)

    assert "绕过信号的修改" in staff.get("/").content.decode()


def test_not_found_pages_are_not_cached(client, article):
    draft = make_article("草稿", status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404

    Article.objects.filter(pk=draft.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now()
    )

    assert client.get(draft.get_absolute_url()).status_code == 200


def _search(client, q, **headers):
    return client.get("/search/", {"q": q}, headers=headers)


def test_repeat_searches_are_served_from_the_cache(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_article("SaaS 的定价", body="谈谈 SaaS 的定价。")
    first = _search(client, "SaaS")
    empty = _search(client, "没有这个词")

    with django_assert_num_queries(0):
        second = _search(client, "SaaS")
        spaced = client.get("/search/", {"q": "  SaaS ", "page": "x", "utm": "1"})
        empty_again = _search(client, "没有这个词")

    assert "<mark>SaaS</mark>" in first.content.decode()
    assert second.content == spaced.content == first.content
    assert second["ETag"] == first["ETag"]
    assert empty_again.content == empty.content
    assert _search(client, "SaaS", if_none_match=first["ETag"]).status_code == 304
    assert _search(client, "没有这个词", if_none_match=empty["ETag"]).status_code == 304


def test_search_results_follow_edits_and_schedules_at_once(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("腾讯的布局", body="腾讯在产业互联网方面的布局。")
        draft = make_article("腾讯草稿", body="腾讯", status=Article.Status.DRAFT)
        due = timezone.now() + timedelta(seconds=1.5)
        make_article("腾讯定时", body="腾讯", published_at=due)
    before = _search(client, "腾讯")
    assert "找到 1 篇相关文章" in before.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "腾讯的新布局"
        article.save()
        draft.status = Article.Status.PUBLISHED
        draft.save()
    after = _search(client, "腾讯", if_none_match=before["ETag"])

    assert after.status_code == 200
    assert "找到 2 篇相关文章" in after.content.decode()
    assert "<mark>腾讯</mark>的新布局" in after.content.decode()

    time.sleep(max(0.0, (due - timezone.now()).total_seconds()) + 0.2)

    assert "找到 3 篇相关文章" in _search(client, "腾讯").content.decode()


def test_signed_in_readers_bypass_the_search_cache(client, django_user_model, article):
    assert "没有找到" in _search(client, "续费").content.decode()
    Article.objects.filter(pk=article.pk).update(body="谈谈 SaaS 的续费。")
    reindex_all()  # changes the index without a receiver, so the cached page does not know

    assert "没有找到" in _search(client, "续费").content.decode()
    staff = log_in_staff(client, django_user_model)
    assert "<mark>续费</mark>" in staff.get("/search/", {"q": "续费"}).content.decode()


@pytest.mark.parametrize("page_cache", [True, False])
def test_a_page_reads_each_stamp_once(client, article, settings, monkeypatch, page_cache):
    settings.PAGE_CACHE = page_cache
    content_version(), version(GLOSSARY)  # created: a new stamp is read back once more
    stamps = caches["stamps"]
    reads = []
    read = stamps.get

    def counted(key, *args, **kwargs):
        reads.append(key)
        return read(key, *args, **kwargs)

    monkeypatch.setattr(stamps, "get", counted)

    assert client.get(article.get_absolute_url()).status_code == 200

    assert reads and len(reads) == len(set(reads))


@pytest.fixture
def in_a_request():
    """The request signals, as the test client sends them: without closing the test's
    database connection."""

    @contextmanager
    def request():
        for signal in (request_started, request_finished):
            signal.disconnect(close_old_connections)
        request_started.send(sender=None)
        try:
            yield
        finally:
            request_finished.send(sender=None)
            for signal in (request_started, request_finished):
                signal.connect(close_old_connections)

    return request


def test_a_change_within_a_request_is_seen_by_the_rest_of_it(article, committed, in_a_request):
    with in_a_request():
        before = content_version()
        with committed():
            article.title = "改过的标题"
            article.save()
        assert content_version() > before


def test_outside_a_request_every_read_sees_the_cache(article):
    before = content_version()
    bump_elsewhere = caches["stamps"].set
    bump_elsewhere("version:content", before + 1, None)

    assert content_version() == before + 1
