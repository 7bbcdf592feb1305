"""Editors teach the importer: mark segments in the preview, keep them as site rules, list,
delete and re-apply the rules in the admin."""

import re
from html import unescape
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from articles import editing, site_rules
from articles.importer.rules import KEEP, REASON, REMOVE
from articles.models import Article, ImportJob, SiteRule, SourceText

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/articles/article/import/"
RULES_URL = "/admin/articles/siterule/"
CHANJING = Path(__file__).parent / "corpus" / "chanjing-wechat"
FIRST, THIRD = CHANJING / "01-factory-cloud-digest.txt", CHANJING / "03-copyright-coldchain-ai.txt"
SITE = "产经数字化观察"
NOTICE = "如有侵权请联系删除。"
SENTENCE = "卡点并不在技术。"


@pytest.fixture
def editor_client(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="编辑"))
    client.force_login(editor)
    client.user = editor
    return client


def upload(client, path):
    """The upload, checked by the (immediate) task backend: the job's preview page."""
    file = SimpleUploadedFile(path.name, path.read_bytes(), "text/plain")
    return client.post(IMPORT_URL, {"files": [file], "status": Article.Status.DRAFT}, follow=True)


def confirm(client, preview, **marks):
    job_url = preview.redirect_chain[-1][0]
    return client.post(job_url, {"confirm": "1", **marks})


def checkboxes(content: str, name: str) -> list[str]:
    values = re.findall(rf'<input type="checkbox" name="{name}" value="([^"]*)"', content)
    return [unescape(value) for value in values]


def test_preview_shows_credits_removals_with_reasons_and_kept_segments(editor_client):
    content = upload(editor_client, FIRST).content.decode()
    assert "逐篇核对" in content
    assert "<dt>原作者</dt><dd>许晓川</dd>" in content
    assert "<dt>来源</dt><dd>工业云笔记</dd>" in content
    assert "（版权、转载或免责声明）" in content and "（署名（作者））" in content
    assert f"0:{NOTICE}" in checkboxes(content, "keep")
    assert "0:文 | 许晓川" in checkboxes(content, "keep")  # a credit line can stay too
    assert f"0:{SENTENCE}" in checkboxes(content, "remove")
    assert not Article.objects.exists() and not SiteRule.objects.exists()


def test_marking_a_credit_line_keep_leaves_it_in_the_body_and_out_of_the_credits(editor_client):
    preview = upload(editor_client, FIRST)
    confirm(editor_client, preview, keep=["0:文 | 许晓川"])
    assert SiteRule.objects.filter(site=SITE, text="文 | 许晓川", action=KEEP).exists()
    article = Article.objects.get(source_document=FIRST.name, body__contains="许晓川")
    assert "文 | 许晓川" in article.body
    assert article.original_author != "许晓川"


def test_marking_keep_stores_a_rule_applied_now_and_on_the_next_import(editor_client):
    preview = upload(editor_client, FIRST)
    response = confirm(editor_client, preview, keep=[f"0:{NOTICE}"], remove=[f"0:{SENTENCE}"])
    assert response.status_code == 302
    rules = {(r.site, r.text, r.action, r.created_by) for r in SiteRule.objects.all()}
    assert rules == {
        (SITE, NOTICE, KEEP, editor_client.user),
        (SITE, SENTENCE, REMOVE, editor_client.user),
    }
    bodies = "".join(Article.objects.values_list("body", flat=True))
    assert NOTICE in bodies and SENTENCE not in bodies
    assert SourceText.objects.get(source=FIRST.name).site == SITE

    content = upload(editor_client, THIRD).content.decode()  # same site, same notice
    assert f"0:{NOTICE}" not in checkboxes(content, "keep")
    assert f"0:{NOTICE}" in checkboxes(content, "remove")
    preview = upload(editor_client, THIRD)
    confirm(editor_client, preview)
    third = Article.objects.filter(source_document=THIRD.name)
    assert any(NOTICE in body for body in third.values_list("body", flat=True))


def test_a_remove_rule_shows_its_reason_in_the_next_preview(editor_client):
    site_rules.record(SITE, SENTENCE, REMOVE, editor_client.user)
    content = upload(editor_client, FIRST).content.decode()
    assert f"0:{SENTENCE}" in checkboxes(content, "keep")  # an editor may take it back
    assert f"（{REASON}）" in content


