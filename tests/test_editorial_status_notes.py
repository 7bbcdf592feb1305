"""A note with a status change: why an article was sent back, shown to its writer."""

import pytest
from django.test import Client

from articles.models import Article, StatusChange
from tests.factories import article_form_data, make_article, make_staff
from tests.test_editorial_workflow import url

pytestmark = pytest.mark.django_db
Status = Article.Status
REASON = "数据来源需要补充，第二段的结论请再核实。"


@pytest.fixture
def people(django_user_model):
    writer = make_staff("writer", "作者", last_name="李", first_name="四")
    editor = make_staff("editor", "编辑", last_name="张", first_name="三")
    clients = {}
    for user in (writer, editor):
        clients[user.username] = Client()
        clients[user.username].force_login(user)
    return writer, editor, clients


def test_sending_back_with_a_reason_records_it_and_shows_it_to_the_writer(people):
    writer, editor, clients = people
    article = make_article("待审的稿子", status=Status.REVIEW, created_by=writer)
    form = article_form_data(article, status=Status.DRAFT, status_note=REASON)
    assert clients["editor"].post(url("change", article.pk), form).status_code == 302

    change = StatusChange.objects.filter(article=article).first()
    assert (change.from_status, change.to_status, change.note) == (
        Status.REVIEW,
        Status.DRAFT,
        REASON,
    )
    page = clients["writer"].get(url("change", article.pk))
    messages = [str(m) for m in page.context["messages"]]
    assert any(m.startswith("张三把文章改为“草稿”，并说明：") and REASON in m for m in messages)
    assert REASON in page.content.decode().split('id="status-history"')[1]


def test_ones_own_note_is_not_repeated_back(people):
    writer, editor, clients = people
    article = make_article("我的稿子", status=Status.DRAFT, created_by=writer)
    form = article_form_data(article, status=Status.REVIEW, status_note="请重点看第三段。")
    assert clients["writer"].post(url("change", article.pk), form).status_code == 302
    assert StatusChange.objects.filter(article=article).first().note == "请重点看第三段。"
    page = clients["editor"].get(url("change", article.pk))
    assert any("请重点看第三段。" in str(m) for m in page.context["messages"])
    article.refresh_from_db()
    published = article_form_data(article, status=Status.PUBLISHED)
    assert clients["editor"].post(url("change", article.pk), published).status_code == 302
    page = clients["editor"].get(url("change", article.pk))
    assert not any("请重点看第三段。" in str(m) for m in page.context["messages"])


def test_a_note_without_a_status_change_is_refused(people):
    writer, editor, clients = people
    article = make_article("已发布", created_by=writer)
    response = clients["editor"].post(
        url("change", article.pk),
        article_form_data(article, title="新标题", status_note="随便写写"),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["status_note"]
    assert errors == ["状态没有改变，说明无处记录：请改变状态，或清空说明。"]
    article.refresh_from_db()
    assert article.title == "已发布"


def test_the_dashboard_lists_notes_left_by_others(people):
    writer, editor, clients = people
    article = make_article("待审的稿子", status=Status.REVIEW, created_by=writer)
    form = article_form_data(article, status=Status.DRAFT, status_note=REASON)
    clients["editor"].post(url("change", article.pk), form)
    make_article("别人的稿子", status=Status.DRAFT, created_by=editor)

    page = clients["writer"].get("/admin/").content.decode()
    notes = page.split('id="dashboard-notes"')[1].split("</table>")[0]
    assert "待审的稿子" in notes and "张三" in notes and REASON in notes
    assert 'id="dashboard-notes"' not in clients["editor"].get("/admin/").content.decode()
