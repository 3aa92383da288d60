"""The paste-your-error lookup in Chromium: the corpus, shared links, and hostile input."""
from __future__ import annotations

import random
import re
from urllib.parse import quote

import pytest

import lookup_cases

from .conftest import new_context

# Pastes a text the way a browser does (an input event) and resolves once lookup.js has answered
# with nothing left loading (a first answer may come before the library constants or a detail
# script it asked for have arrived; lookup.js answers again when they do).
PASTE = """async text => {
  const box = document.getElementById("lookup-input");
  const answered = new Promise((resolve, reject) => {
    box.addEventListener("lookup:answered", function settled(event) {
      if (event.detail.pending === 0) { box.removeEventListener("lookup:answered", settled); resolve(); }
    });
    setTimeout(() => reject(new Error("no settled answer within 10 s")), 10000);
  });
  box.value = text;
  box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  await answered;
  return Array.from(document.querySelectorAll("#lookup-results > li"), li => li.querySelector("a").getAttribute("href"));
}"""
LOOKUP_READY = "() => window.lookupRules && document.getElementById('lookup-input')"
INJECTED = """() => ({
  elements: document.querySelectorAll(".lookup img, .lookup script, .lookup iframe, .lookup svg, .lookup [onerror]").length,
  scriptLinks: document.querySelectorAll('a[href^="javascript:"]').length,
  ran: window.__injected === true,
})"""
HOSTILE = ['<img src=x onerror="window.__injected=true;alert(1)">',
           "<script>window.__injected=true;alert(2)</script>",
           '<a href="javascript:window.__injected=true">4014 error code: 50013</a>',
           "\"><svg onload=alert(3)> DiscordAPIError[50013]: <b>Missing</b>"]


def open_lookup(page, query: str = "", parameter: str = "paste"):
    page.goto("/lookup/" + (f"?{parameter}={quote(query)}" if query else ""))
    page.wait_for_function(LOOKUP_READY)


def test_the_corpus_in_a_real_browser(page):
    open_lookup(page)
    wrong = []
    for case in lookup_cases.cases():
        hrefs = page.evaluate(PASTE, case["text"])
        if not hrefs or hrefs[0] != f"../c/{case['first']}/":
            wrong.append(f"{case['library']}: {case['text'][:60]!r} -> {hrefs[:3]}, expected {case['first']}")
    assert wrong == []


ANSWERS_UNTIL_SETTLED = """async text => {
  const box = document.getElementById("lookup-input");
  const seen = [];
  const settled = new Promise((resolve, reject) => {
    box.addEventListener("lookup:answered", event => {
      seen.push({pending: event.detail.pending, first: document.querySelector("#lookup-results > li a")?.getAttribute("href") || null});
      if (event.detail.pending === 0) resolve();
    });
    setTimeout(() => reject(new Error("no settled answer within 10 s: " + JSON.stringify(seen))), 10000);
  });
  box.value = text;
  box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  await settled;
  return seen;
}"""


def test_an_answer_waiting_for_library_constants_says_so_and_is_answered_again(page):
    """A library constant the rules do not know makes lookup.js fetch every library's constants:
    its first answer says one script is pending, and the answer once it has arrived names the code."""
    open_lookup(page)
    seen = page.evaluate(ANSWERS_UNTIL_SETTLED, "InsufficientPermissions")
    assert seen[0] == {"pending": 1, "first": None}
    assert seen[-1] == {"pending": 0, "first": "../c/json-50013/"}


def test_a_result_shows_table_number_name_sentence_and_why(page, catalog):
    open_lookup(page, "403 Forbidden (error code: 50013): Missing Permissions")
    first = page.locator("#lookup-results > li").first
    code = catalog.by_anchor()["json-50013"]
    assert first.locator("a").inner_text() == f"JSON error code 50013 · {code.name}"
    assert first.locator(".lookup-sentence").inner_text().split()[:3] == code.explanation.split()[:3]
    assert "error code: 50013" in first.locator(".lookup-why").inner_text()
    assert page.locator("#lookup-input").input_value() == "403 Forbidden (error code: 50013): Missing Permissions"


def search_index_requests(context) -> list[str]:
    return [url for url in context.request_log.urls if "search_index.json" in url or "/workers/search." in url]


@pytest.mark.parametrize("parameter", ["paste", "q"])
def test_a_shared_link_answers_and_leaves_the_site_search_closed_and_unloaded(page, context, parameter):
    """?paste= is the lookup's share parameter; ?q= (its first one, in the URL contract) still
    works on /lookup/, and neither opens Material's search nor fetches its index."""
    query = "Used disallowed intents"
    open_lookup(page, query, parameter)
    page.wait_for_function("() => document.querySelector('#lookup-results a')")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert page.locator("#lookup-results a").first.get_attribute("href") == "../c/close-4014/"
    assert page.locator("#lookup-input").input_value() == query
    assert page.evaluate("new URLSearchParams(location.search).get('paste')") == query
    assert page.evaluate("new URLSearchParams(location.search).has('q')") is False
    assert page.evaluate("document.getElementById('__search').checked") is False
    assert search_index_requests(context) == []


