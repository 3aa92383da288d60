"""One validation rule, one tiny bad input, one exact line."""
from __future__ import annotations

import pytest

from conftest import problems
from helpers import edit

GW = "gateway-close-codes.toml"


def append(data_dir, file, entry):
    path = data_dir / file
    path.write_text(path.read_text(encoding="utf-8") + "\n[[code]]\n" + entry + "\n", encoding="utf-8")


def test_tiny_data_is_valid(tiny_data):
    assert problems(tiny_data) == []


def test_toml_syntax_error_names_file_and_line(tiny_data):
    edit(tiny_data, GW, 'name = "Sharding required"', 'name = "Sharding required')
    [line] = problems(tiny_data)
    assert line == "data/gateway-close-codes.toml:23: TOML syntax error: Illegal character '\\n' (column 26)"


def test_missing_table_file(tiny_data):
    (tiny_data / "rpc-close-codes.toml").unlink()
    assert problems(tiny_data) == ["data/rpc-close-codes.toml: file is missing"]


def test_empty_file(tiny_data):
    (tiny_data / "rpc-close-codes.toml").write_text("\n")
    assert problems(tiny_data) == ["data/rpc-close-codes.toml: file is empty"]


def test_file_without_codes(tiny_data):
    path = tiny_data / "rpc-close-codes.toml"
    path.write_text(path.read_text().split("[[code]]")[0])
    assert problems(tiny_data) == [
        "data/rpc-close-codes.toml: no [[code]] entries; a table file lists at least one code"]


def test_unknown_table_file(tiny_data):
    (tiny_data / "gateway-opcode.toml").write_text("[table]\n")
    [line] = problems(tiny_data)
    assert line.startswith("data/gateway-opcode.toml: unknown table file; expected one of: gateway-opcodes.toml")


def test_not_utf8(tiny_data):
    path = tiny_data / "json-error-codes.toml"
    path.write_bytes(path.read_bytes().replace(b"Invalid form body", b"Invalid \xff body"))
    [line] = problems(tiny_data)
    assert line == f"data/json-error-codes.toml:{_line_of(path, b'Invalid ')}: not valid UTF-8 (byte 0xff)"


def _line_of(path, needle: bytes) -> int:
    raw = path.read_bytes()
    return raw[: raw.index(needle)].count(b"\n") + 1


def test_control_character_in_text(tiny_data):
    edit(tiny_data, "json-error-codes.toml", "read `errors`.", "read \\u0007 `errors`.")
    assert problems(tiny_data) == [
        "data/json-error-codes.toml:14: code 50035: 'explanation' contains control character U+0007"]


def test_duplicate_code(tiny_data):
    append(tiny_data, GW, 'code = 4011\nname = "Again"\nreconnect = false\nresume = false\nexplanation = "Twice."')
    assert problems(tiny_data) == [
        "data/gateway-close-codes.toml:28: code 4011: duplicate code: already defined at line 21"]


def test_duplicate_anchor_across_tables(tiny_data):
    edit(tiny_data, "voice-close-codes.toml", 'anchor_prefix = "voice-close"', 'anchor_prefix = "close"')
    assert problems(tiny_data) == [
        "data/gateway-close-codes.toml:21: code 4011: anchor 'close-4011' is also used by data/voice-close-codes.toml code 4011",
        "data/voice-close-codes.toml:14: code 4011: anchor 'close-4011' is also used by data/gateway-close-codes.toml code 4011",
    ]


def test_alias_colliding_with_an_anchor(tiny_data):
    edit(tiny_data, "json-error-codes.toml", 'code = 50035', 'code = 50035\naliases = ["http-429"]')
    assert "data/json-error-codes.toml:14: code 50035: anchor 'http-429' is also used by data/http-status-codes.toml code 429" \
        in problems(tiny_data)


@pytest.mark.parametrize("value, shown", [
    ('"4011"', 'a string "4011"'), ("4011.0", "a float 4011.0"), ("true", "a boolean true"),
])
def test_code_of_wrong_type(tiny_data, value, shown):
    edit(tiny_data, GW, "code = 4011", f"code = {value}")
    assert problems(tiny_data) == [
        f"data/gateway-close-codes.toml:21: [[code]] #2: 'code' must be an integer written as a number, not {shown}"]


def test_negative_code(tiny_data):
    edit(tiny_data, "json-error-codes.toml", "code = 50035", "code = -5")
    assert problems(tiny_data) == ["data/json-error-codes.toml:14: code -5: 'code' must not be negative, not -5"]


