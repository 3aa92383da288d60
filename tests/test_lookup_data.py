"""Validation of data/lookup/: one small bad input per rule, each reported as file:line."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT
from macros import lookup
from macros.catalog import load_catalog
from macros.problems import DataError

GOOD_PATTERN = '[[pattern]]\ntext = "WebSocket closed with {code}"\ntables = ["gateway-close-codes"]\nwhy = "in a test"\n'
GOOD_WORDING = '[[wording]]\ntext = "Used disallowed intents"\ncode = "close-4004"\nwhy = "in a test"\n'


def rule_problems(tiny_data, body: str, library: str = '[library]\nname = "Test"\n\n') -> list[str]:
    folder = tiny_data / "lookup"
    folder.mkdir(exist_ok=True)
    (folder / "test.toml").write_text(library + body, encoding="utf-8")
    catalog = load_catalog(tiny_data)
    try:
        lookup.load_rules(tiny_data, catalog)
    except DataError as error:
        return [str(p) for p in error.problems]
    return []


def pattern(text: str, tables: str = '["gateway-close-codes"]') -> str:
    return f"[[pattern]]\ntext = '{text}'\ntables = {tables}\nwhy = \"in a test\"\n"


def wording(text: str, code: str = "close-4004") -> str:
    return f"[[wording]]\ntext = '{text}'\ncode = \"{code}\"\nwhy = \"in a test\"\n"


def test_good_rules_pass(tiny_data):
    assert rule_problems(tiny_data, GOOD_PATTERN + "\n" + GOOD_WORDING) == []


def test_no_lookup_folder_means_no_rules(tiny_data):
    catalog = load_catalog(tiny_data)
    assert lookup.load_rules(tiny_data, catalog) == lookup.Rules((), ())


def test_pattern_without_slot(tiny_data):
    assert rule_problems(tiny_data, pattern("WebSocket closed")) == [
        "data/lookup/test.toml:4: [[pattern]] #1: 'text' must hold {code} exactly once, not 0 times"]


def test_pattern_with_two_slots(tiny_data):
    assert rule_problems(tiny_data, pattern("close {code} {code}")) == [
        "data/lookup/test.toml:4: [[pattern]] #1: 'text' must hold {code} exactly once, not 2 times"]


def test_wording_with_slot(tiny_data):
    assert rule_problems(tiny_data, wording("closed with {code}")) == [
        "data/lookup/test.toml:4: [[wording]] #1: 'text' of a [[wording]] has no number slot; make it a [[pattern]] to use {code}"]


def test_digit_beside_slot_can_never_match(tiny_data):
    assert rule_problems(tiny_data, pattern("error 5{code}")) == [
        "data/lookup/test.toml:4: [[pattern]] #1: a digit beside {code} can never match: the slot takes every digit of a number"]


def test_slot_alone_matches_every_number(tiny_data):
    assert rule_problems(tiny_data, pattern("{code}")) == [
        "data/lookup/test.toml:4: [[pattern]] #1: 'text' is only {code}: it needs the words around the number that say what it is"]


def test_unknown_table(tiny_data):
    assert rule_problems(tiny_data, pattern("close {code}", '["gateway-closes"]')) == [
        "data/lookup/test.toml:4: [[pattern]] #1: 'tables' names unknown table 'gateway-closes'"]


def test_no_table(tiny_data):
    assert rule_problems(tiny_data, pattern("close {code}", "[]")) == [
        "data/lookup/test.toml:4: [[pattern]] #1: 'tables' is empty; name the tables this context implies"]


def test_wording_that_maps_to_no_code(tiny_data):
    assert rule_problems(tiny_data, wording("Used disallowed intents", "close-4999")) == [
        "data/lookup/test.toml:4: [[wording]] #1: 'code' 'close-4999' is not the anchor of any code (like \"close-4014\")"]


def test_wording_starting_with_punctuation_can_never_match(tiny_data):
    assert rule_problems(tiny_data, wording("[TokenInvalid]")) == [
        "data/lookup/test.toml:4: [[wording]] #1: 'text' of a [[wording]] must start with a letter, digit or '_', or it can never match"]


def test_wording_too_short(tiny_data):
    assert rule_problems(tiny_data, wording("bad")) == [
        "data/lookup/test.toml:4: [[wording]] #1: 'text' is shorter than 4 characters and would match almost anything"]


def test_non_ascii_text(tiny_data):
    assert rule_problems(tiny_data, wording("Intents refusés")) == [
        "data/lookup/test.toml:4: [[wording]] #1: 'text' must be printable ASCII (Python and the browser lower-case it alike)"]


def test_outer_space(tiny_data):
    assert rule_problems(tiny_data, wording("Used intents ")) == [
        "data/lookup/test.toml:4: [[wording]] #1: 'text' starts or ends with a space"]


def test_duplicate_text_in_one_file(tiny_data):
    assert rule_problems(tiny_data, GOOD_WORDING + "\n" + GOOD_WORDING.replace("Used disallowed", "used  DISALLOWED")) == [
        "data/lookup/test.toml:9: [[wording]] #2: 'text' repeats the entry at line 4"]


def test_unknown_field(tiny_data):
    assert rule_problems(tiny_data, GOOD_WORDING + 'reason = "typo for why"\n') == [
        "data/lookup/test.toml:4: [[wording]] #1: unknown field 'reason' in [[wording]]; allowed: text, code, why"]


def test_missing_field(tiny_data):
    assert rule_problems(tiny_data, GOOD_PATTERN.replace('why = "in a test"\n', "")) == [
        "data/lookup/test.toml:4: [[pattern]] #1: missing required field 'why'"]


def test_wrong_type(tiny_data):
    assert rule_problems(tiny_data, GOOD_PATTERN.replace('["gateway-close-codes"]', '"gateway-close-codes"')) == [
        "data/lookup/test.toml:4: [[pattern]] #1: 'tables' must be an array, not a string \"gateway-close-codes\""]


def test_blank_why(tiny_data):
    assert rule_problems(tiny_data, GOOD_WORDING.replace('why = "in a test"', 'why = " "')) == [
        "data/lookup/test.toml:4: [[wording]] #1: 'why' is empty"]


def test_toml_syntax_error_names_the_line(tiny_data):
    assert rule_problems(tiny_data, GOOD_WORDING + "text = \n") == [
        "data/lookup/test.toml:8: TOML syntax error: Invalid value (column 8)"]


def test_missing_library_section(tiny_data):
    assert rule_problems(tiny_data, GOOD_WORDING, library="") == [
        "data/lookup/test.toml: [library]: missing the [library] section (name = \"...\")"]


def test_unknown_section(tiny_data):
    assert rule_problems(tiny_data, GOOD_WORDING + '\n[[patterns]]\ntext = "x"\n') == [
        "data/lookup/test.toml: unknown section 'patterns'; allowed: [library], [[pattern]], [[wording]], "
        "[[shape]], [[noise]], [[general]], [[context]]"]


def test_check_command_reports_lookup_problems_without_traceback(tiny_data):
    rule_problems(tiny_data, wording("Used disallowed intents", "close-4999") + "\n" + pattern("{code}"))
    result = subprocess.run([sys.executable, "-m", "macros.check", str(tiny_data)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.replace(str(tiny_data.parent) + "/", "").splitlines()
    assert lines == [
        "data/lookup/test.toml:4: [[wording]] #1: 'code' 'close-4999' is not the anchor of any code (like \"close-4014\")",
        "data/lookup/test.toml:9: [[pattern]] #1: 'text' is only {code}: it needs the words around the number that say what it is",
        "2 problems in the lookup rules; nothing was built.",
    ]


@pytest.mark.parametrize("value, expected", [("Disallowed  Intents\n(s)", "disallowed intents (s)"), ("A\tB", "a b")])
def test_normalise_matches_the_browser(value, expected):
    assert lookup.normalise(value) == expected


# ---------------------------------------------------------------- shapes, noise, general codes, contexts

def entry(kind: str, **fields) -> str:
    lines = [f"[[{kind}]]"] + [f"{key} = {value!r}".replace("'", '"') if isinstance(value, str)
                               else f"{key} = {value!r}".replace("'", '"') for key, value in fields.items()]
    return "\n".join(lines) + "\n"


def test_good_shape_noise_general_and_context_pass(tiny_data):
    body = "\n".join([
        entry("shape", text="({code}) {name}", tables=["http-status-codes"], why="in a test"),
        entry("noise", text="pid {code}", why="a process id"),
        entry("general", code="json-50035", why="in a test"),
        entry("context", text="discord.media", table="voice-close-codes", why="in a test"),
    ])
    assert rule_problems(tiny_data, body) == []
    rules = lookup.load_rules(tiny_data, load_catalog(tiny_data))
    assert [len(rules.shapes), len(rules.noises), len(rules.generals), len(rules.contexts)] == [1, 1, 1, 1]


def test_shape_without_name_slot(tiny_data):
    assert rule_problems(tiny_data, entry("shape", text="({code}) forbidden", tables=["http-status-codes"], why="t")) == [
        "data/lookup/test.toml:4: [[shape]] #1: 'text' of a [[shape]] must hold {name} exactly once, not 0 times"]


def test_shape_without_number_slot(tiny_data):
    assert rule_problems(tiny_data, entry("shape", text="HTTP {name}", tables=["http-status-codes"], why="t")) == [
        "data/lookup/test.toml:4: [[shape]] #1: 'text' must hold {code} exactly once, not 0 times"]


def test_noise_that_is_only_the_slot(tiny_data):
    assert rule_problems(tiny_data, entry("noise", text="{code}", why="t")) == [
        "data/lookup/test.toml:4: [[noise]] #1: 'text' is only {code}: it needs the words around the number that say what it is"]


def test_general_code_that_is_no_code(tiny_data):
    assert rule_problems(tiny_data, entry("general", code="json-0", why="t")) == [
        "data/lookup/test.toml:4: [[general]] #1: 'code' 'json-0' is not the anchor of any code (like \"close-4014\")"]


def test_a_text_where_the_kind_has_none_is_one_line(tiny_data):
    """A [[general]] has no 'text': one line saying so, not also the text's own checks (this one
    would fail three of a wording's)."""
    problems = rule_problems(tiny_data, entry("general", code="json-50035", why="t", text=" {code} "))
    assert len(problems) == 1 and "'text'" in problems[0] and "[[general]]" in problems[0], problems


def test_context_naming_an_unknown_table(tiny_data):
    assert rule_problems(tiny_data, entry("context", text="discord.media", table="voice", why="t")) == [
        "data/lookup/test.toml:4: [[context]] #1: 'table' names unknown table 'voice'"]


def test_context_with_a_number_slot(tiny_data):
    assert rule_problems(tiny_data, entry("context", text="voice {code}", table="voice-close-codes", why="t")) == [
        "data/lookup/test.toml:4: [[context]] #1: 'text' of a [[context]] has no number slot; make it a [[pattern]] to use {code}"]


def test_shapes_reach_the_rules_split_around_both_slots(tiny_data):
    catalog = load_catalog(tiny_data)
    rules = lookup.Rules((), (), shapes=(lookup.Shape("{name} (status code: {code})", ("http-status-codes",), "t"),
                                         lookup.Shape("{code} - {name}", ("http-status-codes",), "t")))
    data = lookup.rules_data(catalog, rules)
    assert [shape[:4] for shape in data["shapes"]] == [["", " (status code: ", ")", 1], ["", " - ", "", 0]]
