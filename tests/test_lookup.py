"""The lookup corpus straight against the matcher in node (fast feedback; the browser test runs
the same corpus in Chromium), plus the matcher's behaviour on hostile and ambiguous input."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter

import pytest

import lookup_cases
from ci import in_ci
from lookup_cases import NODE, run_matcher

LIBRARIES = ("discord.js v13", "discord.js v14", "discord.py", "nextcord", "pycord", "disnake", "JDA", "discordgo",
             "serenity", "twilight", "Discord.Net", "DSharpPlus", "hikari", "Eris", "Oceanic.js")


@pytest.fixture(scope="module")
def rules():
    return {**lookup_cases.rules_data(), "constants": lookup_cases.constants_data()}


def test_the_corpus_covers_every_library():
    counts = Counter(case["library"] for case in lookup_cases.cases())
    assert sum(counts.values()) >= 60
    for library in LIBRARIES:
        assert counts[library] >= 3, f"{library} has {counts[library]} cases"


def test_a_former_name_still_names_its_code(rules):
    [answer] = run_matcher(rules, ["Missing Permissions"])  # 50013's name until Discord's docs reworded it
    assert anchors(answer) == ["json-50013"]
    assert answer["results"][0]["why"].endswith("is Discord's own text for this code")


def test_corpus_first_results(rules):
    cases = lookup_cases.cases()
    answers = run_matcher(rules, [case["text"] for case in cases])
    wrong = [f"{case['library']}: {case['text'][:70]!r} -> {[r['anchor'] for r in answer['results'][:3]]}, "
             f"expected {case['first']}"
             for case, answer in zip(cases, answers)
             if not answer["results"] or answer["results"][0]["anchor"] != case["first"]]
    assert wrong == []


def anchors(answer: dict) -> list[str]:
    return [result["anchor"] for result in answer["results"]]


def test_a_bare_number_lists_every_meaning_and_says_why(rules):
    [answer] = run_matcher(rules, ["4011"])
    assert set(anchors(answer)) == {"close-4011", "voice-close-4011"}
    assert all("codes have it" in result["why"] for result in answer["results"])


def test_an_http_status_ranks_below_the_json_code_in_the_same_text(rules):
    [answer] = run_matcher(rules, ["403 Forbidden (error code: 50013): Missing Permissions"])
    assert anchors(answer)[:2] == ["json-50013", "http-403"]
    assert "error code: 50013" in answer["results"][0]["why"]


def test_the_context_picks_the_table_of_a_colliding_number(rules):
    [gateway, voice] = run_matcher(rules, ["Event Code: 4011", "Disconnected from voice by discord, close code 4011."])
    assert anchors(gateway)[0] == "close-4011"
    assert anchors(voice)[0] == "voice-close-4011"


@pytest.mark.parametrize("text, anchor, why", [
    ("InsufficientPermissions", "json-50013", "is the name Discord.Net gives this code"),
    ("discordgo.ErrCodeUnknownInteraction", "json-10062", "is this code's name written as a constant"),
    ("ErrorResponse.UNKNOWN_OVERRIDE", "json-10009", "JDA"),
    ("opcode INVALID_SESSION", "op-9", "is this code's name written as a constant"),
])
def test_a_library_constant_names_its_code(rules, text, anchor, why):
    [answer] = run_matcher(rules, [text])
    assert anchors(answer)[0] == anchor
    assert why in answer["results"][0]["why"]


def test_library_constants_are_asked_for_only_when_an_identifier_is_unexplained(rules):
    plain = {key: value for key, value in rules.items() if key != "constants"}
    [unknown, known, prose] = run_matcher(plain, ["InsufficientPermissions", "MISSING_PERMISSIONS here",
                                                  "Missing Permissions"])
    assert anchors(unknown) == [] and unknown["wants_constants"]
    assert anchors(known)[0] == "json-50013" and not known["wants_constants"]  # 50013's former name
    assert not prose["wants_constants"]


def test_a_character_whose_lower_case_is_longer_leaves_identifiers_alone(rules):
    """"\u0130".toLowerCase() is two characters: lower-casing the whole paste with it would shift
    every offset after it, and identifiers (read from the text as pasted) would stop matching."""
    [answer] = run_matcher(rules, ["\u0130stanbul DiscordAPIError[50001] then discordgo.ErrCodeUnknownInteraction"])
    assert anchors(answer)[:2] == ["json-50001", "json-10062"]
    assert answer["results"][0]["why"].startswith("\u201cDiscordAPIError[50001]\u201d")
    assert answer["results"][1]["why"].startswith("\u201cErrCodeUnknownInteraction\u201d")


def test_only_identifiers_are_read_as_constants(rules):
    """Prose words are not constants: 'insufficientpermissions' in lower case is just a word."""
    [lower, upper] = run_matcher(rules, ["insufficientpermissions", "INSUFFICIENTPERMISSIONS"])
    assert anchors(lower) == [] and anchors(upper) == []


def test_words_match_whole_words_only(rules):
    [answer] = run_matcher(rules, ["UnknownGuildsCache: Unknown Guilds were dropped"])
    assert "json-10004" not in anchors(answer)


def test_numbers_longer_than_a_code_are_ignored(rules):
    [answer] = run_matcher(rules, ["channel 1045553261874749440 error code: 10003000"])
    assert answer["results"] == []


def test_hostile_text_is_answered_as_text(rules):
    [answer] = run_matcher(rules, ['<img src=x onerror="alert(1)"> (error code: 50013) <script>alert(2)</script>'])
    assert anchors(answer)[0] == "json-50013"
    assert answer["results"][0]["why"].startswith("\u201c(error code: 50013)\u201d")


def test_linear_time_on_large_and_adversarial_text(rules):
    import random

    generator = random.Random(13)
    noise = "".join(generator.choice("ab0123456789 (:[{'\"error code") for _ in range(200_000))
    digits = "4" * 200_000
    words = ("disallowed " * 20_000)[:200_000]
    small, *large = run_matcher(rules, [noise[:20_000], noise, digits, words])
    for answer in large:
        assert answer["ms"] < 1000, f"{answer['ms']:.0f} ms for 200 KB"
    assert large[0]["ms"] < max(50 * small["ms"], 200), "time grows faster than the text"


# ---------------------------------------------------------------- the generated rules and the site

def test_rules_weigh_at_most_20_kb_gzip_and_load_only_where_the_box_is(built_site):
    import gzip

    from macros.lookup import LOOKUP_SCRIPT, RULES_SCRIPT

    rules = (built_site / RULES_SCRIPT).read_bytes()
    assert len(gzip.compress(rules, 9)) <= 20 * 1024
    pages = {page.relative_to(built_site).as_posix(): page.read_text(encoding="utf-8")
             for page in built_site.glob("**/index.html") if not page.relative_to(built_site).as_posix().startswith("c/")}
    with_rules = sorted(name for name, html in pages.items() if "lookup-rules.js" in html or "lookup.js" in html)
    assert with_rules == ["index.html", "lookup/index.html"]
    for name in with_rules:
        assert f'<script defer src="{"../" if "/" in name else "./"}{RULES_SCRIPT}"></script>' in pages[name]
        assert f'<script defer src="{"../" if "/" in name else "./"}{LOOKUP_SCRIPT}"></script>' in pages[name]


def test_http_status_lines_come_from_the_table(tiny_data):
    from macros import lookup
    from macros.catalog import load_catalog

    catalog = load_catalog(tiny_data)
    data = lookup.rules_data(catalog, lookup.load_rules(tiny_data, catalog))
    http = [index for index, table in enumerate(data["tables"]) if table[1] == "http"]
    assert ["", " too many requests", http] in [number[:3] for number in data["numbers"]]


def test_only_error_and_close_names_become_phrases(tiny_data):
    from macros import lookup
    from macros.catalog import load_catalog

    data = lookup.rules_data(load_catalog(tiny_data), lookup.Rules((), ()))
    named = {table[1] for table in data["tables"] if table[3]}
    assert named == {"close", "voice-close", "json", "rpc-error", "rpc-close"}


def test_first_sentence_is_plain_and_short():
    from macros.lookup import SENTENCE_LIMIT, first_sentence

    assert first_sentence("Send [Identify](code:op-2) first. Then wait.") == "Send Identify first."
    long = first_sentence("word " * 100)
    assert len(long) <= SENTENCE_LIMIT and long.endswith("…")


def test_lookup_js_never_turns_text_into_markup():
    source = lookup_cases.LOOKUP_JS.read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source, f"lookup.js uses {sink}"
    assert "new RegExp" not in source, "a pattern built at run time could backtrack"


DETAILS_RUNNER = """
const { detailsWanted } = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(detailsWanted(input.rules, input.results)));
"""


def test_a_detail_script_is_wanted_only_when_a_result_has_one_of_its_codes():
    if NODE is None:
        if in_ci():
            pytest.fail("CI=true but node is not installed")
        pytest.skip("node is not installed")
    rules = {"details": [["fields", "assets/javascripts/lookup-fields.js", ["json-50035"]],
                         ["routes", "assets/javascripts/lookup-routes.js", ["json-50013", "json-50001"]]]}

    def wanted(*result_anchors):
        result = subprocess.run([NODE, "-e", DETAILS_RUNNER, str(lookup_cases.LOOKUP_JS)], capture_output=True,
                                text=True, timeout=60, input=json.dumps(
                                    {"rules": rules, "results": [{"anchor": a} for a in result_anchors]}))
        assert result.returncode == 0, result.stderr
        return [d["name"] for d in json.loads(result.stdout)]

    assert wanted("json-50035", "http-400") == ["fields"]
    assert wanted("json-50001") == ["routes"]
    assert wanted("close-4014", "http-403") == []
