"""Discord's word vs ours: who states each reconnect/resume flag, validated, exported and shown."""
from __future__ import annotations

from conftest import problems
from helpers import replace_in
from macros import evidence, export
from macros.catalog import load_catalog
from macros.render import TableRenderer, table_markdown

GW = "gateway-close-codes.toml"
TABLE_DEFAULT = 'columns = ["reconnect", "resume"]\nflag_basis = { reconnect = "discord-table", resume = "our-reading" }'


def state_reconnect_by_table(data_dir):
    replace_in(data_dir / GW, 'columns = ["reconnect", "resume"]', TABLE_DEFAULT)


def test_table_flag_basis_with_an_unknown_basis(tiny_data):
    replace_in(tiny_data / GW, 'columns = ["reconnect", "resume"]',
               'columns = ["reconnect", "resume"]\nflag_basis = { reconnect = "discord" }')
    assert problems(tiny_data) == [f"data/{GW}: [table]: 'flag_basis.reconnect' must be one of "
                                   "discord-table, discord-text, our-reading, not 'discord'"]


def test_code_flag_basis_names_a_column_the_table_lacks(tiny_data):
    replace_in(tiny_data / GW, "name = \"Sharding required\"", 'name = "Sharding required"\nflag_basis = { binary = "discord-text" }')
    [line] = problems(tiny_data)
    assert line.endswith("code 4011: 'flag_basis' names 'binary', which is not a flag column of this table "
                         "(flags: reconnect, resume)")


def test_flag_basis_in_a_table_without_flags(tiny_data):
    replace_in(tiny_data / "json-error-codes.toml", 'name = "Invalid form body"',
               'name = "Invalid form body"\nflag_basis = { resume = "our-reading" }')
    [line] = problems(tiny_data)
    assert line.endswith("code 50035: 'flag_basis' names 'resume', which is not a flag column of this table "
                         "(flags: none in this table)")


def test_flag_basis_of_the_wrong_type(tiny_data):
    replace_in(tiny_data / GW, 'columns = ["reconnect", "resume"]', 'columns = ["reconnect", "resume"]\nflag_basis = "discord-table"')
    assert problems(tiny_data) == [f"data/{GW}: [table]: 'flag_basis' must be a table, not a string \"discord-table\""]


def test_an_unmarked_flag_is_our_reading(tiny_data):
    code = load_catalog(tiny_data).by_anchor()["close-4004"]
    assert code.flag_basis == {"reconnect": "our-reading", "resume": "our-reading"}


def test_a_code_overrides_the_table_default(tiny_data):
    state_reconnect_by_table(tiny_data)
    replace_in(tiny_data / GW, 'name = "Sharding required"', 'name = "Sharding required"\nflag_basis = { resume = "discord-text" }')
    catalog = load_catalog(tiny_data)
    assert catalog.by_anchor()["close-4004"].flag_basis == {"reconnect": "discord-table", "resume": "our-reading"}
    assert catalog.by_anchor()["close-4011"].flag_basis == {"reconnect": "discord-table", "resume": "discord-text"}


def test_codes_json_says_who_states_each_flag(tiny_data):
    state_reconnect_by_table(tiny_data)
    catalog = load_catalog(tiny_data)
    record = export.code_record(catalog, catalog.by_anchor()["close-4004"], "")
    assert record["flag_basis"] == {"reconnect": "discord-table", "resume": "our-reading"}
    assert "flag_basis" not in export.code_record(catalog, catalog.by_anchor()["json-50035"], "")


def test_code_page_sentence_names_the_basis_of_each_flag(tiny_data):
    state_reconnect_by_table(tiny_data)
    code = load_catalog(tiny_data).by_anchor()["close-4004"]
    assert evidence.flags_paragraph(code) == ('<p class="code-flags">Reconnect: no (Discord&#x27;s table). '
                                              "Resume: no (our reading of the row&#x27;s text).</p>")


def test_no_flag_sentence_for_a_code_without_flags(tiny_data):
    assert evidence.flags_paragraph(load_catalog(tiny_data).by_anchor()["json-50035"]) == ""


def test_table_cell_marks_our_reading_for_eyes_and_screen_readers(tiny_data):
    state_reconnect_by_table(tiny_data)
    catalog = load_catalog(tiny_data)
    row = TableRenderer(catalog, "gateway/").row(catalog.table("gateway-close-codes"), catalog.by_anchor()["close-4004"])
    reconnect_cell, resume_cell = row.split('<td data-label="')[1:3]
    assert '<span class="flag flag-no">No</span>' in reconnect_cell
    assert ('<span class="flag flag-no">No<span aria-hidden="true">*</span>'
            '<span class="visually-hidden"> (our reading)</span></span>') in resume_cell


def test_legend_only_where_a_flag_is_our_reading(tiny_data):
    state_reconnect_by_table(tiny_data)
    replace_in(tiny_data / GW, 'resume = "our-reading" }', 'resume = "discord-text" }')
    catalog = load_catalog(tiny_data)
    assert "flag-legend" not in table_markdown(catalog, "gateway-close-codes", "gateway/")
    assert "A value marked * is" in table_markdown(catalog, "voice-close-codes", "voice/")
