"""Sources per code: one rule, one tiny bad input, one exact line; and how sources come out."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from conftest import ROOT, problems, tiny
from helpers import replace_in
from macros import evidence, export
from macros.catalog import load_catalog
from macros.model import Source
from macros.sources import source_title

GW = "gateway-close-codes.toml"


def add_source(data_dir, body: str, file: str = GW) -> int:
    """Append one [[code.sources]] to the last code of a tiny file; return that code's line."""
    path = data_dir / file
    text = path.read_text(encoding="utf-8")
    line = text[: text.rindex("[[code]]")].count("\n") + 1
    path.write_text(text + "\n[[code.sources]]\n" + body + "\n", encoding="utf-8")
    return line


def one_problem(data_dir) -> str:
    [line] = problems(data_dir)
    return line


def test_a_docs_source_and_a_thread_source_are_valid(tiny_data):
    add_source(tiny_data, 'docs = "rate-limits"\nanchor = "global-rate-limit"\nabout = "Limits per route."')
    add_source(tiny_data, 'url = "https://github.com/discord/discord-api-docs/issues/42"\nabout = "A report."')
    add_source(tiny_data, 'url = "https://support-dev.discord.com/hc/en-us/articles/123-Some-Title"\nabout = "An article."')
    assert problems(tiny_data) == []


def test_source_with_both_docs_and_url(tiny_data):
    line = add_source(tiny_data, 'docs = "rate-limits"\nurl = "https://github.com/discord/x/issues/1"\nabout = "A."')
    assert one_problem(tiny_data) == (f"data/{GW}:{line}: code 4011: a source has exactly one of 'docs' "
                                      "(a registered name) or 'url'")


def test_source_with_neither_docs_nor_url(tiny_data):
    line = add_source(tiny_data, 'about = "Nothing to click."')
    assert one_problem(tiny_data) == (f"data/{GW}:{line}: code 4011: a source has exactly one of 'docs' "
                                      "(a registered name) or 'url'")


def test_source_without_about(tiny_data):
    line = add_source(tiny_data, 'docs = "rate-limits"')
    assert one_problem(tiny_data) == f"data/{GW}:{line}: code 4011: a source needs 'about': a few words on what it backs"


def test_source_about_too_long(tiny_data):
    line = add_source(tiny_data, f'docs = "rate-limits"\nabout = "{"x" * 201}"')
    assert one_problem(tiny_data) == f"data/{GW}:{line}: code 4011: 'sources.about' is 201 characters; the limit is 200"


@pytest.mark.parametrize("about", ["See [this](code:op-2).", "A <b>bold</b> claim.", "Uses `code`.", "Two\\nlines."])
def test_source_about_is_plain_text(tiny_data, about):
    line = add_source(tiny_data, f'docs = "rate-limits"\nabout = "{about}"')
    assert one_problem(tiny_data) == (f"data/{GW}:{line}: code 4011: 'sources.about' is one line of plain text: "
                                      "no links, code spans, HTML or control characters")


def test_source_unknown_field(tiny_data):
    line = add_source(tiny_data, 'docs = "rate-limits"\nabout = "A."\ntitle = "Mine"')
    assert one_problem(tiny_data) == (f"data/{GW}:{line}: code 4011: unknown field 'title' in sources; "
                                      "allowed: docs, anchor, url, about")


def test_source_field_of_the_wrong_type(tiny_data):
    line = add_source(tiny_data, 'docs = 7\nabout = "A."')
    assert one_problem(tiny_data) == f"data/{GW}:{line}: code 4011: 'sources.docs' must be a string"


def test_sources_written_as_plain_values(tiny_data):
    path = tiny_data / GW
    path.write_text(path.read_text().replace('name = "Sharding required"', 'name = "Sharding required"\nsources = ["rate-limits"]'))
    line = path.read_text()[: path.read_text().rindex("[[code]]")].count("\n") + 1
    assert one_problem(tiny_data) == (f"data/{GW}:{line}: code 4011: 'sources' must be written as "
                                      "[[code.sources]] tables with docs or url, and about")


