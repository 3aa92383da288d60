"""What the build writes besides pages: search entries, code pages, forwarding map, /codes.json."""
from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from html import unescape

import pytest
from jsonschema import Draft202012Validator

import sitecrawl
import toml_oracle
from conftest import ROOT, copy_project, mkdocs_build
from helpers import replace_in
from macros import text
from macros.catalog import load_catalog
from macros.export import code_record, codes_json


def search_docs(site):
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def assert_one_entry_per_code(site, catalog):
    docs = search_docs(site)
    by_location = Counter(d["location"] for d in docs)
    for code in catalog.codes():
        location = f"c/{code.anchor}/"
        assert by_location[location] == 1, location
        [entry] = [d for d in docs if d["location"] == location]
        assert unescape(entry["title"]).startswith(f"{code.code} · {code.name} (")
        assert text.plain_text(code.explanation)[:80] in unescape(entry["text"])


def test_search_has_one_entry_per_code_at_its_page(built_site, catalog):
    assert_one_entry_per_code(built_site, catalog)


def test_search_titles_name_the_table(built_site):
    titles = {d["location"]: unescape(d["title"]) for d in search_docs(built_site)}
    assert titles["c/close-4011/"] == "4011 · Sharding required (gateway close code)"
    assert titles["c/voice-close-4011/"] == "4011 · Server not found (voice close code)"


def test_tables_are_not_indexed_twice(built_site):
    """Rows are excluded from the page's own entry; the per-code entries carry them."""
    docs = search_docs(built_site)
    gateway = [d for d in docs if d["location"].startswith("gateway/") and "#close-" not in d["location"]
               and "#op-" not in d["location"]]
    assert not any("Sharding required" in d["text"] for d in gateway)


def test_search_entries_survive_dirty_rebuilds(tmp_path, catalog):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    page = project / "docs" / "http.md"
    page.write_text(page.read_text() + "\nA line added between builds.\n")
    result = mkdocs_build(project, site, "--dirty", strict=False)
    assert result.returncode == 0, result.stderr
    assert_one_entry_per_code(site, catalog)


# ---------------------------------------------------------------- code pages

def test_every_code_has_a_code_page_with_chat_preview_tags(built_site, catalog):
    for code in catalog.codes():
        page = sitecrawl.read_page(built_site, built_site / "c" / code.anchor / "index.html")
        assert page.meta["og:url"].endswith(f"/c/{code.anchor}/")
        assert page.canonical == page.meta["og:url"]
        assert "robots" not in page.meta
        assert page.meta["twitter:card"] == "summary"
        assert page.meta["og:site_name"]
        assert page.meta["og:description"].startswith(text.plain_text(code.explanation)[:100])
        assert page.meta["description"] == page.meta["og:description"]


def test_code_pages_define_their_term_in_a_set_per_table(built_site, catalog):
    sets = {}
    for code in catalog.codes():
        html = (built_site / "c" / code.anchor / "index.html").read_text(encoding="utf-8")
        term = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
        assert (term["@type"], term["name"], term["termCode"]) == ("DefinedTerm", code.name, str(code.code))
        sets.setdefault(code.table_id, set()).add(json.dumps(term["inDefinedTermSet"], sort_keys=True))
    assert set(sets) == {t.id for t in catalog.tables}
    assert all(len(found) == 1 for found in sets.values())


def file_identity(path):
    """Changes when the file is deleted and written again, even if the bytes are the same."""
    status = path.stat()
    return status.st_ino, status.st_mtime_ns


def test_code_pages_are_rewritten_only_when_their_bytes_change(tmp_path, tiny_data):
    from macros.catalog import load_catalog
    from macros.site_files import generate, write_files
    from test_code_page import FRAME_HTML

    def write(catalog, site):
        write_files(site, generate(catalog, None, "https://x.example/", "Codes", FRAME_HTML))

    site = tmp_path / "site"
    write(load_catalog(tiny_data), site)
    pages = {p.parent.name: p for p in (site / "c").glob("*/index.html")}
    before = {name: file_identity(p) for name, p in pages.items()}
    (site / "c" / "op-999").mkdir()  # no code owns these: they go
    (site / "c" / "stray.html").write_text("x")

    replace_in(tiny_data / "gateway-close-codes.toml", 'name = "Sharding required"', 'name = "Sharding needed"')
    write(load_catalog(tiny_data), site)

    assert sorted(p.name for p in (site / "c").iterdir()) == sorted(pages)
    assert "Sharding needed" in pages["close-4011"].read_text()
    changed = {name for name, p in pages.items() if file_identity(p) != before[name]}
    assert changed == {"close-4011", "voice-close-4011"}  # the voice page names it: same number


