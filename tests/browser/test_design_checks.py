"""Every page type, site and admin, at phone and desktop widths: screenshots saved under
tests/artifacts/, no sideways scrolling at 360 px, no admin column hidden off-screen at
1280 px, and axe-core clean on the site and on the admin's list and change pages."""

from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from articles.models import Article, Section
from glossary.models import GlossaryEntry
from tests.browser.conftest import DESKTOP, PHONE, _new_page
from tests.browser.test_accessibility import format_violations
from topics.models import Topic, TopicArticle

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
NARROW = {"width": 360, "height": 740}
PASSWORD = "design-checks-密码"

SITE_PAGES = {
    "home": lambda a: reverse("articles:home"),
    "article-list": lambda a: reverse("articles:list"),
    "article": lambda a: a.get_absolute_url(),
    "section": lambda a: a.section.get_absolute_url(),
    "tag-list": lambda a: reverse("articles:tags"),
    "tag": lambda a: a.tags.order_by("name").first().get_absolute_url(),
    "author": lambda a: a.author.get_absolute_url(),
    "glossary": lambda a: reverse("glossary:index"),
    "term": lambda a: GlossaryEntry.objects.published().first().get_absolute_url(),
    "topic-list": lambda a: reverse("topics:index"),
    "topic": lambda a: a.topics.first().get_absolute_url(),
    "search": lambda a: f"{reverse('search')}?{urlencode({'q': '腾讯'})}",
    "not-found": lambda a: "/no-such-page/",
}
ADMIN_CHANGELISTS = {
    "admin-articles": "admin:articles_article_changelist",
    "admin-authors": "admin:articles_author_changelist",
    "admin-tags": "admin:articles_tag_changelist",
    "admin-sections": "admin:articles_section_changelist",
    "admin-topics": "admin:topics_topic_changelist",
    "admin-glossary": "admin:glossary_glossaryentry_changelist",
    "admin-deleted-imports": "admin:articles_deletedimport_changelist",
    "admin-duplicate-imports": "admin:articles_duplicateimport_changelist",
    "admin-site-rules": "admin:articles_siterule_changelist",
}
ADMIN_PAGES = {
    "admin-dashboard": lambda a: reverse("admin:index"),
    **{name: (lambda a, url=url: reverse(url)) for name, url in ADMIN_CHANGELISTS.items()},
    "admin-article-change": lambda a: reverse("admin:articles_article_change", args=[a.pk]),
    "admin-article-add": lambda a: reverse("admin:articles_article_add"),
    "admin-revisions": lambda a: reverse("admin:articles_article_revisions", args=[a.pk]),
    "admin-topic-change": lambda a: reverse(
        "admin:topics_topic_change", args=[a.topics.first().pk]
    ),
    "admin-term-change": lambda a: reverse(
        "admin:glossary_glossaryentry_change", args=[GlossaryEntry.objects.first().pk]
    ),
}


@pytest.fixture
def article(seed_article):
    """The seed article, in a section and a published topic."""
    seed_article.section = Section.objects.create(name="深度", description="长篇分析。")
    seed_article.save()
    topic = Topic.objects.create(
        title="腾讯的产业互联网", standfirst="一家社交公司的转身。", status=Topic.Status.PUBLISHED
    )
    TopicArticle.objects.create(topic=topic, article=seed_article, position=1)
    return Article.objects.get(pk=seed_article.pk)


