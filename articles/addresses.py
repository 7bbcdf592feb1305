"""Addresses of pages, reversed once per URL pattern instead of once per link.

`reverse()` matches a pattern's converters and quotes every argument on each call; a page
of twenty teasers and a navigation bar calls it dozens of times. Here each pattern is
reversed once (per URL configuration and script prefix) with a stand-in slug, and links
are made by putting the real slug in its place. A slug that the `slug` converter would
not accept goes through `reverse()` as before, and fails there the same way.
"""

import re
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_STAND_IN = "slug-stand-in"


def slug_url(viewname: str, slug: str) -> str:
    """`reverse(viewname, args=[slug])` for a pattern taking one `<slug:…>`."""
    if not _SLUG.fullmatch(slug):
        return reverse(viewname, args=[slug])
    head, tail = _split(viewname, get_script_prefix(), get_urlconf())
    return f"{head}{slug}{tail}"


def page_url(viewname: str) -> str:
    """`reverse(viewname)` for a pattern without arguments."""
    return _reversed(viewname, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=128)
def _split(viewname, script_prefix, urlconf) -> tuple[str, str]:
    head, tail = reverse(viewname, args=[_STAND_IN], urlconf=urlconf).split(_STAND_IN)
    return head, tail


@lru_cache(maxsize=128)
def _reversed(viewname, script_prefix, urlconf) -> str:
    return reverse(viewname, urlconf=urlconf)


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _split.cache_clear()
        _reversed.cache_clear()
