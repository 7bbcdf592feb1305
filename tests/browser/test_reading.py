"""A reader's paths through the site: home to article, glossary tooltips, search."""

import re

import pytest
from playwright.sync_api import expect

from glossary.models import GlossaryEntry

pytestmark = pytest.mark.browser

ARTICLE_URL = re.compile(r"/articles/[\w-]+/$")


def test_read_an_article_from_home(page, seed_article):
    page.goto("/")
    page.get_by_role("link", name=seed_article.title).first.click()

    expect(page).to_have_url(re.compile(re.escape(seed_article.get_absolute_url()) + "$"))
    expect(page.locator("h1")).to_have_text(seed_article.title)
    paragraphs = page.locator("main p")
    expect(paragraphs.first).to_be_visible()
    assert paragraphs.count() >= 3


def test_glossary_definition_revealed_by_keyboard(page, seed_article):
    page.goto(seed_article.get_absolute_url())
    first_tooltip_id = page.locator("a.term").first.get_attribute("aria-describedby")
    expect(page.locator(f"#{first_tooltip_id}")).to_be_hidden()

    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.term')"):
            break
    else:
        pytest.fail("Tab never reached a glossary term link (a.term)")

    term = page.locator("a.term:focus")
    tooltip_id = term.get_attribute("aria-describedby")
    href = term.get_attribute("href")
    tooltip = page.locator(f"#{tooltip_id}")
    expect(tooltip).to_have_attribute("role", "tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).not_to_be_empty()

    slug = re.fullmatch(r"/glossary/([\w-]+)/", href).group(1)
    entry = GlossaryEntry.objects.get(slug=slug)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    expect(page.locator("h1")).to_have_text(entry.term)


def test_search_from_the_header(page):
    page.goto("/")
    box = page.locator("header input[name=q]")
    box.fill("腾讯")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q="))
    expect(page.locator("main mark").first).to_have_text(re.compile("腾讯"))
    first_result = page.locator("main a[href^='/articles/']:not([href='/articles/'])").first
    title = first_result.inner_text().strip()
    first_result.click()

    expect(page).to_have_url(ARTICLE_URL)
    expect(page.locator("h1")).to_have_text(title)
