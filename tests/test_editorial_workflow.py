"""The workflow: allowed moves, status history, scheduling, the dashboard, slug redirects."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone

from articles import editing, workflow
from articles.models import Article, SlugRedirect, StatusChange
from tests.factories import article_form_data, make_article, make_staff, make_term

pytestmark = pytest.mark.django_db
Status = Article.Status
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=SHANGHAI)


@pytest.fixture
def writer(django_user_model):
    return make_staff("writer", "作者")


@pytest.fixture
def editor(django_user_model):
    return make_staff("editor", "编辑", last_name="张", first_name="三")


@pytest.fixture
def db_clock(monkeypatch):
    """The database's `Now()` follows the (travelled) Python clock, as `published()` uses it."""

    def now_sql(self, compiler, connection, **extra):
        return "%s", [connection.ops.adapt_datetimefield_value(timezone.now())]

    monkeypatch.setattr(Now, "as_sqlite", now_sql)
    monkeypatch.setattr(Now, "as_postgresql", now_sql)


def url(name, *args):
    return reverse(f"admin:articles_article_{name}", args=args)


class TestTransitions:
    def test_writer_may_only_submit_their_own_draft(self, writer, editor):
        own = make_article(status=Status.DRAFT, created_by=writer)
        assert workflow.can_move(writer, own, Status.REVIEW)
        assert not workflow.can_move(writer, own, Status.PUBLISHED)
        assert not workflow.can_move(writer, own, Status.ARCHIVED)
        others = make_article(status=Status.DRAFT, created_by=editor)
        assert not workflow.can_move(writer, others, Status.REVIEW)

    def test_editor_moves_through_the_whole_workflow(self, editor):
        article = make_article(status=Status.DRAFT)
        for to in (Status.REVIEW, Status.PUBLISHED, Status.ARCHIVED, Status.DRAFT):
            assert editing.change_status([article], to, user=editor).changed == [article]
        history = list(
            article.status_changes.order_by("id").values_list("from_status", "to_status")
        )
        assert history == [
            ("draft", "review"),
            ("review", "published"),
            ("published", "archived"),
            ("archived", "draft"),
        ]

    def test_moves_that_do_not_exist_are_refused(self, editor):
        published = make_article()
        for to in (Status.REVIEW, Status.PUBLISHED):
            assert editing.change_status([published], to, user=editor).skipped == [published]
        assert not StatusChange.objects.exists()

    def test_change_form_records_who_and_when(self, client, editor):
        article = make_article(status=Status.REVIEW)
        client.force_login(editor)
        with time_machine.travel(NOON, tick=False):
            response = client.post(
                url("change", article.pk), article_form_data(article, status="published")
            )
        assert response.status_code == 302
        change = StatusChange.objects.get(article=article)
        assert (change.from_status, change.to_status) == ("review", "published")
        assert change.changed_by == editor
        assert change.changed_at == NOON
        page = client.get(url("change", article.pk)).content.decode()
        assert "状态记录" in page and "张三" in page and "2026-03-02 12:00" in page

    def test_saving_without_a_status_change_records_nothing(self, client, editor):
        article = make_article(status=Status.DRAFT)
        client.force_login(editor)
        client.post(url("change", article.pk), article_form_data(article, title="只改标题"))
        assert not StatusChange.objects.exists()

    def test_bulk_actions_record_each_article_and_report_skips(self, client, editor):
        drafts = [make_article(status=Status.DRAFT) for _ in range(2)]
        published = make_article()
        client.force_login(editor)
        ids = [a.pk for a in [*drafts, published]]
        response = client.post(
            url("changelist"), {"action": "archive", "_selected_action": ids}, follow=True
        )
        assert set(Article.objects.values_list("status", flat=True)) == {"archived"}
        assert StatusChange.objects.filter(changed_by=editor, to_status="archived").count() == 3
        client.post(url("changelist"), {"action": "back_to_draft", "_selected_action": ids})
        response = client.post(
            url("changelist"), {"action": "back_to_draft", "_selected_action": ids}, follow=True
        )
        texts = [str(m) for m in response.context["messages"]]
        assert "0 篇文章已设为“草稿”。" in texts
        assert any(t.startswith("3 篇未改动") for t in texts)


