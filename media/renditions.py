"""The sizes pages need, as pure geometry: names, dimensions and crop boxes of renditions.

Renditions have deterministic names beside the original (`<dir>/<spec>-<w>x<h>.<format>`),
so a page builds their URLs from the image row alone, with no query and no file lookup.
"""

from dataclasses import dataclass

from PIL import features


@dataclass(frozen=True)
class Spec:
    """One use of an image: `width` × `height` at 1×, cropped around the focal point when
    `crop`, else `height` follows the original's aspect ratio; `densities` adds 2× files;
    `modern` false keeps only the JPEG/PNG every consumer reads (share cards, enclosures)."""

    name: str
    width: int
    height: int | None = None
    crop: bool = False
    densities: tuple[int, ...] = (1, 2)
    sizes: str = ""
    modern: bool = True


THUMB = Spec("thumb", 320, 200, crop=True, sizes="(min-width: 40em) 10rem, 30vw")
ARTICLE = Spec("article", 720, sizes="(min-width: 48em) 45rem, 100vw")
SOCIAL = Spec("social", 1200, 630, crop=True, densities=(1,), modern=False)
PORTRAIT = Spec("portrait", 96, 96, crop=True, sizes="6rem")
SPECS = {spec.name: spec for spec in (THUMB, ARTICLE, SOCIAL, PORTRAIT)}

MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}


def modern_formats() -> tuple[str, ...]:
    """Formats offered before the fallback, best first: AVIF where Pillow can write it."""
    return ("avif", "webp") if features.check("avif") else ("webp",)


def fallback_format(has_alpha: bool) -> str:
    """The format every browser reads: PNG keeps transparency, JPEG everything else."""
    return "png" if has_alpha else "jpeg"


def box_size(spec: Spec, density: int, width: int, height: int) -> tuple[int, int]:
    """Output pixels of `spec` at `density` for a `width` × `height` original, never upscaled."""
    if not spec.crop:
        out_w = min(spec.width * density, width)
        return out_w, max(1, round(height * out_w / width))
    target_w, target_h = spec.width * density, spec.height * density
    scale = min(1.0, width / target_w, height / target_h)
    return max(1, round(target_w * scale)), max(1, round(target_h * scale))


def crop_box(
    spec: Spec, width: int, height: int, focal_x: float, focal_y: float
) -> tuple[int, int, int, int]:
    """The largest region of the original with `spec`'s aspect ratio, centred as near the
    focal point as the edges allow; the whole picture when `spec` does not crop."""
    if not spec.crop:
        return 0, 0, width, height
    ratio = spec.width / spec.height
    crop_w, crop_h = (
        (width, round(width / ratio))
        if width / height < ratio
        else (
            round(height * ratio),
            height,
        )
    )
    left = min(max(round(focal_x * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(focal_y * height - crop_h / 2), 0), height - crop_h)
    return left, top, left + crop_w, top + crop_h


def file_name(directory: str, spec: Spec, size: tuple[int, int], fmt: str, tag: str = "") -> str:
    """Storage name of one rendition; `tag` changes when the crop does (focal point)."""
    suffix = f"-{tag}" if tag and spec.crop else ""
    return f"{directory}/{spec.name}-{size[0]}x{size[1]}{suffix}.{fmt}"
