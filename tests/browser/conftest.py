"""Browser tests: Debian's chromium, driven by Playwright, against pytest-django's live server.

Playwright's sync API keeps an event loop running in the main thread, so Django would
refuse ORM calls from the tests; DJANGO_ALLOW_ASYNC_UNSAFE lifts that check.
"""

import io
import os
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import expect

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SEED_TITLE = "社交网络巨头产业互联网布局研究——腾讯案例分析"
TIMEOUT_MS = 15_000

# The server and the browser share two cores with the test process: a live preview or
# a save can take a few seconds when the machine is busy.
expect.set_options(timeout=15_000)


class OneRequestAtATime(ThreadedWSGIServer):
    """The live server's threads share the test's in-memory SQLite connection, which two
    threads must not use at once (`sqlite3.InterfaceError: bad parameter or other API
    misuse` when a page's script fires requests together): each request runs whole,
    body and close included, while it holds one lock."""

    def set_app(self, application):
        lock = threading.Lock()

        def serial(environ, start_response):
            with lock:
                response = application(environ, start_response)
                try:
                    return list(response)
                finally:
                    if hasattr(response, "close"):
                        response.close()

        super().set_app(serial)


@pytest.fixture(scope="session", autouse=True)
def serial_live_server():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LiveServerThread, "server_class", OneRequestAtATime)
        yield


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's base URL, with the seed articles and glossary imported."""
    call_command("import_seeds", stdout=io.StringIO())
    return live_server.url


def _new_page(browser, base_url, **options):
    context = browser.new_context(base_url=base_url, locale="zh-CN", viewport=DESKTOP, **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context, context.new_page()


@pytest.fixture
def page(browser, site):
    """A page in a fresh browser context that honours the site's Content-Security-Policy."""
    context, page = _new_page(browser, site)
    yield page
    context.close()


@pytest.fixture
def axe_page(browser, site):
    """A page whose context bypasses CSP, so axe-core can be injected."""
    context, page = _new_page(browser, site, bypass_csp=True)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    """`axe(page)` runs axe-core on the page's current document and returns its violations."""
    from axe_playwright_python.sync_playwright import Axe

    engine = Axe()

    def run(page):
        return engine.run(page).response["violations"]

    return run


@pytest.fixture(scope="session")
def screenshot():
    """`screenshot(page, name)` saves a full-page PNG under test-output/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def seed_article(site):
    from articles.models import Article

    return Article.objects.get(title=SEED_TITLE)


def wait_until_kept(page) -> None:
    """Until the article form's script has kept the unsaved text in the browser (a second
    after the last keystroke; longer on a busy machine)."""
    page.wait_for_function(
        "() => Object.keys(localStorage).some((key) => key.startsWith('chanye:autosave:'))"
    )
