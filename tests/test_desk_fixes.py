"""Editor's desk fixes: slugs for Chinese names, 已排期 as its own state, readable
revision comparison, confirmed restores, designed error pages in development and a clear
error when production lacks its static manifest."""

import importlib
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author
from config.static_manifest import require_static_manifest
from glossary.models import GlossaryEntry
from tests.factories import make_article

pytestmark = pytest.mark.django_db
Status = Article.Status
CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    client.force_login(user)
    return client


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


class TestChineseSlugs:
    def test_author_added_without_slug_gets_pinyin(self, editor):
        response = editor.post(reverse("admin:articles_author_add"), {"name": "王小明", "bio": ""})
        assert response.status_code == 302
        assert Author.objects.get(name="王小明").slug == "wang-xiao-ming"

    def test_author_added_from_the_article_forms_plus_popup(self, editor):
        url = reverse("admin:articles_author_add") + "?_to_field=id&_popup=1"
        response = editor.post(url, {"name": "李雷", "bio": "", "_popup": "1", "_to_field": "id"})
        assert response.status_code == 200
        author = Author.objects.get(name="李雷")
        assert author.slug == "li-lei"
        assert "popup_response" in response.template_name[0] or "data-popup-response" in (
            response.content.decode()
        )

    def test_author_slug_field_is_optional_with_a_hint(self, editor):
        page = editor.get(reverse("admin:articles_author_add")).content.decode()
        assert "留空则由笔名拼音生成" in page
        assert not re.search(r'<input[^>]*name="slug"[^>]*required', page)

    def test_given_author_slug_is_kept(self, editor):
        editor.post(reverse("admin:articles_author_add"), {"name": "韩梅梅", "slug": "meimei"})
        assert Author.objects.get(name="韩梅梅").slug == "meimei"

    def test_glossary_term_added_without_slug_gets_pinyin(self, editor):
        response = editor.post(
            reverse("admin:glossary_glossaryentry_add"),
            {"term": "私域流量", "definition": "品牌自有的用户触达渠道。", "status": "published"},
        )
        assert response.status_code == 302
        assert GlossaryEntry.objects.get(term="私域流量").slug == "si-yu-liu-liang"


def _scheduled_and_live():
    make_article("明天上线", published_at=timezone.now() + timedelta(days=1))
    make_article("已经上线", published_at=timezone.now() - timedelta(days=1))
    make_article("一篇草稿", status=Status.DRAFT)


class TestScheduledState:
    def test_changelist_says_scheduled_not_published(self, editor):
        _scheduled_and_live()
        page = editor.get(CHANGELIST).content.decode()
        row = page.split("明天上线</a>")[1].split("</tr>")[0]
        assert "已排期" in row and "已发布" not in row
        live = page.split("已经上线</a>")[1].split("</tr>")[0]
        assert "已发布" in live

    def test_filter_separates_scheduled_from_live(self, editor):
        _scheduled_and_live()
        titles = {
            value: [
                a.title
                for a in editor.get(CHANGELIST, {"status__exact": value}).context["cl"].result_list
            ]
            for value in ("scheduled", "published", "draft")
        }
        assert titles == {
            "scheduled": ["明天上线"],
            "published": ["已经上线"],
            "draft": ["一篇草稿"],
        }
        page = editor.get(CHANGELIST).content.decode()
        assert "?status__exact=scheduled" in page

    def test_recent_edits_on_the_dashboard_say_scheduled(self, editor):
        _scheduled_and_live()
        page = editor.get(reverse("admin:index")).content.decode()
        recent = page.split('id="dashboard-recent"')[1]
        row = recent.split("明天上线</a>")[1].split("</tr>")[0]
        assert "已排期" in row and "已发布" not in row

    def _save(self, editor, article, **changes):
        response = editor.get(reverse("admin:articles_article_change", args=[article.pk]))
        form = response.context["adminform"].form
        data = {name: form[name].value() or "" for name in form.fields if name != "tags"}
        data["tags"] = ""
        data["author"] = article.author_id
        data.update(changes)
        return editor.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    def test_scheduling_and_publishing_say_different_things(self, editor):
        soon = make_article("排期的文章", status=Status.DRAFT)
        later = timezone.localtime() + timedelta(days=2)
        response = self._save(
            editor,
            soon,
            status="published",
            published_at_0=later.strftime("%Y-%m-%d"),
            published_at_1=later.strftime("%H:%M:%S"),
        )
        said = _messages(response)
        assert f"《排期的文章》已排期，将于 {later:%Y-%m-%d %H:%M} 自动发布。" in said
        now = make_article("马上发布", status=Status.DRAFT)
        response = self._save(editor, now, status="published", published_at_0="", published_at_1="")
        said = _messages(response)
        assert "《马上发布》已发布，读者现在可以看到。" in said
        assert not any("已排期" in message for message in said)


