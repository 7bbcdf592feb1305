"""An editor corrects the importer in the import preview: ticks a segment the importer
removed, confirms, and finds the site rule and the kept text. Readers get the credits
the importer found in an accessible list."""

import importlib
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from articles import roles
from articles.models import Article, SiteRule
from tests.browser.test_accessibility import format_violations
from tests.browser.test_admin_flows import log_in, staff_user
from tests.factories import make_article

pytestmark = pytest.mark.browser

SITE_RULES = importlib.import_module("articles.migrations.0024_editors_site_rules")
DOCUMENT = Path(__file__).parents[1] / "corpus" / "chanjing-wechat" / "01-factory-cloud-digest.txt"
NOTICE = "如有侵权请联系删除。"  # removed from two of the document's articles
FIRST_TITLE = "中小制造企业上云，卡在哪一步"


@pytest.fixture
def editor(django_user_model, site):
    user = staff_user(django_user_model, "editor", roles.EDITOR)
    group = user.groups.get()
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles", codename__in=SITE_RULES.CODENAMES
        )
    )
    return user


def test_editor_keeps_a_removed_segment_from_the_preview(page, editor):
    log_in(page, editor)
    page.goto("/admin/articles/article/import/")
    page.get_by_label("种子文件").set_input_files(str(DOCUMENT))
    page.get_by_role("button", name="试运行").click()
    expect(page.get_by_role("heading", name="逐篇核对")).to_be_visible()

    article = page.locator("details.import-article").filter(has_text=FIRST_TITLE)
    article.locator("summary").click()
    keep = article.get_by_role("checkbox", name=f"保留：{NOTICE}")
    expect(keep).to_be_visible()
    keep.check()
    page.get_by_role("button", name="确认导入").click()

    expect(page.locator("ul.messagelist")).to_contain_text("已记下 1 条站点规则")
    rule = SiteRule.objects.get()
    assert (rule.text, rule.action, rule.created_by) == (NOTICE, SiteRule.Action.KEEP, editor)
    assert Article.objects.filter(body__contains=NOTICE).count() == 2  # the rule is the site's

    page.goto("/admin/articles/siterule/")
    expect(page.locator("#result_list")).to_contain_text(NOTICE)


def test_the_article_credits_block_has_no_axe_violations(axe_page, axe):
    article = make_article(
        original_author="赵一鸣",
        original_source="东方产经日报",
        original_title="标识解析“二级节点”扩容",
        editors="刘畅、何静",
    )
    axe_page.goto(article.get_absolute_url())
    expect(axe_page.locator("dl.credits dt")).to_have_count(4)
    violations = axe(axe_page)
    assert not violations, format_violations(article.get_absolute_url(), violations)