def test_status_class_only_where_allowed(tiny_data):
    edit(tiny_data, "json-error-codes.toml", "code = 50035", 'code = "5xx"')
    assert problems(tiny_data) == [
        "data/json-error-codes.toml:14: code 5xx: 'code' must be an integer written as a number, not a string \"5xx\""]


def test_code_outside_range(tiny_data):
    edit(tiny_data, GW, "code = 4011", "code = 5011")
    assert problems(tiny_data) == [
        "data/gateway-close-codes.toml:21: code 5011: code 5011 is outside this table's range 4000-4999"]


def test_missing_name(tiny_data):
    edit(tiny_data, GW, 'name = "Sharding required"\n', "")
    assert problems(tiny_data) == ["data/gateway-close-codes.toml:21: code 4011: missing required field 'name'"]


def test_missing_explanation(tiny_data):
    edit(tiny_data, "rpc-close-codes.toml", 'explanation = "The OAuth2 token was revoked; authorize again."', "")
    assert problems(tiny_data) == ["data/rpc-close-codes.toml:14: code 4003: missing required field 'explanation'"]


def test_a_code_waiting_for_an_explanation_carries_discords_description(tiny_data):
    edit(tiny_data, "rpc-close-codes.toml", 'explanation = "The OAuth2 token was revoked; authorize again."',
         'upstream_description = "The token was revoked."')
    assert problems(tiny_data) == []


def test_upstream_description_goes_once_explained(tiny_data):
    edit(tiny_data, "rpc-close-codes.toml", "explanation =", 'upstream_description = "Revoked."\nexplanation =')
    assert problems(tiny_data) == [
        "data/rpc-close-codes.toml:14: code 4003: 'upstream_description' marks a code waiting for an explanation; "
        "remove it now that 'explanation' is written"]


def test_unknown_field_catches_typos(tiny_data):
    edit(tiny_data, "rpc-close-codes.toml", "explanation =", "explaination =")
    assert problems(tiny_data) == [
        "data/rpc-close-codes.toml:14: code 4003: missing required field 'explanation'",
        "data/rpc-close-codes.toml:14: code 4003: unknown field 'explaination' in [[code]]; allowed: code, name, "
        "explanation, status, removed, added, formerly, discord_sends, see_also, aliases, upstream_description, client_action, sent_by, binary, reconnect, resume, sources, flag_basis",
    ]


def test_wrong_field_type(tiny_data):
    edit(tiny_data, GW, 'name = "Sharding required"', "name = 7")
    assert problems(tiny_data) == ["data/gateway-close-codes.toml:21: code 4011: 'name' must be a string, not an integer 7"]


def test_missing_column_field(tiny_data):
    edit(tiny_data, GW, "resume = false\nexplanation = \"Too many", "explanation = \"Too many")
    assert problems(tiny_data) == ["data/gateway-close-codes.toml:21: code 4011: missing 'resume' (a column of this table)"]


def test_column_field_in_a_table_without_that_column(tiny_data):
    edit(tiny_data, "json-error-codes.toml", "code = 50035", "code = 50035\nreconnect = true")
    assert problems(tiny_data) == ["data/json-error-codes.toml:14: code 50035: 'reconnect' is not a column of this table"]


def test_column_value_outside_its_choices(tiny_data):
    edit(tiny_data, "gateway-opcodes.toml", 'client_action = "Send"', 'client_action = "Sends"')
    assert problems(tiny_data) == [
        "data/gateway-opcodes.toml:14: code 2: 'client_action' must be one of \"Send\", \"Receive\", \"Send/Receive\", not \"Sends\""]


def test_unknown_code_reference(tiny_data):
    edit(tiny_data, "gateway-opcodes.toml", "code = 2", "code = 3")
    assert problems(tiny_data) == [
        "data/gateway-close-codes.toml:14: code 4004: 'explanation' refers to unknown code anchor 'op-2'"]


def test_unknown_docs_name(tiny_data):
    edit(tiny_data, "json-error-codes.toml", "read `errors`.", "read [the docs](docs:no-such-page).")
    assert problems(tiny_data) == [
        "data/json-error-codes.toml:14: code 50035: 'explanation' refers to unknown Discord docs link name "
        "(see discord-docs.toml) 'no-such-page'"]


def test_unknown_table_reference_in_intro(tiny_data):
    edit(tiny_data, "json-error-codes.toml", 'intro = "Intro."', 'intro = "See [HTTP](table:http-codes)."')
    assert problems(tiny_data) == ["data/json-error-codes.toml: [table]: 'intro' refers to unknown table 'http-codes'"]


