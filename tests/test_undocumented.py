"""Undocumented codes: seen in a library or in Discord's responses, not in Discord's docs. They get
a row, a page and a badge, need a source, and never count as documented (sync, /libraries/)."""
from __future__ import annotations

import subprocess
import sys

import pytest

import upstream_pages
from conftest import ROOT, problems
from helpers import replace_in
from macros.sync import diff as upstream_diff, upstream
from macros.catalog import load_catalog
from macros.libraries import views
from macros.code_page import CodePage
from macros.libraries import report
from macros.render import TableRenderer

SOURCE_LINE = "https://github.com/discordjs/discord-api-types/blob/" + "a" * 40 + "/rest/common.ts#L76"
UNDOCUMENTED_JSON = ('\n[[code]]\ncode = 20017\nname = "The maze isn\'t meant for you"\nstatus = "undocumented"\n'
                     'explanation = "A library names it; nobody knows when it is sent."\n\n'
                     f'[[code.sources]]\nurl = "{SOURCE_LINE}"\nabout = "The library names it."\n')


@pytest.fixture
def data(tiny_data):
    path = tiny_data / "json-error-codes.toml"
    path.write_text(path.read_text() + UNDOCUMENTED_JSON)
    return tiny_data


def test_an_undocumented_code_with_a_source_line_is_valid(data):
    assert problems(data) == []
    assert load_catalog(data).by_anchor()["json-20017"].is_undocumented


def test_the_table_row_and_the_code_page_carry_the_badge(data):
    catalog = load_catalog(data)
    code = catalog.by_anchor()["json-20017"]
    row = TableRenderer(catalog, "json/").row(catalog.table("json-error-codes"), code)
    assert row.startswith('<tr id="json-20017" data-status="undocumented">')
    assert ">Undocumented</span>" in row
    body = CodePage(catalog, code).body()
    assert ">Undocumented</span>" in body.split("</p>", 1)[0]  # in the first line, next to the table's name
    assert "Not in Discord's docs" in body
    documented = catalog.by_anchor()["json-50035"]
    assert "Undocumented" not in TableRenderer(catalog, "json/").row(catalog.table("json-error-codes"), documented)


def sync_differences(catalog, rows):
    content = upstream_pages.tables()
    content["JSON Error Codes"] = (content["JSON Error Codes"][0], rows)
    tables = upstream.parse_page(upstream_pages.page(content=content))
    return [str(d) for d in upstream_diff.compare(catalog, tables)]


def test_sync_does_not_call_an_undocumented_code_removed(data):
    catalog = load_catalog(data)
    assert sync_differences(catalog, [["50035", "Invalid form body"]]) == []


def test_sync_reports_when_discord_documents_one(data):
    catalog = load_catalog(data)
    assert sync_differences(catalog, [["20017", "Maze"], ["50035", "Invalid form body"]]) == [
        'json-20017 is now documented: set status to current (Discord\'s name: "Maze")']


def test_sync_command_says_it_and_leaves_the_status_to_a_person(data, tmp_path):
    content = upstream_pages.tables()
    content["JSON Error Codes"] = (content["JSON Error Codes"][0], [["20017", "Maze"], ["50035", "Invalid form body"]])
    page = tmp_path / "opcodes-and-status-codes.mdx"
    page.write_text(upstream_pages.page(content=content), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros.sync", str(page), "--data", str(data), "--write",
                             "--date", "2026-12-01"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "json-20017 is now documented: set status to current" in result.stdout
    assert 'status = "undocumented"' in (data / "json-error-codes.toml").read_text()


def test_coverage_never_counts_an_undocumented_code_as_documented():
    catalog = load_catalog()
    for item in report.coverages(catalog):
        assert not [c.anchor for c in item.documented if c.is_undocumented], item.group.name


def test_the_real_undocumented_codes_are_the_library_numbers_discord_does_not_list():
    """Every number discord-api-types names outside Discord's tables has a row (issue 24), each backed
    by the library's pinned source line, and shows the library's name on its page."""
    catalog = load_catalog()
    library = next(lib for lib in catalog.libraries if lib.id == "discord-api-types")
    for group in library.groups:
        for constant in group.unmatched:
            code = next(c for c in catalog.table(group.table_id).codes if c.code == constant.code)
            assert code.is_undocumented, code.anchor
            assert any(f"/blob/{library.commit}/{group.file}#L{constant.line}" in s.url for s in code.sources), code.anchor
            assert constant.name in {c.name for _l, _g, c in catalog.derived(views.index)[code.anchor]}


def test_an_undocumented_code_without_a_source_is_an_error(tiny_data):
    path = tiny_data / "json-error-codes.toml"
    path.write_text(path.read_text() + UNDOCUMENTED_JSON.split("\n[[code.sources]]")[0] + "\n")
    assert problems(tiny_data) == [
        "data/json-error-codes.toml:19: code 20017: status \"undocumented\" needs at least one source: "
        "a library's source line or a thread showing Discord send it"]
