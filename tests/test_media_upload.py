"""Adding pictures to the library: what is stored, deduplication, and what is refused."""

import io
import zlib

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from media import library, renditions
from media.models import Image
from tests.media_fixtures import (
    add_image,
    jpeg_bytes,
    media_root_fixture,  # noqa: F401
    png_bytes,
    upload_file,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def _stored_files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_upload_stores_the_original_under_its_hash_with_its_facts(django_user_model):
    user = django_user_model.objects.create_user("uploader")
    data = jpeg_bytes(640, 480)

    image, created = library.add(upload_file(data, name="../../etc/passwd.jpg"), user)

    assert created
    assert (image.width, image.height, image.file_size) == (640, 480, len(data))
    assert image.uploaded_by == user
    assert image.file.name == f"images/{image.sha256[:2]}/{image.sha256}/original.jpg"
    assert "passwd" not in image.file.name
    with default_storage.open(image.file.name, "rb") as f:
        assert f.read() == data


def test_the_same_file_twice_is_one_image(media_root):
    data = jpeg_bytes()
    first, created_first = library.add(upload_file(data, name="a.jpg"))
    files = _stored_files(media_root)

    second, created_second = library.add(upload_file(data, name="b.jpg"))

    assert (created_first, created_second) == (True, False)
    assert second.pk == first.pk
    assert Image.objects.count() == 1
    assert _stored_files(media_root) == files


def test_orientation_is_applied_to_the_recorded_size():
    image = add_image(jpeg_bytes(600, 400, orientation=6))  # stored sideways: 90° clockwise

    assert (image.width, image.height) == (400, 600)


def _bomb_png(width, height) -> bytes:
    """A valid PNG header claiming `width` × `height` pixels, with a tiny compressed body."""
    out = io.BytesIO()
    PILImage.new("1", (1, 1)).save(out, "PNG")
    data = bytearray(out.getvalue())
    data[16:24] = width.to_bytes(4, "big") + height.to_bytes(4, "big")
    crc = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")
    data[29:33] = crc
    return bytes(data)


def _truncated_jpeg() -> bytes:
    data = jpeg_bytes(1200, 900, color=(10, 200, 30))
    return data[: len(data) // 2]


BAD_FILES = {
    "not an image": (b"%PDF-1.4 just a document", "不是可识别的图片文件"),
    "svg": (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG"),
    "svg without prolog": (b'  <svg onload="alert(1)"></svg>', "SVG"),
    "truncated": (_truncated_jpeg(), "损坏或不完整"),
    "bomb": (_bomb_png(30_000, 30_000), "解压炸弹"),
    "huge pixel count": (_bomb_png(8_000, 8_000), "像素太多"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_are_refused_by_name_and_reason_and_leave_nothing(media_root, case):
    data, reason = BAD_FILES[case]

    with pytest.raises(library.UploadRefused) as refused:
        library.add(upload_file(data, name="坏文件.jpg"))

    assert "坏文件.jpg" in str(refused.value)
    assert reason in str(refused.value)
    assert Image.objects.count() == 0
    assert not media_root.exists() or _stored_files(media_root) == []


def test_too_large_a_file_is_refused_before_it_is_read(settings, media_root):
    settings.MEDIA_MAX_UPLOAD_BYTES = 1000

    with pytest.raises(library.UploadRefused, match="文件太大"):
        library.add(upload_file(jpeg_bytes(), name="大.jpg"))

    assert Image.objects.count() == 0


def test_a_failure_while_writing_renditions_removes_what_was_written(media_root, monkeypatch):
    from media import processing

    real_encode, calls = processing.encode, []

    def failing_encode(pixels, fmt):
        calls.append(fmt)
        if len(calls) == 5:
            raise OSError("disk full")
        return real_encode(pixels, fmt)

    monkeypatch.setattr(processing, "encode", failing_encode)

    with pytest.raises(OSError, match="disk full"):
        library.add(upload_file(jpeg_bytes()))

    assert Image.objects.count() == 0
    assert _stored_files(media_root) == []


def test_png_with_transparency_keeps_png_as_fallback():
    image = add_image(png_bytes(alpha=True))

    assert image.has_alpha
    assert image.article.mime_type == "image/png"
    assert image.article.src.endswith(".png")


def test_files_go_through_default_storage_only(settings, media_root):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    from django.core.files.storage import default_storage as storage

    image = add_image()

    assert storage.exists(image.file.name)
    assert all(
        storage.exists(name)
        for spec in renditions.SPECS.values()
        for _, _, name, _ in image.rendition_files(spec)
    )
    assert not media_root.exists()
