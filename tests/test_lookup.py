"""The lookup corpus straight against the matcher in node (fast feedback; the browser test runs
the same corpus in Chromium), plus the matcher's behaviour on hostile and ambiguous input."""
from __future__ import annotations

import json
from collections import Counter

import pytest

import lookup_cases
from lookup_cases import LOOKUP_JS, fastest_answers, run_in_node, run_matcher

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


def test_a_bare_number_never_names_an_undocumented_code_but_its_table_does(rules):
    """rpc-error-4011 (discord-api-types' InvalidInvite) and rpc-close-1006 are not in Discord's
    docs, and 1006 is also the WebSocket's own abnormal closure: only text naming the table finds
    them."""
    bare_4011, bare_1006, named = run_matcher(rules, ["4011", "websocket closed: 1006", "RPC error 4011 Invalid invite"])
    assert "rpc-error-4011" not in anchors(bare_4011)
    assert not any(anchor.startswith("rpc-") for anchor in anchors(bare_1006))
    assert anchors(named)[0] == "rpc-error-4011"


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


def fastest_of(rules: dict, texts: list[str]) -> list[dict]:
    return fastest_answers(lambda many: run_matcher(rules, many), texts)


def test_linear_time_on_large_and_adversarial_text(rules):
    import random

    generator = random.Random(13)
    noise = "".join(generator.choice("ab0123456789 (:[{'\"error code") for _ in range(200_000))
    digits = "4" * 200_000
    words = ("disallowed " * 20_000)[:200_000]
    small, *large = fastest_of(rules, [noise[:20_000], noise, digits, words])
    for answer in large:
        assert answer["ms"] < 1000, f"{answer['ms']:.0f} ms for 200 KB"
    assert large[0]["ms"] < max(50 * small["ms"], 200), "time grows faster than the text"


# ---------------------------------------------------------------- the generated rules and the site

def test_rules_weigh_at_most_22_kb_gzip_and_load_only_where_the_box_is(built_site):
    import gzip

    from macros.lookup import LOOKUP_SCRIPT, RULES_SCRIPT

    rules = (built_site / RULES_SCRIPT).read_bytes()
    assert len(gzip.compress(rules, 9)) <= 22 * 1024  # issue 23's budget
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
    rules = {"details": [["fields", "assets/javascripts/lookup-fields.js", ["json-50035"]],
                         ["routes", "assets/javascripts/lookup-routes.js", ["json-50013", "json-50001"]]]}

    def wanted(*result_anchors):
        details = run_in_node(DETAILS_RUNNER, LOOKUP_JS, {"rules": rules, "results": [{"anchor": a} for a in result_anchors]})
        return [d["name"] for d in json.loads(details)]

    assert wanted("json-50035", "http-400") == ["fields"]
    assert wanted("json-50001") == ["routes"]
    assert wanted("close-4014", "http-403") == []


def test_an_undocumented_code_name_is_not_taken_for_discord_text(rules):
    """rpc-error-1001 is named "Service unavailable" after a library constant: an HTTP 503 line must
    not be read as that code, nor SERVICE_UNAVAILABLE as its constant; its number beside its name finds it."""
    assert rules["codes"]["rpc-error-1001"][4] == 1 and len(rules["codes"]["json-50035"]) == 4
    by_name, by_identifier, by_number = run_matcher(rules, ["Service Unavailable", "SERVICE_UNAVAILABLE",
                                                            "RPC error 1001: Service unavailable"])
    assert "rpc-error-1001" not in anchors(by_name) + anchors(by_identifier)
    assert "rpc-error-1001" in anchors(by_number)


# ---------------------------------------------------------------- real-log shapes (issue 23), composed texts

@pytest.mark.parametrize("kind, text", [
    ("query string", "GET /api/v10/channels/123456789012345678/messages?limit=50&after=4004 failed"),
    ("log prefix with a worker id", "2024-05-01 12:00:01 [worker 4011] started, waiting for jobs"),
    ("log prefix with a process id", "2024-05-01 12:00:01 PID 4013 exited cleanly"),
    ("port", "Dashboard listening on port 4000"),
    ("port in an address", "Error: connect ECONNREFUSED 127.0.0.1:4004 at http://localhost:4004/"),
    ("line and column", "    at Object.<anonymous> (/app/index.js:4014:10013)"),
    ("payload field", 'Sending {"op": 4013, "d": {"self_mute": false}}'),
    ("field error message", "In content: Must be 4000 or fewer in length."),
])
def test_a_number_in_log_noise_names_no_code(rules, kind, text):
    """Each noise kind issue 23 lists: a number in it, though some code has that number, gives no
    result (standsAlone in lookup.js, [[noise]] in data/lookup/noise.toml)."""
    [answer] = run_matcher(rules, [text])
    assert anchors(answer) == [], kind


