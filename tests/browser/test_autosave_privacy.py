"""Autosaved article text belongs to its author: never offered to the next person who
signs in on the same browser, and forgotten at sign-out."""

import pytest
from playwright.sync_api import expect

from articles import roles
from articles.models import Article
from tests.browser.conftest import wait_until_kept
from tests.browser.test_admin_flows import CHANGELIST, log_in, staff_user
from tests.factories import make_article

pytestmark = pytest.mark.browser

UNSAVED = "原来的正文。\n\n编辑甲还没提交的一段。"


@pytest.fixture
def first_editor(django_user_model, site):
    return staff_user(
        django_user_model, "editor-a", roles.EDITOR, last_name="甲", first_name="编辑"
    )


@pytest.fixture
def second_editor(django_user_model, site):
    return staff_user(
        django_user_model, "editor-b", roles.EDITOR, last_name="乙", first_name="编辑"
    )


@pytest.fixture
def change_url(site):
    article = make_article("智能制造札记", status=Article.Status.DRAFT, body="原来的正文。")
    return f"{CHANGELIST}{article.pk}/change/"


def leave_unsaved_text(page, change_url):
    page.goto(change_url)
    page.locator("#id_body").fill(UNSAVED)
    wait_until_kept(page)  # the script stores a second after the last keystroke


def autosave_keys(page):
    return page.evaluate(
        "Object.keys(localStorage).filter((key) => key.startsWith('chanye:autosave:'))"
    )


def test_signing_out_forgets_the_text_and_the_next_editor_is_not_offered_it(
    page, first_editor, second_editor, change_url
):
    log_in(page, first_editor)
    leave_unsaved_text(page, change_url)
    assert len(autosave_keys(page)) == 1

    page.locator("#logout-form button").click()
    expect(page.locator("#content")).to_contain_text("重新登录")
    assert autosave_keys(page) == []

    log_in(page, second_editor)
    page.goto(change_url)
    expect(page.locator("#id_body")).to_have_value("原来的正文。")
    expect(page.locator("#autosave-notice")).to_have_count(0)


def test_without_signing_out_the_text_is_offered_only_to_its_author(
    page, first_editor, second_editor, change_url
):
    log_in(page, first_editor)
    leave_unsaved_text(page, change_url)
    page.context.clear_cookies()  # the session ends without signing out (expired, say)

    log_in(page, second_editor)
    page.goto(change_url)
    expect(page.locator("#autosave-notice")).to_have_count(0)

    page.context.clear_cookies()
    log_in(page, first_editor)
    page.goto(change_url)
    page.locator("#autosave-notice").get_by_role("button", name="恢复这些修改").click()
    expect(page.locator("#id_body")).to_have_value(UNSAVED)
