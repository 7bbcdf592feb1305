"""Importing seed documents from the admin: upload, dry-run report, confirmation, each
step a background task (run at once by the test settings' task backend)."""

import random
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles import roles
from articles.models import Article, Author, ImportJob, Tag
from glossary.models import GlossaryEntry

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/articles/article/import/"


def upload(client, *files, status=Article.Status.DRAFT, force=False):
    data = {"files": list(files), "status": status}
    if force:
        data["force"] = "on"
    return client.post(IMPORT_URL, data, follow=True)


def seed_file(seed_path):
    return SimpleUploadedFile(seed_path.name, seed_path.read_bytes(), "text/plain")


def job_url(response):
    return reverse("admin:articles_article_import_job", args=[response.context["job"].pk])


def confirm(client, response):
    return client.post(job_url(response), {"confirm": "1"})


def nothing_written():
    return not (
        Article.objects.exists()
        or Author.objects.exists()
        or Tag.objects.exists()
        or GlossaryEntry.objects.exists()
    )


def table(content: str) -> list[list[str]]:
    """The report table's body rows as text cells."""
    body = content[content.index("<tbody>") : content.index("</tbody>")]
    rows = []
    for row in body.split("<tr>")[1:]:
        cells = row.replace('<th scope="row">', "<td>").split("<td>")[1:]
        rows.append([cell[: cell.index("<")] for cell in cells])
    return rows


def test_import_url_is_the_named_admin_route():
    assert reverse("admin:articles_article_import") == IMPORT_URL


def test_form_page(admin_client):
    content = admin_client.get(IMPORT_URL).content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert 'type="file" name="files"' in content and "multiple" in content
    assert '<option value="draft" selected>' in content
    assert reverse("admin:articles_article_changelist") in content


def test_seed_upload_shows_the_dry_run_then_imports_on_confirm(admin_client, seed_path):
    response = upload(admin_client, seed_file(seed_path))
    assert response.status_code == 200
    content = response.content.decode()
    assert f"试运行（未写入数据库）：{seed_path.name}" in content
    assert '<th scope="col">新建</th><th scope="col">更新</th>' in content
    rows = table(content)
    assert [row[0] for row in rows] == ["文章", "作者", "标签", "术语"]
    assert rows[0] == ["文章", "10", "0", "0", "0"]
    assert rows[1] == ["作者", "10", "0", "0", "0"]
    assert rows[3] == ["术语", "9", "0", "0", "0"]
    assert nothing_written()
    assert response.redirect_chain == [(job_url(response), 302)]

    response = confirm(admin_client, response)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_changelist")
    assert Article.objects.count() == 10
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.DRAFT}
    assert GlossaryEntry.objects.filter(status=GlossaryEntry.Status.SUGGESTED).count() == 9
    assert not ImportJob.objects.get().uploads.exists()  # the files are not kept
    messages = [str(m) for m in admin_client.get(IMPORT_URL).context["messages"]]
    assert messages[0].startswith(
        f"导入完成：{seed_path.name}。文章 新建 10、更新 0、未变 0、跳过 0;"
    )


def test_second_upload_reports_unchanged_articles(admin_client, seed_path):
    confirm(admin_client, upload(admin_client, seed_file(seed_path)))
    rows = table(upload(admin_client, seed_file(seed_path)).content.decode())
    assert rows[0] == ["文章", "0", "0", "10", "0"]
    assert "没有需要更新的内容。" in upload(admin_client, seed_file(seed_path)).content.decode()


def test_import_as_published(admin_client, seed_path):
    response = upload(admin_client, seed_file(seed_path), status=Article.Status.PUBLISHED)
    confirm(admin_client, response)
    assert Article.objects.published().count() == 10


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("空文件.txt", b"", r"空文件\.txt:1: "),
        ("junk.txt", random.Random(7).randbytes(4096), r"junk\.txt:\d+: "),
    ],
)
def test_unparsable_upload_shows_the_parse_error(admin_client, seed_path, name, data, expected):
    response = upload(admin_client, seed_file(seed_path), SimpleUploadedFile(name, data))
    assert response.status_code == 200
    error = response.context["error"]
    assert re.match(f"无法解析 {expected}", error)
    assert f'<p class="errornote" role="alert">{error}</p>' in response.content.decode()
    assert response.context["form"] is not None  # upload again from the same page
    assert nothing_written()
    assert ImportJob.objects.get().state == ImportJob.State.FAILED


def test_confirming_an_unknown_upload_writes_nothing(admin_client, seed_path):
    upload(admin_client, seed_file(seed_path))
    url = reverse("admin:articles_article_import_job", args=[ImportJob.objects.get().pk + 1])
    assert admin_client.post(url, {"confirm": "1"}).status_code == 404
    assert nothing_written()


def test_confirmation_runs_once(admin_client, seed_path):
    response = upload(admin_client, seed_file(seed_path))
    confirm(admin_client, response)
    Article.objects.all().delete()
    again = admin_client.post(job_url(response), {"confirm": "1"}, follow=True)
    assert "这次上传已确认过或已失效，请重新上传文件。" in again.content.decode()
    assert not Article.objects.exists()


def test_non_staff_cannot_reach_the_page(client, django_user_model, seed_path):
    assert client.get(IMPORT_URL).status_code == 302
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    response = client.post(IMPORT_URL, {"files": [seed_file(seed_path)], "status": "draft"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert nothing_written()


def test_staff_need_the_add_article_permission(client, django_user_model, seed_path):
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, seed_file(seed_path)).status_code == 403
    assert nothing_written()


def test_writers_may_not_import(client, django_user_model, seed_path):
    user = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.WRITER))
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, seed_file(seed_path)).status_code == 403
    assert not ImportJob.objects.exists()
    assert nothing_written()
    changelist = client.get(reverse("admin:articles_article_changelist"))
    assert changelist.status_code == 200 and changelist.context["can_import"] is False
    assert IMPORT_URL not in changelist.content.decode()


def test_editors_may_publish_and_overwrite(client, django_user_model, seed_path):
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.EDITOR))
    client.force_login(user)
    content = client.get(IMPORT_URL).content.decode()
    assert '<option value="published"' in content and 'name="force"' in content
    response = upload(client, seed_file(seed_path), status=Article.Status.PUBLISHED, force=True)
    assert response.context["job"].force is True
    confirm(client, response)
    assert Article.objects.published().count() == 10


def test_a_new_upload_drops_the_unconfirmed_one(admin_client, seed_path):
    first = upload(admin_client, seed_file(seed_path))
    upload(admin_client, seed_file(seed_path))
    assert ImportJob.objects.count() == 1
    assert admin_client.post(job_url(first), {"confirm": "1"}).status_code == 404
    assert nothing_written()


def test_uploads_over_the_size_cap_are_refused(admin_client, seed_path, monkeypatch):
    monkeypatch.setattr("articles.admin.importing.MAX_UPLOAD_BYTES", seed_path.stat().st_size - 1)
    response = upload(admin_client, seed_file(seed_path))
    assert response.context["form"].errors["files"] == ["文件合计超过 5 MB。"]
    assert not ImportJob.objects.exists()


def test_changelist_links_to_the_import_page(admin_client):
    content = admin_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert reverse("admin:articles_article_import") in content
    assert "导入种子文件" in content
