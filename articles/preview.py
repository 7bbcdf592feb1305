"""Share links that let a reviewer without an account read an article before it is published.

A link carries `"<pk>:<preview_key>"` signed with a timestamp. It stops working when it is
older than `PREVIEW_LINK_MAX_AGE` (7 days by default), when it has been altered, or when the
article's `preview_key` is regenerated, which revokes every link shared so far.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.urls import reverse
from django.utils.cache import patch_cache_control

from .models import Article
from .views import ArticleDetailView

SALT = "articles.preview"


def max_age() -> timedelta:
    """How long a share link stays valid (`PREVIEW_LINK_MAX_AGE`, in seconds)."""
    return timedelta(seconds=settings.PREVIEW_LINK_MAX_AGE)


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def make_token(article: Article) -> str:
    return _signer().sign(f"{article.pk}:{article.preview_key}")


def share_link(request, article: Article) -> tuple[str, datetime]:
    """The absolute share URL for `article`, and when it expires."""
    url = request.build_absolute_uri(reverse("preview:article", args=[make_token(article)]))
    return url, datetime.now(UTC) + max_age()


def read_token(token: str) -> tuple[int, str, datetime]:
    """`(pk, preview_key, expires)` from a valid token; Http404 for anything else."""
    signer = _signer()
    try:
        value = signer.unsign(token, max_age=max_age())
        signed_at = signing.b62_decode(token.rsplit(signer.sep, 2)[1])
    except (signing.BadSignature, ValueError):
        raise Http404 from None
    pk, _, key = value.partition(":")
    if not pk.isdigit() or not key:
        raise Http404
    return int(pk), key, datetime.fromtimestamp(signed_at, tz=UTC) + max_age()


class SharedPreviewView(ArticleDetailView):
    """The article page, for anyone holding a valid share link, kept out of search engines."""

    template_name = "articles/preview_article.html"

    def get_queryset(self):
        return Article.objects.with_public_flag().for_listing().with_tags()

    def get_object(self, queryset=None):
        pk, key, self.expires = read_token(self.kwargs["token"])
        if queryset is None:
            queryset = self.get_queryset()
        article = queryset.filter(pk=pk, preview_key=key).first()
        if article is None:
            raise Http404
        return article

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview_expires=self.expires, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        patch_cache_control(response, private=True, no_store=True)
        return response
