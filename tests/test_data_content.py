"""The data against Discord's docs of today (CSV) and of 2018 (seed): nothing lost, nothing stale."""
from __future__ import annotations

import re

import pytest

import reference_data
import sitecrawl
import toml_oracle
from macros import text

CSV = reference_data.csv_rows()
SEED = reference_data.seed_rows()
CLOSE_TABLES = ("gateway-close-codes", "voice-close-codes")


def find(catalog, table_id, code):
    return next((c for c in catalog.table(table_id).codes if c.code == code), None)


def test_reference_copies_have_the_expected_size():
    assert len(CSV) == 340
    assert len(SEED) == 126


@pytest.mark.parametrize("row", CSV, ids=lambda r: f"{r['table']}-{r['code']}")
def test_every_code_discord_documents_is_present_with_todays_name(catalog, row):
    code = find(catalog, row["table"], row["code"])
    assert code is not None
    assert code.name == row["name"]
    assert code.status == "current"


@pytest.mark.parametrize("row", SEED, ids=lambda r: f"{r['table']}-{r['code']}")
def test_every_seed_code_keeps_its_row_and_its_wording(catalog, row):
    code = find(catalog, row["table"], row["code"])
    assert code is not None, "seed code dropped"
    names = [code.name.casefold()] + [f.name.casefold() for f in code.formerly]
    assert row["name"].casefold() in names, "seed name neither current nor kept under formerly"


@pytest.mark.parametrize("row", [r for r in SEED if r["kept_wording"]], ids=lambda r: f"{r['table']}-{r['code']}")
def test_seed_wording_kept_as_history_is_still_there(catalog, row):
    code = find(catalog, row["table"], row["code"])
    assert row["kept_wording"] in [text.plain_text(f.text) for f in code.formerly]


def test_removed_codes_stay_marked(catalog):
    op5 = find(catalog, "gateway-opcodes", 5)
    assert op5.status == "removed" and op5.removed == "2018-09" and op5.name == "Voice Server Ping"
    current = {(r["table"], r["code"]) for r in CSV}
    for code in catalog.codes():
        assert ((code.table_id, code.code) in current) == (code.status == "current"), code.anchor


@pytest.mark.parametrize("table_id, code, former", [
    ("gateway-opcodes", 3, "Status Update"),
    ("gateway-close-codes", 4009, "session timeout"),
    ("json-error-codes", 30003, "Maximum number of pins reached (50)"),
    ("json-error-codes", 50013, "Missing permissions"),
    ("json-error-codes", 50035, "Invalid Form Body"),
    ("rpc-close-codes", 4003, "Token Revoke"),
])
def test_renamed_codes_show_the_seed_wording_as_formerly(catalog, table_id, code, former):
    assert former in [f.name for f in find(catalog, table_id, code).formerly]


def test_voice_close_4014_shows_both_meanings(catalog):
    code = find(catalog, "voice-close-codes", 4014)
    assert code.columns["reconnect"] is False
    assert any("resuming" in f.text for f in code.formerly), "the seed's 'try resuming' wording is kept"


def test_gateway_reconnect_flags_equal_discords(catalog):
    for row in (r for r in CSV if r["table"] == "gateway-close-codes"):
        assert find(catalog, row["table"], row["code"]).columns["reconnect"] == (row["reconnect"] == "true"), row["code"]


@pytest.mark.parametrize("table_id", CLOSE_TABLES)
def test_every_close_code_has_reconnect_and_resume_guidance(catalog, table_id):
    table = catalog.table(table_id)
    assert table.columns == ("reconnect", "resume")
    for code in table.codes:
        assert not (code.columns["resume"] and not code.columns["reconnect"]), f"{code.anchor}: resume without reconnect"


def test_voice_e2ee_era_close_codes_are_present(catalog):
    assert {4017, 4020, 4021, 4022} <= {c.code for c in catalog.table("voice-close-codes").codes}


def test_opcode_columns_equal_discords(catalog):
    for row in CSV:
        if row["table"] == "gateway-opcodes":
            assert find(catalog, "gateway-opcodes", row["code"]).columns["client_action"] == row["sent_by_or_client_action"]
        if row["table"] == "voice-opcodes":
            code = find(catalog, "voice-opcodes", row["code"])
            assert code.columns["sent_by"] == row["sent_by_or_client_action"]
            assert code.columns["binary"] == (row["binary"] == "yes"), code.anchor
    binary = sorted(c.code for c in catalog.table("voice-opcodes").codes if c.columns["binary"])
    assert binary == [25, 26, 27, 28, 29, 30]


def test_every_explanation_says_enough(catalog):
    # Empty explanations and ones that repeat the name are validation rules (check_not_blank,
    # check_explanation_says_more); this content rule asks for more than validation does.
    for code in catalog.codes():
        plain = text.plain_text(code.explanation)
        assert len(plain) >= 60, f"{code.anchor}: explanation too thin ({plain!r})"


COMMON_JSON = [10003, 10004, 10008, 10062, 20028, 30001, 30002, 30003, 30004, 30005, 30007, 30008,
               30010, 40001, 40002, 40005, 40060, 50001, 50006, 50007, 50013, 50035, 50109, 130000]