def test_the_site_search_still_opens_from_a_q_link_elsewhere(page, context):
    """Only /lookup/ renames ?q=: on other pages it stays Material's search deep link."""
    page.goto("/json/?q=50035")
    page.wait_for_function("() => document.getElementById('__search').checked")
    page.wait_for_function("() => document.querySelector('.md-search-result__item')")
    assert len(search_index_requests(context)) == 2


def test_typing_updates_the_address_without_reloading(page):
    open_lookup(page)
    page.evaluate("window.__samePage = true")
    page.locator("#lookup-input").press_sequentially("Used disallowed intents", delay=5)
    page.wait_for_function("() => new URLSearchParams(location.search).get('paste') === 'Used disallowed intents'")
    assert page.evaluate("new URLSearchParams(location.search).has('q')") is False
    assert page.evaluate("window.__samePage") is True
    page.goto(page.url)
    page.wait_for_function("() => document.querySelector('#lookup-results a')")
    assert page.locator("#lookup-results a").first.get_attribute("href") == "../c/close-4014/"


def test_the_home_page_box_links_to_the_code(page, site_server):
    page.goto("/")
    page.wait_for_function(LOOKUP_READY)
    assert page.evaluate(PASTE, "Error: Used disallowed intents")[0] == "./c/close-4014/"
    page.locator("#lookup-results a").first.click()
    # the code's page: the share page that forwards to its row, or the code page that replaces it
    page.wait_for_url(re.compile(re.escape(site_server) + r"/(c/close-4014/|gateway/#close-4014)$"))


@pytest.mark.parametrize("payload", HOSTILE, ids=["img-onerror", "script", "javascript-link", "svg-onload"])
def test_hostile_text_stays_text(page, payload):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_lookup(page, payload)  # through ?paste=
    page.evaluate(PASTE, payload + "\n" + payload)  # and pasted
    page.wait_for_timeout(200)  # an injected onerror or onload would have fired by now
    assert page.evaluate(INJECTED) == {"elements": 0, "scriptLinks": 0, "ran": False}
    assert dialogs == []
    assert page.locator("#lookup-input").input_value() == payload + "\n" + payload


class MainThreadClock:
    """CPU seconds the page's main thread spent, read from Chromium (DevTools' Performance.ThreadTime).
    Busy main-thread time is what makes a page stop answering, and unlike the wall clock it does not
    grow when other processes (the tests' second process, another browser) share the cores."""

    def __init__(self, page):
        self.session = page.context.new_cdp_session(page)
        self.session.send("Performance.enable")

    def seconds(self) -> float:
        metrics = self.session.send("Performance.getMetrics")["metrics"]
        return next(metric["value"] for metric in metrics if metric["name"] == "ThreadTime")


def test_200_kb_of_random_characters_keeps_the_page_responsive(page):
    generator = random.Random(13)
    alphabet = [chr(c) for c in range(32, 127)] + list("éß漢字🙂\u200b\u202e\n\t<>&\"'")
    noise = "".join(generator.choice(alphabet) for _ in range(200_000)) + " DiscordAPIError[50013]"
    open_lookup(page)
    clock = MainThreadClock(page)
    started = clock.seconds()
    hrefs = page.evaluate(PASTE, noise)
    busy = clock.seconds() - started
    assert 0 < busy < 2, f"answering 200 KB kept the page busy for {busy:.2f} s"
    assert "../c/json-50013/" in hrefs
    started = clock.seconds()
    page.locator("#lookup-input").press("End")
    page.keyboard.type("x")
    busy = clock.seconds() - started
    assert busy < 2, f"the page stopped responding to typing: busy for {busy:.2f} s"
    assert page.evaluate(INJECTED)["elements"] == 0


def test_no_axe_violations_with_results_shown(browser, site_server):
    from axe_playwright_python.sync_playwright import Axe

    context = new_context(browser, site_server)
    page = context.new_page()
    open_lookup(page, "403 Forbidden (error code: 50013): Missing Permissions")
    page.wait_for_function("() => document.querySelector('#lookup-results a')")
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
    assert context.request_log.foreign() == []
    context.close()


def test_a_guess_is_said_in_words(page):
    """A bare number: every meaning listed, each result saying it is a guess, and the status line
    saying that nothing decides between them."""
    open_lookup(page, "4011")
    page.wait_for_function("() => document.querySelectorAll('#lookup-results > li').length === 2")
    assert "nothing in the text decides between the first 2" in page.locator("#lookup-status").inner_text()
    assert all("nothing says which table" in why for why in page.locator(".lookup-why").all_inner_texts())
