"""Old addresses keep working: a changed article slug or a merged tag answers with a 301."""

import re

from django.http import HttpResponsePermanentRedirect

from .models import Article, SlugRedirect, TagAlias

ARTICLE_PATH = re.compile(r"^/articles/(?P<slug>[-a-zA-Z0-9_]+)/$")
TAG_PATH = re.compile(r"^/tags/(?P<slug>[-a-zA-Z0-9_]+)/(?P<rest>(feed/(rss|atom)/)?)$")


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
        url = _article_url(request) or _tag_url(request)
        if url is None:
            return response
        if request.META.get("QUERY_STRING"):
            url = f"{url}?{request.META['QUERY_STRING']}"
        return HttpResponsePermanentRedirect(url)


def _article_url(request) -> str | None:
    match = ARTICLE_PATH.match(request.path_info)
    if match is None:
        return None
    redirect = (
        SlugRedirect.objects.select_related("article")
        .filter(old_slug=match["slug"], article__in=Article.objects.visible_to(request.user))
        .first()
    )
    if redirect is None:
        return None
    return redirect.article.get_absolute_url()


def _tag_url(request) -> str | None:
    match = TAG_PATH.match(request.path_info)
    if match is None:
        return None
    alias = TagAlias.objects.select_related("tag").filter(old_slug=match["slug"]).first()
    if alias is None:
        return None
    return alias.tag.get_absolute_url() + match["rest"]
