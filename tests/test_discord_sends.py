"""`discord_sends` on a code: the message Discord sends for it, word for word, with a public page
that shows it (data/README.md). Validated one rule at a time, shown on the code page as
"Discord sends: …", and read by the lookup as a phrase."""
from __future__ import annotations

from conftest import problems
from macros import code_page, lookup
from macros.catalog import load_catalog

GOOD = '{ text = "You are being rate limited.", source = "https://docs.discord.com/developers/topics/rate-limits#exceeding-a-rate-limit" }'
THREAD = "https://github.com/discordjs/discord.js/issues/4871"


def with_sends(tiny_data, value: str):
    """The tiny HTTP table with `discord_sends = value` right after the name of code 429."""
    path = tiny_data / "http-status-codes.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('name = "TOO MANY REQUESTS"\n', f'name = "TOO MANY REQUESTS"\ndiscord_sends = {value}\n', 1),
                    encoding="utf-8")
    return tiny_data


def only_problem(tiny_data, value: str) -> str:
    [problem] = problems(with_sends(tiny_data, value))
    return problem


def test_good_messages_pass_and_reach_the_code(tiny_data):
    with_sends(tiny_data, f'[{GOOD}, {{ text = "404: Not Found", source = "{THREAD}" }}]')
    assert problems(tiny_data) == []
    code = load_catalog(tiny_data).by_anchor()["http-429"]
    assert [(sent.text, sent.source) for sent in code.discord_sends][1] == ("404: Not Found", THREAD)


def test_a_source_that_is_no_thread_nor_docs_page(tiny_data):
    assert only_problem(tiny_data, '[{ text = "You are being rate limited.", source = "https://example.com/x" }]').endswith(
        "'discord_sends.source' must be a GitHub issue, pull request or discussion, or a page of Discord's docs, "
        "got 'https://example.com/x'")


def test_a_message_that_is_not_ascii(tiny_data):
    assert "'discord_sends.text' must be at least 4 printable ASCII characters" in only_problem(
        tiny_data, f'[{{ text = "Trop de requêtes", source = "{THREAD}" }}]')


def test_a_message_too_short(tiny_data):
    assert "'discord_sends.text' must be at least 4 printable ASCII characters" in only_problem(
        tiny_data, f'[{{ text = "429", source = "{THREAD}" }}]')


def test_a_message_without_source(tiny_data):
    assert only_problem(tiny_data, '[{ text = "You are being rate limited." }]').endswith("missing required field 'source'")


def test_an_unknown_field(tiny_data):
    assert "unknown field 'url' in discord_sends" in only_problem(
        tiny_data, f'[{{ text = "You are being rate limited.", source = "{THREAD}", url = "{THREAD}" }}]')


def test_not_a_table(tiny_data):
    assert only_problem(tiny_data, '["You are being rate limited."]').endswith(
        "'discord_sends' entries must be tables with text and source")


def test_the_code_page_says_what_discord_sends_with_its_source(tiny_data):
    with_sends(tiny_data, f'[{{ text = "<b>rate</b> limited & more", source = "{THREAD}" }}]')
    catalog = load_catalog(tiny_data)
    body = code_page.CodePage(catalog, catalog.by_anchor()["http-429"]).body()
    assert '<span class="meta-label">Discord sends</span> “&lt;b&gt;rate&lt;/b&gt; limited &amp; more”' in body
    assert f'href="{THREAD}"' in body
    other = code_page.CodePage(catalog, catalog.by_anchor()["http-5xx"]).body()
    assert "Discord sends" not in other


def test_the_lookup_reads_each_message_as_a_phrase(tiny_data):
    with_sends(tiny_data, f"[{GOOD}]")
    catalog = load_catalog(tiny_data)
    data = lookup.rules_data(catalog, lookup.Rules((), ()))
    [phrase] = [p for p in data["phrases"] if p[1] == "http-429"]
    assert phrase[0] == "you are being rate limited." and data["whys"][phrase[3]] == lookup.MESSAGE_WHY
