"""Browser fixtures: the built site served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Without Chromium (or Playwright) these tests skip with a reason on a contributor's machine; with
CI=true they fail instead, so CI can never pass by skipping them."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import serve_directory

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def _unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python package playwright is not installed (make test installs it)"
    if not Path(CHROMIUM).is_file():
        return f"no Chromium at {CHROMIUM}; install Debian's chromium (apt-get install chromium)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _unavailable()
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if reason and not IN_CI:
                item.add_marker(pytest.mark.skip(reason=f"browser test skipped: {reason}"))


@pytest.fixture(scope="session")
def browser_available():
    reason = _unavailable()
    if reason:
        pytest.fail(f"CI=true but the browser tests cannot run: {reason}")


@pytest.fixture(scope="session")
def site_server(built_site):
    with serve_directory(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser(browser_available):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class RequestLog:
    """Every request a page makes; the tests fail on any host but the test server."""

    def __init__(self, base: str):
        self.base = base
        self.urls: list[str] = []

    def record(self, request):
        self.urls.append(request.url)

    def foreign(self) -> list[str]:
        return [u for u in self.urls if not (u.startswith(self.base + "/") or u == self.base
                                            or u.startswith(("data:", "blob:", "about:")))]


def new_context(browser, site_server, viewport=DESKTOP, **options):
    context = browser.new_context(viewport=viewport, base_url=site_server, **options)
    log = RequestLog(site_server)
    context.on("request", log.record)
    context.request_log = log
    return context


@pytest.fixture
def context(browser, site_server):
    ctx = new_context(browser, site_server)
    yield ctx
    assert ctx.request_log.foreign() == [], "requests to other hosts"
    ctx.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert errors == [], f"JavaScript errors: {errors}"
