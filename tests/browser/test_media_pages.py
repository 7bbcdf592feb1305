"""Reader pages with pictures: covers in lists and atop the article, a figure, a portrait
and the author card; screenshots at phone and desktop widths, and axe-core stays clean."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import format_violations
from tests.media_fixtures import add_image, jpeg_bytes

pytestmark = pytest.mark.browser

PAGES = {
    "home": lambda article: reverse("articles:home"),
    "list": lambda article: reverse("articles:list"),
    "article": lambda article: article.get_absolute_url(),
    "author": lambda article: article.author.get_absolute_url(),
}


@pytest.fixture
def pictured(seed_article, settings, tmp_path):
    """The seed articles with covers, the first with a figure, its author with a portrait."""
    settings.MEDIA_ROOT = tmp_path / "media"
    colours = [(180, 60, 40), (40, 110, 160), (60, 140, 80)]
    covers = [
        add_image(jpeg_bytes(1600, 1000, color=c), alt_text=f"封面{n}", credit="产业观察")
        for n, c in enumerate(colours)
    ]
    for n, article in enumerate(Article.objects.all()):
        article.cover = covers[n % len(covers)]
        article.save()
    seed_article.refresh_from_db()
    seed_article.body += f'\n\n![示意图](media:{covers[1].pk} "腾讯的产业互联网布局")'
    seed_article.save()
    author = seed_article.author
    author.portrait = add_image(jpeg_bytes(400, 400, color=(90, 90, 90)), alt_text="头像")
    author.bio = "关注产业互联网。"
    author.save()
    return seed_article


@pytest.mark.parametrize(
    "device, viewport", [("phone", PHONE), ("desktop", DESKTOP)], ids=["phone", "desktop"]
)
@pytest.mark.parametrize("name", PAGES)
def test_pages_with_pictures(name, device, viewport, axe_page, axe, screenshot, pictured):
    axe_page.set_viewport_size(viewport)
    url = PAGES[name](pictured)
    response = axe_page.goto(url)
    assert response.ok, f"{url} answered {response.status}"
    axe_page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy images load
    axe_page.wait_for_function(
        "[...document.images].every(img => img.complete && img.naturalWidth > 0)"
    )

    assert axe_page.locator("img").count() >= 1
    screenshot(axe_page, f"pictures-{name}-{device}")
    violations = axe(axe_page)
    assert not violations, format_violations(url, violations)