class TestRevisionComparison:
    def test_diff_page_carries_its_colour_stylesheet(self, editor):
        article = make_article(body="产业互联网的未来。")
        url = reverse("admin:articles_article_revisions", args=[article.pk])
        data_url = reverse("admin:articles_article_change", args=[article.pk])
        form = editor.get(data_url).context["adminform"].form
        data = {name: form[name].value() or "" for name in form.fields if name != "tags"}
        data.update(tags="", author=article.author_id, body="产业互联网的现在。")
        editor.post(data_url, data)
        page = editor.get(url).content.decode()
        assert "articles/admin/diff.css" in page
        assert 'class="module text-diff"' in page
        assert "<del>未来</del><ins>现在</ins>" in page

    def test_stylesheet_tells_insertions_from_deletions_without_colour(self):
        css = Path(finders.find("articles/admin/diff.css")).read_text(encoding="utf-8")
        ins = re.search(r"^\.text-diff ins \{([^}]*)\}", css, re.M).group(1)
        deleted = re.search(r"^\.text-diff del \{([^}]*)\}", css, re.M).group(1)
        assert "underline" in ins and "background" in ins
        assert "line-through" in deleted and "background" in deleted


class TestRestoreConfirmation:
    def _with_two_revisions(self, editor, status=Status.PUBLISHED):
        article = make_article("原来的标题", status=status)
        change = reverse("admin:articles_article_change", args=[article.pk])
        form = editor.get(change).context["adminform"].form
        data = {name: form[name].value() or "" for name in form.fields if name != "tags"}
        data.update(tags="", author=article.author_id, title="新的标题")
        editor.post(change, data)
        return article, reverse("admin:articles_article_restore", args=[article.pk, 1])

    def test_restoring_a_live_article_asks_first(self, editor):
        article, restore = self._with_two_revisions(editor)
        response = editor.post(restore)
        assert response.status_code == 200
        page = response.content.decode()
        assert "读者正在阅读" in page and 'name="confirmed" value="yes"' in page
        article.refresh_from_db()
        assert article.title == "新的标题"
        assert editor.post(restore, {"confirmed": "yes"}).status_code == 302
        article.refresh_from_db()
        assert article.title == "原来的标题"

    def test_a_draft_is_restored_at_once(self, editor):
        article, restore = self._with_two_revisions(editor, status=Status.DRAFT)
        assert editor.post(restore).status_code == 302
        article.refresh_from_db()
        assert article.title == "原来的标题"


class TestDevelopmentErrorPages:
    def _dev_settings(self, monkeypatch, **env):
        for name in ("DEBUG",):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        import config.settings.base
        import config.settings.dev

        importlib.reload(config.settings.base)
        return importlib.reload(config.settings.dev)

    def test_make_run_shows_the_designed_pages_unless_debug_is_asked_for(self, monkeypatch):
        try:
            assert self._dev_settings(monkeypatch).DEBUG is False
            assert self._dev_settings(monkeypatch, DEBUG="1").DEBUG is True
        finally:
            monkeypatch.undo()
            import config.settings.base

            importlib.reload(config.settings.base)

    def test_dev_serves_static_files_without_collectstatic(self, client, monkeypatch):
        dev = self._dev_settings(monkeypatch)
        monkeypatch.undo()
        with override_settings(DEBUG=dev.DEBUG, STORAGES=dev.STORAGES):
            response = client.get("/no-such-address/")
        assert response.status_code == 404
        assert "页面未找到" in response.content.decode()

    def test_demo_editor_needs_the_development_settings(self):
        from django.core.management.base import CommandError

        with pytest.raises(CommandError, match="config.settings.dev"):
            call_command("ensure_demo_editor")


class TestStaticManifest:
    MANIFEST_STORAGE = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

    def test_missing_manifest_names_collectstatic(self, tmp_path):
        with (
            override_settings(STORAGES=self.MANIFEST_STORAGE, STATIC_ROOT=tmp_path),
            pytest.raises(ImproperlyConfigured, match="collectstatic"),
        ):
            require_static_manifest()

    def test_present_manifest_passes(self, tmp_path):
        (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
        with override_settings(STORAGES=self.MANIFEST_STORAGE, STATIC_ROOT=tmp_path):
            require_static_manifest()

    def test_plain_storage_needs_no_manifest(self, tmp_path):
        with override_settings(STATIC_ROOT=tmp_path):
            require_static_manifest()
