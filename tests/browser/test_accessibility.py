"""axe finds no violations on any page, in the light and the dark scheme.

Each page is loaded once, in the scheme a reader's system prefers, and checked; then switched to the
other scheme with Material's palette toggle, as a reader does, and checked again. A second page load
would cost a new context, the load and the network-idle wait again for the same document: only the
colours differ between the schemes. Pages alternate the scheme they start in, so the preference is
seen to choose each scheme. axe is injected once per page (its script takes 40 ms to evaluate, its
colour-contrast rule about 2 s on a long page: the run itself is the cost)."""
from __future__ import annotations

import time

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


def track_requests(context) -> None:
    """Counts the context's unanswered requests (those its request log records) and notes when the
    network was last busy."""
    context.in_flight, context.network_busy_at = set(), time.monotonic()

    def started(request):
        context.in_flight.add(request)
        context.network_busy_at = time.monotonic()

    def ended(request):
        context.in_flight.discard(request)
        context.network_busy_at = time.monotonic()

    context.on("request", started)
    context.on("requestfinished", ended)
    context.on("requestfailed", ended)


def wait_for_quiet_network(page, quiet_ms: int, timeout_ms: int = 10_000) -> None:
    """Waits until no request is unanswered and none has started or ended for `quiet_ms`: with
    quiet_ms=500, Playwright's "networkidle". Once the page has loaded the test waits with 0 (every
    request started so far answered: the page axe sees) and waits out the 500 ms only before it
    reads the request log, so that the axe runs, seconds on a long page, count towards them."""
    deadline = time.monotonic() + timeout_ms / 1000
    context = page.context
    while context.in_flight or time.monotonic() - context.network_busy_at < quiet_ms / 1000:
        assert time.monotonic() < deadline, \
            f"the network never went quiet in {timeout_ms} ms: {sorted(r.url for r in context.in_flight)}"
        page.wait_for_timeout(20)  # lets Playwright deliver the requests' events


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations_in_either_scheme(browser, site_server, path):
    from axe_playwright_python.sync_playwright import Axe

    first = "dark" if PAGES.index(path) % 2 else "light"
    second = OTHER[first]
    context = new_context(browser, site_server, color_scheme=first)
    track_requests(context)
    page = context.new_page()
    page.goto(f"/{path}")  # waits for the load event
    wait_for_quiet_network(page, quiet_ms=0)
    page.evaluate(Axe().axe_script)
    violations = {}
    assert scheme(page) == SCHEMES[first][0], f"the {first} preference did not choose the {first} scheme"
    violations[first] = axe_violations(page)

    page.get_by_title(SCHEMES[second][1]).click()
    page.wait_for_function(SWITCHED)
    assert scheme(page) == SCHEMES[second][0], f"the palette toggle did not switch to the {second} scheme"
    violations[second] = axe_violations(page)

    assert violations == {"light": [], "dark": []}
    wait_for_quiet_network(page, quiet_ms=500)  # every request the page makes, as "networkidle" sees them
    assert context.request_log.foreign() == []
    context.close()
