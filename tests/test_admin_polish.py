"""Admin details: one tag list, live and scheduled counts, and featuring articles."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db
Status = Article.Status
CHANGELIST = reverse("admin:articles_article_changelist")


def _login(client, django_user_model, username, group):
    user = django_user_model.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


@pytest.fixture
def editor(client, django_user_model):
    _login(client, django_user_model, "editor", "编辑")
    return client


@pytest.fixture
def writer(client, django_user_model):
    return _login(client, django_user_model, "writer", "作者")


class TestTaggitTagAdmin:
    def test_only_the_articles_tag_list_is_offered(self, admin_client):
        app_list = admin_client.get(reverse("admin:index")).context["app_list"]
        models = {(app["app_label"], m["object_name"]) for app in app_list for m in app["models"]}
        assert ("articles", "Tag") in models
        assert "taggit" not in {app["app_label"] for app in app_list}

    def test_taggit_tag_pages_are_gone(self, admin_client):
        assert admin_client.get("/admin/taggit/tag/").status_code == 404
        assert admin_client.get("/admin/taggit/").status_code == 404


def _status_rows(page: str) -> dict[str, tuple[str, int]]:
    """The dashboard's status table: label → (link, count)."""
    table = page.split('id="dashboard-status"')[1].split("</table>")[0]
    rows = re.findall(
        r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th>\s*'
        r'<td><a href="[^"]+">(\d+) [篇条]</a></td>',
        table,
    )
    return {label: (link.replace("&amp;", "&"), int(n)) for link, label, n in rows}


class TestDashboardCounts:
    def test_published_counts_live_articles_and_scheduled_ones_apart(self, editor):
        make_article("已上线一")
        make_article("已上线二")
        make_article("明天上线", published_at=timezone.now() + timedelta(days=1))
        make_article("草稿", status=Status.DRAFT)

        page = editor.get(reverse("admin:index")).content.decode()

        rows = _status_rows(page)
        assert [(label, n) for label, (_, n) in rows.items()] == [
            ("草稿", 1), ("待审", 0), ("已发布", 2), ("已排期", 1), ("已归档", 0), ("待审术语", 0),
        ]  # fmt: skip
        for label, titles in [("已发布", {"已上线一", "已上线二"}), ("已排期", {"明天上线"})]:
            cl = editor.get(rows[label][0]).context["cl"]
            assert {a.title for a in cl.result_list} == titles, label
        scheduled = page.split('id="dashboard-scheduled"')[1].split("</table>")[0]
        assert "明天上线" in scheduled and "已上线一" not in scheduled

    def test_writers_count_their_own_scheduled_articles(self, client, writer):
        tomorrow = timezone.now() + timedelta(days=1)
        make_article("我的排期", published_at=tomorrow, created_by=writer)
        make_article("别人的排期", published_at=tomorrow)

        rows = _status_rows(client.get(reverse("admin:index")).content.decode())

        assert rows["已排期"][1] == 1 and rows["已发布"][1] == 0


def _actions(client) -> set[str]:
    response = client.get(CHANGELIST)
    return {value for value, _ in response.context["action_form"].fields["action"].choices}


class TestFeatured:
    def test_editors_see_the_column_filter_and_actions(self, editor):
        make_article("推荐的", featured=True)
        make_article("普通的")

        response = editor.get(CHANGELIST)

        cl = response.context["cl"]
        assert "featured_mark" in cl.list_display
        assert "首页推荐" in {spec.title for spec in cl.filter_specs}
        page = response.content.decode()
        assert page.count('<td class="field-featured_mark">推荐</td>') == 1
        assert {"feature", "unfeature"} <= _actions(editor)
        only = editor.get(CHANGELIST, {"featured__exact": "1"}).context["cl"]
        assert [a.title for a in only.result_list] == ["推荐的"]

    def test_feature_and_unfeature_many_at_once(self, editor):
        articles = [make_article("已推荐", featured=True), make_article(), make_article()]
        selected = [a.pk for a in articles]

        response = editor.post(CHANGELIST, {"action": "feature", "_selected_action": selected})

        assert response.status_code == 302
        assert Article.objects.filter(featured=True).count() == 3
        texts = [m.message for m in get_messages(response.wsgi_request)]
        assert texts == ["2 篇文章已设为首页推荐；1 篇原本如此，未改动。"]
        changed = Article.objects.get(pk=articles[1].pk)
        assert changed.updated_at > articles[1].updated_at
        assert changed.revisions.first().comment == "批量操作：设为首页推荐"

        editor.post(CHANGELIST, {"action": "unfeature", "_selected_action": selected[:2]})
        assert list(Article.objects.filter(featured=True)) == [articles[2]]

    def test_writers_can_neither_see_nor_run_the_actions(self, client, writer):
        draft = make_article("我的草稿", status=Status.DRAFT, created_by=writer)

        assert not {"feature", "unfeature"} & _actions(client)
        client.post(CHANGELIST, {"action": "feature", "_selected_action": [draft.pk]})

        draft.refresh_from_db()
        assert not draft.featured

    def test_featured_is_in_the_publishing_fieldset_for_editors_only(
        self, client, django_user_model
    ):
        writer = _login(client, django_user_model, "writer", "作者")
        draft = make_article("我的草稿", status=Status.DRAFT, created_by=writer)
        change = reverse("admin:articles_article_change", args=[draft.pk])

        form = client.get(change).context["adminform"].form
        assert "featured" not in form.fields
        data = {name: form[name].value() or "" for name in form.fields}
        assert client.post(change, {**data, "featured": "on"}).status_code == 302
        draft.refresh_from_db()
        assert not draft.featured

        _login(client, django_user_model, "editor", "编辑")
        adminform = client.get(change).context["adminform"]
        fieldsets = {fieldset.name: fieldset.fields for fieldset in adminform}
        assert "featured" in fieldsets["发布"] and "featured" in adminform.form.fields
