"""Browser fixtures: the built site served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Without Chromium (or Playwright) these tests skip with a reason on a contributor's machine; in CI
(any CI value but false/0/no, see tests/ci.py) they fail instead, and a browser test that skips
there for any other reason is reported as failed, so CI can never pass by skipping them.

Every page of every browser context made here (the `context` and `page` fixtures, and
`new_context`) is watched for uncaught exceptions and console errors; any one fails the test that
made the page (see `no_javascript_errors`).

In CI, deselecting browser tests (`-k "not browser"`, `-m "not browser"`, `--deselect`) fails the run
as well, with one line (see `pytest_collection_finish`). Leaving them out in ways that never load
this file (`--ignore`, `--ignore-glob`, naming other paths) is caught by tests/conftest.py."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ci import browser_summary_line, in_ci
from helpers import serve_directory

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
IN_CI = in_ci()
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
        pytest.fail(f"in CI (CI={os.environ.get('CI')!r}) but the browser tests cannot run: {reason}")


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


# The contexts made during the current test, whose pages' JavaScript errors fail it.
_contexts: list = []


def new_context(browser, site_server, viewport=DESKTOP, **options):
    context = browser.new_context(viewport=viewport, base_url=site_server, **options)
    log = RequestLog(site_server)
    context.on("request", log.record)
    context.request_log = log
    context.javascript_errors = []
    context.expected_console_errors = []  # parts of console messages a test expects, e.g. a 404
    context.on("page", lambda page: watch_for_errors(page, context))
    _contexts.append(context)
    return context


def watch_for_errors(page, context) -> None:
    errors = context.javascript_errors

    def console(message):
        if message.type == "error" and not any(part in message.text for part in context.expected_console_errors):
            errors.append(f"{page.url}: console error: {message.text}")

    page.on("pageerror", lambda error: errors.append(f"{page.url}: uncaught {error}"))
    page.on("console", console)


@pytest.fixture(autouse=True)
def no_javascript_errors():
    """Fails every browser test in which a page threw or logged an error, whoever made the page."""
    _contexts.clear()
    yield
    errors = [error for context in _contexts for error in context.javascript_errors]
    _contexts.clear()
    assert errors == [], "JavaScript errors"


@pytest.fixture
def context(browser, site_server):
    ctx = new_context(browser, site_server)
    yield ctx
    assert ctx.request_log.foreign() == [], "requests to other hosts"
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="module")
def search_page(browser, site_server):
    """The home page, shared by a module's search tests (test_journeys.search clears the previous
    query first): Material's worker builds its index again on every page load, about 1.5 s each
    here, which every query on a fresh page would repeat."""
    ctx = new_context(browser, site_server)
    page = ctx.new_page()
    page.goto("/")
    yield page
    assert ctx.request_log.foreign() == [], "requests to other hosts"
    ctx.close()


def _is_browser_test(item_or_report) -> bool:
    return item_or_report.nodeid.startswith("tests/browser/")


# Browser tests left out by -k, -m or --deselect: in CI that is skipping them by another name.
_deselected: list[str] = []


def pytest_deselected(items):
    _deselected.extend(item.nodeid for item in items if _is_browser_test(item))


def pytest_collection_finish(session):
    """In CI, deselected browser tests fail the run with one line, as a collection error: that stops
    a plain run before any test, and under pytest-xdist each worker reports it (a UsageError raised
    in a worker would crash it with a traceback instead)."""
    if IN_CI and _deselected:
        message = (f"in CI (CI={os.environ.get('CI')!r}) every browser test must run, but {len(_deselected)} "
                   f"were deselected (by -k, -m or --deselect): run them all, or set CI=false to choose")
        session.config.hook.pytest_collectreport(
            report=pytest.CollectReport("tests/browser", "failed", message, []))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and _is_browser_test(item):
        report.outcome = "failed"
        report.longrepr = f"in CI a browser test must run, but it skipped: {call.excinfo.value if call.excinfo else ''}"


def pytest_terminal_summary(terminalreporter):
    """One line saying how many browser tests ran (tests/ci.py). Under pytest-xdist this file is
    not loaded in the controlling process; tests/conftest.py prints the line there instead."""
    line = browser_summary_line(terminalreporter.stats)
    if line:
        terminalreporter.write_line(line)