"""Pillow work: check that an upload is a real, reasonable picture and draw its renditions.

Nothing here touches storage or the database. Large JPEGs are decoded at a reduced scale
(`Image.draft`) just big enough for the largest rendition, which bounds time and memory.
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from . import renditions
from .renditions import Spec

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
ENCODER_OPTIONS = {
    "avif": {"quality": 60, "speed": 8},
    "webp": {"quality": 80, "method": 4},
    "jpeg": {"quality": 82, "optimize": True, "progressive": True},
    "png": {"optimize": True},
}


class Refused(ValueError):
    """An upload that is not accepted; the message says why, in the editor's language."""


@dataclass
class Picture:
    """A verified upload, decoded (possibly at reduced scale) and turned upright."""

    format: str
    extension: str
    width: int  # of the upright original
    height: int
    has_alpha: bool
    pixels: PILImage.Image  # upright, possibly smaller than width × height


def largest_needed() -> int:
    """The widest rendition any spec makes, in pixels."""
    return max(spec.width * max(spec.densities) for spec in renditions.SPECS.values())


def open_picture(data: bytes) -> Picture:
    """Decode `data`, refusing anything but a sound JPEG, PNG, WebP or GIF within limits."""
    if len(data) > settings.MEDIA_MAX_UPLOAD_BYTES:
        raise Refused(
            f"文件太大（{len(data) / 1e6:.1f} MB），上限为 "
            f"{settings.MEDIA_MAX_UPLOAD_BYTES / 1e6:.0f} MB。"
        )
    if _looks_like_svg(data):
        raise Refused("不接受 SVG：矢量图可以携带脚本，请导出为 PNG 或 JPEG 再上传。")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as probe:
                kind = probe.format
                size = probe.size
                probe.verify()
    except PILImage.DecompressionBombError:
        raise Refused("像素数大得异常（疑似“解压炸弹”），拒绝处理。") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise Refused(f"不是可识别的图片文件（{type(error).__name__}）。") from None
    if kind not in ACCEPTED_FORMATS:
        raise Refused(f"不支持 {kind} 格式，请上传 JPEG、PNG、WebP 或 GIF。")
    if size[0] * size[1] > settings.MEDIA_MAX_PIXELS:
        raise Refused(
            f"像素太多（{size[0]}×{size[1]}），上限为 {settings.MEDIA_MAX_PIXELS / 1e6:.0f} "
            "百万像素；疑似“解压炸弹”，或请缩小后再上传。"
        )
    try:
        return _decode(data, kind)
    except (OSError, SyntaxError, ValueError) as error:
        raise Refused(f"图片数据已损坏或不完整（{error}）。") from None


def _looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head


def _decode(data: bytes, kind: str) -> Picture:
    with PILImage.open(io.BytesIO(data)) as image:
        orientation = image.getexif().get(0x0112, 1)
        turned = orientation in (5, 6, 7, 8)
        width, height = (image.height, image.width) if turned else image.size
        if image.format == "JPEG":  # scaled decode: the whole stream is read, into less memory
            image.draft("RGB", _draft_request(image.size, turned))
        image.load()  # raises on truncated data
        upright = ImageOps.exif_transpose(image)
        has_alpha = upright.mode in ("RGBA", "LA", "PA") or (
            upright.mode == "P" and "transparency" in upright.info
        )
        pixels = upright.convert("RGBA" if has_alpha else "RGB")
    return Picture(kind, ACCEPTED_FORMATS[kind], width, height, has_alpha, pixels)


def _draft_request(raw: tuple[int, int], turned: bool) -> tuple[int, int]:
    """The smallest decoded size (in stored orientation) that still gives the widest rendition."""
    raw_w, raw_h = raw
    need = largest_needed()
    if turned:  # the upright width is the stored height
        return round(need * raw_w / raw_h), need
    return need, round(need * raw_h / raw_w)


def draw(picture: Picture, spec: Spec, size: tuple[int, int], focal: tuple[float, float]):
    """The pixels of `spec` at output `size`: cropped around `focal`, then resized."""
    src = picture.pixels
    left, top, right, bottom = renditions.crop_box(spec, picture.width, picture.height, *focal)
    scale_x, scale_y = src.width / picture.width, src.height / picture.height
    box = (left * scale_x, top * scale_y, right * scale_x, bottom * scale_y)
    return src.resize(size, PILImage.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def encode(pixels: PILImage.Image, fmt: str) -> bytes:
    """`pixels` as a file of format `fmt`, with no metadata at all (EXIF, GPS, XMP)."""
    out = io.BytesIO()
    pixels.save(out, format=fmt.upper(), **ENCODER_OPTIONS[fmt])
    return out.getvalue()
