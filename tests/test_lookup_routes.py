"""lookup-routes.js's matcher under node, on real library texts (tests/route_pastes.toml) and on
hostile ones; and how the lookup loads it (only for 50013, 50001 and 403)."""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

from conftest import ROOT
from lookup_cases import fastest_answers, run_in_node
from macros import lookup
from macros.endpoints import export as endpoints_export

ROUTES_JS = ROOT / "docs" / "assets" / "javascripts" / "lookup-routes.js"
PASTES = Path(__file__).resolve().parent / "route_pastes.toml"
RUNNER = """
const m = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const trie = m.buildTrie(input.data.routes);
const out = input.texts.map(text => {
  const started = process.hrtime.bigint();
  const found = m.findRequests(trie, text).map(r => ({method: r.method, path: r.path,
                                                      routes: r.routes.map(i => input.data.routes[i][2])}));
  return {found, ms: Number(process.hrtime.bigint() - started) / 1e6};
});
process.stdout.write(JSON.stringify(out));
"""


def pastes() -> list[dict]:
    return tomllib.loads(PASTES.read_text(encoding="utf-8"))["paste"]


def run(catalog, texts: list[str]) -> list[dict]:
    data = endpoints_export.lookup_data(catalog.permissions)
    return json.loads(run_in_node(RUNNER, ROUTES_JS, {"data": data, "texts": texts}, timeout=120))


def test_each_library_text_names_its_route(catalog):
    cases = pastes()
    answers = run(catalog, [case["text"] for case in cases])
    wrong = []
    for case, answer in zip(cases, answers):
        got = answer["found"][0] if answer["found"] else {}
        if got.get("routes") != case["routes"] or got.get("method") != case["method"]:
            wrong.append(f"{case['library']}: {got} != {case['method']} {case['routes']}")
    assert wrong == []


def test_every_real_text_keeps_its_thread(catalog):
    for case in pastes():
        assert case.get("composed") or case["url"].startswith("https://github.com/"), case["library"]


def test_versions_hosts_query_strings_and_at_me_all_match(catalog):
    texts = ["PATCH https://discordapp.com/api/v9/guilds/1/members/@me?x=1",
             "PATCH https://canary.discord.com/api/guilds/1/members/@me",
             "PATCH /guilds/1/members/@me",
             "PATCH /api/v10/guilds/1/members/@me#frag"]
    for answer in run(catalog, texts):
        assert [(r["method"], r["routes"]) for r in answer["found"]] == [("PATCH", ["Modify Current Member"])]


def test_a_literal_segment_beats_a_placeholder(catalog):
    [answer] = run(catalog, ["GET /channels/1/messages/pins"])
    assert answer["found"][0]["routes"] == ["Get Channel Pins"]


def test_other_hosts_and_unknown_paths_match_nothing(catalog):
    answers = run(catalog, ["GET https://example.com/api/v10/guilds/1", "GET /nothing/here/1", "/", "a/b/c"])
    assert [a["found"] for a in answers] == [[], [], [], []]


def test_hostile_paths_are_inert_and_linear(catalog):
    slashes = "/" * 100_000
    deep = "/guilds/1" * 12_000
    script = "/guilds/<script>alert(1)</script>/members GET /guilds/%3Cscript%3E/members"
    many, large, tags, *answers = fastest_answers(lambda texts: run(catalog, texts),
                                                  ["/guilds/1/members/" * 100, deep, script, slashes, "x " * 50_000 + "GET /guilds/1"])
    assert answers[0]["found"] == [] and answers[0]["ms"] < 200
    assert answers[1]["found"][0]["routes"] == ["Get Guild"] and answers[1]["ms"] < 200
    assert large["found"] == [] and large["ms"] < 200
    assert many["found"] == []  # longer than any route template
    # "<" ends a token, so the raw tag yields no path; the encoded one is a placeholder's segment, kept as text
    assert tags["found"] == [{"method": "GET", "path": "/guilds/%3Cscript%3E/members", "routes": ["List Guild Members"]}]


def test_a_10_kb_paste_with_a_route_is_answered_fast(catalog):
    frame = "    at processTicksAndRejections (node:internal/process/task_queues:95:5)\n"
    text = frame * (10_000 // len(frame)) + pastes()[0]["text"]
    [answer] = fastest_answers(lambda texts: run(catalog, texts), [text])
    assert answer["found"][0]["routes"] == ["Add Guild Member Role"]
    assert answer["ms"] < 100


def test_the_routes_detail_is_registered_for_50013_50001_and_403(catalog):
    [entry] = [d for d in lookup.DETAIL_SCRIPTS if d[0] == "routes"]
    assert entry[1] == "assets/javascripts/lookup-routes.js" and (ROOT / "docs" / entry[1]).is_file()
    assert set(entry[2]) == {"json-50013", "json-50001", "http-403"}
    from macros.endpoints import export as endpoints_export

    assert entry[3] == endpoints_export.ROUTES_SCRIPT  # fetched beside the script, data first


def test_lookup_routes_js_never_turns_text_into_markup():
    source = ROUTES_JS.read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "RegExp", "/g,"):
        assert sink not in source, f"lookup-routes.js uses {sink}"
