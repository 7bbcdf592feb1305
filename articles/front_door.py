"""Stored pages served in front of Django's request cycle.

`CachedPageMiddleware` answers a reader without a session from the page cache before the
other middleware run, but Django's handler still sends the request signals (closing old
database connections and caches), walks the middleware chain and builds the response
twice over. `CachedPages` wraps the WSGI application and answers those same requests
itself: the same key, the same stored response, the same 304s, with the security headers
`SecurityMiddleware` adds to every response. The pages it served last are kept in memory
(`RECENT_PAGES`): a page key changes with every edit, so a kept page is never stale.
Anything it does not find in the cache, and any request `SecurityMiddleware` would
redirect, goes on to Django untouched.
"""

import copy
import functools

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http.response import ResponseHeaders
from django.middleware.security import SecurityMiddleware

from .cache import conditional, content_version, page_key
from .middleware import cached_page_identity


class CachedPages:
    """WSGI middleware: `CachedPages(get_wsgi_application())`."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        response = _stored_response(environ)
        if response is None:
            return self.application(environ, start_response)
        start_response(f"{response.status_code} {response.reason_phrase}", [*response.items()])
        return [response.content]


RECENT_PAGES = 64  # pages each process keeps in memory, the most recently served


@functools.cache
def _security() -> SecurityMiddleware:
    """`SecurityMiddleware` reads its settings when it is made: made again when they change."""
    return SecurityMiddleware(lambda request: None)


@receiver(setting_changed)
def _settings_changed(**kwargs):
    _security.cache_clear()


def _stored_response(environ):
    """The response `CachedPageMiddleware` would give from the cache, or None."""
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
        stored = _stored_page(key)
    except _NotStored:
        return None
    response = copy.copy(stored)  # the security headers added below are this request's
    response.headers = ResponseHeaders(stored.headers)
    return security.process_response(request, conditional(request, response))


class _NotStored(Exception):
    """No page is stored under the key (raised so that `lru_cache` does not keep the miss)."""


@functools.lru_cache(maxsize=RECENT_PAGES)
def _stored_page(key: str):
    """The page stored under `key`, kept in memory once read: a key names one version of
    one page (`page_key`), so what it names does not change."""
    page = caches["pages"].get(key)
    if page is None:
        raise _NotStored  # not remembered: it may be stored next time
    return page