@pytest.fixture
def admin_page(browser, site, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.com", PASSWORD)
    context, page = _new_page(browser, site, bypass_csp=True)
    page.goto("/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    yield page
    context.close()


def shoot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0


def sideways(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_site_pages_at_phone_and_desktop_widths(axe_page, article):
    for name, url in SITE_PAGES.items():
        for width, viewport in (("390", PHONE), ("1280", DESKTOP)):
            axe_page.set_viewport_size(viewport)
            response = axe_page.goto(url(article))
            assert response.status < 500, f"{name} answered {response.status}"
            shoot(axe_page, f"{name}-{width}")


def test_admin_pages_at_phone_and_desktop_widths(admin_page, article):
    for name, url in ADMIN_PAGES.items():
        for width, viewport in (("390", PHONE), ("1280", DESKTOP)):
            admin_page.set_viewport_size(viewport)
            assert admin_page.goto(url(article)).ok, name
            shoot(admin_page, f"{name}-{width}")


def test_no_site_page_scrolls_sideways_at_360_px(axe_page, article):
    axe_page.set_viewport_size(NARROW)
    wide = {}
    for name, url in SITE_PAGES.items():
        axe_page.goto(url(article))
        if sideways(axe_page) > 0:
            wide[name] = sideways(axe_page)
    assert wide == {}


def test_admin_changelists_show_every_column_at_1280_px(admin_page, article):
    admin_page.set_viewport_size(DESKTOP)
    hidden = {}
    for name, url in ADMIN_CHANGELISTS.items():
        admin_page.goto(reverse(url))
        off_screen = admin_page.evaluate(
            """() => [...document.querySelectorAll('#result_list thead th')]
                .filter((th) => th.getBoundingClientRect().right > window.innerWidth + 1)
                .map((th) => th.textContent.trim())"""
        )
        if off_screen or sideways(admin_page) > 0:
            hidden[name] = off_screen
    assert hidden == {}


def test_site_pages_are_axe_clean(axe_page, axe, article):
    found = {}
    for name, url in SITE_PAGES.items():
        for viewport in (PHONE, DESKTOP):
            axe_page.set_viewport_size(viewport)
            axe_page.goto(url(article))
            violations = axe(axe_page)
            if violations:
                found[f"{name} {viewport['width']}"] = format_violations(url(article), violations)
    assert not found, "\n\n".join(found.values())


def test_admin_list_and_change_pages_are_axe_clean(admin_page, axe, article):
    found = {}
    for name in (
        "admin-articles",
        "admin-article-change",
        "admin-sections",
        "admin-glossary",
        "admin-topics",
        "admin-topic-change",
    ):
        url = ADMIN_PAGES[name](article)
        admin_page.goto(url)
        violations = axe(admin_page)
        if violations:
            found[name] = format_violations(url, violations)
    assert not found, "\n\n".join(found.values())


PROSE_STYLE = """(p) => {
    const style = getComputedStyle(p);
    return [style.fontSize, style.lineHeight, style.fontFamily];
}"""


def test_preview_is_styled_like_the_article_page(admin_page, article):
    admin_page.set_viewport_size(DESKTOP)
    admin_page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    paragraph = admin_page.locator(".markdown-editor__body .prose p").first
    paragraph.wait_for()
    in_preview = paragraph.evaluate(PROSE_STYLE)
    admin_page.goto(article.get_absolute_url())
    on_page = admin_page.locator(".article .prose p").first.evaluate(PROSE_STYLE)
    assert in_preview == on_page


def test_tag_box_suggests_existing_tags_by_pinyin_initials(admin_page, article):
    admin_page.goto(reverse("admin:articles_article_add"))
    admin_page.locator("#id_tags").press_sequentially("cyhl")
    option = admin_page.get_by_role("option", name="产业互联网", exact=True)
    option.wait_for(timeout=30_000)  # the first suggestion loads the pinyin tables
    option.dispatch_event("mousedown")
    assert admin_page.locator("#id_tags").input_value() == "产业互联网、"


def test_requests_a_script_fires_together_all_succeed(admin_page, article):
    """Typing fires tag suggestions faster than they answer; none of them may fail."""
    admin_page.goto(reverse("admin:articles_article_add"))
    url = reverse("admin:articles_article_tag_suggestions")
    statuses = admin_page.evaluate(
        """(url) => Promise.all(Array.from({length: 24}, (_, i) => ['c', 'cyhl', 'shu'][i % 3])
            .map((q) => fetch(`${url}?q=${q}`).then((response) => response.status)))""",
        url,
    )
    assert statuses == [200] * 24


def test_headings_are_bold_with_the_only_cjk_font_having_no_bold(page, article):
    """Debian's test machines have WenQuanYi Zen Hei alone, without a bold face: headings
    must still come out heavier than body text."""
    page.goto(article.get_absolute_url())
    heading = page.locator("h1")
    bold = heading.screenshot()
    heading.evaluate("(h) => { h.style.fontWeight = '400'; }")
    assert heading.screenshot() != bold


def test_body_and_preview_sit_side_by_side_without_overlap(admin_page, article):
    admin_page.set_viewport_size(DESKTOP)
    admin_page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    admin_page.locator(".markdown-editor__body .prose p").first.wait_for()
    text = admin_page.locator("textarea.markdown-editor").bounding_box()
    preview = admin_page.locator(".markdown-editor__preview").bounding_box()
    assert text["x"] + text["width"] <= preview["x"]  # beside it, not under it
    assert text["height"] >= 300  # not the admin's 120 px box


def test_tag_box_warns_of_a_near_duplicate_before_saving(admin_page, article):
    admin_page.goto(reverse("admin:articles_article_add"))
    admin_page.locator("#id_tags").press_sequentially("产业互联")
    admin_page.locator("#id_title").click()  # leaving the box checks the new names
    warning = admin_page.locator("#id_tags_neighbours")
    warning.get_by_role("link", name="产业互联网", exact=True).wait_for(timeout=30_000)
    assert "新标签“产业互联”与已有标签相近" in warning.inner_text()
