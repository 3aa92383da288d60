"""What a reader does, in a real browser: open a deep link, search, follow forwards, copy a link."""
from __future__ import annotations

import html
import re
from urllib.parse import urljoin

import pytest

from helpers import fetch
from macros import text

from .conftest import DESKTOP, PHONE, new_context

DEEP_LINKS = ["gateway/#op-2", "gateway/#close-4011", "gateway/#close-4014", "voice/#voice-op-7",
              "voice/#voice-close-4014", "http/#http-429", "http/#http-5xx", "json/#json-50035",
              "rpc/#rpc-error-4000", "rpc/#rpc-close-4003"]
# A search hit for a code links to the code's own page: ".../c/close-4011/".
CODE_PAGE_LINK = re.compile(r"(?:^|/)c/((?:op|close|voice-op|voice-close|http|json|rpc-error|rpc-close)-[0-9x]+)/$")

ROW_STATE = """id => {
  const row = document.getElementById(id);
  const header = document.querySelector(".md-header").getBoundingClientRect();
  const box = row.getBoundingClientRect();
  const plain = document.querySelector(".code-table tbody tr:not(:target)");
  return {
    top: box.top, bottom: box.bottom, headerBottom: header.bottom, viewport: innerHeight,
    target: row.matches(":target"),
    background: getComputedStyle(row).backgroundColor,
    plainBackground: plain ? getComputedStyle(plain).backgroundColor : null,
    scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
  };
}"""


SETTLED = """id => {
  const row = document.getElementById(id);
  if (!row || location.hash !== "#" + id) return false;
  const top = Math.round(row.getBoundingClientRect().top);
  const settled = window.__lastTop === top;
  window.__lastTop = top;
  return settled;
}"""


def assert_lands_on_row(page, anchor: str):
    # Wait until the fragment is set and the row has stopped moving (scrolling has finished).
    page.evaluate("() => { window.__lastTop = undefined; }")
    page.wait_for_function(SETTLED, arg=anchor, polling=100, timeout=10_000)
    state = page.evaluate(ROW_STATE, anchor)
    assert state["target"], f"{anchor} is not :target"
    assert state["top"] >= state["headerBottom"] - 1, f"{anchor} is under the sticky header: {state}"
    assert state["top"] < state["viewport"] - 20, f"{anchor} is below the viewport: {state}"
    assert state["background"] != state["plainBackground"], f"{anchor} is not highlighted"
    return state


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_deep_links_land_on_the_row_highlighted(browser, site_server, viewport):
    context = new_context(browser, site_server, viewport=viewport)
    page = context.new_page()
    for link in DEEP_LINKS:
        page.goto(f"/{link}")
        state = assert_lands_on_row(page, link.split("#")[1])
        if viewport is PHONE:
            assert state["scrollWidth"] <= state["clientWidth"], f"{link} scrolls sideways on a phone"
    assert context.request_log.foreign() == []
    context.close()


RESULT_LINK = ".md-search-result__list a.md-search-result__link"


def search(page, query: str) -> list[str]:
    """Type a query and return the result links once the list has stopped changing. On a page
    searched before (the shared search_page), the previous results are cleared first, so they
    cannot be read as this query's."""
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "")
    page.keyboard.press("End")
    page.wait_for_selector(RESULT_LINK, state="detached")
    # The whole query at once, then one key (Material reads the field on keyup): no half-typed
    # query can be answered last on a busy machine.
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")
    page.wait_for_selector(RESULT_LINK)
    return search_results(page)


FIRST_HIT = """anchor => {
  const link = document.querySelector(".md-search-result__list a.md-search-result__link");
  return !!link && link.getAttribute("href").endsWith("c/" + anchor + "/");
}"""


def wait_for_first_hit(page, anchor: str):
    page.wait_for_function(FIRST_HIT, arg=anchor, timeout=15_000)


def search_results(page) -> list[str]:
    """The result links once the list has stopped changing."""
    read = lambda: page.eval_on_selector_all(  # noqa: E731
        ".md-search-result__list a.md-search-result__link", "links => links.map(a => a.getAttribute('href'))")
    previous, current = None, read()
    for _ in range(40):
        if current == previous:
            break
        page.wait_for_timeout(250)
        previous, current = current, read()
    return current


def code_hits(hrefs):
    return [match[1] for match in map(CODE_PAGE_LINK.search, hrefs) if match]


def assert_on_code_page(page, site_server, anchor: str, number: str):
    page.wait_for_url(f"{site_server}/c/{anchor}/")
    heading = page.locator("article h1").inner_text()
    assert f" {number} · " in heading, heading


