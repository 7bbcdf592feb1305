"""Revisions on every admin save, word-level diffs, restore, and refusing stale saves."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from articles import revisions
from articles.models import Article, ArticleRevision
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def zhang(django_user_model):
    return make_staff("zhang", last_name="张", first_name="三")


@pytest.fixture
def li(django_user_model):
    return make_staff("li", last_name="李", first_name="四")


def url(name, *args):
    return reverse(f"admin:articles_article_{name}", args=args)


def form_of(response) -> dict:
    """What the browser would post back: the change form's current field values."""
    form = response.context["adminform"].form
    data = {}
    for name in ("title", "standfirst", "body", "status", "author", "credit", "tags", "slug"):
        value = form[name].value()
        data[name] = "" if value is None else value
    if not isinstance(data["tags"], str):
        data["tags"] = "、".join(t.name for t in data["tags"])
    data["base_version"] = form["base_version"].value()
    return data


class TestDiff:
    def test_marks_changed_words_not_whole_lines(self):
        html = revisions.diff_html("产业互联网的未来在于数据。", "产业互联网的现在在于数据。")
        assert html == "产业互联网的<del>未来</del><ins>现在</ins>在于数据。"

    def test_single_character_insertions(self):
        html = revisions.diff_html("数字化转型", "数字化转型了")
        assert html == "数字化转型<ins>了</ins>"

    def test_escapes_text_and_keeps_line_breaks(self):
        html = revisions.diff_html("<b>甲</b>\n乙", "<b>甲</b>\n丙 & 丁")
        assert "<b>" not in html
        assert html.startswith("&lt;b&gt;甲&lt;/b&gt;<br>")
        assert "<ins>丙 &amp; 丁</ins>" in html and "<del>乙</del>" in html


class TestRevisions:
    def test_each_admin_save_keeps_a_revision(self, client, zhang):
        client.force_login(zhang)
        article = make_article("原标题", tags=["SaaS"], standfirst="导语")
        for title in ("第二稿", "第三稿"):
            data = form_of(client.get(url("change", article.pk)))
            assert (
                client.post(url("change", article.pk), {**data, "title": title}).status_code == 302
            )
        kept = list(article.revisions.order_by("number"))
        assert [(r.number, r.title, r.created_by) for r in kept] == [
            (1, "原标题", None),  # the imported state, kept before the first admin save
            (2, "第二稿", zhang),
            (3, "第三稿", zhang),
        ]
        assert kept[2].tags == ["SaaS"] and kept[2].standfirst == "导语"
        assert kept[2].status == Article.Status.PUBLISHED
        article.refresh_from_db()
        assert kept[2].created_at == article.updated_at

    def test_adding_in_the_admin_starts_at_revision_one(self, client, zhang):
        client.force_login(zhang)
        author = make_article().author
        data = {"title": "新文章", "body": "正文", "status": "draft", "author": author.pk}
        client.post(url("add"), data)
        revision = ArticleRevision.objects.get(article__title="新文章")
        assert (revision.number, revision.comment, revision.created_by) == (1, "新建", zhang)

    def test_history_page_compares_any_two_revisions(self, client, zhang):
        client.force_login(zhang)
        article = make_article("标题", body="产业互联网的未来在于数据。")
        for body in ("产业互联网的现在在于数据。", "产业互联网的现在在于连接。"):
            data = form_of(client.get(url("change", article.pk)))
            client.post(url("change", article.pk), {**data, "body": body})
        page = client.get(url("revisions", article.pk), {"a": 1, "b": 3}).content.decode()
        assert "第 1 版 → 第 3 版" in page
        assert (
            "产业互联网的<del>未来</del><ins>现在</ins>在于<del>数据</del><ins>连接</ins>" in page
        )
        default = client.get(url("revisions", article.pk)).content.decode()
        assert "第 2 版 → 第 3 版" in default
        assert "<del>未来</del>" not in default

    def test_restore_brings_text_back_as_a_new_revision(self, client, zhang):
        client.force_login(zhang)
        article = make_article("第一版标题", body="最初的正文", tags=["SaaS"])
        data = form_of(client.get(url("change", article.pk)))
        client.post(url("change", article.pk), {**data, "title": "改坏了", "tags": "零售"})
        response = client.post(url("restore", article.pk, 1), {"confirmed": "yes"})
        assert response.status_code == 302
        assert response["Location"] == f"{url('revisions', article.pk)}?a=1&b=3"
        article.refresh_from_db()
        assert article.title == "第一版标题"
        assert [t.name for t in article.tags.all()] == ["SaaS"]
        latest = article.revisions.first()
        assert (latest.number, latest.comment, latest.created_by) == (3, "恢复自第 1 版", zhang)
        assert latest.title == "第一版标题"
        assert client.get(url("restore", article.pk, 1)).status_code == 405

    def test_restore_keeps_the_current_status(self, client, zhang):
        client.force_login(zhang)
        article = make_article(status=Article.Status.DRAFT)
        data = form_of(client.get(url("change", article.pk)))
        client.post(url("change", article.pk), {**data, "status": "review"})
        client.post(url("restore", article.pk, 1))
        article.refresh_from_db()
        assert article.status == Article.Status.REVIEW


