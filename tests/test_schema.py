"""The JSON Schema editors use (data/table.schema.json) agrees with the Python validation."""
from __future__ import annotations

import json
import tomllib

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT, problems, tiny
from macros.model import TABLE_IDS

SCHEMA = json.loads((ROOT / "data" / "table.schema.json").read_text())
REGISTRY_SCHEMA = json.loads((ROOT / "data" / "discord-docs.schema.json").read_text())


def schema_errors(toml_text: str, schema=SCHEMA) -> list[str]:
    data = tomllib.loads(toml_text)
    return [e.message for e in Draft202012Validator(schema).iter_errors(data)]


def test_schemas_are_valid_json_schema():
    Draft202012Validator.check_schema(SCHEMA)
    Draft202012Validator.check_schema(REGISTRY_SCHEMA)


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_every_data_file_points_to_the_schema_and_passes(table_id):
    path = ROOT / "data" / f"{table_id}.toml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "#:schema ./table.schema.json"
    assert schema_errors(text) == []


def test_registry_passes_its_schema():
    text = (ROOT / "data" / "discord-docs.toml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "#:schema ./discord-docs.schema.json"
    assert schema_errors(text, REGISTRY_SCHEMA) == []


# Bad samples a schema can see (structure and types). Duplicates, ranges, references and
# per-table columns need the whole data set and are checked by macros/validate.py only; so is
# `code = 4011.0`, which JSON Schema counts as an integer (test_validate covers it).
BAD_SAMPLES = {
    "code as string": ("code = 4011", 'code = "4011"'),
    "code as fractional float": ("code = 4011", "code = 4011.5"),
    "code as bool": ("code = 4011", "code = true"),
    "negative code": ("code = 4011", "code = -4011"),
    "missing name": ('name = "Sharding required"\n', ""),
    "empty name": ('name = "Sharding required"', 'name = ""'),
    "unknown field": ("explanation =", "explaination ="),
    "wrong type": ("reconnect = false\nresume = false\nexplanation = \"Too", "reconnect = \"no\"\nresume = false\nexplanation = \"Too"),
    "bad status": ("code = 4011", 'code = 4011\nstatus = "gone"'),
    "removed without month": ("code = 4011", 'code = 4011\nstatus = "removed"'),
    "bad month": ("code = 4011", 'code = 4011\nadded = "2020"'),
    "bad day": ("code = 4011", 'code = 4011\nadded = "2020-02-30x"'),
    "explanation and upstream_description": ("code = 4011", 'code = 4011\nupstream_description = "Shard."'),
    "control character": ("Too many guilds", "Too many \\u0007 guilds"),
    "overlong explanation": ("Too many guilds", "x" * 2500),
    "formerly without name": ("code = 4011", 'code = 4011\nformerly = [{ text = "old" }]'),
    "unknown table field": ('kind = "gateway close code"', 'kind = "gateway close code"\ncolour = "red"'),
    "discord anchor not a string": ('intro = "Intro."', 'intro = "Intro."\ndiscord_anchors = [7]'),
    "discord anchor not shaped like an id": ('intro = "Intro."', 'intro = "Intro."\ndiscord_anchors = ["__proto__"]'),
    "discord anchor listed twice": ('intro = "Intro."', 'intro = "Intro."\ndiscord_anchors = ["close-codes", "close-codes"]'),
}


@pytest.mark.parametrize("name", BAD_SAMPLES)
def test_schema_and_python_reject_the_same_bad_sample(name, tiny_data):
    old, new = BAD_SAMPLES[name]
    text = tiny.table_text("gateway-close-codes")
    assert old in text
    bad = text.replace(old, new, 1)
    assert schema_errors(bad), f"schema accepted {name}"
    (tiny_data / "gateway-close-codes.toml").write_text(bad, encoding="utf-8")
    assert problems(tiny_data), f"Python validation accepted {name}"


def test_schema_accepts_the_tiny_tables():
    for table_id in TABLE_IDS:
        assert schema_errors(tiny.table_text(table_id)) == [], table_id
