"""Pictures in feeds: the cover as an enclosure, and absolute image addresses in the text."""

import re

from django.utils.feedgenerator import Enclosure

_IMAGE_URLS = re.compile(r'(?P<attr>\b(?:src|srcset))="(?P<value>[^"]*)"')


def _absolute(url: str, origin: str) -> str:
    return origin + url if url.startswith("/") and not url.startswith("//") else url


def absolute_image_urls(html: str, origin: str) -> str:
    """`html` with every site-relative `src` and `srcset` address prefixed by `origin`."""

    def fix(match):
        candidates = []
        for candidate in match["value"].split(", "):
            url, _, descriptor = candidate.strip().partition(" ")
            candidates.append(f"{_absolute(url, origin)} {descriptor}".strip())
        return f'{match["attr"]}="{", ".join(candidates)}"'

    return _IMAGE_URLS.sub(fix, html)


class ImageFeedMixin:
    """For an article `Feed` whose items have `cover` selected: the social card as the
    enclosure, and pictures in the full text that feed readers can fetch."""

    def item_enclosures(self, item):
        if item.cover is None:
            return []
        card = item.cover.social
        return [Enclosure(card.src, str(item.cover.social_bytes()), card.mime_type)]

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        origin = request.build_absolute_uri("/").rstrip("/")
        for item in feed.items:
            for key in ("description", "content"):
                if item.get(key):
                    item[key] = absolute_image_urls(item[key], origin)
            item["enclosures"] = [
                Enclosure(_absolute(enclosure.url, origin), enclosure.length, enclosure.mime_type)
                for enclosure in item.get("enclosures") or []
            ]
        return feed
