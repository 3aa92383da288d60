"""The corpus of real pasted errors (tests/pasted_errors/corpus.toml) is well formed.

This checks the file itself, not the lookup's answers on it: every case names the public thread
its text was copied from, has a text, and either an anchor the site really has or `none = true`;
no text appears twice; and the corpus is as wide as issue 23 asks (cases, libraries, codes).
Each rule is one small function with a test on a tiny bad case, so each can fail for its purpose.
"""
from __future__ import annotations

import re

import pytest

import lookup_cases
from conftest import ROOT
from macros.catalog import load_code_tables

KINDS = {"status-shape", "log-noise", "discord-message", "context", "library-wording"}
FIELDS = {"source", "library", "kinds", "text", "first", "none"}
MIN_CASES, MIN_LIBRARIES, MIN_CODES = 100, 20, 40
PLACEHOLDER_ID = "123456789012345678"
# A Discord snowflake (17 to 20 digits) and a bot token (three base64url parts joined by dots).
# These run on this repository's own fixture, never on text a user pastes.
SNOWFLAKE = re.compile(r"(?<!\d)\d{17,20}(?!\d)")
BOT_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{20,}")


def source_problems(case: dict) -> list[str]:
    source = case.get("source")
    if not isinstance(source, str) or not source.startswith("https://") or " " in source:
        return [f"source must be the https URL of the thread the text was copied from, got {source!r}"]
    return []


def text_problems(case: dict) -> list[str]:
    text = case.get("text")
    if not isinstance(text, str) or not text.strip():
        return ["text is missing or blank"]
    return []


def answer_problems(case: dict, anchors: set[str]) -> list[str]:
    """A case says what the lookup must answer: one existing anchor first, or nothing at all."""
    first, none = case.get("first"), case.get("none", False)
    if none is not True and none is not False:
        return [f"none must be true or false, got {none!r}"]
    if none and first is not None:
        return ["a case with none = true cannot also name a first anchor"]
    if not none and first is None:
        return ["a case needs `first` (the anchor listed first) or `none = true`"]
    if first is not None and first not in anchors:
        return [f"first = {first!r} is no anchor in data/"]
    return []


def field_problems(case: dict) -> list[str]:
    problems = [f"unknown field {name!r}" for name in sorted(set(case) - FIELDS)]
    if not isinstance(case.get("library"), str) or not case.get("library", "").strip():
        problems.append("library is missing (name the library and version the thread shows)")
    kinds = case.get("kinds", [])
    if not isinstance(kinds, list) or not set(kinds) <= KINDS:
        problems.append(f"kinds must be a list among {sorted(KINDS)}, got {kinds!r}")
    return problems


def personal_data_problems(case: dict) -> list[str]:
    """Ids and tokens copied from a thread must be replaced by placeholders (README, step 3)."""
    text = str(case.get("text", ""))
    problems = [f"id {found!r} left in the text: use {PLACEHOLDER_ID}"
                for found in SNOWFLAKE.findall(text) if found != PLACEHOLDER_ID]
    if BOT_TOKEN.search(text):
        problems.append("a bot token is left in the text: use <token>")
    return problems


def case_problems(case: dict, anchors: set[str]) -> list[str]:
    return (source_problems(case) + text_problems(case) + answer_problems(case, anchors)
            + field_problems(case) + personal_data_problems(case))


def duplicate_texts(cases: list[dict]) -> list[str]:
    """Texts that appear in more than one case (compared with surrounding blanks removed)."""
    seen: set[str] = set()
    duplicates = []
    for case in cases:
        text = str(case.get("text", "")).strip()
        if text in seen:
            duplicates.append(text[:60])
        seen.add(text)
    return duplicates


def library_name(library: str) -> str:
    """"discord.js v14" -> "discord.js", "JDA 4 (DiscordSRV)" -> "JDA": versions and notes are not
    other libraries. Reads only this corpus's own field, word by word (no regex on pasted text)."""
    words = []
    for word in library.split():
        if word.startswith("(") or word[:1].isdigit() or (word[:1] == "v" and word[1:2].isdigit()):
            break
        words.append(word)
    return " ".join(words) or library


def corpus_counts(cases: list[dict]) -> dict[str, int]:
    return {
        "cases": len(cases),
        "libraries": len({library_name(str(case.get("library"))) for case in cases}),
        "codes": len({case["first"] for case in cases if case.get("first")}),
        "none": sum(1 for case in cases if case.get("none")),
    }


