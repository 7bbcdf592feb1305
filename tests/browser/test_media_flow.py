"""Pictures end to end: an editor drops a photo into the body, sees the figure in the live
preview, picks it again from the 插图 dialog, publishes, and readers see figure and caption."""

import importlib
import re

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from articles import roles
from articles.models import Article
from media.models import Image
from tests.browser.test_admin_flows import (
    CHANGELIST,
    choose_author,
    log_in,
    new_page,  # noqa: F401
    staff_user,
    success_message,
)
from tests.factories import make_author
from tests.media_fixtures import jpeg_bytes

pytestmark = pytest.mark.browser
MEDIA_ROLES = importlib.import_module("media.migrations.0002_role_permissions").ROLES

DROP_FILE = """([bytes, name]) => {
  const transfer = new DataTransfer();
  transfer.items.add(new File([new Uint8Array(bytes)], name, {type: "image/jpeg"}));
  return transfer;
}"""


@pytest.fixture
def picture_editor(django_user_model, site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    editor = staff_user(django_user_model, "picture-editor", roles.EDITOR)
    group = editor.groups.get()
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="media", codename__in=MEDIA_ROLES[roles.EDITOR]
        )
    )
    return editor


def test_editor_drops_a_photo_into_the_body_and_publishes_it(
    page,
    new_page,  # noqa: F811  (the fixture imported above)
    picture_editor,
    screenshot,
):
    author = make_author("林默")
    title = "港口自动化的一天"
    log_in(page, picture_editor)
    page.goto(f"{CHANGELIST}add/")
    page.locator("#id_title").fill(title)
    body = page.locator("#id_body")
    body.fill("清晨，码头上的吊机已经开始工作。")

    transfer = page.evaluate_handle(DROP_FILE, [list(jpeg_bytes(1600, 1000)), "港口.jpg"])
    body.dispatch_event("drop", {"dataTransfer": transfer})

    expect(body).to_have_value(re.compile(r"\n\n!\[\]\(media:\d+\)\n$"))
    image = Image.objects.get()
    assert image.uploaded_by == picture_editor
    body.fill(
        body.input_value().replace("![](", "![自动化码头的吊机](").replace(")", ' "清晨的港口")')
    )
    preview = page.locator(".markdown-editor__body")
    expect(preview.locator("figure figcaption")).to_have_text("清晨的港口")
    expect(preview.locator("figure img")).to_have_attribute("alt", "自动化码头的吊机")

    page.locator(".markdown-editor__toolbar").get_by_role("button", name="插图").click()
    dialog = page.locator("dialog.media-picker")
    expect(dialog).to_be_visible()
    dialog.locator(".media-picker__choice").first.click()
    expect(dialog).to_be_hidden()
    expect(body).to_have_value(re.compile(rf"\n\n!\[\]\(media:{image.pk}\)\n$"))
    body.fill(body.input_value().rsplit("\n\n", 1)[0])  # one figure is enough

    choose_author(page, author.name)
    page.locator("#id_status").select_option(Article.Status.PUBLISHED)
    screenshot(page, "admin-figure-preview")
    page.locator("input[name=_save]").click()
    expect(success_message(page)).to_be_visible()

    article = Article.objects.get(title=title)
    assert article.status == Article.Status.PUBLISHED
    reader = new_page()
    reader.goto(article.get_absolute_url())
    figure = reader.locator(".prose figure")
    expect(figure.locator("figcaption")).to_have_text("清晨的港口")
    img = figure.locator("img")
    expect(img).to_have_attribute("alt", "自动化码头的吊机")
    expect(img).to_have_attribute("loading", "lazy")
    img.scroll_into_view_if_needed()
    reader.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=img.element_handle()
    )
    screenshot(reader, "article-with-figure")


def test_editor_sets_the_focal_point_by_clicking_the_picture(page, picture_editor):
    from tests.media_fixtures import add_image

    image = add_image(jpeg_bytes(1600, 800), alt_text="码头")
    log_in(page, picture_editor)
    page.goto(f"/admin/media/image/{image.pk}/change/")

    preview = page.locator(".media-focal img")
    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.9, "y": box["height"] * 0.25})
    expect(page.locator(".media-focal__mark")).to_be_visible()
    page.locator("input[name=_save]").click()
    expect(success_message(page)).to_be_visible()

    image.refresh_from_db()
    assert image.focal_x == pytest.approx(0.9, abs=0.02)
    assert image.focal_y == pytest.approx(0.25, abs=0.02)
