"""The field error registry (data/field-errors.toml): one rule = one small function with a tiny bad
input; the file as a whole (one line per problem, file and line named); what the site and the
export make of it; the locked anchors."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import jsonschema
import pytest

from conftest import ROOT
from macros import field_errors as fe
from macros import field_site, lock
from macros.catalog import load_catalog
from macros.problems import DataError
from macros.validate import Where

W = Where("data/field-errors.toml", 7, "field error X")
DOCS = {"message": "https://docs.discord.com/developers/resources/message",
        "reference": "https://docs.discord.com/developers/reference#error-messages"}


def messages(problems):
    return [p.message for p in problems]


# ---------------------------------------------------------------- one rule, one tiny bad input

def test_code_shape():
    assert fe.check_code_shape("BASE_TYPE_REQUIRED", W) == []
    assert fe.check_code_shape("base_type_required", W)
    assert fe.check_code_shape("REQUIRED", W)  # no underscore: not a field code


def test_unique_code():
    seen = {}
    assert fe.check_unique_code(seen, "A_B", W) == []
    assert "listed twice" in messages(fe.check_unique_code(seen, "A_B", W))[0]


def test_message_needs_literal_words():
    assert fe.check_message_literal("Must be {max} or fewer in length.", W) == []
    assert fe.check_message_literal("{max}.", W)


def test_message_slots_are_lower_case_names():
    assert fe.check_message_braces("Must be {max}.", W) == []
    assert fe.check_message_braces("Must be {MAX}.", W)


def test_json_codes_are_known_json_error_codes():
    assert fe.check_json_codes([50035], {50035}, W) == []
    assert fe.check_json_codes([], {50035}, W)
    assert fe.check_json_codes([12345], {50035}, W)
    assert fe.check_json_codes(["50035"], {50035}, W)


def test_every_code_has_a_source():
    assert fe.check_has_source([{"url": "x", "about": "y"}], W) == []
    assert "no [[field_error.sources]]" in messages(fe.check_has_source([], W))[0]


def test_source_entry_needs_one_target_and_about():
    good = {"url": "https://github.com/discordjs/discord.js/issues/7648", "about": "prints it"}
    assert fe.check_source_entry(good, DOCS, W) == []
    assert fe.check_source_entry({"url": good["url"]}, DOCS, W)  # no about
    assert fe.check_source_entry({"url": good["url"], "docs": "message", "about": "x"}, DOCS, W)  # both
    assert fe.check_source_entry({"docs": "nowhere", "about": "x"}, DOCS, W)  # unregistered docs name


def source(url: str) -> dict:
    return {"url": url, "about": "prints it"}


def test_source_url_is_one_public_thread():
    assert fe.check_source_entry(source("https://github.com/Rapptz/discord.py/issues/10010"), DOCS, W) == []
    assert fe.check_source_entry(source("https://github.com/Rapptz/discord.py"), DOCS, W)
    assert fe.check_source_entry(source("http://github.com/Rapptz/discord.py/issues/1"), DOCS, W)
    assert fe.check_source_entry(source("https://example.com/Rapptz/discord.py/issues/1"), DOCS, W)


def test_a_source_is_checked_as_the_code_tables_sources_are():
    """The rules of macros/sources.py, not a weaker copy: unknown fields, 'about' length and markup."""
    assert fe.check_source_entry({**source("https://github.com/Rapptz/discord.py/issues/1"), "note": "x"}, DOCS, W)
    assert fe.check_source_entry({**source("https://github.com/Rapptz/discord.py/issues/1"), "about": "x" * 201}, DOCS, W)
    assert fe.check_source_entry({**source("https://github.com/Rapptz/discord.py/issues/1"), "about": "see <b>"}, DOCS, W)
    assert fe.check_source_entry("a string", DOCS, W)


def test_path_pattern_shape():
    assert fe.check_path_pattern("embeds[].fields[].value", W) == []
    assert fe.check_path_pattern("", W) == []  # the body itself
    assert fe.check_path_pattern("embeds[0].title", W)  # a pattern writes [] for an index
    assert fe.check_path_pattern("embeds..title", W)


def test_limit_id():
    seen = {}
    assert fe.check_limit_id("embed-title", seen, W) == []
    assert fe.check_limit_id("embed-title", seen, W)
    assert fe.check_limit_id("Embed Title", {}, W)


def test_limit_max_is_positive():
    assert fe.check_limit_max(1, W) == []
    assert fe.check_limit_max(0, W)


def test_limit_docs_is_a_registered_page_and_a_slug():
    assert fe.check_limit_docs("message", "embed-object-embed-limits", DOCS, W) == []
    assert fe.check_limit_docs("nowhere", "x", DOCS, W)
    assert fe.check_limit_docs("reference", "x", DOCS, W)  # already an anchor
    assert fe.check_limit_docs("message", "Embed Limits", DOCS, W)


# ---------------------------------------------------------------- the file

BAD_FILE = """\
[[field_error]]
code = "BASE_TYPE_MAX_LENGTH"
message = "Must be {max} or fewer in length."
meaning = "Too long."
action = "Shorten it."
json_codes = [50035]