@pytest.mark.parametrize("number", COMMON_JSON)
def test_common_json_errors_say_what_triggers_them_and_the_fix(catalog, number):
    plain = text.plain_text(find(catalog, "json-error-codes", number).explanation)
    assert len(plain) >= 200, plain
    assert len(re.findall(r"[.!?](\s|$)", plain)) >= 2, "at least two sentences"


DATA = toml_oracle.by_anchor()  # the TOML read directly, not through macros.references


def linked(a, b) -> bool:
    return b in DATA[a].code_references()


@pytest.mark.parametrize("a, b", [
    ("close-4013", "close-4014"), ("close-4014", "close-4013"),
    ("http-429", "close-4008"), ("close-4008", "http-429"),
    ("close-4008", "rpc-close-4002"), ("rpc-close-4002", "close-4008"),
    ("close-4004", "op-2"), ("op-2", "close-4004"),
])
def test_required_cross_links_both_ways(a, b):
    assert linked(a, b), f"{a} does not link {b}"


@pytest.mark.parametrize("anchor, docs", [
    ("close-4014", "gateway-intents"), ("close-4013", "gateway-intents"), ("http-429", "rate-limits"),
    ("close-4008", "rate-limits"),
])
def test_required_links_to_discords_docs(anchor, docs):
    refs = DATA[anchor].docs_references()
    assert any(r.startswith(docs) for r in refs), refs


def code_page_section(site, anchor: str, section_id: str) -> str:
    """One <h2 id=...> section of a code's own page, up to its list's end ("" when absent)."""
    html = (site / "c" / anchor / "index.html").read_text(encoding="utf-8")
    found = re.search(rf'<h2 id="{section_id}">.*?</ul>', html, re.S)
    return found[0] if found else ""


def test_rendered_backlinks_match_references_in_the_data(built_site):
    """Every "Referred to by" link on a code page is a reference some code really makes, and every
    reference in the data is shown (both read from the TOML, not through macros.references)."""
    seen = 0
    for anchor in DATA:
        page = sitecrawl.read_page(built_site, built_site / "c" / anchor / "index.html")
        for href in re.findall(r'href="([^"]+)"', code_page_section(built_site, anchor, "referred-to-by")):
            referrer = sitecrawl.resolve(page, href)[1].strip("/").split("/")[-1]
            assert linked(referrer, anchor), f"{referrer} shown as referring to {anchor}"
            seen += 1
    everything = list(DATA.values())
    expected = sum(len(toml_oracle.referrers(anchor, among=everything)) for anchor in DATA)
    assert seen == expected and seen > 0


def test_same_number_elsewhere_is_shown_for_close_codes(built_site):
    assert 'href="../voice-close-4011/"' in code_page_section(built_site, "close-4011", "same-number")
    rpc = code_page_section(built_site, "rpc-close-4000", "same-number")
    assert 'href="../close-4000/"' in rpc and 'href="../rpc-error-4000/"' in rpc


@pytest.mark.parametrize("anchor", ["op-0", "json-0", "op-1", "voice-op-1"])
def test_same_number_elsewhere_is_not_shown_where_nobody_confuses_them(built_site, anchor):
    assert code_page_section(built_site, anchor, "same-number") == ""


def test_footer_credits_discord_and_states_licences(built_site):
    for page in ("index.html", "gateway/index.html", "json/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        footer = html[html.index("<footer"):]
        for phrase in ("Discord's developer documentation", "CC BY-SA 4.0", "Code: MIT", "not affiliated"):
            assert phrase in footer.replace("&#39;", "'").replace("&#x27;", "'"), (page, phrase)


# Where each #DOCS_... link of the seed pointed, per shared/reference/README.md; the code that
# carried it must still link there (a code or table on this site, or Discord's page by name).
SEED_LINKS = {
    "close-4001": ("table", "gateway-opcodes"), "close-4002": ("docs", "gateway-sending-events"),
    "close-4003": ("code", "op-2"), "close-4004": ("code", "op-2"), "close-4007": ("code", "op-6"),
    "close-4010": ("docs", "gateway-sharding"), "close-4011": ("docs", "gateway-sharding"),
    "voice-close-4001": ("table", "voice-opcodes"), "voice-close-4003": ("code", "voice-op-0"),
    "voice-close-4004": ("code", "voice-op-0"), "voice-close-4005": ("code", "voice-op-0"),
    "voice-close-4012": ("code", "voice-op-1"), "voice-close-4014": ("code", "voice-op-7"),
    "voice-close-4015": ("code", "voice-op-7"), "voice-close-4016": ("docs", "voice-encryption"),
    "http-429": ("docs", "rate-limits"),
}


@pytest.mark.parametrize("anchor", SEED_LINKS)
def test_seed_links_are_converted_to_references(anchor):
    entry = DATA[anchor]
    refs = {("code", a) for a in entry.code_references()} | {("docs", n) for n in entry.docs_references()}
    refs |= {("table", t) for value in entry.texts() for t in re.findall(r"\]\(table:([a-z0-9-]+)\)", value)}
    assert SEED_LINKS[anchor] in refs


def test_rpc_intro_links_the_rpc_docs(catalog):
    targets = [link.reference for link in text.links(catalog.table("rpc-error-codes").intro)]
    assert ("docs", "rpc") in targets