class TestScheduling:
    def test_future_publication_goes_live_by_itself(self, client, editor, db_clock):
        article = make_article("定时发布的文章", status=Status.REVIEW)
        staff = client
        staff.force_login(editor)
        reader = type(client)()
        with time_machine.travel(NOON, tick=False) as clock:
            later = article_form_data(
                article, status="published", published_at_0="2026-03-02", published_at_1="14:30"
            )
            assert staff.post(url("change", article.pk), later).status_code == 302
            article.refresh_from_db()
            assert article.published_at == datetime(2026, 3, 2, 14, 30, tzinfo=SHANGHAI)
            assert not Article.objects.published().filter(pk=article.pk).exists()
            detail = article.get_absolute_url()
            assert reader.get(detail).status_code == 404
            assert "定时发布的文章" not in reader.get(reverse("articles:list")).content.decode()
            dashboard = staff.get(reverse("admin:index")).content.decode()
            scheduled = dashboard.split('id="dashboard-scheduled"')[1].split("</table>")[0]
            assert "定时发布的文章" in scheduled and "2026-03-02 14:30" in scheduled

            clock.move_to(datetime(2026, 3, 2, 14, 31, tzinfo=SHANGHAI))
            assert Article.objects.published().filter(pk=article.pk).exists()
            assert reader.get(detail).status_code == 200
            assert "定时发布的文章" in reader.get(reverse("articles:list")).content.decode()
            dashboard = staff.get(reverse("admin:index")).content.decode()
            scheduled = dashboard.split('id="dashboard-scheduled"')[1].split("</table>")[0]
            assert "定时发布的文章" not in scheduled

    def test_publish_now_brings_a_scheduled_article_forward(self, client, editor):
        article = make_article(published_at=timezone.now() + timedelta(days=1))
        client.force_login(editor)
        client.post(url("changelist"), {"action": "publish_now", "_selected_action": [article.pk]})
        article.refresh_from_db()
        assert Article.objects.published().filter(pk=article.pk).exists()


class TestDashboard:
    def test_counts_link_to_the_filtered_changelist(self, client, editor):
        for status, n in [(Status.DRAFT, 3), (Status.REVIEW, 2), (Status.PUBLISHED, 1)]:
            for _ in range(n):
                make_article(status=status)
        make_term("C2B", status="suggested")
        make_term("B2B", status="suggested")
        make_term("SaaS")
        client.force_login(editor)
        response = client.get(reverse("admin:index"))
        page = response.content.decode()
        changelist = url("changelist")
        assert f'<a href="{changelist}?status__exact=draft">3 篇</a>' in page
        assert f'<a href="{changelist}?status__exact=review">2 篇</a>' in page
        assert f'<a href="{changelist}?status__exact=published">1 篇</a>' in page
        assert f'<a href="{changelist}?status__exact=archived">0 篇</a>' in page
        glossary = reverse("admin:glossary_glossaryentry_changelist")
        assert f'<a href="{glossary}?status__exact=suggested">2 条</a>' in page
        assert 'id="content-main" class="app-list"' in page  # the app list stays below
        drafts = client.get(f"{changelist}?status__exact=draft")
        assert drafts.context["cl"].result_count == 3

    def test_recently_edited_lists_ten_newest_first(self, client, editor):
        articles = [make_article(f"文章{n:02d}") for n in range(12)]
        client.force_login(editor)
        page = client.get(reverse("admin:index")).content.decode()
        recent = page.split('id="dashboard-recent"')[1].split("</table>")[0]
        shown = [a.title for a in articles if a.title in recent]
        assert shown == [a.title for a in articles[2:]]
        assert recent.index("文章11") < recent.index("文章02")

    def test_writers_see_their_own_numbers(self, client, writer):
        make_article(status=Status.DRAFT, created_by=writer)
        make_article(status=Status.DRAFT)
        client.force_login(writer)
        page = client.get(reverse("admin:index")).content.decode()
        assert f'<a href="{url("changelist")}?status__exact=draft">1 篇</a>' in page


