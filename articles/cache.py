"""Version stamps for what readers see, and the anonymous page cache keyed on them.

A stamp is a nanosecond timestamp kept in the cache; signal handlers bump it when an
article, author, tag or glossary entry changes, so every cached page key changes with it.
Articles scheduled for later are noticed too: the earliest future `published_at` is kept
beside the stamp, and the stamp is bumped once that moment has passed.

Each process sees the stamps of the cache it is configured with: with several worker
processes, use a shared cache backend so that an edit reaches all of them at once.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.db.models.functions import Now
from django.template.response import SimpleTemplateResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

from .models import Article

CONTENT = "content"
GLOSSARY = "glossary"
PAGE_TIMEOUT = 60 * 60
_SCHEDULE_KEY = "version:schedule"


def _key(scope: str) -> str:
    return f"version:{scope}"


def version(scope: str) -> int:
    """The current stamp of `scope`, created on first use."""
    stamp = cache.get(_key(scope))
    if stamp is None:
        cache.add(_key(scope), time.time_ns(), None)
        stamp = cache.get(_key(scope))
    return stamp


def bump(scope: str) -> None:
    """Mark `scope` as changed: every key built from its stamp changes."""
    previous = cache.get(_key(scope)) or 0
    cache.set(_key(scope), max(time.time_ns(), previous + 1), None)


def content_version() -> int:
    """The content stamp, bumped first if a scheduled article has come due since."""
    stamp = version(CONTENT)
    schedule = cache.get(_SCHEDULE_KEY)
    if schedule is None or schedule[0] != stamp:
        due = Article.objects.filter(published_at__gt=Now()).aggregate(due=Min("published_at"))
        cache.set(_SCHEDULE_KEY, (stamp, due["due"] and due["due"].timestamp()), None)
    elif schedule[1] is not None and schedule[1] <= time.time():
        bump(CONTENT)
        return content_version()
    return stamp


def _page_key(request, stamp: int, identity=None) -> str:
    page = identity(request) if identity else request.build_absolute_uri()
    digest = hashlib.md5(page.encode(), usedforsecurity=False).hexdigest()
    return f"page:{stamp}:{digest}"


def cached_page(view, identity=None):
    """Serve anonymous GETs from a cache keyed on the content stamp, answering with 304s.

    The key holds the absolute URL, or what `identity(request)` returns instead: a string
    naming the page, for views whose URLs can name the same page in many ways.

    Each response carries an ETag (a digest of the body) and a Last-Modified date (the last
    content change, which also covers removals that a feed's newest item date would not),
    and must be revalidated before reuse.
    Signed-in readers, such as staff previewing drafts, always get a fresh page, and so
    does everyone when the `PAGE_CACHE` setting is off.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if (
            not settings.PAGE_CACHE
            or request.method not in ("GET", "HEAD")
            or request.user.is_authenticated
        ):
            return view(request, *args, **kwargs)
        stamp = content_version()
        key = _page_key(request, stamp, identity)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse):
                response.render()
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            set_response_etag(response)
            response.headers["Last-Modified"] = http_date(stamp // 1_000_000_000)
            patch_cache_control(response, max_age=0, must_revalidate=True)
            cache.set(key, response, PAGE_TIMEOUT)
        return get_conditional_response(
            request,
            etag=response.headers.get("ETag"),
            last_modified=parse_http_date_safe(response.headers["Last-Modified"]),
            response=response,
        )

    return wrapper
