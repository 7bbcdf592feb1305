"""Putting pictures into the library and taking them out: the one place that writes files.

Files go through `default_storage` only, under names made from the content hash (the
uploaded file name is never used). A refused or failed upload leaves nothing behind: the
checks run before anything is written, and files written before a failure are deleted.
"""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from . import processing, renditions
from .models import Image


class UploadRefused(ValueError):
    """An upload that was not stored: names the file and the reason."""

    def __init__(self, file_name: str, reason: str):
        self.file_name, self.reason = file_name, reason
        super().__init__(f"“{file_name}”未上传：{reason}")


def add(upload, user=None) -> tuple[Image, bool]:
    """Store the uploaded file as an image; `(image, created)`.

    The same content uploaded again returns the image already in the library.
    """
    name = upload.name or "（无名文件）"
    if upload.size is not None and upload.size > settings.MEDIA_MAX_UPLOAD_BYTES:
        raise UploadRefused(
            name,
            f"文件太大（{upload.size / 1e6:.1f} MB），上限为 "
            f"{settings.MEDIA_MAX_UPLOAD_BYTES / 1e6:.0f} MB。",
        )
    data = b"".join(upload.chunks())
    digest = hashlib.sha256(data).hexdigest()
    existing = Image.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing, False
    try:
        picture = processing.open_picture(data)
    except processing.Refused as refusal:
        raise UploadRefused(name, str(refusal)) from None
    image = Image(
        sha256=digest,
        width=picture.width,
        height=picture.height,
        has_alpha=picture.has_alpha,
        file_size=len(data),
        uploaded_by=user if user is not None and user.is_authenticated else None,
    )
    written: list[str] = []
    try:
        image.file.name = _write(f"{image.directory}/original.{picture.extension}", data, written)
        image.rendition_bytes = _write_renditions(image, picture, written)
        with transaction.atomic():
            image.save()
    except IntegrityError:  # the same file, uploaded at the same moment: same names, keep them
        return Image.objects.get(sha256=digest), False
    except BaseException:
        _delete(written)
        raise
    return image, True


def refocus(image: Image, focal_x: float, focal_y: float) -> None:
    """Move the focal point: draw the cropped renditions again under their new names."""
    old = [name for spec in _cropped() for _, _, name, _ in image.rendition_files(spec)]
    image.focal_x, image.focal_y = focal_x, focal_y
    with default_storage.open(image.file.name, "rb") as original:
        picture = processing.open_picture(original.read())
    written: list[str] = []
    try:
        sizes = dict(image.rendition_bytes)
        sizes.update(_write_renditions(image, picture, written, specs=_cropped()))
        image.rendition_bytes = sizes
        image.save(update_fields=["focal_x", "focal_y", "rendition_bytes"])
    except BaseException:
        _delete(written)
        raise
    transaction.on_commit(lambda: _delete([name for name in old if name not in written]))


def missing_renditions(image: Image) -> list[str]:
    """Names of the renditions `image` should have that storage lacks (after a new spec)."""
    return [
        name
        for spec in renditions.SPECS.values()
        for _, _, name, _ in image.rendition_files(spec)
        if not default_storage.exists(name)
    ]


def redraw(image: Image, *, everything: bool = False) -> int:
    """Draw `image`'s missing renditions (all of them with `everything`) from the original;
    returns how many files were written."""
    wanted = None if everything else set(missing_renditions(image))
    if wanted == set():
        return 0
    with default_storage.open(image.file.name, "rb") as original:
        picture = processing.open_picture(original.read())
    written: list[str] = []
    try:
        sizes = dict(image.rendition_bytes)
        sizes.update(_write_renditions(image, picture, written, only=wanted))
        image.rendition_bytes = sizes
        image.save(update_fields=["rendition_bytes"])
    except BaseException:
        _delete(written)
        raise
    return len(written)


def remove(image: Image) -> None:
    """Delete the row and, once that is committed, the original and every rendition."""
    names = [image.file.name] + [
        name for spec in renditions.SPECS.values() for _, _, name, _ in image.rendition_files(spec)
    ]
    image.delete()
    transaction.on_commit(lambda: _delete(names))


def _cropped():
    return [spec for spec in renditions.SPECS.values() if spec.crop]


def _write_renditions(image, picture, written, specs=None, only=None) -> dict[str, int]:
    """Draw and store the renditions of `specs` (all), or only those named in `only`."""
    sizes = {}
    focal = (image.focal_x, image.focal_y)
    for spec in specs or renditions.SPECS.values():
        drawn = {}
        for _, fmt, name, size in image.rendition_files(spec):
            if only is not None and name not in only:
                continue
            if size not in drawn:
                drawn[size] = processing.draw(picture, spec, size, focal)
            data = processing.encode(drawn[size], fmt)
            _write(name, data, written)
            sizes[name.rsplit("/", 1)[-1]] = len(data)
    return sizes


def _write(name: str, data: bytes, written: list[str]) -> str:
    if default_storage.exists(name):  # left by an earlier attempt; names follow content
        default_storage.delete(name)
    stored = default_storage.save(name, ContentFile(data))
    written.append(stored)
    return stored


def _delete(names) -> None:
    for name in names:
        default_storage.delete(name)