def test_forged_choices_make_no_rules(editor_client):
    preview = upload(editor_client, FIRST)
    confirm(editor_client, preview, keep=["7:不存在的文件", "x:文字", "0:▲▲▲"])
    assert not SiteRule.objects.exists()
    assert Article.objects.exists()


def test_editors_see_and_delete_rules(editor_client):
    rule = site_rules.record(SITE, NOTICE, KEEP, editor_client.user)
    content = editor_client.get(RULES_URL).content.decode()
    assert NOTICE in content and SITE in content and "保留" in content
    assert editor_client.get(f"{RULES_URL}add/").status_code == 403
    editor_client.post(
        RULES_URL, {"action": "delete_selected", "_selected_action": [rule.pk], "post": "yes"}
    )
    assert not SiteRule.objects.exists()


def test_reapply_changes_only_articles_no_editor_changed(editor_client, tmp_path):
    call_command("import_seeds", str(FIRST), verbosity=0)
    untouched, edited = Article.objects.filter(source_document=FIRST.name).order_by(
        "source_position"
    )[:2]
    edited_body = edited.body + "\n\n编辑补充的一段。"
    edited.body = edited_body
    editing.save(edited, user=editor_client.user)
    first_sentence = untouched.body.split("。")[0] + "。"
    second_sentence = edited.body.split("。")[0] + "。"
    rule = site_rules.record(SITE, first_sentence, REMOVE, editor_client.user)
    site_rules.record(SITE, second_sentence, REMOVE, editor_client.user)

    response = editor_client.post(
        RULES_URL, {"action": "reapply", "_selected_action": [rule.pk]}, follow=True
    )
    job = ImportJob.objects.get()  # the worker imported the kept documents as a job
    assert response.redirect_chain[-1][0].endswith(f"/import/{job.pk}/")
    messages = [str(m) for m in response.context["messages"]]
    assert messages and messages[0].startswith("正在后台把 1 个站点的规则重新应用")
    assert job.state == ImportJob.State.DONE and not job.uploads.exists()
    assert "导入结果" in response.content.decode()
    untouched.refresh_from_db()
    edited.refresh_from_db()
    assert first_sentence not in untouched.body
    assert untouched.source_hash == untouched.content_hash()
    assert untouched.revisions.first().comment == "导入更新"
    assert edited.body == edited_body


def test_reapply_is_queued_and_never_parses_in_the_request(editor_client, settings, monkeypatch):
    """The action only hands the kept documents to the task worker, as an import job."""
    call_command("import_seeds", str(FIRST), verbosity=0)
    rule = site_rules.record(SITE, NOTICE, KEEP, editor_client.user)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed during the request")

    monkeypatch.setattr("articles.importer.sources.parse", no_parsing)
    monkeypatch.setattr("articles.importer.parse.parse_text", no_parsing)
    response = editor_client.post(RULES_URL, {"action": "reapply", "_selected_action": [rule.pk]})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/import/{job.pk}/")
    assert job.state == ImportJob.State.IMPORTING and job.new_status == Article.Status.DRAFT
    assert [u.name for u in job.uploads.all()] == [FIRST.name]


def test_reapply_without_kept_documents_says_so(editor_client):
    rule = site_rules.record("没有原文的站点", NOTICE, KEEP, editor_client.user)
    response = editor_client.post(
        RULES_URL, {"action": "reapply", "_selected_action": [rule.pk]}, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["这些站点没有保存的导入原文，无可重新应用。"]
    assert not ImportJob.objects.exists()


def test_the_command_applies_rules_and_keeps_documents():
    site_rules.record(SITE, NOTICE, KEEP, None)
    call_command("import_seeds", str(FIRST), verbosity=0)
    bodies = "".join(Article.objects.values_list("body", flat=True))
    assert NOTICE in bodies
    assert SourceText.objects.filter(source=FIRST.name, site=SITE).exists()
    call_command("import_seeds", str(THIRD), "--dry-run", verbosity=0)
    assert not SourceText.objects.filter(source=THIRD.name).exists()