[[field_error]]
code = "lower_case"
message = "{max}"
meaning = "x"
action = "y"
json_codes = [99999]
typo = 1

[[field_error.sources]]
url = "https://example.com/x"
about = "z"

[[limit]]
id = "embed-title"
what = "Embed title"
max = 256
unit = "characters"
paths = ["embeds[0].title"]
docs = "message"
anchor = "embed-object-embed-limits"
"""


def test_a_bad_file_reports_every_problem_with_file_and_line(tmp_path):
    (tmp_path / fe.FILE_NAME).write_text(BAD_FILE, encoding="utf-8")
    registry, problems = fe.read_registry(tmp_path, DOCS, {50035})
    lines = [str(p) for p in problems]
    assert registry.errors == () and registry.limits == ()
    assert any(line.startswith(f"{tmp_path.name}/field-errors.toml:1: field error BASE_TYPE_MAX_LENGTH:") and "sources" in line
               for line in lines), lines
    at_8 = [line for line in lines if f"{fe.FILE_NAME}:8:" in line]
    assert any("upper case" in line for line in at_8) and any("literal words" in line for line in at_8)
    assert any("99999" in line for line in at_8) and any("typo" in line for line in at_8)
    assert any("github.com" in line for line in at_8)
    assert any(f"{fe.FILE_NAME}:20:" in line and "embeds[0].title" in line for line in lines)
    assert all("\n" not in line for line in lines)


def test_a_bad_registry_stops_the_build_in_one_line_each(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / fe.FILE_NAME).write_text(BAD_FILE, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_catalog(data)
    report = raised.value.report()
    assert "field-errors.toml:8: field error lower_case:" in report
    assert "Traceback" not in report


def test_the_real_registry(catalog):
    registry = catalog.field_registry
    assert len(registry.errors) >= 19
    assert all(error.sources for error in registry.errors)
    assert all(limit.paths for limit in registry.limits)


# ---------------------------------------------------------------- anchors, paths, limits

def test_anchor_scheme():
    assert fe.anchor("BASE_TYPE_MAX_LENGTH") == "field-base-type-max-length"


@pytest.mark.parametrize("path", ["embeds[0].fields[9].value", "embeds.0.fields.9.value", "data.embeds.0.fields.9.value"])
def test_a_pattern_matches_both_index_notations(path):
    assert fe.pattern_matches("embeds[].fields[].value", path)
    assert not fe.pattern_matches("embeds[].fields[].name", path)


def test_the_empty_pattern_is_the_body_or_a_bulk_index():
    assert fe.pattern_matches("", "") and fe.pattern_matches("", "5")
    assert not fe.pattern_matches("", "name")


@pytest.mark.parametrize("path, number, limit_id", [
    ("embeds[0].fields[9].value", 1024, "embed-field-value"),
    ("data.embeds.0.fields", 25, "embed-fields"),
    ("embeds", 10, "message-embeds"),
    ("embeds", 6000, "embeds-total"),
    ("content", 2000, "message-content"),
    ("5.options[0].name", 32, "command-name"),
    ("name", 100, "channel-name"),
    ("username", 80, "webhook-name"),
])
def test_a_path_and_its_number_name_the_documented_limit(catalog, path, number, limit_id):
    assert fe.limit_for(catalog.field_registry, path, number).id == limit_id


# ---------------------------------------------------------------- what is made of it

def test_export_matches_its_schema_and_the_data(catalog):
    data = field_site.export_data(catalog, "https://example.org/")
    schema = json.loads((ROOT / "macros" / "field_errors_json.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    codes = {e["code"]: e for e in data["field_errors"]}
    assert codes.keys() == {e.code for e in catalog.field_registry.errors}
    assert codes["BASE_TYPE_MAX_LENGTH"]["url"] == "https://example.org/c/field-base-type-max-length/"
    assert {l["id"] for l in data["limits"]} == {l.id for l in catalog.field_registry.limits}


def test_search_finds_a_code_by_name_and_by_message(catalog):
    entries = field_site.search_entries(catalog)
    by_location = {e["location"]: e for e in entries}
    entry = by_location["c/field-base-type-max-length/"]
    assert "BASE_TYPE_MAX_LENGTH" in entry["title"]
    assert "Must be {max} or fewer in length." in entry["text"]
    assert len(entries) == len(catalog.field_registry.errors)
    # the "code" field is boosted for bare numbers; a field code there would outrank every route
    # and code whose words it starts with ("guild" -> GUILD_...)
    assert all("code" not in e for e in entries)


def test_pages_escape_data_text(catalog):
    import dataclasses

    error = dataclasses.replace(catalog.field_registry.errors[0], meaning="<script>alert(1)</script>")
    assert "<script>" not in field_site.page_body(catalog, error)
    assert "&lt;script&gt;" in field_site.page_body(catalog, error)


def test_json_50035_page_links_the_field_errors(catalog):
    from macros.code_page import CodePage

    body = CodePage(catalog, catalog.by_anchor()["json-50035"]).body()
    assert 'href="../../fields/"' in body and "#errors-tree" in body
    assert "fields/" not in CodePage(catalog, catalog.by_anchor()["json-50013"]).body()


def test_the_lookup_fetches_field_details_only_for_50035():
    from macros import lookup

    assert [(name, anchors, data) for name, _, anchors, data in lookup.DETAIL_SCRIPTS if name == "fields"] == \
        [("fields", ("json-50035",), field_site.LOOKUP_DATA_SCRIPT)]  # fetched beside the script, data first


# ---------------------------------------------------------------- locked anchors

def test_field_anchors_are_published_and_locked(catalog):
    published = lock.published(catalog)
    assert "fields/#field-base-type-max-length" in published
    assert set(published) <= set(lock.read_lock(ROOT / "data" / "anchors.lock"))


def test_a_field_code_dropped_from_the_registry_is_reported(catalog):
    import dataclasses

    registry = dataclasses.replace(catalog.field_registry, errors=catalog.field_registry.errors[1:])
    smaller = dataclasses.replace(catalog, field_registry=registry)
    gone = f"fields/#{catalog.field_registry.errors[0].anchor}"
    assert lock.unresolved(smaller, [gone]) == [gone]
    assert lock.unresolved(catalog, [gone]) == []


# ---------------------------------------------------------------- the editors' schema

def test_the_editors_schema_accepts_the_real_file_and_refuses_a_bad_entry():
    import tomllib

    schema = json.loads((ROOT / "data" / "field-errors.schema.json").read_text(encoding="utf-8"))
    text = (ROOT / "data" / fe.FILE_NAME).read_text(encoding="utf-8")
    assert text.splitlines()[0] == "#:schema ./field-errors.schema.json"
    data = tomllib.loads(text)
    jsonschema.validate(data, schema)
    data["field_error"][0]["code"] = "lower"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_the_built_site_publishes_the_registry(built_site, catalog):
    data = json.loads((built_site / field_site.EXPORT_PATH).read_text(encoding="utf-8"))
    schema = json.loads((built_site / field_site.EXPORT_SCHEMA_PATH).read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert len(data["field_errors"]) == len(catalog.field_registry.errors)
    script = (built_site / field_site.LOOKUP_DATA_SCRIPT).read_text(encoding="utf-8")
    assert script.startswith("window.lookupFieldsData=") and "field-base-type-max-length" in script
    for error in catalog.field_registry.errors:
        assert (built_site / error.page_url / "index.html").is_file(), error.code


def test_every_field_code_page_says_its_meaning_is_our_reading(catalog):
    """Discord lists no field error code, so no page may present its meaning as Discord's."""
    registry = fe.registry_of(catalog)
    assert registry.errors
    for error in registry.errors:
        body = field_site.page_body(catalog, error)
        assert "our reading" in body.split("code-page-explanation", 1)[1], error.code
