"""Sharing an article: a QR code of its address, which WeChat users scan from a desktop.

Drawing a code takes tens of milliseconds (segno tries every mask), and a code depends on
nothing but its address, so each is drawn once and kept: in this process for the most
recent addresses, and in the shared `bodies` cache for the others and for other workers.
"""

import hashlib
from functools import lru_cache

from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe

QR_TIMEOUT = 30 * 24 * 60 * 60
RECENT = 64  # codes kept in each process


def qr_svg(url: str) -> SafeString:
    """`url` as an inline SVG QR code (segno writes only paths, no text of ours)."""
    return mark_safe(_kept_svg(url))  # segno's own markup: the URL is drawn as modules


@lru_cache(maxsize=RECENT)
def _kept_svg(url: str) -> str:
    key = "share-qr:" + hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()
    bodies = caches["bodies"]
    svg = bodies.get(key)
    if svg is None:
        svg = draw_svg(url)
        bodies.set(key, svg, QR_TIMEOUT)
    return svg


def draw_svg(url: str) -> str:
    """A new drawing of `url`'s QR code as inline SVG markup."""
    import segno

    code = segno.make(url, error="m")
    svg = code.svg_inline(
        scale=4, border=2, dark="#1d2125", light="#ffffff", svgclass="share__qr", omitsize=True
    )
    return svg.replace("<svg ", '<svg role="img" aria-label="本文网址的二维码" ', 1)