@pytest.mark.parametrize("query, anchor", [
    ("4011", "close-4011"), ("close 4011", "close-4011"), ("sharding required", "close-4011"),
    ("disallowed intents", "close-4014"), ("50035", "json-50035"), ("invalid form body", "json-50035"),
    ("voice 4014", "voice-close-4014"), ("voice 4004", "voice-close-4004"), ("rpc close 4000", "rpc-close-4000"),
    ("429", "http-429"), ("op-10", "op-10"), ("voice-close-4004", "voice-close-4004"),
])
def test_search_shows_the_right_code_first_and_lands_on_it(search_page, site_server, query, anchor):
    assert_search_lists_first(search_page, site_server, query, anchor)


def test_a_search_result_opens_its_code_page(page, site_server):
    """The journey itself, once, on a fresh page: type, click the first result, land on the page."""
    assert_search_opens_first(page, site_server, "sharding required", "close-4011")


def assert_search_lists_first(page, site_server, query: str, anchor: str):
    """The query lists the code first, and that result links to the code's own page, which is
    served with the code's number in its heading."""
    hits = code_hits(search(page, query))
    assert hits and hits[0] == anchor, hits[:5]
    href = page.get_attribute(f"{RESULT_LINK}[href$='c/{anchor}/']", "href")
    assert urljoin(page.url, href) == f"{site_server}/c/{anchor}/"
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", fetch(f"{site_server}/c/{anchor}/"), re.S)
    number = anchor.rsplit("-", 1)[1]
    assert heading and f" {number} · " in html.unescape(re.sub(r"<[^>]+>", "", heading[1])), heading


def assert_search_opens_first(page, site_server, query: str, anchor: str):
    """From the home page, the query lists the code first, and its result opens the code's page."""
    page.goto("/")
    hits = code_hits(search(page, query))
    assert hits and hits[0] == anchor, hits[:5]
    page.click(f"{RESULT_LINK}[href$='c/{anchor}/']")
    assert_on_code_page(page, site_server, anchor, anchor.rsplit("-", 1)[1])


# Numbers many tables share, each the start of longer JSON codes (4004 -> 40041, 40043): Material's
# trailing wildcard made lunr rank those rarer longer numbers first.
# Short numbers too: "2" listed JSON 50016 first, whose name says "at least 2" (issue 13).
@pytest.mark.parametrize("number", ["4000", "4001", "4003", "4004", "4006", "4009", "2", "9", "10"])
def test_a_typed_number_lists_every_code_with_it_before_longer_numbers(search_page, catalog, number):
    hits = code_hits(search(search_page, number))
    numbers = [hit.rsplit("-", 1)[1] for hit in hits]
    assert numbers and numbers[0] == number, hits[:5]
    assert {code.anchor for code in catalog.codes() if str(code.code) == number} <= set(hits), hits
    longer = [i for i, n in enumerate(numbers) if n.startswith(number) and n != number]
    assert longer, f"no longer numbers listed for {number}: {hits}"
    last_exact = max(i for i, n in enumerate(numbers) if n == number)
    assert last_exact < min(longer), hits


@pytest.mark.parametrize("start, anchor", [
    ("/#close-4011", "close-4011"), ("/json/#close-4011", "close-4011"), ("/gateway/#json-50035", "json-50035"),
    ("/about/#voice-op-7", "voice-op-7"),
])
def test_an_anchor_on_the_wrong_page_forwards(page, site_server, start, anchor):
    page.goto(start)
    assert_lands_on_row(page, anchor)


@pytest.mark.parametrize("discord_anchor, path, table", [
    ("gateway-gateway-close-event-codes", "gateway/", "gateway-close-codes"),
    ("voice-voice-close-event-codes", "voice/", "voice-close-codes"),
    ("json-json-error-codes", "json/", "json-error-codes"),
])
def test_discords_table_anchors_land_on_our_tables(page, site_server, discord_anchor, path, table):
    page.goto(f"/{path}#{discord_anchor}")
    page.wait_for_function("id => location.hash === '#' + id", arg=table)
    assert page.url == f"{site_server}/{path}#{table}"
    top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", table)
    assert 0 <= top < 300


@pytest.mark.parametrize("anchor, path", [("close-4011", "gateway/"), ("json-50035", "json/"), ("http-5xx", "http/")])
def test_show_in_the_table_lands_on_the_row(page, site_server, anchor, path):
    page.goto(f"/c/{anchor}/")
    page.click("text=Show in the table")
    page.wait_for_url(f"{site_server}/{path}#{anchor}")
    assert_lands_on_row(page, anchor)


