"""Reader-facing middleware: cached pages served first, old addresses redirected.

Which addresses are cached pages, article or tag pages is read from the URLconf
(`resolve`), so the URL shapes are defined once, in the `urls.py` modules.
"""

from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse

from .cache import PAGE_TIMEOUT, conditional, content_version, page_key
from .models import Article, SlugRedirect, TagAlias


class CachedPageMiddleware:
    """The page cache's front door (`articles.cache.cached_page` is the back door).

    A GET without a session cookie for a page the cache keeps is answered from the
    `pages` cache before the session, user, CSRF and other middleware run: no query, no
    session read. A new page, marked by `cached_page`, is stored here on its way out, with
    the headers the middleware below added (security policy, Vary, language), so that a
    stored page is served exactly as the first reader got it.
    Put it right after `SecurityMiddleware` and WhiteNoise. Under a WSGI server,
    `articles.front_door.CachedPages` answers the same requests before Django's handler.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.PAGE_CACHE
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        ):
            identity = cached_page_identity(request.path_info)
            if identity is not None:
                stored = caches["pages"].get(page_key(request, identity, content_version()))
                if stored is not None:
                    return conditional(request, stored)
        response = self.get_response(request)
        key = getattr(response, "page_cache_key", None)
        if key is None:
            return response
        del response.page_cache_key
        if response.cookies:  # set by the middleware below (CSRF): this reader's own
            return response
        caches["pages"].set(key, response, PAGE_TIMEOUT)
        return conditional(request, response)


@lru_cache(maxsize=2048)
def cached_page_identity(path: str):
    """The `page_identity` of the cached view serving `path`, or None; the URLconf does
    not change while a process runs, so each path is resolved once."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return getattr(match.func, "page_identity", None)


ARTICLE_VIEWS = {"articles:detail"}
TAG_VIEWS = {"articles:tag", "articles:tag_rss", "articles:tag_atom"}


class SlugRedirectMiddleware:
    """Turn a 404 on an old article or tag address into a 301 to the current one.

    Only 404s are looked at, so a live page always wins over an old slug. Readers are
    sent on only to an article they may see (`ArticleQuerySet.visible_to`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return response
        slug = match.kwargs.get("slug")
        url = None
        if slug and match.view_name in ARTICLE_VIEWS:
            url = _article_url(request, slug)
        elif slug and match.view_name in TAG_VIEWS:
            url = _tag_url(match.view_name, slug)
        if url is None:
            return response
        if request.META.get("QUERY_STRING"):
            url = f"{url}?{request.META['QUERY_STRING']}"
        return HttpResponsePermanentRedirect(url)


def _article_url(request, slug: str) -> str | None:
    redirect = (
        SlugRedirect.objects.select_related("article")
        .filter(old_slug=slug, article__in=Article.objects.visible_to(request.user))
        .first()
    )
    return redirect.article.get_absolute_url() if redirect else None


def _tag_url(view_name: str, slug: str) -> str | None:
    alias = TagAlias.objects.select_related("tag").filter(old_slug=slug).first()
    return reverse(view_name, kwargs={"slug": alias.tag.slug}) if alias else None
