"""Renditions: sizes, formats, the focal-point crop, metadata stripped, made once."""

import pytest
from PIL import Image as PILImage

from media import library, renditions
from media.models import Image
from tests.media_fixtures import (
    GPS_IFD,
    add_image,
    jpeg_bytes,
    media_root_fixture,  # noqa: F401
    open_stored,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def _files(image, spec):
    return list(image.rendition_files(spec))


def test_every_spec_is_stored_in_every_format_at_its_size():
    image = add_image(jpeg_bytes(3000, 2000))
    expected_formats = {"webp", "jpeg"} | (
        {"avif"} if "avif" in renditions.modern_formats() else set()
    )

    for spec in renditions.SPECS.values():
        for _, fmt, name, size in _files(image, spec):
            stored = open_stored(name)
            assert stored.size == size, name
            assert stored.format.lower() == fmt
    formats = {fmt for _, fmt, _, _ in _files(image, renditions.ARTICLE)}
    assert formats == expected_formats
    assert {fmt for _, fmt, _, _ in _files(image, renditions.SOCIAL)} == {"jpeg"}
    assert renditions.box_size(renditions.ARTICLE, 2, 3000, 2000) == (1440, 960)
    assert renditions.box_size(renditions.SOCIAL, 1, 3000, 2000) == (1200, 630)
    assert renditions.box_size(renditions.THUMB, 2, 3000, 2000) == (640, 400)


def test_small_originals_are_never_upscaled():
    image = add_image(jpeg_bytes(500, 250))

    assert renditions.box_size(renditions.ARTICLE, 2, 500, 250) == (500, 250)
    assert image.article.width == 500
    social = renditions.box_size(renditions.SOCIAL, 1, 500, 250)
    assert social[0] <= 500 and social[1] <= 250
    assert abs(social[0] / social[1] - 1200 / 630) < 0.01


def _two_halves(width=1200, height=400):
    """Left half red, right half blue."""
    import io

    picture = PILImage.new("RGB", (width, height), (255, 0, 0))
    picture.paste((0, 0, 255), (width // 2, 0, width, height))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=95)
    return out.getvalue()


def _dominant(name):
    r, g, b = open_stored(name).convert("RGB").resize((1, 1)).getpixel((0, 0))
    return "red" if r > b else "blue"


def _social_jpeg(image):
    return next(n for _, f, n, _ in _files(image, renditions.SOCIAL) if f == "jpeg")


def test_cropped_renditions_keep_the_focal_point():
    left = add_image(_two_halves(), focal_x=0.0)
    library.refocus(left, 0.05, 0.5)
    assert _dominant(_social_jpeg(left)) == "red"

    library.refocus(left, 0.95, 0.5)
    assert _dominant(_social_jpeg(left)) == "blue"


def test_crop_box_stays_inside_the_picture():
    spec = renditions.SOCIAL
    assert renditions.crop_box(spec, 1000, 1000, 0.0, 0.0) == (0, 0, 1000, 525)
    assert renditions.crop_box(spec, 1000, 1000, 1.0, 1.0) == (0, 475, 1000, 1000)
    assert renditions.crop_box(spec, 4000, 1000, 0.5, 0.5) == (1048, 0, 2953, 1000)


def test_refocus_replaces_the_old_cropped_files(media_root, django_capture_on_commit_callbacks):
    image = add_image(_two_halves())
    old = _social_jpeg(image)

    with django_capture_on_commit_callbacks(execute=True):
        library.refocus(image, 0.9, 0.5)

    assert _social_jpeg(image) != old
    assert not (media_root / old).exists()
    assert (media_root / _social_jpeg(image)).exists()


def test_exif_and_gps_are_stripped_and_orientation_applied():
    image = add_image(jpeg_bytes(600, 400, gps=True, orientation=6))

    for spec in renditions.SPECS.values():
        for _, _, name, _ in _files(image, spec):
            stored = open_stored(name)
            exif = stored.getexif()
            assert not exif.get_ifd(GPS_IFD), name
            assert 0x010F not in exif and 0x0112 not in exif, name
            assert "exif" not in stored.info, name
    article = image.rendered(renditions.ARTICLE)
    assert (article.width, article.height) == (400, 600)


def test_large_photo_is_decoded_at_reduced_scale(monkeypatch):
    from media import processing

    seen = {}
    real_draw = processing.draw

    def spy(picture, spec, size, focal):
        seen["decoded"] = picture.pixels.size
        return real_draw(picture, spec, size, focal)

    monkeypatch.setattr(processing, "draw", spy)
    image = add_image(jpeg_bytes(6000, 4000))

    assert (image.width, image.height) == (6000, 4000)
    assert seen["decoded"][0] < 6000 and seen["decoded"][0] >= 1440


def test_page_urls_need_no_query_or_storage_lookup(django_assert_num_queries, monkeypatch):
    image = Image.objects.get(pk=add_image().pk)
    from django.core.files.storage import default_storage

    monkeypatch.setattr(default_storage, "exists", lambda name: pytest.fail("looked up"))
    with django_assert_num_queries(0):
        rendered = image.article
    assert [part.rsplit(" ", 1)[1] for part in rendered.srcset.split(", ")] == ["720w", "800w"]
    assert [mime for mime, _ in rendered.sources][-1] == "image/webp"


def test_files_are_served_with_far_future_cache_headers(client):
    image = add_image()

    response = client.get(image.article.src)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "max-age=31536000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]


def test_rebuild_renditions_draws_only_what_is_missing(media_root):
    import io

    from django.core.management import call_command

    image = add_image()
    lost = next(name for _, _, name, _ in _files(image, renditions.ARTICLE))
    (media_root / lost).unlink()
    report = io.StringIO()

    call_command("rebuild_renditions", "--dry-run", stdout=report)
    assert "1 张图片，缺少 1 个文件。" in report.getvalue()
    assert not (media_root / lost).exists()

    call_command("rebuild_renditions", stdout=report)
    assert (media_root / lost).exists()
    assert open_stored(lost).size == next(s for _, _, n, s in _files(image, renditions.ARTICLE))

    call_command("rebuild_renditions", stdout=(again := io.StringIO()))
    assert "0 张图片，已写入 0 个文件。" in again.getvalue()


def test_a_rendered_answer_follows_the_focal_point_alt_text_and_storage(settings):
    image = add_image(jpeg_bytes(1600, 1000))
    first = image.thumb
    assert Image.objects.get(pk=image.pk).thumb == first  # kept, and equal when asked again

    image.focal_x, image.alt_text = 0.1, "车间里的机械臂"
    image.save()
    again = Image.objects.get(pk=image.pk).thumb
    assert again.src != first.src and again.alt == "车间里的机械臂"

    settings.MEDIA_URL = "https://img.example.org/media/"
    moved = Image.objects.get(pk=image.pk).thumb
    assert moved.src.startswith("https://img.example.org/media/")
