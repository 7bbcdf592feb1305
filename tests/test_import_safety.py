"""Imports respect editors: deleted articles and rejected terms stay gone, owners are kept."""

import io

import pytest
from django.contrib.admin import helpers
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from articles import roles
from articles.models import Article, DeletedImport, StatusChange
from glossary.models import GlossaryEntry
from tests.factories import make_article

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/articles/article/import/"
SEED_TITLE = "产业互联网理念"
SEED_TERM = "孵化"


def run(*args):
    out = io.StringIO()
    call_command("import_seeds", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def articles_row(output: str) -> list[str]:
    """The command's counts for articles: created, updated, unchanged, skipped."""
    return next(line for line in output.splitlines() if line.startswith("文章")).split()[1:]


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.EDITOR))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def delete_through_admin(client, article):
    url = reverse("admin:articles_article_delete", args=[article.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302


class TestDeletedArticles:
    def test_deleting_an_imported_article_leaves_a_tombstone(self, editor_client):
        run()
        article = Article.objects.get(title=SEED_TITLE)
        delete_through_admin(editor_client, article)
        tombstone = DeletedImport.objects.get()
        assert (tombstone.source_document, tombstone.source_position) == (
            article.source_document,
            article.source_position,
        )
        assert tombstone.title == SEED_TITLE
        assert (
            str(tombstone) == f"{article.source_document} #{article.source_position} {SEED_TITLE}"
        )

    def test_deleted_article_stays_deleted_on_reimport(self, editor_client):
        run()
        article = Article.objects.get(title=SEED_TITLE)
        delete_through_admin(editor_client, article)
        output = run()
        assert not Article.objects.filter(title=SEED_TITLE).exists()
        assert Article.objects.count() == 9
        assert articles_row(output) == ["0", "0", "9", "1"]
        where = f"{article.source_document} #{article.source_position}"
        assert f"跳过 {where} “{SEED_TITLE}”：已被编辑删除" in output

    def test_bulk_deletion_leaves_a_tombstone_for_each(self, editor_client):
        run()
        chosen = list(Article.objects.order_by("pk")[:3])
        data = {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [a.pk for a in chosen]}
        data["post"] = "yes"
        editor_client.post(reverse("admin:articles_article_changelist"), data)
        assert Article.objects.count() == 7
        assert sorted(DeletedImport.objects.values_list("title", flat=True)) == sorted(
            a.title for a in chosen
        )
        assert articles_row(run()) == ["0", "0", "7", "3"]

    def test_force_brings_it_back_and_drops_the_tombstone(self, editor_client):
        run()
        delete_through_admin(editor_client, Article.objects.get(title=SEED_TITLE))
        assert articles_row(run("--force", "--dry-run"))[0] == "1"
        assert DeletedImport.objects.count() == 1
        output = run("--force")
        assert articles_row(output)[0] == "1"
        assert Article.objects.filter(title=SEED_TITLE).count() == 1
        assert not DeletedImport.objects.exists()
        assert articles_row(run()) == ["0", "0", "10", "0"]

    def test_editor_lets_the_next_import_re_create_a_deleted_article(self, editor_client):
        run()
        delete_through_admin(editor_client, Article.objects.get(title=SEED_TITLE))
        changelist = reverse("admin:articles_deletedimport_changelist")
        assert SEED_TITLE in editor_client.get(changelist, {"q": "理念"}).content.decode()
        tombstone = DeletedImport.objects.get()
        data = {"action": "allow_reimport", helpers.ACTION_CHECKBOX_NAME: [tombstone.pk]}
        response = editor_client.post(changelist, data, follow=True)
        assert "已允许 1 篇文章在下次导入时重新创建" in response.content.decode()
        assert not DeletedImport.objects.exists()
        assert articles_row(run()) == ["1", "0", "9", "0"]
        assert Article.objects.filter(title=SEED_TITLE).count() == 1

    def test_deleting_an_article_written_in_the_admin_leaves_nothing(self, editor_client):
        delete_through_admin(editor_client, make_article("编辑部原创"))
        assert not DeletedImport.objects.exists()

    def test_admin_dry_run_lists_the_deleted_article_as_skipped(self, editor_client, seed_path):
        run()
        delete_through_admin(editor_client, Article.objects.get(title=SEED_TITLE))
        upload = SimpleUploadedFile(seed_path.name, seed_path.read_bytes(), "text/plain")
        response = editor_client.post(
            IMPORT_URL, {"files": [upload], "status": "draft"}, follow=True
        )
        html = response.content.decode()
        assert f"“{SEED_TITLE}”：已被编辑删除" in html
        assert reverse("admin:articles_deletedimport_changelist") in html


class TestRejectedTerms:
    @pytest.fixture
    def rejected(self, admin_client):
        run("--status", "draft")
        entry = GlossaryEntry.objects.get(term=SEED_TERM)
        data = {"action": "reject", helpers.ACTION_CHECKBOX_NAME: [entry.pk]}
        admin_client.post(reverse("admin:glossary_glossaryentry_changelist"), data)
        entry.refresh_from_db()
        assert entry.status == GlossaryEntry.Status.REJECTED
        return entry

    def test_rejected_term_stays_rejected_and_hidden_on_reimport(self, client, rejected):
        output = run()
        assert GlossaryEntry.objects.filter(term_key=rejected.term_key).count() == 1
        rejected.refresh_from_db()
        assert rejected.status == GlossaryEntry.Status.REJECTED
        assert not GlossaryEntry.objects.published().filter(pk=rejected.pk).exists()
        assert f"跳过 术语“{SEED_TERM}”：已被编辑驳回" in output
        assert client.get(rejected.get_absolute_url()).status_code == 404
        assert SEED_TERM not in client.get(reverse("glossary:index")).content.decode()

    def test_force_updates_the_definition_but_not_the_status(self, rejected):
        original = rejected.definition
        GlossaryEntry.objects.filter(pk=rejected.pk).update(definition="编辑修订的定义。")
        run("--force")
        rejected.refresh_from_db()
        assert rejected.definition == original
        assert rejected.status == GlossaryEntry.Status.REJECTED
        run("--force")
        rejected.refresh_from_db()
        assert rejected.status == GlossaryEntry.Status.REJECTED


class TestImportOwner:
    def test_admin_import_belongs_to_the_editor_and_is_in_the_history(
        self, editor_client, editor, seed_path
    ):
        upload = SimpleUploadedFile(seed_path.name, seed_path.read_bytes(), "text/plain")
        response = editor_client.post(IMPORT_URL, {"files": [upload], "status": "draft"})
        assert not StatusChange.objects.exists()  # the dry run wrote nothing
        editor_client.post(response["Location"], {"confirm": "1"})
        assert set(Article.objects.values_list("created_by", flat=True)) == {editor.pk}
        changes = StatusChange.objects.all()
        assert len(changes) == 10
        assert {(c.from_status, c.to_status, c.changed_by_id) for c in changes} == {
            ("", Article.Status.DRAFT, editor.pk)
        }
        article = Article.objects.get(title=SEED_TITLE)
        page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
        history = page.content.decode().split('id="status-history"')[1]
        assert "<td>editor</td>" in history and "（新建）" in history and "草稿" in history

    def test_command_import_is_recorded_without_a_user(self, admin_client):
        run()
        assert set(Article.objects.values_list("created_by", flat=True)) == {None}
        changes = StatusChange.objects.all()
        assert {(c.from_status, c.to_status, c.changed_by_id) for c in changes} == {
            ("", Article.Status.PUBLISHED, None)
        }
        assert len(changes) == 10
        article = Article.objects.get(title=SEED_TITLE)
        page = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
        history = page.content.decode().split('id="status-history"')[1]
        assert f"<td>{roles.display_name(None)}</td>" in history

    def test_editors_see_the_import_button(self, editor_client):
        response = editor_client.get(reverse("admin:articles_article_changelist"))
        assert response.context["can_import"] is True
        assert f'href="{IMPORT_URL}"' in response.content.decode()
        assert editor_client.get(IMPORT_URL).status_code == 200
