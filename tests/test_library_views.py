"""What the site shows of the library data: /codes.json records, search words, the code-page
section and the /libraries/ report, on the tiny data set with one small library file."""
from __future__ import annotations

import pytest

from conftest import load_catalog
from macros import export
from macros.libraries.render import library_section
from macros.libraries.report import coverages, libraries_page
from macros.libraries.views import libraries_record
from test_library_data import COMMIT, HEADER, write_library

LIBRARY = HEADER + """\
  { name = "AUTHENTICATION_FAILED", code = 4004, line = 10 },
]
aliases = []
unmatched = [
  { name = "NORMAL_CLOSURE", code = 1000, line = 9 },
  { name = "SHARDING_REQUIRED", code = 4012, line = 12 },
]

[[no_group]]
table = "json-error-codes"
note = "compares bare numbers"
"""
URL = f"https://github.com/hikari-py/hikari/blob/{COMMIT}/hikari/errors.py#L10"


@pytest.fixture
def catalog(tiny_data):
    write_library(tiny_data, LIBRARY)
    return load_catalog(tiny_data)


def code(catalog, anchor):
    return catalog.by_anchor()[anchor]


def test_codes_json_names_the_constant_and_its_source_line(catalog):
    assert libraries_record(catalog, code(catalog, "close-4004")) == {
        "hikari": {"constant": "ShardCloseCode.AUTHENTICATION_FAILED", "url": URL}}
    assert libraries_record(catalog, code(catalog, "close-4011")) == {}
    records = {r["anchor"]: r for r in export.codes_json(catalog, "https://example.invalid/")["codes"]}
    assert records["close-4004"]["libraries"]["hikari"]["url"] == URL
    assert records["op-2"]["libraries"] == {}


def test_search_entry_carries_the_constant(catalog):
    entries = {e["location"]: e for e in export.search_entries(catalog)}
    assert "ShardCloseCode.AUTHENTICATION_FAILED" in entries["c/close-4004/"]["text"]
    assert "ShardCloseCode" not in entries["c/close-4011/"]["text"]


def test_code_page_section_links_the_line_or_says_the_enum_lacks_the_code(catalog):
    found = library_section(catalog, code(catalog, "close-4004"))
    assert f'<a href="{URL}"' in found and "<code>ShardCloseCode.AUTHENTICATION_FAILED</code>" in found
    assert "In your library" in found
    lacking = library_section(catalog, code(catalog, "close-4011"))
    assert "hikari: not in <code>ShardCloseCode</code>" in lacking
    assert library_section(catalog, code(catalog, "op-2")) == ""  # no library has gateway opcodes here


def test_code_page_section_escapes_library_text(tiny_data):
    write_library(tiny_data, LIBRARY.replace('name = "hikari"', 'name = "<b>hikari</b>"'))
    found = library_section(load_catalog(tiny_data), load_catalog(tiny_data).by_anchor()["close-4004"])
    assert "<b>" not in found and "&lt;b&gt;hikari&lt;/b&gt;" in found


def test_coverage_finds_missing_codes_other_numbers_and_non_discord_members(catalog):
    [item] = coverages(catalog)
    assert (item.covered, len(item.documented)) == (1, 2)
    assert [c.anchor for c in item.missing] == ["close-4011"]
    assert [(d.constant.name, d.documented.anchor) for d in item.disagreements] == [("SHARDING_REQUIRED", "close-4011")]
    assert [c.name for c in item.not_discord] == ["NORMAL_CLOSURE"]


def test_libraries_page_gives_issue_text_and_links_code_pages(catalog):
    page = libraries_page(catalog, "libraries/", "https://example.invalid/")
    assert '<a href="../c/close-4011/">4011</a>' in page
    assert "- 4011 Sharding required https://example.invalid/c/close-4011/" in page
    assert "- SHARDING_REQUIRED = 4012; Discord documents 4011 (Sharding required)" in page
    assert "- NORMAL_CLOSURE = 1000" in page
    assert "compares bare numbers" in page
