"""Version stamps for what readers see, and the anonymous page cache keyed on them.

A stamp is a nanosecond timestamp kept in the `stamps` cache; the receivers bump it once
a change to an article, author, tag or glossary entry has committed, so every cached page
key changes with it. Pages live in the `pages` cache, which may evict them.
Articles scheduled for later are noticed too: each process keeps the earliest future
`published_at` of the current stamp, and the stamp is bumped once that moment has passed.

Each process sees the stamps of the cache it is configured with: with several worker
processes, use a shared cache backend so that an edit reaches all of them at once.
Within one request the stamps are read once: a page is built from a single state of the
content, and its parts do not each ask the cache again.
"""

import hashlib
import time
from functools import wraps

from asgiref.local import Local
from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db.models import Min
from django.db.models.functions import Now
from django.dispatch import receiver
from django.template.response import SimpleTemplateResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date, parse_http_date_safe, urlencode

from .models import Article

CONTENT = "content"
GLOSSARY = "glossary"
PAGE_TIMEOUT = 60 * 60
_schedule: tuple[int | None, float | None] = (None, None)  # (content stamp, when next due)
_request = Local()


@receiver(request_started)
def _request_began(**kwargs):
    _request.stamps = {}


@receiver(request_finished)
def _request_ended(**kwargs):
    _request.stamps = None


def _remembered(name: str, read):
    """`read()`, read once per request (and every time outside one)."""
    stamps = getattr(_request, "stamps", None)
    if stamps is None:
        return read()
    if name not in stamps:
        stamps[name] = read()
    return stamps[name]


def _key(scope: str) -> str:
    return f"version:{scope}"


def version(scope: str) -> int:
    """The current stamp of `scope`, created on first use."""
    return _remembered(scope, lambda: _read_version(scope))


def _read_version(scope: str) -> int:
    stamps = caches["stamps"]
    stamp = stamps.get(_key(scope))
    if stamp is None:
        stamps.add(_key(scope), time.time_ns(), None)
        stamp = stamps.get(_key(scope))
    return stamp


def bump(*scopes: str) -> None:
    """Mark each of `scopes` as changed: every key built from its stamp changes.

    Call it only once the change is committed (the receivers do, in `on_commit`): a page
    rendered before the commit would otherwise be cached under the new stamp.
    """
    stamps = caches["stamps"]
    if remembered := getattr(_request, "stamps", None):
        remembered.clear()
    for scope in scopes:
        previous = stamps.get(_key(scope)) or 0
        stamps.set(_key(scope), max(time.time_ns(), previous + 1), None)


def content_version() -> int:
    """The content stamp, bumped first if a scheduled article has come due since."""
    return _remembered("content-due", _read_content_version)


def _read_content_version() -> int:
    """The content stamp; this process works out, once per stamp, when the earliest
    scheduled article comes due (one query), and bumps the stamp once that has passed."""
    global _schedule
    stamp = version(CONTENT)
    schedule = _schedule
    if schedule[0] != stamp:
        due = Article.objects.filter(published_at__gt=Now()).aggregate(due=Min("published_at"))
        schedule = _schedule = (stamp, due["due"] and due["due"].timestamp())
    if schedule[1] is not None and schedule[1] <= time.time():
        bump(CONTENT)
        return _read_content_version()
    return stamp


def per_content(name: str, compute):
    """`compute()`, worked out once per content stamp and kept in the `pages` cache under
    `name`: for parts of pages (related articles, neighbours) that any edit may change."""
    key = f"part:{content_version()}:{name}"
    pages = caches["pages"]
    value = pages.get(key)
    if value is None:
        value = compute()
        pages.set(key, value, PAGE_TIMEOUT)
    return value


def page_identity(request, params=()) -> str:
    """The page a URL names: its scheme, host and path, and of its query string only the
    `params` the view reads, in a fixed order. `?utm_source=…` names the same page."""
    query = urlencode(sorted((name, request.GET[name]) for name in params if name in request.GET))
    return f"{request.scheme}://{request.get_host()}{request.path}?{query}"


def page_key(request, identity, stamp: int) -> str:
    """The cache key of the page `identity(request)` names, under the content `stamp`."""
    digest = hashlib.md5(identity(request).encode(), usedforsecurity=False).hexdigest()
    return f"page:{stamp}:{digest}"


def conditional(request, response):
    """`response`, or a 304 when the request already holds it (ETag or Last-Modified)."""
    return get_conditional_response(
        request,
        etag=response.headers.get("ETag"),
        last_modified=parse_http_date_safe(response.headers["Last-Modified"]),
        response=response,
    )


def cached_page(view, identity=None, *, params=()):
    """Serve anonymous GETs from a cache keyed on the content stamp, answering with 304s.

    The key is `page_identity(request, params)`: the path and the query parameters the view
    reads, so unknown parameters neither change the page nor fill the cache; a view whose
    parameters need normalising passes `identity(request)` instead.

    Each response carries an ETag (a digest of the body) and a Last-Modified date (the last
    content change, which also covers removals that a feed's newest item date would not),
    and must be revalidated before reuse.
    Signed-in readers, such as staff previewing drafts, always get a fresh page, and so
    does everyone when the `PAGE_CACHE` setting is off.

    A new page is marked with its key (`page_cache_key`) and stored by
    `articles.middleware.CachedPageMiddleware` once the middleware has added its headers;
    that middleware also serves stored pages to readers without a session, before any
    other middleware runs. This wrapper serves them to the others (an expired session).
    """
    identify = identity or (lambda request: page_identity(request, params))

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if (
            not settings.PAGE_CACHE
            or request.method not in ("GET", "HEAD")
            or request.user.is_authenticated
        ):
            return view(request, *args, **kwargs)
        stamp = content_version()
        key = page_key(request, identify, stamp)
        response = caches["pages"].get(key)
        if response is not None:
            return conditional(request, response)
        response = view(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse):
            response.render()
        if response.status_code != 200 or response.streaming or response.cookies:
            return response
        set_response_etag(response)
        response.headers["Last-Modified"] = http_date(stamp // 1_000_000_000)
        patch_cache_control(response, max_age=0, must_revalidate=True)
        response.page_cache_key = key
        return response

    wrapper.page_identity = identify
    return wrapper
