"""The editorial admin end to end: write with the live preview, review, publish, share, merge,
see who else has an article open, and get unsubmitted text back.

Writers (作者) and editors (编辑) are real users in the role groups, signed in through
`/admin/login/`; the public site is read from separate, anonymous browser contexts.
"""

import importlib
import re

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from articles import presence, revisions, roles
from articles.models import Article, ArticleRevision
from tests.browser.conftest import _new_page, wait_until_kept
from tests.factories import make_article, make_author, make_term

pytestmark = pytest.mark.browser

Status = Article.Status
PASSWORD = "correct-horse-电池-staple"
ROLE_PERMISSIONS = importlib.import_module("articles.migrations.0004_role_groups").ROLES
DELETED_IMPORTS = importlib.import_module("articles.migrations.0012_editors_deleted_imports")
CHANGELIST = "/admin/articles/article/"


def role_group(name):
    """The role group, as its migrations made it (a flushed database has lost it)."""
    group, _ = Group.objects.get_or_create(name=name)
    codenames = list(ROLE_PERMISSIONS[name])
    if name == DELETED_IMPORTS.EDITOR:
        codenames += [("articles", codename) for codename in DELETED_IMPORTS.CODENAMES]
    for app_label, codename in codenames:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return group


def staff_user(django_user_model, username, role, **names):
    user = django_user_model.objects.create_user(
        username, password=PASSWORD, is_staff=True, **names
    )
    user.groups.add(role_group(role))
    return user


@pytest.fixture
def writer(django_user_model, site):
    return staff_user(django_user_model, "writer", roles.WRITER, last_name="李", first_name="写手")


@pytest.fixture
def editor(django_user_model, site):
    return staff_user(django_user_model, "editor", roles.EDITOR, last_name="王", first_name="编辑")


@pytest.fixture
def second_editor(django_user_model, site):
    return staff_user(django_user_model, "editor2", roles.EDITOR, last_name="赵", first_name="审校")


@pytest.fixture
def new_page(browser, site):
    """`new_page()` opens a page in another fresh browser context (closed after the test)."""
    contexts = []

    def open_page():
        context, page = _new_page(browser, site)
        contexts.append(context)
        return page

    yield open_page
    for context in contexts:
        context.close()


def log_in(page, user):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(user.get_username())
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def choose_author(page, name):
    """Pick `name` in the author field's autocomplete (select2) widget."""
    page.locator("#id_author + .select2 .select2-selection").click()
    page.locator(".select2-search__field").fill(name)
    page.locator(".select2-results__option", has_text=name).click()
    expect(page.locator("#id_author")).to_have_value(re.compile(r"^\d+$"))


def run_action(page, article, action):
    page.locator(f"input[name=_selected_action][value='{article.pk}']").check()
    page.locator("select[name=action]").select_option(action)
    page.locator("button[name=index]").click()


def lines(text):
    """`text` with the CRLF line ends a browser submits for a textarea made LF."""
    return text.replace("\r\n", "\n")


def success_message(page):
    return page.locator("ul.messagelist li.success")


def test_writer_writes_with_the_preview_and_submits_for_review(page, writer, screenshot):
    author = make_author("林知远")
    make_term("数字孪生工厂", "在虚拟空间中映射实体工厂的运行状态。")
    title = "数字孪生工厂的三个落地难点"

    log_in(page, writer)
    page.goto(f"{CHANGELIST}add/")
    page.locator("#id_title").fill(title)
    body = page.locator("#id_body")
    body.click()
    page.keyboard.type("行业背景")
    page.locator(".markdown-editor__toolbar").get_by_role("button", name="小标题").click()
    expect(body).to_have_value("## 行业背景")
    body.press("End")
    page.keyboard.type("\n\n数字孪生工厂正在从试点走向量产线。")

    preview = page.locator(".markdown-editor__body")
    expect(preview.locator("h2")).to_have_text("行业背景")
    expect(preview.locator("a.term")).to_have_text("数字孪生工厂")
    expect(preview.locator("p").first).to_contain_text("正在从试点走向量产线")
    choose_author(page, author.name)
    expect(page.locator("#id_status")).to_have_value(Status.DRAFT)
    screenshot(page, "admin-writer-preview")
    page.locator("input[name=_save]").click()

    expect(success_message(page)).to_be_visible()
    article = Article.objects.get(title=title)
    assert article.status == Status.DRAFT
    assert article.created_by == writer
    assert article.author == author
    assert lines(article.body) == "## 行业背景\n\n数字孪生工厂正在从试点走向量产线。"

    run_action(page, article, "submit_for_review")
    expect(success_message(page)).to_contain_text("1 篇文章已设为“待审”")
    screenshot(page, "admin-writer-submitted")
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    assert list(article.status_changes.values_list("to_status", "changed_by")) == [
        (Status.REVIEW, writer.pk),
        (Status.DRAFT, writer.pk),
    ]