@pytest.mark.parametrize("text, anchor", [
    ("The remote server returned an error: (403) Forbidden.", "http-403"),
    ("GET /guilds/1 returned 403 Forbidden with response", "http-403"),
    ("request failed with status 400!", "http-400"),
    ('{"status_code": 404, "detail": "x"}', "http-404"),
    ("DiscordAPIError: 404: Not Found", "http-404"),
    ("429 - Too Many Requests : GET https://discord.com/api/v7/users/@me", "http-429"),
    ("HTTPException: FORBIDDEN (status code: 403)", "http-403"),
    ("HTTPError: Service Unavailable", "http-5xx"),
    ("503 Service Unavailable", "http-5xx"),
    ("Response: Bad Gateway", "http-502"),
])
def test_an_http_status_in_a_free_shape_names_its_status(rules, text, anchor):
    [answer] = run_matcher(rules, [text])
    assert anchors(answer)[:1] == [anchor]


def test_a_status_line_is_not_read_as_the_voice_code_of_the_same_name(rules):
    """"Bad request" is voice close 4020's name too; inside an HTTP status line it is the status."""
    [line, named] = run_matcher(rules, ["400 BAD REQUEST", "BAD REQUEST (status code: 400)"])
    assert anchors(line) == ["http-400"]
    assert anchors(named) == ["http-400"]


def test_a_close_code_beside_its_own_name_picks_its_table(rules):
    """A close with reason "Disallowed intent(s)." is the gateway's 4014, whatever the library
    calls the socket; voice 4014 ("Disconnected") has the same number."""
    [answer] = run_matcher(rules, ["Socket closed: 4014 Disallowed intent(s). All shards disconnected"])
    assert anchors(answer)[0] == "close-4014"
    assert "followed by its own name" in answer["results"][0]["why"]


def test_a_voice_server_host_tips_an_equal_guess_towards_voice(rules):
    [plain, voice] = run_matcher(rules, ["closed with code 4011", "wss://eu1.discord.media/?v=4 closed with code 4011"])
    assert set(anchors(plain)) == set(anchors(voice)) == {"close-4011", "voice-close-4011"}
    assert anchors(plain)[0] == "close-4011" and anchors(voice)[0] == "voice-close-4011"


def test_invalid_client_id_is_rpc(rules):
    [answer] = run_matcher(rules, ["Couldn't connect to Discord via RPC: Invalid Client ID"])
    assert anchors(answer) and all(anchor.startswith("rpc-") for anchor in anchors(answer))


def test_json_code_0_ranks_below_the_status_it_came_with(rules):
    [answer] = run_matcher(rules, ["discord.errors.HTTPException: 401 Unauthorized (error code: 0): 401: Unauthorized"])
    assert anchors(answer)[:2] == ["http-401", "json-0"]


def test_a_message_discord_sends_names_its_code(rules):
    [answer] = run_matcher(rules, ['{"global": false, "message": "You are being rate limited.", "retry_after": 8605}'])
    assert anchors(answer) == ["http-429"]
    assert answer["results"][0]["why"].endswith("is the message Discord sends for this code")


def test_a_one_word_name_alone_is_not_a_code(rules):
    """Voice close 4014 is called "Disconnected", a word any log uses."""
    [answer] = run_matcher(rules, ["Discord RPC disconnected, retrying..."])
    assert anchors(answer) == []


def test_a_guess_says_it_is_one(rules):
    """A bare number, or a context two tables share, is said to be unsure in words."""
    [bare, shared] = run_matcher(rules, ["40001", "websocket: close 4011"])
    assert "this is a guess" in bare["results"][0]["why"]
    assert {r["anchor"] for r in shared["results"]} == {"close-4011", "voice-close-4011"}
    assert all("2 tables have this number and nothing here says which" in r["why"] for r in shared["results"])


def test_the_answer_says_when_nothing_decides_between_the_first_codes(rules):
    [bare, shared, decided] = run_matcher(rules, ["4004", "websocket: close 4011", "websocket: close 4014 Disallowed intent(s)"])
    assert bare["tied"] == 4 and shared["tied"] == 2 and decided["tied"] == 1
    status = run_in_node(STATUS_RUNNER, LOOKUP_JS).splitlines()
    assert status == ["2 codes found; nothing in the text decides between the first 2, so each is listed.",
                      "2 codes found, most likely first."]


STATUS_RUNNER = """
const { statusText } = require(process.argv[1]);
const tied = Object.assign([{}, {}], { tied: 2 }), ranked = Object.assign([{}, {}], { tied: 1 });
console.log(statusText("x", tied));
console.log(statusText("x", ranked));
"""


def test_linear_time_on_texts_that_match_everywhere(rules):
    """Many overlapping phrases, shapes and noise contexts: the matches are sorted once, not
    compared pairwise."""
    small, *large = fastest_of(rules, ["400 BAD REQUEST (status code: 400) You are being rate limited " * 100,
                                     "400 BAD REQUEST (status code: 400) You are being rate limited " * 3000,
                                     "(403) (403) pid 4004 must be 4000 or fewer " * 4000,
                                     "4014 Disallowed intent(s) " * 8000])
    for answer in large:
        assert answer["ms"] < 1000, f"{answer['ms']:.0f} ms for about 200 KB"
    assert large[0]["ms"] < max(60 * small["ms"], 300), "time grows faster than the text"
