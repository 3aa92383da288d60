"""HTML sections for a code's own page, on the tiny data set, against hand-written HTML."""
from __future__ import annotations

from conftest import load_catalog
from helpers import replace_in
from macros.code_sections import same_number_section


def test_same_number_section_links_each_twin_with_its_reason(tiny_data):
    catalog = load_catalog(tiny_data)
    html = same_number_section(catalog, catalog.by_anchor()["close-4011"], "c/close-4011/")
    assert html == ('<section class="code-same-number"><h2>Same number elsewhere</h2><p>4011 also means:</p><ul>'
                    '<li><a href="../voice-close-4011/">Voice close 4011 · Server not found</a>: '
                    'both are close codes a websocket can receive.</li></ul></section>')


def test_same_number_section_is_empty_without_twins(tiny_data):
    catalog = load_catalog(tiny_data)
    assert same_number_section(catalog, catalog.by_anchor()["op-2"], "c/op-2/") == ""


def test_same_number_section_escapes_data_text(tiny_data):
    replace_in(tiny_data / "voice-close-codes.toml", 'name = "Server not found"', 'name = "Server <b>not</b> found"')
    catalog = load_catalog(tiny_data)
    html = same_number_section(catalog, catalog.by_anchor()["close-4011"], "c/close-4011/")
    assert "Server &lt;b&gt;not&lt;/b&gt; found" in html and "<b>" not in html