def test_a_code_page_on_a_phone(browser, site_server, catalog):
    """A link pasted in a chat, opened on a phone: the code, its explanation, a working search and
    the way to the table row, with nothing fetched from another host and no search index."""
    context = new_context(browser, site_server, viewport=PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/c/close-4014/")
    page.wait_for_load_state("networkidle")
    code = catalog.by_anchor()["close-4014"]
    assert page.locator("article h1").inner_text() == f"Gateway close 4014 · {code.name}"
    assert page.title().startswith(f"Gateway close 4014 · {code.name}")
    explanation = page.locator(".code-page-explanation").inner_text()
    assert " ".join(explanation.split())[:60] == text.plain_text(code.explanation)[:60]
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert not any("search_index" in url for url in context.request_log.urls)

    page.click("label.md-header__button[for=__search]")  # the header's search icon on a phone
    page.keyboard.type("4011")
    wait_for_first_hit(page, "close-4011")

    page.goto("/c/close-4014/")
    page.click("text=Show in the table")
    page.wait_for_url(f"{site_server}/gateway/#close-4014")
    assert_lands_on_row(page, "close-4014")
    assert errors == [] and context.request_log.foreign() == []
    context.close()


def test_copy_link_button_copies_the_share_url(browser, site_server):
    context = new_context(browser, site_server, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("/gateway/#close-4011")
    button = page.locator("#close-4011 button.copy-link")
    assert button.get_attribute("aria-label") == "Copy link to Gateway close 4011"
    button.hover()
    assert button.get_attribute("title") == "Copy link"  # set by codes.js on hover, not repeated in the HTML
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_server}/c/close-4011/"
    page.wait_for_function("document.getElementById('codes-status').textContent.startsWith('Link copied')")

    # by keyboard: focus the voice opcode's button and press Enter
    page.goto("/voice/#voice-op-7")
    page.evaluate("navigator.clipboard.writeText('')")
    page.focus("#voice-op-7 button.copy-link")
    page.keyboard.press("Enter")
    page.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_server}/c/voice-op-7/"
    assert context.request_log.foreign() == []
    context.close()


def test_light_dark_toggle_works_and_persists(page):
    page.goto("/gateway/")
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
    assert scheme() == "default"
    page.locator("form[data-md-component=palette] label.md-header__button:visible").click()
    assert scheme() == "slate"
    page.goto("/json/")
    assert scheme() == "slate"
    page.reload()
    assert scheme() == "slate"
    page.locator("form[data-md-component=palette] label.md-header__button:visible").click()
    assert scheme() == "default"


def index_requests(context) -> list[str]:
    return [url for url in context.request_log.urls if "search_index.json" in url or "/workers/search." in url]


@pytest.mark.parametrize("path", ["", "json/", "c/json-50035/", "404.html"])
def test_the_search_index_waits_until_search_is_wanted(browser, site_server, path):
    """Most visits never search: the index and the search worker are fetched on the first sign
    of wanting search, and a number typed straight after load still finds its code."""
    context = new_context(browser, site_server)
    page = context.new_page()
    page.goto(f"/{path}")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert index_requests(context) == []
    # Nor the sitemap, which Material fetches for every link[rel=alternate] (see changes.feed_link_tag).
    assert not any(url.endswith("/sitemap.xml") for url in context.request_log.urls)
    page.click("input.md-search__input")
    page.keyboard.type("4014")  # at once, while the index is still on its way
    wait_for_first_hit(page, "close-4014")
    assert len(index_requests(context)) == 2  # the index and the worker, once each
    context.close()


@pytest.mark.parametrize("key", ["/", "s"])
def test_search_hotkeys_load_the_index(browser, site_server, key):
    context = new_context(browser, site_server)
    page = context.new_page()
    page.goto("/gateway/")
    page.wait_for_load_state("networkidle")
    assert index_requests(context) == []
    page.keyboard.press(key)
    page.keyboard.type("50035")
    wait_for_first_hit(page, "json-50035")
    context.close()


def test_a_search_link_with_q_answers_at_once(page):
    page.goto("/gateway/?q=4004")  # any page but /lookup/, whose ?q= is renamed ?paste=
    page.wait_for_selector(".md-search-result__list a.md-search-result__link")
    assert code_hits(search_results(page))[0] in {"close-4004", "voice-close-4004", "rpc-error-4004"}


@pytest.mark.parametrize("path", ["", "gateway/", "voice/", "http/", "json/", "rpc/", "about/", "c/close-4011/"])
def test_pages_load_nothing_from_other_hosts(context, path):
    page = context.new_page()
    page.goto(f"/{path}")
    page.wait_for_load_state("networkidle")
    if path != "c/close-4011/":
        search(page, "rate limit")
    assert context.request_log.foreign() == []
    assert len(context.request_log.urls) > 1
