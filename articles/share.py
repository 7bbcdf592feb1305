"""Sharing an article: a QR code of its address, which WeChat users scan from a desktop."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str) -> SafeString:
    """`url` as an inline SVG QR code (segno writes only paths, no text of ours)."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(
        scale=4, border=2, dark="#1d2125", light="#ffffff", svgclass="share__qr", omitsize=True
    )
    svg = svg.replace("<svg ", '<svg role="img" aria-label="本文网址的二维码" ', 1)
    return mark_safe(svg)  # segno's own markup: the URL is drawn as modules, never as text
