"""Who may do what in the article admin: anonymous, 作者 (writer), 编辑 (editor), superuser."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article, StatusChange, Tag
from tests.factories import article_form_data, make_article, make_author, make_staff

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def writer(django_user_model):
    return make_staff("writer", "作者", last_name="李", first_name="四")


@pytest.fixture
def editor(django_user_model):
    return make_staff("editor", "编辑")


@pytest.fixture
def superuser(django_user_model):
    return make_staff("boss", is_superuser=True)


@pytest.fixture
def articles(writer, django_user_model):
    other = make_staff("other", "作者")
    return {
        "own_draft": make_article("我的草稿", status=Status.DRAFT, created_by=writer),
        "own_review": make_article("我的待审稿", status=Status.REVIEW, created_by=writer),
        "others_draft": make_article("别人的草稿", status=Status.DRAFT, created_by=other),
        "published": make_article("已发布的文章"),
    }


def url(name, *args):
    return reverse(f"admin:articles_article_{name}", args=args)


def admin_urls(articles):
    draft = articles["others_draft"]
    return [
        url("changelist"),
        url("add"),
        url("change", draft.pk),
        url("delete", draft.pk),
        url("revisions", draft.pk),
        url("history", draft.pk),
    ]


def test_role_groups_exist_with_their_permissions():
    writer = set(Group.objects.get(name="作者").permissions.values_list("codename", flat=True))
    editor = set(Group.objects.get(name="编辑").permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "view_article", "view_author", "view_tag"} <= writer
    assert not writer & {"publish_article", "change_any_article", "delete_article", "add_tag"}
    assert {"publish_article", "change_any_article", "delete_article", "add_tag"} <= editor
    assert {"change_author", "delete_tag", "change_glossaryentry"} <= editor


def test_anonymous_is_sent_to_login_everywhere(client, articles):
    for address in admin_urls(articles):
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith("/admin/login/?next="), address
    restore = url("restore", articles["own_draft"].pk, 1)
    assert client.post(restore)["Location"].startswith("/admin/login/")


class TestWriter:
    def test_changelist_shows_only_their_own_articles(self, client, writer, articles):
        client.force_login(writer)
        page = client.get(url("changelist")).content.decode()
        assert "我的草稿" in page and "我的待审稿" in page
        assert "别人的草稿" not in page and "已发布的文章" not in page

    def test_actions_offered_are_only_submit_for_review(self, client, writer, articles):
        client.force_login(writer)
        response = client.get(url("changelist"))
        actions = {value for value, _ in response.context["action_form"].fields["action"].choices}
        assert actions == {"", "submit_for_review"}

    def test_can_add_an_article_which_is_theirs(self, client, writer):
        client.force_login(writer)
        author = make_author("笔名甲")
        Tag.objects.create(name="SaaS")
        data = {
            "title": "新写的稿子",
            "body": "正文。",
            "status": Status.DRAFT,
            "author": author.pk,
        }
        response = client.post(url("add"), {**data, "tags": "saas"})
        assert response.status_code == 302
        article = Article.objects.get(title="新写的稿子")
        assert article.created_by == writer
        assert article.slug == "xin-xie-de-gao-zi"  # left blank: pinyin of the title
        assert [t.name for t in article.tags.all()] == ["SaaS"]
        change = StatusChange.objects.get(article=article)
        assert (change.from_status, change.to_status, change.changed_by) == ("", "draft", writer)

    def test_cannot_create_tags_or_publish_on_add(self, client, writer):
        client.force_login(writer)
        author = make_author("笔名乙")
        data = {"title": "想直接发布", "body": "正文。", "author": author.pk}
        response = client.post(url("add"), {**data, "status": Status.PUBLISHED})
        assert response.status_code == 200
        assert "status" in response.context["adminform"].form.errors
        response = client.post(url("add"), {**data, "status": Status.DRAFT, "tags": "新标签"})
        assert "没有这些标签：新标签" in str(response.context["adminform"].form.errors["tags"])
        assert not Article.objects.filter(title="想直接发布").exists()
        assert not Tag.objects.exists()

    def test_edits_own_draft_and_submits_it_for_review(self, client, writer, articles):
        client.force_login(writer)
        draft = articles["own_draft"]
        page = client.get(url("change", draft.pk))
        assert page.status_code == 200
        form = page.context["adminform"].form
        assert [v for v, _ in form.fields["status"].choices] == ["draft", "review"]
        assert "published_at" not in form.fields
        response = client.post(
            url("change", draft.pk), article_form_data(draft, status=Status.REVIEW)
        )
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.status == Status.REVIEW
        assert draft.status_changes.get().changed_by == writer

    def test_posting_published_status_is_a_form_error(self, client, writer, articles):
        client.force_login(writer)
        draft = articles["own_draft"]
        response = client.post(
            url("change", draft.pk), article_form_data(draft, status="published")
        )
        assert response.status_code == 200
        assert "status" in response.context["adminform"].form.errors
        draft.refresh_from_db()
        assert draft.status == Status.DRAFT
        assert not draft.status_changes.exists()

    def test_own_article_in_review_is_read_only(self, client, writer, articles):
        client.force_login(writer)
        review = articles["own_review"]
        page = client.get(url("change", review.pk))
        assert page.status_code == 200
        assert b'name="_save"' not in page.content
        response = client.post(url("change", review.pk), article_form_data(review, title="偷偷改"))
        assert response.status_code == 403
        review.refresh_from_db()
        assert review.title == "我的待审稿"

    def test_someone_elses_article_is_forbidden(self, client, writer, articles):
        client.force_login(writer)
        other = articles["others_draft"]
        for address in (url("change", other.pk), url("revisions", other.pk)):
            assert client.get(address).status_code == 403
        response = client.post(url("change", other.pk), article_form_data(other, title="改别人的"))
        assert response.status_code == 403
        other.refresh_from_db()
        assert other.title == "别人的草稿"

    def test_cannot_delete_even_own_drafts(self, client, writer, articles):
        client.force_login(writer)
        draft = articles["own_draft"]
        assert client.get(url("delete", draft.pk)).status_code == 403
        assert client.post(url("delete", draft.pk), {"post": "yes"}).status_code == 403
        assert Article.objects.filter(pk=draft.pk).exists()

    def test_publishing_actions_are_refused(self, client, writer, articles):
        client.force_login(writer)
        draft = articles["own_draft"]
        for action in ("publish_now", "archive", "delete_selected", "add_tags"):
            client.post(url("changelist"), {"action": action, "_selected_action": [draft.pk]})
        draft.refresh_from_db()
        assert draft.status == Status.DRAFT
        assert not draft.tags.exists()

    def test_submit_for_review_action_moves_own_drafts_only(self, client, writer, articles):
        client.force_login(writer)
        own, other = articles["own_draft"], articles["others_draft"]
        client.post(
            url("changelist"),
            {"action": "submit_for_review", "_selected_action": [own.pk, other.pk]},
        )
        own.refresh_from_db()
        other.refresh_from_db()
        assert (own.status, other.status) == (Status.REVIEW, Status.DRAFT)

    def test_cannot_restore_revisions_of_articles_they_may_not_edit(
        self, client, writer, editor, articles
    ):
        review = articles["own_review"]
        client.force_login(editor)
        client.post(url("change", review.pk), article_form_data(review, title="编辑改过的标题"))
        client.force_login(writer)
        assert client.post(url("restore", review.pk, 1)).status_code == 403
        review.refresh_from_db()
        assert review.title == "编辑改过的标题"

    def test_may_only_look_at_authors_and_tags(self, client, writer):
        client.force_login(writer)
        author = make_author("笔名丙")
        assert client.get(reverse("admin:articles_author_changelist")).status_code == 200
        change = reverse("admin:articles_author_change", args=[author.pk])
        assert client.post(change, {"name": "改名", "slug": author.slug}).status_code == 403
        assert client.get(reverse("admin:articles_tag_add")).status_code == 403
        assert client.get(reverse("admin:glossary_glossaryentry_add")).status_code == 403


@pytest.mark.parametrize("who", ["editor", "superuser"])
class TestEditorAndSuperuser:
    def test_every_page_opens(self, client, request, who, articles):
        client.force_login(request.getfixturevalue(who))
        for address in admin_urls(articles):
            assert client.get(address).status_code == 200, address
        page = client.get(url("changelist")).content.decode()
        assert all(a.title in page for a in articles.values())

    def test_all_actions_are_offered(self, client, request, who, articles):
        client.force_login(request.getfixturevalue(who))
        response = client.get(url("changelist"))
        actions = {value for value, _ in response.context["action_form"].fields["action"].choices}
        assert actions == {
            "",
            "delete_selected",
            "submit_for_review",
            "publish_now",
            "back_to_draft",
            "archive",
            "feature",
            "unfeature",
            "add_tags",
            "remove_tags",
        }

    def test_changes_anyones_article_and_publishes_it(self, client, request, who, articles):
        user = request.getfixturevalue(who)
        client.force_login(user)
        other = articles["others_draft"]
        form = client.get(url("change", other.pk)).context["adminform"].form
        assert [v for v, _ in form.fields["status"].choices] == [
            "draft",
            "review",
            "published",
            "archived",
        ]
        data = article_form_data(other, title="编辑改过", status=Status.PUBLISHED)
        assert client.post(url("change", other.pk), data).status_code == 302
        other.refresh_from_db()
        assert (other.title, other.status) == ("编辑改过", Status.PUBLISHED)
        assert other.published_at is not None
        assert other.status_changes.get().changed_by == user

    def test_archives_and_deletes(self, client, request, who, articles):
        client.force_login(request.getfixturevalue(who))
        published, draft = articles["published"], articles["own_draft"]
        client.post(url("changelist"), {"action": "archive", "_selected_action": [published.pk]})
        published.refresh_from_db()
        assert published.status == Status.ARCHIVED
        response = client.post(url("delete", draft.pk), {"post": "yes"})
        assert response.status_code == 302
        assert not Article.objects.filter(pk=draft.pk).exists()

    def test_bulk_delete_action(self, client, request, who, articles):
        client.force_login(request.getfixturevalue(who))
        ids = [articles["own_draft"].pk, articles["own_review"].pk]
        data = {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
        client.post(url("changelist"), data)
        assert not Article.objects.filter(pk__in=ids).exists()

    def test_manages_authors_tags_and_glossary(self, client, request, who):
        client.force_login(request.getfixturevalue(who))
        for name in ("articles_author", "articles_tag", "glossary_glossaryentry"):
            assert client.get(reverse(f"admin:{name}_add")).status_code == 200, name