def test_unknown_see_also(tiny_data):
    edit(tiny_data, "json-error-codes.toml", "code = 50035", 'code = 50035\nsee_also = ["json-50036"]')
    assert problems(tiny_data) == [
        "data/json-error-codes.toml:14: code 50035: 'see_also' refers to unknown code anchor 'json-50036'"]


@pytest.mark.parametrize("target", ["https://example.com/", "javascript:alert(1)", "gateway.md#op-2", "#op-2"])
def test_links_must_be_references(tiny_data, target):
    edit(tiny_data, "json-error-codes.toml", "read `errors`.", f"read [this]({target}).")
    shown = target
    assert problems(tiny_data) == [
        f"data/json-error-codes.toml:14: code 50035: 'explanation' links to '{shown}': links must be code:<anchor>, "
        "table:<table-id> or docs:<name>, never a URL"]


def test_explanation_that_only_repeats_the_name(tiny_data):
    edit(tiny_data, "json-error-codes.toml", 'A field failed validation; read `errors`.', "Invalid Form Body.")
    assert problems(tiny_data) == [
        "data/json-error-codes.toml:14: code 50035: 'explanation' only repeats the name; say what it means and what to do"]


def test_explanation_length_limit(tiny_data):
    edit(tiny_data, "json-error-codes.toml", "read `errors`.", "x" * 1_048_576)
    assert problems(tiny_data) == [
        "data/json-error-codes.toml:14: code 50035: 'explanation' is 1048603 characters; the limit is 2000"]


def test_removed_status_needs_its_month(tiny_data):
    edit(tiny_data, "gateway-opcodes.toml", "code = 2", 'code = 2\nstatus = "removed"')
    assert problems(tiny_data) == [
        "data/gateway-opcodes.toml:14: code 2: status is \"removed\" but 'removed' (when it went) is missing"]


def test_unknown_status(tiny_data):
    edit(tiny_data, "gateway-opcodes.toml", "code = 2", 'code = 2\nstatus = "deprecated"')
    assert problems(tiny_data) == [
        "data/gateway-opcodes.toml:14: code 2: 'status' must be \"current\", \"removed\" or \"undocumented\", not \"deprecated\""]


def test_date_format(tiny_data):
    edit(tiny_data, "gateway-opcodes.toml", "code = 2", 'code = 2\nadded = "Feb 2020"')
    assert problems(tiny_data) == ["data/gateway-opcodes.toml:14: code 2: 'added' must be a month like \"2020-02\" or a day like \"2020-02-14\", not \"Feb 2020\""]


@pytest.mark.parametrize("date", ["2020-02", "2020-02-14"])
def test_a_month_or_a_day_is_a_date(tiny_data, date):
    edit(tiny_data, "gateway-opcodes.toml", "code = 2", f'code = 2\nadded = "{date}"')
    assert problems(tiny_data) == []


def test_day_must_exist_in_a_month(tiny_data):
    edit(tiny_data, "gateway-opcodes.toml", "code = 2", 'code = 2\nadded = "2020-02-32"')
    assert problems(tiny_data) == ["data/gateway-opcodes.toml:14: code 2: 'added' must be a month like \"2020-02\" or a day like \"2020-02-14\", not \"2020-02-32\""]


def test_formerly_needs_a_name(tiny_data):
    edit(tiny_data, "gateway-opcodes.toml", "code = 2", 'code = 2\nformerly = [{ text = "old" }]')
    assert problems(tiny_data) == ["data/gateway-opcodes.toml:14: code 2: missing required field 'name'"]


def test_name_is_plain_text(tiny_data):
    edit(tiny_data, "gateway-opcodes.toml", 'name = "Identify"', 'name = "[Identify](code:op-2)"')
    assert problems(tiny_data) == ["data/gateway-opcodes.toml:14: code 2: 'name' is plain text; move links into 'explanation'"]


def test_table_id_must_match_file(tiny_data):
    edit(tiny_data, "rpc-close-codes.toml", 'id = "rpc-close-codes"', 'id = "rpc-closes"')
    assert problems(tiny_data) == [
        "data/rpc-close-codes.toml: [table]: 'id' is \"rpc-closes\" but the file is rpc-close-codes.toml; they must match"]


def test_table_page_must_be_in_the_contract(tiny_data):
    edit(tiny_data, "rpc-close-codes.toml", 'page = "rpc"', 'page = "ipc"')
    assert problems(tiny_data) == ["data/rpc-close-codes.toml: [table]: 'page' must be one of gateway, voice, http, json, rpc, not \"ipc\""]


def test_table_missing_field(tiny_data):
    edit(tiny_data, "rpc-close-codes.toml", 'kind = "RPC close code"\n', "")
    assert problems(tiny_data) == ["data/rpc-close-codes.toml: [table]: missing required field 'kind'"]


