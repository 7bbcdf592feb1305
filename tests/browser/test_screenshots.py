"""Screenshots of the home page and an article at phone and desktop widths."""

import pytest

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "device, viewport", [("phone", PHONE), ("desktop", DESKTOP)], ids=["phone", "desktop"]
)
def test_screenshots(device, viewport, page, screenshot, seed_article):
    page.set_viewport_size(viewport)
    for name, url in [("home", "/"), ("article", seed_article.get_absolute_url())]:
        response = page.goto(url)
        assert response.ok, f"{url} answered {response.status}"
        page.evaluate("document.fonts.ready")

        path = screenshot(page, f"{name}-{device}")

        assert path.is_file() and path.stat().st_size > 0
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {device} width"
