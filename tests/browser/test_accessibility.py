"""axe finds no violations on any page, in the light and the dark scheme.

Each page is loaded once, in the scheme a reader's system prefers, and checked; then switched to the
other scheme with Material's palette toggle, as a reader does, and checked again. A second page load
would cost a new context, the load and the network-idle wait again for the same document: only the
colours differ between the schemes. Pages alternate the scheme they start in, so the preference is
seen to choose each scheme."""
from __future__ import annotations

import pytest

from .conftest import new_context

PAGES = ["", "gateway/", "voice/", "http/", "json/", "rpc/", "lookup/", "permissions/", "libraries/", "changes/", "about/",
         "404.html", "c/close-4014/", "c/json-50035/", "fields/", "c/field-base-type-max-length/"]
# What each scheme is called by the browser's preference, by Material's data-md-color-scheme, and
# by the title of the toggle that switches to it (mkdocs.yml's palette).
SCHEMES = {"light": ("default", "Switch to light mode"), "dark": ("slate", "Switch to dark mode")}
OTHER = {"light": "dark", "dark": "light"}
# Material turns transitions off while it switches ("data-md-color-switching"); axe must not read a
# colour halfway through one.
SWITCHED = ("() => !document.body.hasAttribute('data-md-color-switching')"
            " && document.getAnimations().every(a => !(a instanceof CSSTransition))")


def describe(violations) -> list[str]:
    lines = []
    for v in violations:
        targets = [", ".join(node["target"]) for node in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} nodes, e.g. {targets}")
    return lines


def axe_violations(page) -> list[str]:
    """axe-core's violations in the page as it is now (axe was injected once, at the page's load)."""
    return describe(page.evaluate("axe.run({resultTypes: ['violations']}).then(results => results.violations)"))


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations_in_either_scheme(browser, site_server, path):
    from axe_playwright_python.sync_playwright import Axe

    first = "dark" if PAGES.index(path) % 2 else "light"
    second = OTHER[first]
    context = new_context(browser, site_server, color_scheme=first)
    page = context.new_page()
    page.goto(f"/{path}")
    page.wait_for_load_state("networkidle")  # every request the page makes, before the check below
    page.evaluate(Axe().axe_script)
    violations = {}
    assert scheme(page) == SCHEMES[first][0], f"the {first} preference did not choose the {first} scheme"
    violations[first] = axe_violations(page)

    page.get_by_title(SCHEMES[second][1]).click()
    page.wait_for_function(SWITCHED)
    assert scheme(page) == SCHEMES[second][0], f"the palette toggle did not switch to the {second} scheme"
    violations[second] = axe_violations(page)

    assert violations == {"light": [], "dark": []}
    assert context.request_log.foreign() == []
    context.close()