class TestSlugRedirects:
    def test_changed_slug_of_a_published_article_redirects(self, client, editor):
        article = make_article("旧标题")
        old = article.get_absolute_url()
        client.force_login(editor)
        response = client.post(
            url("change", article.pk), article_form_data(article, slug="xin-biao-ti")
        )
        assert response.status_code == 302
        assert SlugRedirect.objects.get().old_slug == article.slug
        reader = type(client)()
        response = reader.get(old)
        assert response.status_code == 301
        assert response["Location"] == "/articles/xin-biao-ti/"
        assert reader.get("/articles/xin-biao-ti/").status_code == 200

    def test_changing_back_removes_the_redirect(self, client, editor):
        article = make_article("旧标题")
        first = article.slug
        client.force_login(editor)
        client.post(url("change", article.pk), article_form_data(article, slug="di-er-ge"))
        article.refresh_from_db()
        client.post(url("change", article.pk), article_form_data(article, slug=first))
        assert list(SlugRedirect.objects.values_list("old_slug", flat=True)) == ["di-er-ge"]
        assert type(client)().get(f"/articles/{first}/").status_code == 200

    def test_drafts_leave_no_redirect(self, client, editor):
        article = make_article("草稿", status=Status.DRAFT)
        client.force_login(editor)
        client.post(url("change", article.pk), article_form_data(article, slug="ling-yi-ge"))
        assert not SlugRedirect.objects.exists()

    def test_unpublished_target_is_not_revealed_to_readers(self, client, editor):
        article = make_article("会下线的文章")
        old = article.get_absolute_url()
        client.force_login(editor)
        client.post(url("change", article.pk), article_form_data(article, slug="xia-xian"))
        Article.objects.filter(pk=article.pk).update(status=Status.ARCHIVED)
        assert type(client)().get(old).status_code == 404
        assert client.get(old).status_code == 301  # staff may follow it to the preview


class TestTagActions:
    def test_add_tags_asks_which_then_reports(self, client, editor):
        first = make_article("第一篇", tags=["SaaS"])
        second = make_article("第二篇")
        client.force_login(editor)
        data = {"action": "add_tags", "_selected_action": [first.pk, second.pk]}
        page = client.post(url("changelist"), data)
        assert page.status_code == 200
        assert "要添加的标签" in page.content.decode()
        response = client.post(url("changelist"), {**data, "tags": "saas、智慧零售", "apply": "1"})
        assert response.status_code == 302
        assert sorted(t.name for t in first.tags.all()) == ["SaaS", "智慧零售"]
        assert sorted(t.name for t in second.tags.all()) == ["SaaS", "智慧零售"]
        messages = [str(m) for m in client.get(url("changelist")).context["messages"]]
        assert "已为 2 篇文章添加标签 “SaaS”、“智慧零售”；0 篇原本已有，未改动。" in messages
        kept = [r.tags for r in first.revisions.order_by("number")]
        assert kept == [["SaaS"], ["SaaS", "智慧零售"]]  # the state before, then after
        assert second.revisions.first().tags == ["SaaS", "智慧零售"]

    def test_remove_tags_offers_only_tags_in_use(self, client, editor):
        first = make_article(tags=["SaaS", "零售"])
        second = make_article(tags=["SaaS"])
        make_article(tags=["无关"])
        client.force_login(editor)
        data = {"action": "remove_tags", "_selected_action": [first.pk, second.pk]}
        form = client.post(url("changelist"), data).context["form"]
        assert sorted(t.name for t in form.fields["tags"].queryset) == ["SaaS", "零售"]
        saas = form.fields["tags"].queryset.get(name="SaaS")
        client.post(url("changelist"), {**data, "tags": [saas.pk], "apply": "1"})
        assert [t.name for t in first.tags.all()] == ["零售"]
        assert not second.tags.exists()
        messages = [str(m) for m in client.get(url("changelist")).context["messages"]]
        assert "已从 2 篇文章移除标签 “SaaS”。" in messages
