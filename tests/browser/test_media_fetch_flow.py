"""An editor pastes another site's picture into the body, fetches it into the library with
one click, and the body then refers to the library image, shown in the preview."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from media.models import Image
from tests.browser.test_design_checks import admin_page, article  # noqa: F401
from tests.media_fixtures import jpeg_bytes
from tests.test_media_fetch import jpeg_route, loopback_allowed, other_site  # noqa: F401

pytestmark = pytest.mark.browser


def test_editor_fetches_an_external_picture_into_the_library(
    admin_page,  # noqa: F811
    article,  # noqa: F811
    other_site,  # noqa: F811
    loopback_allowed,  # noqa: F811
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    other_site.routes["/photo.jpg"] = jpeg_route(jpeg_bytes(900, 600))
    url = other_site.url("/photo.jpg")
    admin_page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    body = admin_page.locator("#id_body")
    body.fill(f"开头一段。\n\n![一张照片]({url})\n\n结尾一段。")
    body.dispatch_event("input")
    panel = admin_page.get_by_role("region", name="正文中的外部图片")
    expect(panel).to_contain_text(url)
    panel.get_by_role("button", name=f"取回到图库：{url}").click()
    expect(admin_page.locator(".external-images__status")).to_contain_text("已取回到图库")
    image = Image.objects.get()
    assert f"![一张照片](media:{image.pk})" in body.input_value()
    expect(panel).to_be_hidden()
    preview = admin_page.locator(".markdown-editor__body")
    expect(preview.locator("figure img")).to_have_attribute("alt", re.compile("一张照片"))