def test_rebuilds_keep_unchanged_code_pages_and_update_the_rest(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    kept, renamed = site / "c" / "op-2" / "index.html", site / "c" / "close-4011" / "index.html"
    kept_before, renamed_before = file_identity(kept), file_identity(renamed)

    replace_in(project / "data" / "gateway-close-codes.toml", 'name = "Sharding required"', 'name = "Sharding needed"')
    result = mkdocs_build(project, site)  # a clean build: MkDocs empties site/ first
    assert result.returncode == 0, result.stderr[-2000:]

    assert file_identity(kept) == kept_before
    assert file_identity(renamed) != renamed_before and "Sharding needed" in renamed.read_text(encoding="utf-8")
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == []
    rebuilt = load_catalog(project / "data")
    assert len(list((site / "c").iterdir())) == sum(1 for _ in rebuilt.codes()) + len(rebuilt.field_registry.errors)

    assert mkdocs_build(project, site, "--dirty", strict=False).returncode == 0
    assert file_identity(kept) == kept_before
    assert not any(p.name.startswith(".") for p in site.iterdir())


def test_code_pages_left_aside_by_a_crashed_build_are_not_published(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    (site / "c").rename(site / ".codes-share-pages")  # as if the last build died mid-way
    (site / ".codes-share-pages" / "op-999").mkdir()
    assert mkdocs_build(project, site).returncode == 0
    assert not (site / ".codes-share-pages").exists()
    assert not (site / "c" / "op-999").exists()
    assert (site / "c" / "close-4011" / "index.html").is_file()


def test_code_page_title_reads_well(built_site):
    page = sitecrawl.read_page(built_site, built_site / "c" / "close-4011" / "index.html")
    assert page.meta["og:title"] == "Gateway close 4011 · Sharding required"
    http = sitecrawl.read_page(built_site, built_site / "c" / "http-5xx" / "index.html")
    assert http.meta["og:title"] == "HTTP status 5xx · SERVER ERROR"


def test_code_page_descriptions_are_short(built_site, catalog):
    for code in catalog.codes():
        page = sitecrawl.read_page(built_site, built_site / "c" / code.anchor / "index.html")
        assert len(page.meta["og:description"]) <= 300


# ---------------------------------------------------------------- forwarding

code_map = sitecrawl.code_map


def test_forwarding_map_knows_every_anchor_and_alias(built_site, catalog):
    pages = code_map(built_site)["pages"]
    for code in catalog.codes():
        page_url = catalog.table(code.table_id).page_url
        for anchor in (code.anchor, *code.aliases):
            assert [p for p, ids in pages.items() if anchor in ids] == [page_url], anchor


@pytest.mark.parametrize("discord_anchor, target", [
    ("gateway-gateway-opcodes", "gateway/#gateway-opcodes"),
    ("gateway-gateway-close-event-codes", "gateway/#gateway-close-codes"),
    ("voice-voice-close-event-codes", "voice/#voice-close-codes"),
    ("voice-voice-opcodes", "voice/#voice-opcodes"),
    ("http-http-response-codes", "http/#http-status-codes"),
    ("json-json-error-codes", "json/#json-error-codes"),
    ("rpc-rpc-error-codes", "rpc/#rpc-error-codes"),
    ("rpc-rpc-close-event-codes", "rpc/#rpc-close-codes"),
])
def test_discords_table_anchors_forward_to_our_tables(built_site, discord_anchor, target):
    assert code_map(built_site)["redirects"][discord_anchor] == target
    page, fragment = target.split("#")
    assert f'id="{fragment}"' in (built_site / page / "index.html").read_text(encoding="utf-8")


def test_forwarding_script_is_on_every_page(built_site):
    for page in ("index.html", "gateway/index.html", "json/index.html", "about/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert "assets/javascripts/code-map.js" in html and "assets/javascripts/codes.js" in html


# ---------------------------------------------------------------- /codes.json

@pytest.fixture(scope="module")
def export(built_site):
    return json.loads((built_site / "codes.json").read_text(encoding="utf-8"))


def test_codes_json_matches_its_schema(built_site, export):
    schema = json.loads((built_site / "codes.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = [f"{list(e.path)}: {e.message}" for e in Draft202012Validator(schema).iter_errors(export)]
    assert errors == []


COLUMNS = ("client_action", "sent_by", "binary", "reconnect", "resume")


def test_codes_json_carries_the_data_exactly(export):
    """Each record against its [[code]] as tomllib reads the TOML, not against the catalog the
    export was serialised from."""
    entries = toml_oracle.entries()
    assert [r["anchor"] for r in export["codes"]] == [e.anchor for e in entries]
    for record, entry in zip(export["codes"], entries):
        fields = entry.fields
        assert record["table"] == entry.table_id and record["code"] == fields["code"]
        assert record["name"] == fields["name"] and record["explanation"] == fields["explanation"]
        assert record["status"] == fields.get("status", "current")
        assert record["removed"] == fields.get("removed") and record["added"] == fields.get("added")
        assert record["formerly"] == [{"name": f["name"], "text": f.get("text"), "until": f.get("until")}
                                      for f in fields.get("formerly", [])]
        assert record["discord_sends"] == fields.get("discord_sends", [])  # {text, source} as written
        assert record["see_also"] == fields.get("see_also", []) and record["aliases"] == fields.get("aliases", [])
        assert {c: record[c] for c in COLUMNS if c in record} == {c: fields[c] for c in COLUMNS if c in fields}
        assert set(COLUMNS) & set(record) == set(entry.table["columns"])
        assert record["url"].endswith(f"/{entry.table['page']}/#{entry.anchor}")
        assert record["share_url"].endswith(f"/c/{entry.anchor}/")


def test_codes_json_tables_and_docs(export):
    tables = toml_oracle.read_tables()
    assert [t["id"] for t in export["tables"]] == list(tables)
    assert [t["count"] for t in export["tables"]] == [len(data["code"]) for data in tables.values()]
    for record, data in zip(export["tables"], tables.values()):
        for key in ("title", "page", "anchor_prefix", "kind", "columns", "range"):
            assert record[key] == data["table"][key], key
    registry = tomllib.loads((ROOT / "data" / "discord-docs.toml").read_text(encoding="utf-8"))
    assert export["docs_links"] == registry["links"]
    assert export["license"] == "CC BY-SA 4.0"


def test_codes_json_record_uses_the_site_url(catalog):
    code = catalog.by_anchor()["close-4011"]
    record = code_record(catalog, code, "https://codes.example/")
    assert record["url"] == "https://codes.example/gateway/#close-4011"
    assert record["share_url"] == "https://codes.example/c/close-4011/"


def test_codes_json_carries_what_discord_sends_with_its_sources(catalog):
    """http-429's messages, each with the page that shows it, as data/http-status-codes.toml writes
    them; a code without any has an empty list; the schema holds each to a text and a source."""
    written = toml_oracle.by_anchor()["http-429"].fields["discord_sends"]
    assert len(written) >= 2 and all(set(sent) == {"text", "source"} for sent in written)
    exported = codes_json(catalog, "https://codes.example/")
    records = {record["anchor"]: record for record in exported["codes"]}
    assert records["http-429"]["discord_sends"] == [{"text": s["text"], "source": s["source"]} for s in written]
    assert "discord_sends" not in toml_oracle.by_anchor()["close-4011"].fields
    assert records["close-4011"]["discord_sends"] == []
    schema = Draft202012Validator(json.loads((ROOT / "macros" / "codes_json.schema.json").read_text(encoding="utf-8")))
    assert [e.message for e in schema.iter_errors(exported)] == []
    for broken in ({"text": written[0]["text"]}, {**written[0], "source": "https://example.com/x"},
                   {**written[0], "text": "Trop de requêtes"}, {**written[0], "url": written[0]["source"]}):
        records["http-429"]["discord_sends"] = [broken]
        assert list(schema.iter_errors(exported)), f"the schema accepted {broken}"
    del records["http-429"]["discord_sends"]
    assert list(schema.iter_errors(exported)), "the schema accepted a code without discord_sends"


def test_export_schema_is_the_one_in_the_package(built_site):
    assert (built_site / "codes.schema.json").read_text() == (ROOT / "macros" / "codes_json.schema.json").read_text()


def test_codes_json_puts_one_code_per_line(built_site, export):
    """So a diff of two versions of /codes.json shows exactly which codes changed."""
    lines = (built_site / "codes.json").read_text(encoding="utf-8").splitlines()
    code_lines = [line for line in lines if line.startswith('  {"table":')]
    assert len(code_lines) == len(export["codes"])
    assert [json.loads(line.rstrip(","))["anchor"] for line in code_lines] == [c["anchor"] for c in export["codes"]]