def test_editor_publishes_from_the_changelist(page, new_page, writer, editor, screenshot):
    article = make_article(
        "工业软件国产化的下一站",
        status=Status.REVIEW,
        created_by=writer,
        body="## 现状\n\n国产工业软件正在补课。",
    )

    log_in(page, editor)
    page.goto(f"{CHANGELIST}?status__exact={Status.REVIEW}")
    run_action(page, article, "publish_now")
    expect(success_message(page).first).to_contain_text("1 篇文章已设为“已发布”")
    screenshot(page, "admin-editor-published")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_at is not None

    reader = new_page()
    response = reader.goto(article.get_absolute_url())
    assert response.status == 200
    expect(reader.locator("h1")).to_have_text(article.title)
    expect(reader.locator(".preview-banner")).to_have_count(0)
    screenshot(reader, "admin-published-public")


def test_share_link_lets_an_anonymous_reader_preview_a_draft(page, new_page, editor, screenshot):
    article = make_article(
        "尚未发布的供应链金融稿件", status=Status.DRAFT, body="草稿正文，等待审读。"
    )

    log_in(page, editor)
    page.goto(f"{CHANGELIST}{article.pk}/change/")
    link = page.locator("a.share-preview-link")
    expect(link).to_be_visible()
    url = link.get_attribute("href")
    assert url == link.inner_text().strip()
    screenshot(page, "admin-share-link")

    reader = new_page()
    response = reader.goto(url)
    assert response.status == 200
    expect(reader.locator("h1")).to_have_text(article.title)
    expect(reader.locator(".preview-banner", has_text="链接有效期至")).to_be_visible()
    expect(reader.locator("main")).to_contain_text("草稿正文，等待审读。")
    screenshot(reader, "admin-share-preview")

    assert new_page().goto(article.get_absolute_url()).status == 404


def test_second_editor_saves_both_changes_after_a_merge(
    page, new_page, editor, second_editor, screenshot
):
    original_body = "第一段：平台经济的监管框架。"
    added = "第二段：新增的合规案例。"
    article = make_article("平台经济监管观察", status=Status.DRAFT, body=original_body)
    change_url = f"{CHANGELIST}{article.pk}/change/"

    first = page
    log_in(first, editor)
    first.goto(change_url)
    second = new_page()
    log_in(second, second_editor)
    second.goto(change_url)

    first.locator("#id_body").fill(f"{original_body}\n\n{added}")
    first.locator("input[name=_save]").click()
    expect(success_message(first)).to_be_visible()
    article.refresh_from_db()
    assert lines(article.body) == f"{original_body}\n\n{added}"

    new_title = "平台经济监管观察(修订版)"
    second.locator("#id_title").fill(new_title)
    second.locator("input[name=_save]").click()

    conflict = second.locator("#edit-conflict")
    expect(conflict).to_be_visible()
    expect(conflict.locator("h2")).to_contain_text("王编辑")
    expect(conflict.locator("ins")).to_contain_text(["新增的合规案例"])
    expect(second.locator(".errornote, ul.errorlist").first).to_be_visible()
    expect(second.locator("#article_form")).to_contain_text("在你编辑期间，王编辑于")
    expect(second.locator("#article_form")).to_contain_text("表单已合并了双方的修改")
    expect(second.locator("#id_title")).to_have_value(new_title)
    expect(second.locator("#id_body")).to_have_value(f"{original_body}\n\n{added}")
    screenshot(second, "admin-edit-conflict")
    article.refresh_from_db()
    assert article.title == "平台经济监管观察"

    # The form holds both changes: the other editor's paragraph and this title.
    second.locator("input[name=_save]").click()
    expect(success_message(second)).to_be_visible()
    expect(second.locator("#edit-conflict")).to_have_count(0)

    article.refresh_from_db()
    assert article.title == new_title
    assert lines(article.body) == f"{original_body}\n\n{added}"
    assert article.status == Status.DRAFT
    saved = [
        (title, lines(body), who)
        for title, body, who in article.revisions.values_list("title", "body", "created_by")
    ]
    assert saved[:2] == [
        (new_title, f"{original_body}\n\n{added}", second_editor.pk),
        ("平台经济监管观察", f"{original_body}\n\n{added}", editor.pk),
    ]
    assert ArticleRevision.objects.filter(article=article, body=original_body).exists()