@pytest.fixture(scope="module")
def anchors() -> set[str]:
    return {code.anchor for code in load_code_tables(ROOT / "data").codes()}


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return lookup_cases.pasted_cases()


# ---- the rules, each on a tiny bad case

GOOD = {"source": "https://github.com/o/r/issues/1", "library": "x", "text": "t", "first": "json-50013"}


def test_good_case_passes(anchors):
    assert case_problems(GOOD, anchors) == []
    no_code = {k: v for k, v in GOOD.items() if k != "first"} | {"none": True}
    assert case_problems(no_code, anchors) == []


@pytest.mark.parametrize("source", [None, "", "http://github.com/o/r/issues/1", "github.com/o/r", "https://a b"])
def test_source_must_be_an_https_url(source):
    assert source_problems({**GOOD, "source": source})


@pytest.mark.parametrize("text", [None, "", "  \n"])
def test_text_must_not_be_blank(text):
    assert text_problems({**GOOD, "text": text})


def test_first_must_be_an_existing_anchor(anchors):
    assert answer_problems({**GOOD, "first": "json-99999999"}, anchors)
    assert answer_problems({**GOOD, "first": "50013"}, anchors)


def test_case_needs_first_or_none(anchors):
    without = {k: v for k, v in GOOD.items() if k != "first"}
    assert answer_problems(without, anchors)
    assert answer_problems({**without, "none": False}, anchors)
    assert answer_problems({**GOOD, "none": True}, anchors)
    assert answer_problems({**without, "none": "yes"}, anchors)


def test_unknown_field_and_kind_are_reported():
    assert field_problems({**GOOD, "frist": "json-1"})
    assert field_problems({**GOOD, "kinds": ["noise"]})
    assert field_problems({k: v for k, v in GOOD.items() if k != "library"})


def test_ids_and_tokens_must_be_replaced():
    assert personal_data_problems({**GOOD, "text": "path: '/guilds/987654321098765432/members'"})
    assert personal_data_problems({**GOOD, "text": "Authorization: QUJDREVGR0hJSktMTU5PUFFSU1Q.AbCdEf.not-a-real-token-just-its-shape"})
    assert personal_data_problems({**GOOD, "text": "path: '/guilds/123456789012345678', port 443, at 1726659251051"}) == []


def test_duplicate_texts_are_found():
    assert duplicate_texts([{"text": "a"}, {"text": "b"}, {"text": " a\n"}]) == ["a"]
    assert duplicate_texts([{"text": "a"}, {"text": "b"}]) == []


@pytest.mark.parametrize("library, name", [
    ("discord.js v14", "discord.js"), ("JDA 4 (DiscordSRV)", "JDA"), ("discord.py 1.7", "discord.py"),
    ("raw HTTP (curl)", "raw HTTP"), ("Discord.Net", "Discord.Net"),
])
def test_library_name_drops_version_and_notes(library, name):
    assert library_name(library) == name


def test_counts():
    counted = corpus_counts([GOOD, {**GOOD, "library": "y 2"}, {"library": "y v3", "none": True}])
    assert counted == {"cases": 3, "libraries": 2, "codes": 1, "none": 1}


# ---- the corpus itself


def test_every_case_is_well_formed(cases, anchors):
    problems = [f"case {i + 1} ({case.get('source')}): {p}" for i, case in enumerate(cases) for p in case_problems(case, anchors)]
    assert problems == []


def test_no_text_appears_twice(cases):
    assert duplicate_texts(cases) == []


def test_corpus_is_wide_enough(cases):
    counted = corpus_counts(cases)
    print(f"\npasted errors corpus: {counted['cases']} cases, {counted['libraries']} libraries, "
          f"{counted['codes']} distinct codes, {counted['none']} with no code")
    assert counted["cases"] >= MIN_CASES
    assert counted["libraries"] >= MIN_LIBRARIES
    assert counted["codes"] >= MIN_CODES


def test_every_kind_of_issue_23_is_covered(cases):
    """The five kinds of trouble issue 23 names each have real cases, and some texts hold no code."""
    tagged = {kind: sum(1 for case in cases if kind in case.get("kinds", [])) for kind in sorted(KINDS)}
    print(f"\npasted errors corpus by kind: {tagged}")
    assert all(count >= 5 for count in tagged.values()), tagged
    assert corpus_counts(cases)["none"] >= 8
