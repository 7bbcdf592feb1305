"""`CachedPages`, the WSGI front door: stored pages answered exactly as Django answers them,
everything else passed on to Django."""

import io
import sys

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from articles.cache import CONTENT, bump
from articles.front_door import CachedPages
from tests.factories import make_article
from tests.site_fixtures import fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def django_app():
    """Django's own WSGI handler, without closing the test's database connection at the
    request signals (as Django's test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class Recording:
    """A WSGI application that answers 418 and counts the requests it was given."""

    def __init__(self):
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        start_response("418 I'm a teapot", [("Content-Type", "text/plain")])
        return [b"passed on"]


def answer(app, path, method="GET", scheme="http", host="testserver", **headers):
    """`(status, sorted headers, body)` of `app`'s answer to a request for `path`."""
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "443" if scheme == "https" else "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        **{f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()},
    }
    captured = {}

    def start_response(status, header_list, exc_info=None):
        captured["status"], captured["headers"] = status, sorted(header_list)

    body = app(environ, start_response)
    content = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return captured["status"], captured["headers"], content


@pytest.fixture
def article():
    return make_article("前门", body="缓存页面直接由前门答复。")


@pytest.fixture
def stored(django_app, article):
    """The article page, rendered once by Django and so stored in the page cache."""
    first = answer(django_app, article.get_absolute_url())
    assert first[0] == "200 OK"
    return first


def test_a_stored_page_is_answered_as_django_answers_it(django_app, article, stored):
    url = article.get_absolute_url()
    inner = Recording()

    front = answer(CachedPages(inner), url)

    assert inner.calls == 0
    assert front == answer(django_app, url) == stored


def test_a_stored_page_over_https_carries_the_security_headers(django_app, article, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    django_app = WSGIHandler()  # its middleware reads the settings when it is made
    url = article.get_absolute_url()
    answer(django_app, url, scheme="https")

    front = answer(CachedPages(Recording()), url, scheme="https")

    assert front == answer(django_app, url, scheme="https")
    assert ("Strict-Transport-Security", "max-age=3600") in front[1]


def test_a_page_kept_in_memory_is_not_changed_by_serving_it(django_app, article, settings):
    """The security headers added for one request stay out of the page kept for the next."""
    url = article.get_absolute_url()
    answer(WSGIHandler(), url, scheme="https")
    front = CachedPages(Recording())
    settings.SECURE_HSTS_SECONDS = 3600
    assert "Strict-Transport-Security" in dict(answer(front, url, scheme="https")[1])

    settings.SECURE_HSTS_SECONDS = 0
    again = answer(front, url, scheme="https")

    assert "Strict-Transport-Security" not in dict(again[1])
    assert again == answer(WSGIHandler(), url, scheme="https")


def test_a_matching_etag_gets_a_304_from_the_front_door(django_app, article, stored):
    etag = dict(stored[1])["ETag"]
    url = article.get_absolute_url()

    front = answer(CachedPages(Recording()), url, if_none_match=etag)

    assert front[0] == "304 Not Modified"
    assert front == answer(django_app, url, if_none_match=etag)


def test_a_kept_page_answers_http_https_and_304s_as_django_does(django_app, article, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    django_app = WSGIHandler()
    url = article.get_absolute_url()
    etag = dict(answer(django_app, url)[1])["ETag"]
    answer(django_app, url, scheme="https")  # a page of its own (`page_identity`)
    front = CachedPages(Recording())

    for request in [{}, {"scheme": "https"}, {}, {"if_none_match": etag}, {"scheme": "https"}]:
        assert answer(front, url, **request) == answer(django_app, url, **request), request


def test_headers_a_server_adds_stay_out_of_the_kept_page(article, stored):
    """wsgiref, for one, adds its own headers to the list `start_response` is given."""
    front = CachedPages(Recording())
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": article.get_absolute_url(),
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    front(dict(environ), lambda status, headers: headers.append(("Server", "wsgiref")))

    assert answer(front, article.get_absolute_url()) == stored


def test_query_parameters_the_view_ignores_name_the_same_page(article, stored):
    front = answer(CachedPages(Recording()), article.get_absolute_url() + "?utm_source=feed")

    assert front == stored


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "POST"},
        {"cookie": "sessionid=abc"},
        {"cookie": "other=1; sessionid=abc"},
        {"host": "elsewhere.example"},
    ],
    ids=["post", "session", "session-among-others", "other-host"],
)
def test_requests_the_cache_must_not_answer_go_on_to_django(article, stored, request_kwargs):
    inner = Recording()

    front = answer(CachedPages(inner), article.get_absolute_url(), **request_kwargs)

    assert inner.calls == 1
    assert front[2] == b"passed on"


def test_a_host_django_refuses_is_refused_by_django(django_app, article, stored):
    front = answer(CachedPages(django_app), article.get_absolute_url(), host="evil.example")

    assert front[0].startswith("400")


def test_pages_not_stored_and_other_paths_go_on_to_django(article):
    inner = Recording()
    app = CachedPages(inner)

    answer(app, article.get_absolute_url())  # never rendered, so not stored
    answer(app, "/static/site.css")
    answer(app, "/no-such-page/")

    assert inner.calls == 3


def test_a_change_makes_the_stored_page_a_miss(article, stored):
    bump(CONTENT)
    inner = Recording()

    answer(CachedPages(inner), article.get_absolute_url())

    assert inner.calls == 1


def test_with_the_page_cache_off_everything_goes_on_to_django(article, stored, settings):
    settings.PAGE_CACHE = False
    inner = Recording()

    answer(CachedPages(inner), article.get_absolute_url())

    assert inner.calls == 1


def test_a_redirect_to_https_is_left_to_django(article, stored, settings):
    settings.SECURE_SSL_REDIRECT = True
    inner = Recording()

    answer(CachedPages(inner), article.get_absolute_url())

    assert inner.calls == 1


def test_a_stored_page_costs_no_query(article, stored, django_assert_num_queries):
    with django_assert_num_queries(0):
        front = answer(CachedPages(Recording()), article.get_absolute_url())

    assert front == stored


def test_the_wsgi_entry_point_has_the_front_door():
    from config.wsgi import application

    assert isinstance(application, CachedPages)
    assert isinstance(application.application, WSGIHandler)
