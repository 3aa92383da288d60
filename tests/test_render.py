"""Rendering data text: our Markdown subset becomes links and code; anything else stays inert text."""
from __future__ import annotations

import pytest

from conftest import tiny
from macros import text
from macros.catalog import load_catalog
from macros.references import relative_url
from macros.render import TableRenderer, fill_table_slots, table_markdown


def section(catalog, table_id, page_url):
    """A table's section as the page ends up with it: Markdown part plus the filled rows."""
    html, _ids = fill_table_slots(catalog, table_markdown(catalog, table_id, page_url), page_url)
    return html


@pytest.mark.parametrize("source, target, expected", [
    ("gateway/", "voice/", "../voice/"),
    ("gateway/", "", "../"),
    ("", "gateway/", "gateway/"),
    ("c/close-4011/", "gateway/", "../../gateway/"),
    ("json/", "json/", "./"),
])
def test_relative_url(source, target, expected):
    assert relative_url(source, target) == expected


def test_code_reference_is_a_relative_link_from_the_page(tiny_catalog):
    gateway = TableRenderer(tiny_catalog, "gateway/")
    voice = TableRenderer(tiny_catalog, "voice/")
    value = "see [identify](code:op-2)"
    assert gateway.rich(value) == 'see <a href="#op-2">identify</a>'
    assert voice.rich(value) == 'see <a href="../gateway/#op-2">identify</a>'


def test_table_and_docs_references(tiny_catalog):
    renderer = TableRenderer(tiny_catalog, "json/")
    assert renderer.rich("[HTTP](table:http-status-codes)") == '<a href="../http/#http-status-codes">HTTP</a>'
    assert renderer.rich("[limits](docs:rate-limits)") == (
        '<a href="https://docs.discord.com/developers/topics/rate-limits" class="docs-link" rel="noopener">limits</a>')


def test_code_spans_render_and_escape(tiny_catalog):
    renderer = TableRenderer(tiny_catalog, "json/")
    assert renderer.rich("use `<b>&` here") == "use <code>&lt;b&gt;&amp;</code> here"


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "<a href='javascript:alert(1)'>x</a>",
    "*emphasis* and _under_ stay literal", "{{ 7 * 7 }} {% raw %}",
])
def test_raw_html_and_other_markup_stay_text(tiny_catalog, payload):
    html = TableRenderer(tiny_catalog, "json/").rich(payload)
    assert "<" not in html.replace("&lt;", "")
    assert text.plain_text(payload) in html.replace("&lt;", "<").replace("&gt;", ">").replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")


def test_link_to_a_non_reference_renders_as_text(tiny_catalog):
    html = TableRenderer(tiny_catalog, "json/").rich("[x](javascript:alert(1))")
    assert "<a" not in html and "javascript:alert(1" in html


def test_row_carries_anchor_number_link_and_copy_button(tiny_catalog):
    html = section(tiny_catalog, "gateway-close-codes", "gateway/")
    assert '<tr id="close-4011"><td><a href="../c/close-4011/">4011</a>' in html
    assert '<button class="copy-link" aria-label="Copy link to Gateway close 4011"></button></td>' in html
    assert html.startswith("## gateway-close-codes {#gateway-close-codes}")


def test_rows_leave_relations_to_the_code_pages(tiny_catalog):
    html = section(tiny_catalog, "gateway-close-codes", "gateway/") + section(tiny_catalog, "gateway-opcodes", "gateway/")
    for label in ("Same number elsewhere", "Referenced by", "Referred to by", "See also"):
        assert label not in html


def test_history_and_removed_status(tiny_data):
    path = tiny_data / "gateway-opcodes.toml"
    path.write_text(path.read_text().replace(
        "code = 2", 'code = 2\nstatus = "removed"\nremoved = "2018-09"\n'
                    'formerly = [{ name = "Old <b>", text = "was `x`", until = "2018-01" }]'))
    html = section(load_catalog(tiny_data), "gateway-opcodes", "gateway/")
    assert 'data-status="removed"' in html and "Removed 2018-09" in html
    assert "Formerly</span> “Old &lt;b&gt;” (until 2018-01)</p>" in html
    assert "was <code>x</code>" not in html  # the old wording is on the code page


def test_tiny_fixture_is_complete():
    assert set(tiny.TABLES) == set(__import__("macros.model", fromlist=["TABLE_IDS"]).TABLE_IDS)


def test_slots_are_filled_and_their_ids_reported(tiny_catalog):
    markdown = table_markdown(tiny_catalog, "http-status-codes", "http/")
    assert 'data-code-table="http-status-codes"' in markdown and "<tr" not in markdown
    html, ids = fill_table_slots(tiny_catalog, markdown, "http/")
    assert ids == {"http-429", "http-5xx"}
    assert "code-table-slot" not in html and '<tr id="http-5xx"' in html


@pytest.mark.parametrize("name, label", [("api-versioning", "API versioning"), ("oauth2-2fa", "OAuth2 2FA"),
                                         ("gateway-intents", "Gateway intents"), ("rpc", "RPC")])
def test_docs_labels_read_well(name, label):
    from macros.render import docs_label
    assert docs_label(name) == label


def test_html_blocks_set_aside_come_back_whole():
    """Generated pages keep their headings in Markdown; the HTML between them skips the parser
    and returns byte for byte, blank lines inside a <pre> included."""
    from macros.render import fill_html_slots, set_html_blocks_aside

    pre = "<pre><code>line one\n\nline three</code></pre>"
    markdown = f"## One {{#one}}\n\n<ul><li>a</li></ul>\n\n{pre}\n\n## Two {{#two}}\n\n<p>b</p>\n"
    kept, blocks = set_html_blocks_aside(markdown)
    assert blocks == [f"<ul><li>a</li></ul>\n\n{pre}", "<p>b</p>"]
    assert "## One {#one}" in kept and "## Two {#two}" in kept and "<ul>" not in kept
    assert fill_html_slots(kept, blocks) == kept.replace(
        '<div class="html-slot" data-html-slot="0"></div>', blocks[0]).replace(
        '<div class="html-slot" data-html-slot="1"></div>', blocks[1])
    assert "html-slot" not in fill_html_slots(kept, blocks)


def test_blocks_set_aside_by_two_macros_on_one_page_keep_their_own_slots():
    """Each call for a page numbers its slots after the blocks the page already set aside."""
    from macros.render import fill_html_slots, set_html_blocks_aside

    first, blocks = set_html_blocks_aside("## A\n\n<p>first</p>\n")
    second, same = set_html_blocks_aside("## B\n\n<p>second</p>\n\n## C\n\n<p>third</p>\n", blocks)
    assert same is blocks and blocks == ["<p>first</p>", "<p>second</p>", "<p>third</p>"]
    page = fill_html_slots(first + second, blocks)
    assert page == "## A\n\n<p>first</p>\n## B\n\n<p>second</p>\n\n## C\n\n<p>third</p>\n"
    stray = '<div class="html-slot" data-html-slot="7"></div>'  # no block: left as typed, no IndexError
    assert fill_html_slots(stray, blocks) == stray