def test_source_docs_name_not_registered(tiny_data):
    line = add_source(tiny_data, 'docs = "rate-limit"\nabout = "A."')
    assert one_problem(tiny_data) == (f"data/{GW}:{line}: code 4011: 'sources.docs' names 'rate-limit', "
                                      "which is not in discord-docs.toml")


def test_source_anchor_on_a_registry_url_that_has_one(tiny_data):
    line = add_source(tiny_data, 'docs = "gateway-sharding"\nanchor = "max-concurrency"\nabout = "A."')
    assert one_problem(tiny_data) == (f"data/{GW}:{line}: code 4011: 'sources.anchor' given, but docs:gateway-sharding "
                                      "already points at an anchor; register the page without one or drop the anchor")


def test_source_anchor_not_a_slug(tiny_data):
    line = add_source(tiny_data, 'docs = "rate-limits"\nanchor = "#Global Rate Limit"\nabout = "A."')
    assert one_problem(tiny_data) == (f"data/{GW}:{line}: code 4011: 'sources.anchor' must be a slug like "
                                      "\"invalid-request-limit\", not '#Global Rate Limit'")


def test_source_anchor_with_a_url(tiny_data):
    line = add_source(tiny_data, 'url = "https://github.com/discord/discord-api-docs/issues/1"\nanchor = "x"\nabout = "A."')
    assert one_problem(tiny_data) == (f"data/{GW}:{line}: code 4011: 'sources.anchor' goes with 'docs'; "
                                      "put a fragment into the url itself")


@pytest.mark.parametrize("url, reason", [
    ("http://github.com/discord/discord-api-docs/issues/1", "must start with https://"),
    ("https://example.com/discord/discord-api-docs/issues/1",
     "must be on github.com, support.discord.com, support-dev.discord.com"),
    ("https://github.com.evil.test/discord/discord-api-docs/issues/1",
     "must be on github.com, support.discord.com, support-dev.discord.com"),
    ("https://github.com/discordjs/discord-api-types/blob/" + "a" * 40 + "/rpc/common.ts#L330",
     "must point at one issue, pull request, discussion or help article"),  # a source line: undocumented codes only
    ("https://github.com/discord/discord-api-docs/blob/main/README.md",
     "must point at one issue, pull request, discussion or help article"),
    ("https://github.com/discord/discord-api-docs/issues/1?x=1", "must not carry a user, port or query"),
    ("https://me@github.com/discord/discord-api-docs/issues/1", "must not carry a user, port or query"),
    ("https://github.com/discord/discord-api-docs/issues/1#a\"b", "has a fragment with characters other than letters, digits, '-' and '_'"),
])
def test_source_url_not_a_thread_on_an_allowed_host(tiny_data, url, reason):
    line = add_source(tiny_data, f"url = '{url}'\nabout = \"A.\"")
    assert one_problem(tiny_data) == f"data/{GW}:{line}: code 4011: 'sources.url' {reason}: {url!r}"


def test_a_library_tracker_thread_is_a_source(tiny_data):
    add_source(tiny_data, 'url = "https://github.com/discordjs/discord.js/issues/7005"\nabout = "A report."')
    assert problems(tiny_data) == []


SOURCE_LINE = "https://github.com/discordjs/discord-api-types/blob/" + "a" * 40 + "/rpc/common.ts#L330"


def test_a_pinned_source_line_backs_an_undocumented_code(tiny_data):
    replace_in(tiny_data / GW, 'code = 4011\n', 'code = 4011\nstatus = "undocumented"\n')
    add_source(tiny_data, f'url = "{SOURCE_LINE}"\nabout = "The library names it."')
    assert problems(tiny_data) == []