class TestConflicts:
    def _open_twice(self, article, zhang, li):
        first, second = Client(), Client()
        first.force_login(zhang)
        second.force_login(li)
        zhang_form = form_of(first.get(url("change", article.pk)))
        li_form = form_of(second.get(url("change", article.pk)))
        return first, second, zhang_form, li_form

    def test_changes_to_different_paragraphs_are_merged_into_the_form(self, zhang, li):
        article = make_article("共同编辑的文章", body="第一段。\n\n第二段。", tags=["零售"])
        first, second, zhang_form, li_form = self._open_twice(article, zhang, li)

        zhang_body = "第一段，张三改过。\n\n第二段。"
        with time_machine.travel(datetime(2026, 3, 2, 14, 5, tzinfo=SHANGHAI), tick=False):
            saved = first.post(
                url("change", article.pk), {**zhang_form, "body": zhang_body, "tags": "零售、物流"}
            )
        assert saved.status_code == 302

        li_body = "第一段。\n\n第二段，李四补充。"
        refused = second.post(
            url("change", article.pk), {**li_form, "title": "两人合写", "body": li_body}
        )
        assert refused.status_code == 200  # nothing is saved without a look at the merge
        page = refused.content.decode()
        assert "在你编辑期间，张三于 14:05 修改了这篇文章。你们改的是不同的地方" in page
        assert "第一段<ins>，张三改过</ins>。" in page  # what changed meanwhile
        merged = form_of(refused)
        assert merged["body"] == "第一段，张三改过。\n\n第二段，李四补充。"
        assert merged["title"] == "两人合写"
        assert merged["tags"] == "物流、零售"
        article.refresh_from_db()
        assert article.body == zhang_body

        assert second.post(url("change", article.pk), merged).status_code == 302
        article.refresh_from_db()
        assert (article.title, article.body) == ("两人合写", merged["body"])
        assert sorted(t.name for t in article.tags.all()) == ["物流", "零售"]
        bodies = list(article.revisions.order_by("number").values_list("body", flat=True))
        assert bodies == ["第一段。\n\n第二段。", zhang_body, merged["body"]]

    def test_changes_to_the_same_paragraph_keep_your_text_and_lose_nothing(self, zhang, li):
        article = make_article("共同编辑的文章", body="第一段。\n\n第二段。")
        first, second, zhang_form, li_form = self._open_twice(article, zhang, li)

        zhang_body = "第一段，张三改过。\n\n第二段。"
        with time_machine.travel(datetime(2026, 3, 2, 14, 5, tzinfo=SHANGHAI), tick=False):
            first.post(url("change", article.pk), {**zhang_form, "body": zhang_body})

        li_body = "第一段，李四也改了。\n\n第二段。"
        refused = second.post(url("change", article.pk), {**li_form, "body": li_body})
        assert refused.status_code == 200
        page = refused.content.decode()
        assert "在你编辑期间，张三于 14:05 修改了这篇文章。双方都改了正文的同一处" in page
        assert "第一段<ins>，张三改过</ins>。" in page
        assert refused.context["adminform"].form["body"].value() == li_body
        article.refresh_from_db()
        assert article.body == zhang_body

        again = form_of(refused)
        assert again["body"] == li_body
        assert again["base_version"] == article.updated_at.isoformat()
        assert second.post(url("change", article.pk), again).status_code == 302
        article.refresh_from_db()
        assert article.body == li_body
        bodies = list(article.revisions.order_by("number").values_list("body", flat=True))
        assert bodies == ["第一段。\n\n第二段。", zhang_body, li_body]

    def test_unchanged_article_saves_without_complaint(self, client, zhang):
        client.force_login(zhang)
        article = make_article()
        data = form_of(client.get(url("change", article.pk)))
        response = client.post(url("change", article.pk), {**data, "title": "新标题"})
        assert response.status_code == 302

    def test_opening_an_article_someone_just_edited_warns(self, zhang, li):
        article = make_article()
        first, second = Client(), Client()
        first.force_login(zhang)
        second.force_login(li)
        noon = datetime(2026, 3, 2, 12, 0, tzinfo=SHANGHAI)
        with time_machine.travel(noon, tick=False):
            first.post(url("change", article.pk), form_of(first.get(url("change", article.pk))))

        def warnings(client):
            page = client.get(url("change", article.pk))
            return [str(m) for m in page.context["messages"] if m.level_tag == "warning"]

        with time_machine.travel(noon + timedelta(minutes=9), tick=False):
            assert any(re.match(r"张三在 12:00 修改过这篇文章", w) for w in warnings(second))
            assert warnings(first) == []  # one's own edit is no news
        with time_machine.travel(noon + timedelta(minutes=11), tick=False):
            assert warnings(second) == []


def test_a_fresh_import_is_no_reason_to_warn(admin_client):
    article = make_article()  # saved outside the admin, as the importer does
    page = admin_client.get(url("change", article.pk))
    assert [m for m in page.context["messages"] if m.level_tag == "warning"] == []
