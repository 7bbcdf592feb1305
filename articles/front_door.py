"""Stored pages served in front of Django's request cycle.

`CachedPageMiddleware` answers a reader without a session from the page cache before the
other middleware run, but Django's handler still sends the request signals (closing old
database connections and caches), walks the middleware chain and builds the response
twice over. `CachedPages` wraps the WSGI application and answers those same requests
itself: the same key, the same stored response, the same 304s, with the security headers
`SecurityMiddleware` adds to every response. The pages it served last are kept in memory
(`RECENT_PAGES`): a page key changes with every edit, so a kept page is never stale.
A kept page also keeps its status line and headers, security headers included, as it
sends them over HTTP and over HTTPS, so that a request that does not ask for a 304 is
answered without building a response. Anything it does not find in the cache, and any
request `SecurityMiddleware` would redirect, goes on to Django untouched.
"""

import copy
import functools
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.http.response import ResponseHeaders
from django.middleware.security import SecurityMiddleware

from .cache import conditional, content_version, page_key
from .middleware import cached_page_identity


class CachedPages:
    """WSGI middleware: `CachedPages(get_wsgi_application())`."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        answer = _stored_answer(environ)
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(status, list(headers))  # a server may add to the list it is given
        return [body]


RECENT_PAGES = 64  # pages each process keeps in memory, the most recently served


@functools.cache
def _security() -> SecurityMiddleware:
    """`SecurityMiddleware` reads its settings when it is made: made again when they change."""
    return SecurityMiddleware(lambda request: None)


@receiver(setting_changed)
def _settings_changed(**kwargs):
    _security.cache_clear()
    _stored_page.cache_clear()  # its headers were sent under the former settings


_CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


def _stored_answer(environ) -> tuple[str, list[tuple[str, str]], bytes] | None:
    """The status line, headers and body `CachedPageMiddleware` would answer with from
    the cache, or None."""
    if (
        not settings.PAGE_CACHE
        or environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
        or settings.SESSION_COOKIE_NAME in environ.get("HTTP_COOKIE", "")  # or a lookalike
    ):
        return None
    identity = cached_page_identity(environ.get("PATH_INFO", ""))
    if identity is None:
        return None
    request = WSGIRequest(environ)
    security = _security()
    if security.process_request(request):  # a redirect to HTTPS
        return None
    try:
        key = page_key(request, identity, content_version())
    except DisallowedHost:  # Django answers it
        return None
    try:
        page = _stored_page(key)
    except _NotStored:
        return None
    if any(name in environ for name in _CONDITIONAL):
        return _sent(_secured(request, conditional(request, _copy(page.response))))
    secure = request.is_secure()
    if secure not in page.sent:
        page.sent[secure] = _sent(_secured(request, _copy(page.response)))
    return page.sent[secure]


def _copy(stored):
    """A response to add this request's headers to, leaving the stored one as it is."""
    response = copy.copy(stored)
    response.headers = ResponseHeaders(stored.headers)
    return response


def _secured(request, response):
    return _security().process_response(request, response)


def _sent(response) -> tuple[str, list[tuple[str, str]], bytes]:
    return f"{response.status_code} {response.reason_phrase}", [*response.items()], response.content


@dataclass
class _Page:
    response: HttpResponse  # as stored
    sent: dict = field(default_factory=dict)  # request.is_secure() -> what `_sent` gives


class _NotStored(Exception):
    """No page is stored under the key (raised so that `lru_cache` does not keep the miss)."""


@functools.lru_cache(maxsize=RECENT_PAGES)
def _stored_page(key: str):
    """The page stored under `key`, kept in memory once read: a key names one version of
    one page (`page_key`), so what it names does not change."""
    response = caches["pages"].get(key)
    if response is None:
        raise _NotStored  # not remembered: it may be stored next time
    return _Page(response)
