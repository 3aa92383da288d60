"""A renumbered code keeps its old anchor: the old link lands on the new row, highlighted."""
from __future__ import annotations

import pytest

from helpers import serve_directory

from .conftest import new_context
from .test_journeys import ROW_STATE


@pytest.fixture(scope="module")
def alias_server(alias_site):
    """conftest's alias_site (gateway close 4011 renumbered to 4111, keeping close-4011 as an alias), served."""
    with serve_directory(alias_site) as base:
        yield base


@pytest.mark.parametrize("start", ["/gateway/#close-4011", "/#close-4011", "/json/#close-4011"])
def test_old_anchor_lands_on_the_new_row(browser, alias_server, start):
    context = new_context(browser, alias_server)
    page = context.new_page()
    page.goto(start)
    page.wait_for_function("() => location.pathname === '/gateway/' && location.hash === '#close-4011'")
    page.wait_for_timeout(200)
    state = page.evaluate(ROW_STATE, "close-4111")
    alias_target = page.evaluate("document.getElementById('close-4011').matches(':target')")
    assert alias_target
    assert state["top"] >= state["headerBottom"] - 1 and state["top"] < state["viewport"]
    assert state["background"] != state["plainBackground"], "the new row is not highlighted"
    assert context.request_log.foreign() == []
    context.close()


def test_old_code_page_forwards_to_the_new_one(browser, alias_server):
    context = new_context(browser, alias_server)
    page = context.new_page()
    page.goto("/c/close-4011/")
    page.wait_for_function("() => location.pathname === '/c/close-4111/'")
    assert "4111" in page.locator("article h1").inner_text()
    assert context.request_log.foreign() == []
    context.close()
