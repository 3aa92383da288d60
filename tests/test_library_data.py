"""The library data files: validation (one rule, one tiny bad input, one exact line), the
extractor command (byte-identical reruns, clear errors), and the real data's integrity."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, problems
from macros.libraries import constants
from macros.libraries.model import LIBRARY_IDS

COMMIT = "0123456789abcdef0123456789abcdef01234567"
HEADER = f"""\
[library]
id = "hikari"
name = "hikari"
repository = "https://github.com/hikari-py/hikari"
commit = "{COMMIT}"
shared_by = []

[[group]]
table = "gateway-close-codes"
name = "ShardCloseCode"
file = "hikari/errors.py"
qualify = "ShardCloseCode."
members = [
"""
VALID = HEADER + """\
  { name = "AUTHENTICATION_FAILED", code = 4004, line = 10 },
  { name = "SHARDING_REQUIRED", code = 4011, line = 11 },
]
unmatched = [
  { name = "NORMAL_CLOSURE", code = 1000, line = 9 },
]
"""
FILE = "data/libraries/hikari.toml"


def write_library(data_dir, text: str):
    folder = data_dir / "libraries"
    folder.mkdir(exist_ok=True)
    (folder / "hikari.toml").write_text(text, encoding="utf-8")


def test_a_valid_library_file_passes_and_gives_its_constants(tiny_data):
    write_library(tiny_data, VALID)
    assert problems(tiny_data) == []
    assert constants(tiny_data) == [("hikari", "ShardCloseCode.AUTHENTICATION_FAILED", "close-4004"),
                                    ("hikari", "ShardCloseCode.SHARDING_REQUIRED", "close-4011")]


def test_unknown_table(tiny_data):
    write_library(tiny_data, VALID.replace('table = "gateway-close-codes"', 'table = "gateway-close-code"'))
    assert problems(tiny_data) == [f"{FILE}:8: group: unknown table 'gateway-close-code'; expected one of: "
                                   "gateway-opcodes, gateway-close-codes, voice-opcodes, voice-close-codes, "
                                   "http-status-codes, json-error-codes, rpc-error-codes, rpc-close-codes"]


def test_member_naming_an_unknown_code(tiny_data):
    write_library(tiny_data, VALID.replace("code = 4011", "code = 4012"))
    assert problems(tiny_data) == [f"{FILE}:15: ShardCloseCode: SHARDING_REQUIRED = 4012: not a code of "
                                   "gateway-close-codes (move it to 'unmatched')"]


def test_code_listed_twice(tiny_data):
    write_library(tiny_data, VALID.replace("code = 4011", "code = 4004"))
    assert problems(tiny_data) == [f"{FILE}:15: ShardCloseCode: code 4004 listed twice (AUTHENTICATION_FAILED "
                                   "and SHARDING_REQUIRED); further names go in 'aliases'"]


def test_member_name_that_is_not_an_identifier(tiny_data):
    write_library(tiny_data, VALID.replace('"SHARDING_REQUIRED"', '"SHARDING REQUIRED<b>"'))
    assert problems(tiny_data) == [f"{FILE}:15: ShardCloseCode: member name 'SHARDING REQUIRED<b>' is not an identifier"]


def test_library_id_must_match_the_file_name(tiny_data):
    write_library(tiny_data, VALID.replace('id = "hikari"', 'id = "eris"'))
    assert problems(tiny_data) == [f"{FILE}:1: [library]: id 'eris' must equal the file name without .toml ('hikari')"]


def test_commit_must_be_a_full_hash(tiny_data):
    write_library(tiny_data, VALID.replace(COMMIT, "main"))
    assert problems(tiny_data) == [f"{FILE}:1: [library]: 'commit' must be 40 lowercase hex digits, not 'main'"]


def test_constant_with_a_wrong_type(tiny_data):
    write_library(tiny_data, VALID.replace("code = 4011", 'code = "4011"'))
    assert problems(tiny_data) == [f"{FILE}:15: ShardCloseCode: 'code' must be an integer, not a string \"4011\""]


# ---------------------------------------------------------------- the extractor command

HIKARI_SOURCE = '''\
class ShardCloseCode(int, Enum):
    NORMAL_CLOSURE = 1_000
    AUTHENTICATION_FAILED = 4_004
    """Docstring."""
    SHARDING_REQUIRED = 4011
    OLD_SHARDING_NAME = 4011
'''


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(cwd), "PATH": "/usr/bin:/bin"})


@pytest.fixture
def hikari_checkout(tmp_path):
    checkout = tmp_path / "hikari"
    (checkout / "hikari").mkdir(parents=True)
    (checkout / "hikari" / "errors.py").write_text(HIKARI_SOURCE, encoding="utf-8")
    git("init", "-q", cwd=checkout)
    git("add", ".", cwd=checkout)
    git("commit", "-qm", "snippet", cwd=checkout)
    return checkout


def extract(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.libraries", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_extracting_twice_gives_identical_bytes_recording_the_commit(tiny_data, hikari_checkout):
    first = extract("extract", "hikari", str(hikari_checkout), str(tiny_data))
    assert first.returncode == 0, first.stderr
    written = (tiny_data / "libraries" / "hikari.toml").read_bytes()
    second = extract("extract", "hikari", str(hikari_checkout), str(tiny_data))
    assert second.returncode == 0 and second.stdout.startswith("unchanged:")
    assert (tiny_data / "libraries" / "hikari.toml").read_bytes() == written
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hikari_checkout, capture_output=True, text=True).stdout.strip()
    text = written.decode()
    assert f'commit = "{commit}"' in text
    assert '{ name = "AUTHENTICATION_FAILED", code = 4004, line = 3 }' in text
    assert '{ name = "OLD_SHARDING_NAME", code = 4011, line = 6 }' in text.split("aliases = [")[1]
    assert '{ name = "NORMAL_CLOSURE", code = 1000, line = 2 }' in text.split("unmatched = [")[1]
    assert problems(tiny_data) == []


@pytest.mark.parametrize("args, code, message", [
    (("extract", "nosuchlib", "."), 2, "error: unknown library 'nosuchlib'"),
    (("extract",), 2, "usage: python -m macros.libraries extract LIBRARY CHECKOUT"),
])
def test_extractor_usage_errors(args, code, message):
    result = extract(*args)
    assert result.returncode == code and result.stderr.startswith(message)
    assert "Traceback" not in result.stderr


def test_extractor_refuses_a_folder_that_is_not_a_checkout(tmp_path):
    result = extract("extract", "hikari", str(tmp_path))
    assert result.returncode == 2 and "is not a git checkout" in result.stderr


def test_extractor_reports_a_library_that_changed_shape(tiny_data, hikari_checkout):
    (hikari_checkout / "hikari" / "errors.py").write_text("class Renamed:\n    A = 1\n")
    git("commit", "-qam", "renamed", cwd=hikari_checkout)
    result = extract("extract", "hikari", str(hikari_checkout), str(tiny_data))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: hikari: class ShardCloseCode not found")


# ---------------------------------------------------------------- the real data

def test_every_library_has_a_data_file_and_every_table_is_accounted_for(catalog):
    assert [library.id for library in catalog.libraries] == list(LIBRARY_IDS)
    table_ids = [t.id for t in catalog.tables]
    for library in catalog.libraries:
        covered = [g.table_id for g in library.groups] + [n.table_id for n in library.no_groups]
        assert sorted(set(covered)) == sorted(table_ids), library.id


def test_the_issue_examples_resolve_to_their_codes(catalog):
    from macros.libraries import named_codes
    anchors = {(library, constant): anchor for library, constant, anchor in named_codes(catalog)}
    assert anchors[("jda", "ErrorResponse.MISSING_PERMISSIONS")] == "json-50013"
    assert anchors[("discord.net", "DiscordErrorCode.InsufficientPermissions")] == "json-50013"
    assert anchors[("discord.net", "DiscordErrorCode.MissingPermissions")] == "json-50001"
    assert anchors[("discord-api-types", "GatewayCloseCodes.DisallowedIntents")] == "close-4014"
    assert anchors[("discordgo", "ErrCodeMissingPermissions")] == "json-50013"


# ---------------------------------------------------------------- the editors' schema

def test_every_library_file_points_to_the_schema_and_passes():
    import json
    import tomllib

    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "data" / "library.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    files = sorted((ROOT / "data" / "libraries").glob("*.toml"))
    assert [f.stem for f in files] == sorted(LIBRARY_IDS)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == "#:schema ../library.schema.json"
        assert [e.message for e in Draft202012Validator(schema).iter_errors(tomllib.loads(text))] == [], path.name
    bad = tomllib.loads(VALID.replace('"SHARDING_REQUIRED"', '"SHARDING REQUIRED"'))
    assert list(Draft202012Validator(schema).iter_errors(bad))