@pytest.mark.parametrize("url", [
    SOURCE_LINE.replace("a" * 40, "main"),          # a branch moves; only a commit pins the line
    SOURCE_LINE.removesuffix("#L330"),              # which line?
    SOURCE_LINE.replace("/rpc/", "/../"),
])
def test_an_unpinned_source_line_is_rejected_even_for_undocumented_codes(tiny_data, url):
    replace_in(tiny_data / GW, 'code = 4011\n', 'code = 4011\nstatus = "undocumented"\n')
    add_source(tiny_data, f'url = "{url}"\nabout = "The library names it."')
    assert "one source line at a commit" in one_problem(tiny_data)


def test_an_undocumented_code_needs_a_source(tiny_data):
    replace_in(tiny_data / GW, 'code = 4011\n', 'code = 4011\nstatus = "undocumented"\n')
    assert one_problem(tiny_data) == (
        f"data/{GW}:21: code 4011: status \"undocumented\" needs at least one source: a library's source "
        "line or a thread showing Discord send it")


def test_titles_of_library_threads_and_source_lines():
    assert source_title(Source(url="https://github.com/discordjs/discord.js/issues/7005", about="x")) \
        == "discordjs/discord.js#7005"
    assert source_title(Source(url=SOURCE_LINE, about="x")) == "discordjs/discord-api-types: rpc/common.ts line 330"


# ---------------------------------------------------------------- what readers and tools get

def test_codes_json_lists_title_url_and_about(tiny_data):
    add_source(tiny_data, 'docs = "rate-limits"\nanchor = "global-rate-limit"\nabout = "Fifty a second."')
    add_source(tiny_data, 'url = "https://github.com/discord/discord-api-docs/issues/42"\nabout = "A report & more."')
    catalog = load_catalog(tiny_data)
    record = export.code_record(catalog, catalog.by_anchor()["close-4011"], "https://example.test/")
    assert record["sources"] == [
        {"title": "Discord docs: Rate limits (Global rate limit)",
         "url": "https://docs.discord.com/developers/topics/rate-limits#global-rate-limit", "about": "Fifty a second."},
        {"title": "discord/discord-api-docs#42",
         "url": "https://github.com/discord/discord-api-docs/issues/42", "about": "A report & more."},
    ]
    assert export.code_record(catalog, catalog.by_anchor()["close-4004"], "")["sources"] == []


def test_source_title_names_a_tables_anchor_once():
    source = Source(docs="opcodes-and-status-codes", anchor="rpc-rpc-close-event-codes", about="A.")
    assert source_title(source) == "Discord docs: Opcodes and status codes (RPC close event codes)"


def test_sources_section_links_each_source_and_escapes_about(tiny_data):
    catalog = load_catalog(tiny_data)
    # Validation keeps '<' out of 'about'; the section escapes anyway, as all data text is untrusted.
    source = Source(url="https://github.com/discord/discord-api-docs/issues/42", about="Seen with <script> in a name.")
    code = replace(catalog.by_anchor()["close-4011"], sources=(source,))
    html = evidence.sources_section(catalog, code)
    assert html.startswith('<section class="code-sources"><h2 id="sources">Sources</h2><ul>')
    assert ('<li><a href="https://github.com/discord/discord-api-docs/issues/42" class="docs-link" rel="noopener">'
            "discord/discord-api-docs#42</a>: Seen with &lt;script&gt; in a name.</li>") in html
    assert "<script>" not in html


def test_no_sources_section_without_sources(tiny_data):
    catalog = load_catalog(tiny_data)
    assert evidence.sources_section(catalog, catalog.by_anchor()["close-4004"]) == ""


def test_check_lists_unsourced_codes_as_a_notice_and_exits_zero(tiny_data):
    add_source(tiny_data, 'docs = "rate-limits"\nabout = "A."')
    result = subprocess.run([sys.executable, "-m", "macros.check", str(tiny_data)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    total = sum(len(codes) for _header, codes in tiny.TABLES.values())
    assert f"notice: {total - 1} of {total} codes have no source yet" in result.stdout
    assert "(close-4004)" in result.stdout
    assert "(close-4011)" not in result.stdout
