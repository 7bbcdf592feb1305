"""The image library in the admin: upload, grid search, roles, usage and delete protection,
and the article form's image rules (external pictures, alt text before publishing)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles.models import Article
from media.models import Image
from tests.factories import article_form_data, make_article, make_staff
from tests.media_fixtures import add_image, jpeg_bytes, media_root_fixture, png_bytes  # noqa: F401
from tests.media_fixtures import upload_file as _file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
Status = Article.Status
UPLOAD = "admin:media_image_upload"


@pytest.fixture
def writer(django_user_model):
    return make_staff("writer", "作者")


@pytest.fixture
def editor(django_user_model):
    return make_staff("editor", "编辑")


def _upload(client, *files, json=True):
    headers = {"Accept": "application/json"} if json else {}
    return client.post(reverse(UPLOAD), {"files": list(files)}, headers=headers)


class TestUpload:
    def test_several_files_at_once_with_a_result_each(self, client, writer):
        client.force_login(writer)

        response = _upload(
            client, _file(jpeg_bytes(), "一.jpg"), _file(png_bytes(), "二.png", "image/png")
        )

        assert response.status_code == 200
        results = response.json()["results"]
        assert [r["ok"] for r in results] == [True, True]
        assert Image.objects.filter(uploaded_by=writer).count() == 2
        assert results[0]["markdown"] == f"![](media:{results[0]['id']})"

    def test_a_refused_file_is_named_and_the_others_are_kept(self, client, writer):
        client.force_login(writer)

        response = _upload(
            client, _file(b"<svg/>", "logo.svg", "image/svg+xml"), _file(jpeg_bytes(), "好.jpg")
        )

        assert response.status_code == 400
        bad, good = response.json()["results"]
        assert not bad["ok"] and "logo.svg" in bad["error"] and "SVG" in bad["error"]
        assert good["ok"]
        assert Image.objects.count() == 1

    def test_same_file_again_is_reported_as_already_there(self, client, writer):
        client.force_login(writer)
        data = jpeg_bytes()
        _upload(client, _file(data, "a.jpg"))

        result = _upload(client, _file(data, "b.jpg")).json()["results"][0]

        assert result["ok"] and not result["created"]
        assert Image.objects.count() == 1

    def test_without_javascript_the_form_posts_and_messages_say_what_happened(self, client, writer):
        client.force_login(writer)

        response = _upload(client, _file(b"not a picture", "假图.jpg"), json=False)

        assert response.status_code == 302
        texts = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("假图.jpg" in t and "不是可识别的图片文件" in t for t in texts)

    def test_cover_fields_plus_uploads_in_its_popup_and_chooses_the_image(self, client, writer):
        client.force_login(writer)
        popup = {"_popup": "1", "_to_field": "id"}

        page = client.get(reverse("admin:media_image_add"), popup, follow=True)
        html = page.content.decode()
        response = client.post(reverse(UPLOAD), {**popup, "files": _file(jpeg_bytes(), "封面.jpg")})

        assert '<input type="hidden" name="_popup" value="1">' in html and "multiple" not in html
        image = Image.objects.get()
        data = response.context["popup_response_data"]
        assert f'"value": "{image.pk}"' in data

    def test_a_refused_file_in_the_popup_shows_why(self, client, writer):
        client.force_login(writer)

        response = client.post(reverse(UPLOAD), {"_popup": "1", "files": _file(b"x", "坏.jpg")})

        assert "“坏.jpg”未上传" in response.content.decode()
        assert not Image.objects.exists()

    def test_upload_page_has_no_inline_script(self, client, writer):
        client.force_login(writer)

        html = client.get(reverse(UPLOAD)).content.decode()

        assert 'class="media-dropzone"' in html
        assert "<script>" not in html and "onclick" not in html
        assert "media/admin/upload_page.js" in html


class TestLibrary:
    def test_grid_searches_chinese_alt_text_and_caption(self, client, writer):
        add_image(jpeg_bytes(color=(1, 2, 3)), alt_text="深圳港集装箱码头", caption="")
        add_image(jpeg_bytes(color=(4, 5, 6)), alt_text="会议现场", caption="智慧零售门店")
        client.force_login(writer)

        by_alt = client.get(reverse("admin:media_image_changelist"), {"q": "集装箱"})
        by_caption = client.get(reverse("admin:media_image_changelist"), {"q": "零售"})

        assert [i.alt_text for i in by_alt.context["cl"].result_list] == ["深圳港集装箱码头"]
        assert [i.alt_text for i in by_caption.context["cl"].result_list] == ["会议现场"]
        assert 'class="media-grid"' in by_alt.content.decode()

    def test_picker_lists_images_with_their_markdown(self, client, writer):
        image = add_image(alt_text="工厂车间", caption="一条产线")
        client.force_login(writer)

        images = client.get(reverse("admin:media_image_picker"), {"q": "车间"}).json()["images"]

        assert [i["id"] for i in images] == [image.pk]
        assert images[0]["markdown"] == f'![工厂车间](media:{image.pk} "一条产线")'

    def test_writer_edits_own_images_only(self, client, writer, editor):
        own = add_image(jpeg_bytes(color=(9, 9, 9)), user=writer)
        others = add_image(jpeg_bytes(color=(8, 8, 8)), user=editor)
        client.force_login(writer)
        data = {"alt_text": "改", "caption": "", "credit": "", "focal_x": 0.5, "focal_y": 0.5}

        mine = client.post(reverse("admin:media_image_change", args=[own.pk]), data)
        theirs = client.post(reverse("admin:media_image_change", args=[others.pk]), data)

        assert mine.status_code == 302
        assert theirs.status_code == 403
        own.refresh_from_db()
        others.refresh_from_db()
        assert (own.alt_text, others.alt_text) == ("改", "")

    def test_editor_moving_the_focal_point_redraws_the_crops(self, client, editor):
        image = add_image(jpeg_bytes(1600, 800))
        old = image.social.src
        client.force_login(editor)
        data = {"alt_text": "图", "caption": "", "credit": "", "focal_x": 0.9, "focal_y": 0.5}

        client.post(reverse("admin:media_image_change", args=[image.pk]), data)

        image.refresh_from_db()
        assert (image.focal_x, image.alt_text) == (0.9, "图")
        assert image.social.src != old
        assert client.get(image.social.src).status_code == 200

    def test_new_caption_reaches_the_published_body(
        self, client, editor, django_capture_on_commit_callbacks
    ):
        image = add_image(alt_text="图", caption="旧图注")
        article = make_article(body=f"![](media:{image.pk})")
        assert "旧图注" in client.get(article.get_absolute_url()).content.decode()  # now cached
        client.force_login(editor)
        data = {"alt_text": "图", "caption": "新图注", "credit": "", "focal_x": 0.5, "focal_y": 0.5}

        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("admin:media_image_change", args=[image.pk]), data)

        article.refresh_from_db()
        assert "<figcaption>新图注</figcaption>" in article.body_html
        client.logout()
        assert "新图注" in client.get(article.get_absolute_url()).content.decode()


class TestDeletion:
    def test_unused_image_is_deleted_with_its_files(
        self, client, editor, media_root, django_capture_on_commit_callbacks
    ):
        image = add_image()
        client.force_login(editor)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("admin:media_image_delete", args=[image.pk]), {"post": "yes"}
            )

        assert response.status_code == 302
        assert not Image.objects.exists()
        assert not [p for p in media_root.rglob("*") if p.is_file()]

    def test_deleting_an_image_removes_its_figure_from_drafts(self, client, editor):
        image = add_image(alt_text="图")
        draft = make_article("草稿", body=f"![](media:{image.pk})", status=Status.DRAFT)
        assert "<figure" in draft.body_html
        client.force_login(editor)

        client.post(reverse("admin:media_image_delete", args=[image.pk]), {"post": "yes"})

        draft.refresh_from_db()
        assert "<figure" not in draft.body_html

    def test_writer_may_not_delete(self, client, writer):
        image = add_image(user=writer)
        client.force_login(writer)

        response = client.post(
            reverse("admin:media_image_delete", args=[image.pk]), {"post": "yes"}
        )

        assert response.status_code == 403
        assert Image.objects.filter(pk=image.pk).exists()

    def test_image_in_a_published_body_cannot_be_deleted(self, client, editor):
        image = add_image(alt_text="图")
        make_article("已发布的文章", body=f"![](media:{image.pk})")
        client.force_login(editor)

        page = client.get(reverse("admin:media_image_change", args=[image.pk])).content.decode()
        response = client.post(
            reverse("admin:media_image_delete", args=[image.pk]), {"post": "yes"}
        )

        assert "《已发布的文章》（已发布，正文插图）" in page
        assert response.status_code == 403
        assert Image.objects.filter(pk=image.pk).exists()

    def test_delete_page_lists_drafts_using_it_and_id_4_is_not_42(self, client, editor):
        image = add_image(alt_text="图")
        make_article("草稿甲", body=f"![](media:{image.pk})", status=Status.DRAFT)
        make_article("草稿乙", body=f"![](media:{image.pk}0)", status=Status.DRAFT)
        client.force_login(editor)

        html = client.get(reverse("admin:media_image_delete", args=[image.pk])).content.decode()

        assert "《草稿甲》" in html and "《草稿乙》" not in html

    def test_a_cover_is_protected_even_on_a_draft(self, client, editor):
        image = add_image(alt_text="图")
        make_article("草稿", cover=image, status=Status.DRAFT)
        client.force_login(editor)

        client.post(reverse("admin:media_image_delete", args=[image.pk]), {"post": "yes"})

        assert Image.objects.filter(pk=image.pk).exists()


class TestArticleForm:
    def _save(self, client, article, **changes):
        url = reverse("admin:articles_article_change", args=[article.pk])
        return client.post(url, article_form_data(article, **changes))

    def test_external_image_is_refused_with_a_message_naming_it(self, client, editor):
        article = make_article(status=Status.DRAFT)
        client.force_login(editor)

        response = self._save(
            client, article, body="正文。\n\n![图](https://cdn.example.com/a.jpg)"
        )

        assert response.status_code == 200
        errors = response.context["adminform"].form.errors["body"]
        assert "正文第 3 行引用了外部图片“https://cdn.example.com/a.jpg”" in errors[0]

    def test_unknown_library_id_is_refused(self, client, editor):
        article = make_article(status=Status.DRAFT)
        client.force_login(editor)

        response = self._save(client, article, body="![图](media:9999)")

        assert "media:9999 不在图库中" in response.context["adminform"].form.errors["body"][0]

    def test_publishing_needs_alt_text_on_cover_and_figures(self, client, editor):
        cover = add_image(jpeg_bytes(color=(1, 1, 1)))
        figure = add_image(jpeg_bytes(color=(2, 2, 2)))
        article = make_article(status=Status.DRAFT)
        client.force_login(editor)
        body = f"![](media:{figure.pk})"

        refused = self._save(client, article, body=body, cover=cover.pk, status=Status.PUBLISHED)

        errors = refused.context["adminform"].form.non_field_errors()
        assert any(f"封面图 #{cover.pk} 没有替代文字" in e for e in errors)
        assert any(f"插图 #{figure.pk} 没有替代文字" in e for e in errors)
        article.refresh_from_db()
        assert article.status == Status.DRAFT

        Image.objects.filter(pk=cover.pk).update(alt_text="封面")
        body = f"![在正文里写的替代文字](media:{figure.pk})"
        published = self._save(client, article, body=body, cover=cover.pk, status=Status.PUBLISHED)

        assert published.status_code == 302
        article.refresh_from_db()
        assert (article.status, article.cover_id) == (Status.PUBLISHED, cover.pk)

    def test_a_draft_may_keep_images_without_alt_text(self, client, editor):
        figure = add_image()
        article = make_article(status=Status.DRAFT)
        client.force_login(editor)

        response = self._save(client, article, body=f"![](media:{figure.pk})")

        assert response.status_code == 302

    def test_bulk_publishing_skips_articles_with_images_lacking_alt_text(self, client, editor):
        bare = make_article("没有替代文字", cover=add_image(), status=Status.REVIEW)
        fine = make_article("齐全", status=Status.REVIEW)
        client.force_login(editor)

        response = client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish_now", "_selected_action": [bare.pk, fine.pk]},
        )

        texts = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("1 篇未发布（封面或插图没有替代文字）：《没有替代文字》" in t for t in texts)
        bare.refresh_from_db()
        fine.refresh_from_db()
        assert (bare.status, fine.status) == (Status.REVIEW, Status.PUBLISHED)
