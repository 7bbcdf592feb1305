"""Old addresses keep working: a changed article slug or a merged tag answers with a 301.

Which addresses are article or tag pages is read from the URLconf (`resolve`), so the
URL shapes are defined once, in `articles/urls.py`.
"""

from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse

from .models import Article, SlugRedirect, TagAlias

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
