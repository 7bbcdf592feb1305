"""Old article addresses keep working: a slug changed after publication answers with a 301."""

import re

from django.http import HttpResponsePermanentRedirect

from .models import SlugRedirect

ARTICLE_PATH = re.compile(r"^/articles/(?P<slug>[-a-zA-Z0-9_]+)/$")


class SlugRedirectMiddleware:
    """Turn a 404 on `/articles/<old-slug>/` into a 301 to the article's current address.

    Only 404s are looked at, so a live article always wins over an old slug. Readers are
    sent on only to an article they may see; staff also to unpublished ones.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        match = ARTICLE_PATH.match(request.path_info)
        if match is None:
            return response
        redirect = (
            SlugRedirect.objects.select_related("article").filter(old_slug=match["slug"]).first()
        )
        if redirect is None:
            return response
        article = redirect.article
        if not (article.is_visible or request.user.is_staff):
            return response
        url = article.get_absolute_url()
        if request.META.get("QUERY_STRING"):
            url = f"{url}?{request.META['QUERY_STRING']}"
        return HttpResponsePermanentRedirect(url)
