"""A code's advice on a phone: /c/json-10062/ shows the retry answer near the top, then the
possible causes (each with its source links) and what to do, without scrolling sideways; axe finds
no violations on it."""
from __future__ import annotations

import tomllib

import pytest

from conftest import copy_project, mkdocs_build
from helpers import serve_directory

from .conftest import PHONE, new_context
from .test_accessibility import describe

# Used only while the real data has no causes for json-10062 yet (the advice is researched on its
# own branch): then the copy the test builds gets these, so the page's layout is still tested.
STAND_IN = '''
[[code.causes]]
text = "The first response took longer than 3 seconds (test stand-in)."
sources = [{ docs = "receiving-and-responding", about = "Stand-in: an interaction is answered within 3 seconds." }]

[[code.causes]]
text = "A second copy of the bot answered the interaction first (test stand-in)."
sources = [{ url = "https://github.com/discordjs/discord.js/issues/7005", about = "Stand-in: a second instance." }]
'''
STAND_IN_FIXES = 'fixes = ["Defer first, then edit the reply (test stand-in).", "Stop the second instance (test stand-in)."]\n'


def give_json_10062_causes(advice_file) -> None:
    text = advice_file.read_text(encoding="utf-8")
    entry = next(e for e in tomllib.loads(text)["code"] if e["code"] == 10062)
    if entry.get("causes") and entry.get("fixes"):
        return  # the real advice is there: test it as it is
    start = text.index("[[code]]\ncode = 10062\n")
    end = text.find("\n[[code]]", start + 1)
    end = len(text) if end < 0 else end
    body = text[start:end].replace("code = 10062\n", "code = 10062\n" + STAND_IN_FIXES, 1)
    advice_file.write_text(text[:start] + body.rstrip("\n") + "\n" + STAND_IN + text[end:], encoding="utf-8")


@pytest.fixture(scope="module")
def advice_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("advice") / "project")
    give_json_10062_causes(project / "data" / "advice" / "json-error-codes.toml")
    site = project.parent / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    with serve_directory(site) as base:
        yield base


def test_phone_reader_finds_retry_causes_and_what_to_do(browser, advice_site):
    context = new_context(browser, advice_site, viewport=PHONE)
    page = context.new_page()
    page.goto("/c/json-10062/")
    retry = page.locator(".code-page-retry")
    assert retry.is_visible()
    assert retry.inner_text().startswith("Retry: No")
    assert retry.bounding_box()["y"] < PHONE["height"], "the retry answer is on the first screen"

    causes = page.get_by_role("heading", name="Possible causes")
    fixes = page.get_by_role("heading", name="What to do")
    assert causes.is_visible() and fixes.is_visible()
    cause_items = page.locator(".code-causes > ol > li")
    assert cause_items.count() >= 2
    for index in range(cause_items.count()):
        assert cause_items.nth(index).locator(".cause-sources a").count() >= 1
    assert page.locator(".code-fixes > ol > li").count() >= 1
    order = [box["y"] for box in (retry.bounding_box(), causes.bounding_box(), fixes.bounding_box())]
    assert order == sorted(order), "retry, then causes, then what to do"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
    assert context.request_log.foreign() == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
# The badge in a table row is checked with the rest of /rpc/ in both schemes by test_accessibility.
@pytest.mark.parametrize("path, marker", [("c/json-10062/", ".code-causes"),
                                          ("c/rpc-error-1001/", ".badge-undocumented")])  # an undocumented code
def test_no_axe_violations_on_advice_and_undocumented_pages(browser, advice_site, scheme, path, marker):
    from axe_playwright_python.sync_playwright import Axe

    context = new_context(browser, advice_site, viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"/{path}")
    page.wait_for_load_state("networkidle")
    assert page.locator(marker).count() >= 1
    assert describe(Axe().run(page).response["violations"]) == []
    context.close()
