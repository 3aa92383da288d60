"""Route answers of the lookup in Chromium: a pasted 50013 or 50001 that names its request shows
the endpoint, its flags (or intent) and links into /permissions/; the route data loads only when
a result needs it."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from .conftest import new_context
from .test_lookup import LOOKUP_READY, PASTE

PASTES = tomllib.loads((Path(__file__).resolve().parent.parent / "route_pastes.toml").read_text(encoding="utf-8"))["paste"]
ROUTES_SHOWN = "() => document.querySelector('#lookup-results .lookup-routes')"


@pytest.mark.parametrize("case", PASTES, ids=[c["library"] for c in PASTES])
def test_a_pasted_error_names_the_endpoint_and_what_it_needs(page, case):
    page.goto("/lookup/")
    page.wait_for_function(LOOKUP_READY)
    page.evaluate(PASTE, case["text"])
    page.wait_for_function(ROUTES_SHOWN)
    answer = page.locator("#lookup-results .lookup-routes").first
    text = answer.inner_text()
    for name in case["routes"]:
        assert name in text
    assert (case.get("flag") or case.get("intent")) in text
    if not case["method"]:
        assert "gives no method" in text
    first = page.locator("#lookup-results > li").first.locator("a").first.get_attribute("href")
    assert first == f"../c/{case['code']}/"
    # every link of the answer leads into /permissions/
    hrefs = answer.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("../permissions/#") for h in hrefs)


def test_the_links_land_on_the_permissions_page(page):
    page.goto("/lookup/")
    page.wait_for_function(LOOKUP_READY)
    page.evaluate(PASTE, PASTES[0]["text"])
    page.wait_for_function(ROUTES_SHOWN)
    page.locator("#lookup-results .lookup-routes a", has_text="MANAGE_ROLES").first.click()
    page.wait_for_url("**/permissions/#perm-manage-roles")
    assert page.locator("#perm-manage-roles").is_visible()


def test_the_route_data_is_fetched_only_when_a_result_needs_it(browser, site_server):
    context = new_context(browser, site_server)
    page = context.new_page()
    page.goto("/lookup/")
    page.wait_for_function(LOOKUP_READY)
    page.evaluate(PASTE, "websocket: close 4014: Disallowed intent(s)")
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert not any("lookup-routes" in url for url in context.request_log.urls)
    page.goto("/lookup/")
    page.wait_for_function(LOOKUP_READY)
    page.evaluate(PASTE, PASTES[0]["text"])
    page.wait_for_function(ROUTES_SHOWN)
    assert sum("lookup-routes" in url for url in context.request_log.urls) == 2  # the script and its data
    assert context.request_log.foreign() == []


def test_a_hostile_path_stays_text(page):
    page.goto("/lookup/")
    page.wait_for_function(LOOKUP_READY)
    page.evaluate(PASTE, 'DiscordAPIError[50013]: Missing Permissions\n  method: \'PUT\',\n'
                         "  url: 'https://discord.com/api/v10/guilds/<img src=x onerror=window.__injected=1>/bans/1'"
                         "\nGET /guilds/1/members/<script>window.__injected=1</script>")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__injected") is None
    assert page.locator("#lookup-results img, #lookup-results script").count() == 0
