"""Forwarding by fragment: what must not forward, what must not throw, and the 404 page."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import QuietHandler, serve_directory

from .conftest import new_context
from .test_journeys import assert_lands_on_row

# Names every plain JavaScript object inherits: a lookup that follows them forwards to nonsense.
INHERITED_KEYS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf"]


def settled_url(page) -> str:
    """The page's URL once codes.js has run and any forward it started has happened."""
    page.wait_for_load_state("load")
    page.wait_for_timeout(400)
    page.wait_for_load_state("load")
    return page.url


@pytest.mark.parametrize("fragment", INHERITED_KEYS)
def test_inherited_object_keys_do_not_forward(page, site_server, fragment):
    page.goto(f"/about/#{fragment}")
    assert settled_url(page) == f"{site_server}/about/#{fragment}"


@pytest.mark.parametrize("fragment", INHERITED_KEYS)
def test_inherited_object_keys_do_not_forward_on_hash_change(page, site_server, fragment):
    page.goto("/about/")
    page.evaluate("fragment => { location.hash = fragment; }", fragment)
    assert settled_url(page) == f"{site_server}/about/#{fragment}"


# A percent sign with too few hex digits after it: decodeURIComponent throws URIError on it.
MALFORMED = "%E0%A4%A"


def test_an_undecodable_fragment_is_not_found_on_load(page, site_server):
    page.goto(f"/about/#{MALFORMED}")
    assert settled_url(page) == f"{site_server}/about/#{MALFORMED}"
    # the JavaScript-error check of every browser test (conftest) fails this test on a URIError


def test_an_undecodable_fragment_is_not_found_on_hash_change(page, site_server):
    page.goto("/gateway/")
    page.evaluate("fragment => { location.hash = fragment; }", MALFORMED)
    assert settled_url(page) == f"{site_server}/gateway/#{MALFORMED}"
    page.evaluate("location.hash = 'json-50035'")  # forwarding still works afterwards
    page.wait_for_url(f"{site_server}/json/#json-50035")
    assert_lands_on_row(page, "json-50035")


class NotFoundPageHandler(QuietHandler):
    """Answers a missing path with the site's 404.html and status 404, as GitHub Pages does."""

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def host_with_404_page(built_site):
    with serve_directory(built_site, NotFoundPageHandler) as base:
        yield base


@pytest.mark.parametrize("start, anchor, path", [
    ("/no-such-page/#close-4011", "close-4011", "/gateway/"),
    ("/gateway/old/deep/path/#json-50035", "json-50035", "/json/"),
])
def test_a_code_link_to_a_missing_page_forwards_from_the_404_page(browser, host_with_404_page, start, anchor, path):
    context = new_context(browser, host_with_404_page)
    context.expected_console_errors = ["404 (Not Found)"]  # the missing page itself
    page = context.new_page()
    page.goto(start)
    page.wait_for_url(f"{host_with_404_page}{path}#{anchor}")
    assert_lands_on_row(page, anchor)
    assert context.request_log.foreign() == []
    context.close()
