"""The 50035 details in Chromium: a discord.js paste with two field errors lists both, each with its
code page and documented limit, and the links resolve on the built site."""
from __future__ import annotations

from urllib.parse import quote, urljoin

import pytest

from .test_lookup import INJECTED, LOOKUP_READY

# discord.js v14 prints one line per field error; two seen in one paste in
# https://github.com/gonzyui/Discord-Template-V13/issues/8 (codes) and, for the limits, the lines of
# https://github.com/Mephisto5558/Teufelsbot/issues/235 and /219 (embed field value and title).
TWO_ERRORS = ("DiscordAPIError[50035]: Invalid Form Body\n"
              "embeds[0].title[BASE_TYPE_MAX_LENGTH]: Must be 256 or fewer in length.\n"
              "embeds[0].fields[9].value[BASE_TYPE_MAX_LENGTH]: Must be 1024 or fewer in length.\n"
              "    at handleErrors (/home/container/node_modules/@discordjs/rest/dist/index.js:640:13)")
FIELDS_SHOWN = "() => document.querySelectorAll('#lookup-results .lookup-field').length"


def test_two_field_errors_are_listed_with_their_limits_and_links_resolve(page, site_server):
    page.goto("/lookup/?q=" + quote(TWO_ERRORS))
    page.wait_for_function(LOOKUP_READY)
    page.wait_for_function(FIELDS_SHOWN + " >= 2")
    first = page.locator("#lookup-results > li").first
    assert first.locator("a.lookup-code").get_attribute("href") == "../c/json-50035/"
    fields = first.locator(".lookup-field")
    assert fields.count() == 2
    title, value = fields.nth(0).inner_text(), fields.nth(1).inner_text()
    assert "embeds[0].title" in title and "Embed title, at most 256 characters" in title
    assert "embeds[0].fields[9].value" in value and "Embed field value, at most 1024 characters" in value
    assert first.locator(".lookup-field-meaning").first.inner_text().endswith("(our reading)")  # Discord documents none
    hrefs = {fields.nth(i).locator("a.lookup-field-code").get_attribute("href") for i in range(2)}
    assert hrefs == {"../c/field-base-type-max-length/"}
    target = urljoin(page.url, hrefs.pop())
    response = page.request.get(target)
    assert response.ok and "Field error BASE_TYPE_MAX_LENGTH" in response.text()
    docs = fields.nth(1).locator(".lookup-field-limit a").get_attribute("href")
    assert docs == "https://docs.discord.com/developers/resources/message#embed-object-embed-limits"


def test_a_field_message_with_markup_stays_text(page):
    text = ('{"code": 50035, "errors": {"__proto__": {"_errors": [{"code": "X_<img src=x onerror=window.__injected=true>", '
            '"message": "<script>window.__injected=true</script>"}]}}, "message": "Invalid Form Body"}')
    page.goto("/lookup/?q=" + quote(text))
    page.wait_for_function(LOOKUP_READY)
    page.wait_for_function(FIELDS_SHOWN + " >= 1")
    assert page.evaluate(INJECTED) == {"elements": 0, "scriptLinks": 0, "ran": False}
    assert "<script>" in page.locator(".lookup-field").first.inner_text()


def test_field_data_is_fetched_only_for_a_50035(page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/lookup/?q=" + quote("403 Forbidden (error code: 50013): Missing Permissions"))
    page.wait_for_function(LOOKUP_READY)
    page.wait_for_function("() => document.querySelectorAll('#lookup-results > li').length > 0")
    assert not [url for url in requested if "lookup-fields" in url]


@pytest.mark.parametrize("query, anchor", [
    ("BASE_TYPE_REQUIRED", "field-base-type-required"),
    ("option value is already used", "field-select-component-option-value-duplicated"),
])
def test_search_finds_a_field_code_by_name_and_by_message(search_page, query, anchor):
    from .test_journeys import search

    hrefs = search(search_page, query)
    field_hits = [h for h in hrefs if "/c/field-" in h or h.startswith("c/field-")]
    assert field_hits and field_hits[0].rstrip("/").endswith(anchor), hrefs[:5]
