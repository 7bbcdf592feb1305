"""Pictures made on the fly for the media tests, and a private `MEDIA_ROOT` per test."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from media import library

GPS_IFD = 0x8825
ORIENTATION = 0x0112


@pytest.fixture(name="media_root")
def media_root_fixture(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def jpeg_bytes(width=800, height=600, *, color=(200, 60, 40), orientation=None, gps=False):
    """A JPEG; with `gps` its EXIF holds a position, with `orientation` a rotation tag."""
    picture = PILImage.new("RGB", (width, height), color)
    exif = PILImage.Exif()
    if orientation:
        exif[ORIENTATION] = orientation
    if gps:
        exif[0x010F] = "TestCam"  # Make
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 0.0)})
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


def png_bytes(width=300, height=200, *, alpha=False):
    mode, color = ("RGBA", (0, 128, 255, 100)) if alpha else ("RGB", (0, 128, 255))
    out = io.BytesIO()
    PILImage.new(mode, (width, height), color).save(out, "PNG")
    return out.getvalue()


def upload_file(data: bytes, name="照片.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def add_image(data=None, user=None, **fields):
    """An image in the library, with `fields` (alt text, caption…) set on it."""
    image, _ = library.add(upload_file(data or jpeg_bytes()), user)
    if fields:
        for name, value in fields.items():
            setattr(image, name, value)
        image.save()
    return image


def open_stored(name: str) -> PILImage.Image:
    from django.core.files.storage import default_storage

    with default_storage.open(name, "rb") as f:
        picture = PILImage.open(io.BytesIO(f.read()))
        picture.load()
    return picture
