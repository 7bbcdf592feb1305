"""The article form and list: tag suggestions, workflow buttons, a list that fits, a
tag filter of the most used tags, and a dashboard for the day's work."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.admin.tag_suggestions import suggest
from articles.models import Article, Tag
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db
Status = Article.Status
CHANGELIST = reverse("admin:articles_article_changelist")
SUGGEST = reverse("admin:articles_article_tag_suggestions")


@pytest.fixture
def editor(client, django_user_model):
    user = make_staff("editor", "编辑")
    client.force_login(user)
    return user


def change(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(client, article, **changes):
    form = client.get(change(article)).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields if name != "tags"}
    data.update(tags="", author=article.author_id, **changes)
    return data


class TestTagSuggestions:
    @pytest.fixture(autouse=True)
    def tags(self):
        for name in ("智慧零售", "零售科技", "产业互联网", "SaaS"):
            Tag.objects.create(name=name)

    def test_initials_full_pinyin_and_characters_match(self):
        assert suggest("zhls") == ["智慧零售"]
        assert suggest("zhihui") == ["智慧零售"]
        assert suggest("零售") == ["零售科技", "智慧零售"]  # starting with it first
        assert suggest("ｓａａｓ") == ["SaaS"]
        assert suggest("  ") == []

    def test_endpoint_answers_staff_with_json(self, client, editor):
        assert client.get(SUGGEST, {"q": "zhls"}).json() == {"tags": ["智慧零售"]}

    def test_endpoint_is_closed_to_visitors(self, client):
        response = client.get(SUGGEST, {"q": "zhls"})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]

    def test_tag_field_points_at_the_endpoint(self, client, editor):
        page = client.get(reverse("admin:articles_article_add")).content.decode()
        assert f'data-suggest-url="{SUGGEST}"' in page
        assert "articles/admin/tag_suggest.js" in page


def _buttons(page: str) -> list[str]:
    return re.findall(r'<button type="submit" name="_workflow" value="(\w+)"', page)


class TestWorkflowButtons:
    def test_editor_sees_the_moves_of_a_draft(self, client, editor):
        article = make_article(status=Status.DRAFT)
        assert _buttons(client.get(change(article)).content.decode()) == [
            "review",
            "publish",
            "schedule",
        ]

    def test_editor_may_send_back_an_article_in_review(self, client, editor):
        article = make_article(status=Status.REVIEW)
        assert "return" in _buttons(client.get(change(article)).content.decode())
        client.post(change(article), {**form_data(client, article), "_workflow": "return"})
        article.refresh_from_db()
        assert article.status == Status.DRAFT

    def test_writer_only_submits_for_review(self, client, django_user_model):
        writer = make_staff("writer", "作者")
        client.force_login(writer)
        article = make_article(status=Status.DRAFT, created_by=writer)
        assert _buttons(client.get(change(article)).content.decode()) == ["review"]
        data = {**form_data(client, article), "_workflow": "publish"}
        client.post(change(article), data)
        article.refresh_from_db()
        assert article.status == Status.DRAFT  # not the writer's move: the button is ignored

    def test_publish_button_publishes_now(self, client, editor):
        article = make_article(status=Status.DRAFT)
        client.post(change(article), {**form_data(client, article), "_workflow": "publish"})
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED and article.is_visible

    def test_schedule_needs_a_future_time(self, client, editor):
        article = make_article(status=Status.DRAFT)
        response = client.post(
            change(article), {**form_data(client, article), "_workflow": "schedule"}
        )
        assert "定时发布需要一个将来的发布时间" in response.content.decode()
        article.refresh_from_db()
        assert article.status == Status.DRAFT
        later = timezone.localtime() + timedelta(days=1)
        data = {
            **form_data(client, article),
            "_workflow": "schedule",
            "published_at_0": later.strftime("%Y-%m-%d"),
            "published_at_1": later.strftime("%H:%M:%S"),
        }
        client.post(change(article), data)
        article.refresh_from_db()
        assert article.is_scheduled


class TestArticleList:
    def test_tag_filter_lists_the_twenty_most_used_tags(self, client, editor):
        for n in range(25):
            make_article(tags=[f"标签{n:02d}"] + (["常用"] if n < 3 else []))
        response = client.get(CHANGELIST)
        spec = next(s for s in response.context["cl"].filter_specs if s.title == "标签")
        names = [name for _, name in spec.lookup_choices]
        assert len(names) == 20 and "常用" in names

    def test_list_keeps_every_column_in_view(self, client, editor):
        page = client.get(CHANGELIST).content.decode()
        assert "articles/admin/article_list.css" in page
        assert 'id="nav-sidebar"' not in page

    def test_form_has_a_full_width_title_style(self, client, editor):
        page = client.get(reverse("admin:articles_article_add")).content.decode()
        assert "articles/admin/article_form.css" in page


class TestDayDashboard:
    def test_panels_for_the_days_work(self, client, editor, django_user_model):
        make_article("我的草稿", status=Status.DRAFT, created_by=editor)
        make_article("别人的草稿", status=Status.DRAFT)
        make_article("待审的稿子", status=Status.REVIEW)
        make_article("刚发布的", published_at=timezone.now() - timedelta(minutes=5))
        make_article("下周以后", published_at=timezone.now() + timedelta(days=10))
        page = client.get(reverse("admin:index")).content.decode()

        def panel(name):
            return page.split(f'id="{name}"')[1].split("</table>")[0]

        assert "我的草稿" in panel("dashboard-my-drafts")
        assert "别人的草稿" not in panel("dashboard-my-drafts")
        assert "待审的稿子" in panel("dashboard-review")
        assert "刚发布的" in panel("dashboard-published")
        assert "下周以后" not in panel("dashboard-published")
        assert "下周以后" not in panel("dashboard-scheduled")


def test_list_times_are_compact(client, editor):
    article = make_article("时间", published_at=timezone.now() - timedelta(days=400))
    page = client.get(CHANGELIST).content.decode()
    shown = timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M")
    assert f'<td class="field-published_when">{shown}</td>' in page
    today = timezone.localtime(article.updated_at).strftime("%m-%d %H:%M")
    assert f'<td class="field-updated_when">{today}</td>' in page