def test_registry_urls_point_into_discord_docs(tiny_data):
    (tiny_data / "discord-docs.toml").write_text(
        '[links]\nrate-limits = "javascript:alert(1)"\ngateway-sharding = "https://docs.discord.com/developers/x"\n')
    assert problems(tiny_data) == [
        "data/discord-docs.toml: docs:rate-limits: URL must start with https://docs.discord.com/developers/, not \"javascript:alert(1)\""]


def test_every_problem_is_reported_at_once(tiny_data):
    edit(tiny_data, "rpc-close-codes.toml", "explanation =", "explaination =")
    edit(tiny_data, "gateway-opcodes.toml", "code = 2", "code = 3")
    (tiny_data / "voice-opcodes.toml").unlink()
    lines = problems(tiny_data)
    assert len(lines) == 4
    assert {line.split(":")[0] for line in lines} == {
        "data/rpc-close-codes.toml", "data/gateway-close-codes.toml", "data/voice-opcodes.toml"}


def test_alias_colliding_with_a_code_of_similar_number_in_the_same_table(tiny_data):
    append(tiny_data, GW, 'code = 40111\nname = "Later"\nreconnect = false\nresume = false\n'
                          'explanation = "Took over an old anchor by mistake."\naliases = ["close-4011"]')
    edit(tiny_data, GW, "range = [4000, 4999]", "range = [4000, 49999]")
    assert problems(tiny_data) == [
        "data/gateway-close-codes.toml:21: code 4011: anchor 'close-4011' is also used by "
        "data/gateway-close-codes.toml code 40111 (alias)",
        "data/gateway-close-codes.toml:28: code 40111: anchor 'close-4011' is also used by "
        "data/gateway-close-codes.toml code 4011",
    ]


def test_alias_must_look_like_an_anchor(tiny_data):
    edit(tiny_data, "json-error-codes.toml", "code = 50035", 'code = 50035\naliases = ["Old Anchor"]')
    assert problems(tiny_data) == [
        "data/json-error-codes.toml:14: code 50035: alias 'Old Anchor' must be lowercase letters, digits and hyphens"]


def give_discord_anchors(data_dir, file, toml_list):
    edit(data_dir, file, 'intro = "Intro."', f'intro = "Intro."\ndiscord_anchors = {toml_list}')


def test_discord_anchors_are_strings_shaped_like_ids(tiny_data):
    give_discord_anchors(tiny_data, GW, '[7, "Bad Anchor <x>", "__proto__", "gateway-close-event-codes"]')
    assert problems(tiny_data) == [
        "data/gateway-close-codes.toml: [table]: 'discord_anchors' items must be strings, not an integer 7",
        'data/gateway-close-codes.toml: [table]: discord anchor "Bad Anchor <x>" must be lowercase letters, digits and hyphens',
        'data/gateway-close-codes.toml: [table]: discord anchor "__proto__" must be lowercase letters, digits and hyphens',
    ]


def test_a_discord_anchor_names_one_table(tiny_data):
    give_discord_anchors(tiny_data, GW, '["close-event-codes"]')
    give_discord_anchors(tiny_data, "voice-close-codes.toml", '["close-event-codes"]')
    assert problems(tiny_data) == [
        "data/gateway-close-codes.toml: [table]: discord anchor 'close-event-codes' is also listed by data/voice-close-codes.toml",
        "data/voice-close-codes.toml: [table]: discord anchor 'close-event-codes' is also listed by data/gateway-close-codes.toml",
    ]


def test_a_discord_anchor_is_listed_once(tiny_data):
    give_discord_anchors(tiny_data, GW, '["close-event-codes", "close-event-codes"]')
    assert problems(tiny_data) == [
        "data/gateway-close-codes.toml: [table]: discord anchor 'close-event-codes' is listed twice"]


@pytest.mark.parametrize("anchor, owner", [
    ("json-50035", "data/json-error-codes.toml code 50035"),
    ("voice-opcodes", "data/voice-opcodes.toml [table]"),
])
def test_a_discord_anchor_is_not_an_id_of_this_site(tiny_data, anchor, owner):
    give_discord_anchors(tiny_data, GW, f'["{anchor}"]')
    assert problems(tiny_data) == [
        f"data/gateway-close-codes.toml: [table]: discord anchor '{anchor}' is an id of this site, used by {owner}"]


def test_a_discord_anchor_may_equal_its_own_tables_id(tiny_data):
    give_discord_anchors(tiny_data, GW, '["gateway-close-codes"]')
    assert problems(tiny_data) == []
