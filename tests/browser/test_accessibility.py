"""axe finds no violations on any page, in the light and the dark scheme."""
from __future__ import annotations

import pytest

from .conftest import new_context

PAGES = ["", "gateway/", "voice/", "http/", "json/", "rpc/", "lookup/", "permissions/", "libraries/", "changes/", "about/",
         "404.html", "c/close-4014/", "c/json-50035/", "fields/", "c/field-base-type-max-length/"]
SCHEMES = {"light": "light", "dark": "dark"}


def describe(violations) -> list[str]:
    lines = []
    for v in violations:
        targets = [", ".join(node["target"]) for node in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} nodes, e.g. {targets}")
    return lines


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(browser, site_server, path, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = new_context(browser, site_server, color_scheme=SCHEMES[scheme])
    page = context.new_page()
    page.goto(f"/{path}")
    page.wait_for_load_state("networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    results = Axe().run(page)
    assert describe(results.response["violations"]) == []
    assert context.request_log.foreign() == []
    context.close()