def test_editors_see_who_else_has_the_article_open(
    page, new_page, editor, second_editor, monkeypatch, screenshot
):
    monkeypatch.setattr(presence, "HEARTBEAT", 1)
    article = make_article("产业带数字化调研", status=Status.DRAFT)
    change_url = f"{CHANGELIST}{article.pk}/change/"

    first = page
    log_in(first, editor)
    first.goto(change_url)
    expect(first.locator("#presence-notice")).to_be_hidden()

    second = new_page()
    log_in(second, second_editor)
    second.goto(change_url)
    expect(second.locator("#presence-notice")).to_contain_text("王编辑（")
    expect(second.locator("#presence-notice")).to_contain_text("也打开了这篇文章")
    screenshot(second, "admin-presence")

    # The first page learns of the second at its next heartbeat, and of its leaving too.
    expect(first.locator("#presence-notice")).to_contain_text("赵审校（", timeout=5000)
    second.goto("/admin/")
    expect(first.locator("#presence-notice")).to_be_hidden(timeout=5000)


def test_unsubmitted_text_is_offered_back_when_the_page_is_reopened(page, editor, screenshot):
    article = make_article("智能制造札记", status=Status.DRAFT, body="原来的正文。")
    change_url = f"{CHANGELIST}{article.pk}/change/"
    typed = "原来的正文。\n\n还没提交的一段。"
    log_in(page, editor)
    page.goto(change_url)
    expect(page.locator("#autosave-notice")).to_have_count(0)
    page.locator("#id_body").fill(typed)
    wait_until_kept(page)  # the script stores a second after the last keystroke

    page.goto(change_url)  # the tab was closed; the page is opened again
    notice = page.locator("#autosave-notice")
    expect(notice).to_contain_text("未提交的修改")
    expect(page.locator("#id_body")).to_have_value("原来的正文。")
    screenshot(page, "admin-autosave-offer")
    notice.get_by_role("button", name="恢复这些修改").click()
    expect(page.locator("#id_body")).to_have_value(typed)
    expect(page.locator(".markdown-editor__preview")).to_contain_text("还没提交的一段")
    page.locator("input[name=_save]").click()
    expect(success_message(page)).to_be_visible()
    article.refresh_from_db()
    assert lines(article.body) == typed

    page.goto(change_url)
    expect(page.locator("#autosave-notice")).to_have_count(0)


def test_restored_text_is_merged_with_a_save_made_meanwhile(page, editor, second_editor):
    article = make_article("智能制造札记", status=Status.DRAFT, body="第一段。\n\n第二段。")
    change_url = f"{CHANGELIST}{article.pk}/change/"
    log_in(page, editor)
    page.goto(change_url)
    page.locator("#id_body").fill("第一段。\n\n第二段，补充了数据。")
    wait_until_kept(page)  # the script stores a second after the last keystroke

    # Meanwhile another editor changes the first paragraph and saves.
    revisions.ensure_baseline(article.pk)
    article.refresh_from_db()
    article.body = "第一段，改过。\n\n第二段。"
    article.save()
    revisions.snapshot(article, second_editor)

    page.goto(change_url)
    page.locator("#autosave-notice").get_by_role("button", name="恢复这些修改").click()
    page.locator("input[name=_save]").click()
    expect(page.locator("#article_form")).to_contain_text("表单已合并了双方的修改")
    expect(page.locator("#id_body")).to_have_value("第一段，改过。\n\n第二段，补充了数据。")
    page.locator("input[name=_save]").click()
    expect(success_message(page)).to_be_visible()
    article.refresh_from_db()
    assert lines(article.body) == "第一段，改过。\n\n第二段，补充了数据。"


def test_unsubmitted_text_can_be_discarded(page, editor):
    article = make_article("智能制造札记", status=Status.DRAFT, body="原来的正文。")
    change_url = f"{CHANGELIST}{article.pk}/change/"
    log_in(page, editor)
    page.goto(change_url)
    page.locator("#id_title").fill("不要的标题")
    wait_until_kept(page)  # the script stores a second after the last keystroke
    page.goto(change_url)
    page.locator("#autosave-notice").get_by_role("button", name="丢弃").click()
    expect(page.locator("#autosave-notice")).to_have_count(0)
    expect(page.locator("#id_title")).to_have_value("智能制造札记")
    page.goto(change_url)
    expect(page.locator("#autosave-notice")).to_have_count(0)
