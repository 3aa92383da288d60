"""The upstream sync: parse Discord's page in every shape, compare with data/, write, history."""
from __future__ import annotations

import difflib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import upstream_pages
from conftest import ROOT, problems
from helpers import fastest_run
from macros import check
from macros.sync import upstream
from macros.catalog import load_catalog
from macros.render import TableRenderer

ERAS = ("2018", "2025", "2026")


def run_sync(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.sync", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def write_page(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "opcodes-and-status-codes.mdx"
    path.write_text(text, encoding="utf-8")
    return path


def with_rows(heading: str, rows: list[list[str]], era: str = "2026") -> dict:
    content = upstream_pages.tables(era)
    content[heading] = (content[heading][0], rows)
    return content


# ------------------------------------------------------------------ parsing


@pytest.mark.parametrize("era", ERAS)
def test_every_shape_of_the_page_matches_the_tiny_data(era, tiny_data, tmp_path):
    result = run_sync(write_page(tmp_path, upstream_pages.page(era)), "--data", tiny_data)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_http_table_puts_the_name_in_the_code_cell():
    tables = upstream.parse_page(upstream_pages.page())
    assert tables["http-status-codes"].rows["5xx"].name == "SERVER ERROR"
    assert tables["http-status-codes"].rows[429].description == "Slow down."


def test_an_escaped_pipe_stays_inside_its_cell():
    content = with_rows("JSON Error Codes", [["50035", r"Invalid form body: use a \| b"]])
    row = upstream.parse_page(upstream_pages.page(content=content))["json-error-codes"].rows[50035]
    assert row.name == "Invalid form body: use a | b"


def test_columns_are_read_by_name_not_position():
    content = upstream_pages.tables()
    content["Voice Opcodes"] = (["Binary", "Description", "Sent By", "Name", "Code"],
                                [["X", "Resume a session.", "server", "Resume", "7"]])
    row = upstream.parse_page(upstream_pages.page(content=content))["voice-opcodes"].rows[7]
    assert (row.name, row.flags) == ("Resume", {"binary": True, "sent_by": "server"})


def test_a_column_the_era_lacks_is_not_compared(tiny_data, tmp_path):
    # 2018 has no Reconnect column: our reconnect = false is not reported as a difference
    page = upstream_pages.page("2018")
    assert "Reconnect" not in page
    assert upstream.parse_page(page)["gateway-close-codes"].flag_columns == ()


def test_a_table_under_an_unknown_heading_is_ignored():
    content = upstream_pages.tables()
    content["Example Error Codes"] = (["Code", "Meaning"], [["123", "Example"]])
    tables = upstream.parse_page(upstream_pages.page(content=content))
    assert 123 not in tables["json-error-codes"].rows
    assert set(tables) == set(upstream.TABLE_HEADINGS.values())


def test_a_missing_table_exits_2_with_one_line(tiny_data, tmp_path):
    content = upstream_pages.tables()
    content["JSON Errors Renamed"] = content.pop("JSON Error Codes")
    result = run_sync(write_page(tmp_path, upstream_pages.page(content=content)), "--data", tiny_data)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "table not found: json-error-codes" in result.stderr


@pytest.mark.parametrize("path", ["missing.mdx", "."])
def test_unreadable_input_exits_2_without_a_traceback(path, tiny_data, tmp_path):
    result = run_sync(tmp_path / path, "--data", tiny_data)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_bad_option_exits_2_with_one_line(tiny_data, tmp_path):
    result = run_sync(write_page(tmp_path, upstream_pages.page()), "--data", tiny_data, "--date", "July")
    assert (result.returncode, len(result.stderr.splitlines())) == (2, 1)
    assert "--date must look like 2026-07-21" in result.stderr
    result = run_sync("--frobnicate")
    assert (result.returncode, len(result.stderr.splitlines())) == (2, 1)


def test_a_code_cell_that_is_not_a_code_is_unreadable(tiny_data, tmp_path):
    content = with_rows("JSON Error Codes", [["soon", "Something"]])
    result = run_sync(write_page(tmp_path, upstream_pages.page(content=content)), "--data", tiny_data)
    assert result.returncode == 2
    assert "cannot read code 'soon'" in result.stderr


# ------------------------------------------------------------------ comparing


def differing_page() -> str:
    content = upstream_pages.tables()
    content["JSON Error Codes"] = (["Code", "Meaning"], [["50035", "Invalid form body"], ["50036", "A new error"]])
    content["Gateway Close Event Codes"] = (content["Gateway Close Event Codes"][0], [
        ["4004", "Authentication failed", "Bad token.", "true"],
        ["4011", "Sharding needed", "Too many guilds.", "false"],
    ])
    content["RPC Close Event Codes"] = (content["RPC Close Event Codes"][0], [])
    return upstream_pages.page(content=content)


def test_each_difference_is_one_line_anchor_first(tiny_data, tmp_path):
    result = run_sync(write_page(tmp_path, differing_page()), "--data", tiny_data)
    assert result.returncode == 1
    assert sorted(result.stdout.splitlines()) == [
        'close-4004 changed reconnect: false → true',
        'close-4011 renamed: "Sharding required" → "Sharding needed"',
        'json-50036 added: "A new error"',
        'rpc-close-4003 removed: "Token revoked"',
    ]


def test_a_removed_code_discord_lists_again_is_a_status_change(tiny_data, tmp_path):
    path = tiny_data / "rpc-close-codes.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('name = "Token revoked"', 'name = "Token revoked"\nstatus = "removed"\nremoved = "2025-01"'),
                    encoding="utf-8")
    result = run_sync(write_page(tmp_path, upstream_pages.page()), "--data", tiny_data)
    assert (result.returncode, result.stdout) == (1, 'rpc-close-4003 changed status: "removed" → "current"\n')


def test_cosmetic_differences_are_not_reported(tiny_data, tmp_path):
    content = with_rows("JSON Error Codes", [["50035", "invalid  `form` [body](/developers/reference)."]])
    result = run_sync(write_page(tmp_path, upstream_pages.page(content=content)), "--data", tiny_data)
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.parametrize("old, new, fix", [
    ("Maximun number reached", "Maximum number reached", True),
    ("Unknown overwrite", "Unknown overwrites", True),
    ("Pins reached (50)", "Pins reached (250)", False),
    ("Note is too long", "Note was too long", False),
    ("Unknown overwrite", "Unknown permission overwrite", False),
])
def test_a_spelling_fix_is_one_letter_in_one_word(old, new, fix):
    assert upstream.is_spelling_fix(old, new) is fix


def test_write_fixes_spelling_without_keeping_the_misspelling(tiny_data, tmp_path):
    content = with_rows("RPC Close Event Codes", [["4003", "Token revokd", "x"]])
    page = write_page(tmp_path, upstream_pages.page(content=content))
    assert run_sync(page, "--data", tiny_data).stdout == 'rpc-close-4003 renamed: "Token revoked" → "Token revokd"\n'
    run_sync(page, "--data", tiny_data, "--write", "--date", "2026-01-02")
    code = load_catalog(tiny_data).by_anchor()["rpc-close-4003"]
    assert (code.name, code.formerly) == ("Token revokd", ())


def test_write_needs_a_date_for_a_page_file(tiny_data, tmp_path):
    result = run_sync(write_page(tmp_path, differing_page()), "--data", tiny_data, "--write")
    assert result.returncode == 2
    assert "--date" in result.stderr.splitlines()[-1]


def test_write_applies_the_differences_and_keeps_other_lines(tiny_data, tmp_path):
    page = write_page(tmp_path, differing_page())
    before = (tiny_data / "gateway-close-codes.toml").read_text(encoding="utf-8")
    result = run_sync(page, "--data", tiny_data, "--write", "--date", "2026-07-21")
    assert result.returncode == 1, result.stderr
    assert problems(tiny_data) == []
    assert run_sync(page, "--data", tiny_data).returncode == 0
    catalog = load_catalog(tiny_data)
    codes = catalog.by_anchor()
    new = codes["json-50036"]
    assert (new.name, new.added, new.explanation, new.upstream_description) == ("A new error", "2026-07-21", "", "A new error")
    renamed = codes["close-4011"]
    assert renamed.name == "Sharding needed"
    assert [(f.name, f.until) for f in renamed.formerly] == [("Sharding required", "2026-07-21")]
    assert codes["close-4004"].columns["reconnect"] is True
    assert (codes["rpc-close-4003"].status, codes["rpc-close-4003"].removed) == ("removed", "2026-07-21")
    after = (tiny_data / "gateway-close-codes.toml").read_text(encoding="utf-8")
    changed = [line[0] + line[2:] for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]
    assert changed == ["-reconnect = false", "+reconnect = true", '-name = "Sharding required"', '+name = "Sharding needed"',
                       "+", "+[[code.formerly]]", '+name = "Sharding required"', '+until = "2026-07-21"']


def test_a_new_code_keeps_numeric_order(tiny_data, tmp_path):
    content = with_rows("JSON Error Codes", [["10", "Early error"], ["50035", "Invalid form body"]])
    run_sync(write_page(tmp_path, upstream_pages.page(content=content)), "--data", tiny_data, "--write", "--date", "2026-01-02")
    codes = tomllib.loads((tiny_data / "json-error-codes.toml").read_text(encoding="utf-8"))["code"]
    assert [c["code"] for c in codes] == [10, 50035]


def test_a_new_code_with_a_column_discord_does_not_give_is_left_to_a_person(tiny_data, tmp_path):
    content = with_rows("Voice Close Event Codes", [["4011", "Server not found", "x"], ["4099", "New close", "x"]])
    result = run_sync(write_page(tmp_path, upstream_pages.page(content=content)), "--data", tiny_data,
                      "--write", "--date", "2026-01-02")
    assert "voice-close-4099: not written" in result.stdout
    assert "voice-close-4099" not in load_catalog(tiny_data).by_anchor()


# ------------------------------------------------------------------ a code waiting for an explanation


def waiting(tiny_data: Path) -> Path:
    path = tiny_data / "json-error-codes.toml"
    path.write_text(path.read_text(encoding="utf-8")
                    + '\n[[code]]\ncode = 50036\nname = "A new error"\nupstream_description = "Sent when <b>it</b> fails."\n',
                    encoding="utf-8")
    return tiny_data


def test_a_waiting_code_says_so_with_discords_text_escaped(tiny_data):
    catalog = load_catalog(waiting(tiny_data))
    html = TableRenderer(catalog, "json/").row(catalog.table("json-error-codes"), catalog.by_anchor()["json-50036"])
    assert "Not explained yet; Discord&#x27;s description: Sent when &lt;b&gt;it&lt;/b&gt; fails." in html
    assert "<b>" not in html


def test_check_lists_waiting_codes_as_a_notice(tiny_data):
    catalog = load_catalog(waiting(tiny_data))
    [line] = check.waiting_notices(catalog)
    assert line.startswith("notice: data/json-error-codes.toml:") and "json-50036" in line
    assert check.main([str(tiny_data)]) == 0


# ------------------------------------------------------------------ history


def commit(repo: Path, date: str, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{date}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00+00:00",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True, env=env)


def put(repo: Path, era: str, text: str) -> None:
    for old in upstream_pages.PATHS.values():
        (repo / old).unlink(missing_ok=True)
    path = repo / upstream_pages.PATHS[era]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def docs_repo(tmp_path) -> Path:
    """A repository where the page is born in 2018, renamed in 2025 and moved to .mdx in 2026,
    gaining a JSON code under the 2025 name and renaming a close code under the 2026 one."""
    repo = tmp_path / "discord-api-docs"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    put(repo, "2018", upstream_pages.page("2018"))
    commit(repo, "2018-01-10", "the page")
    (repo / "unrelated.md").write_text("x")
    commit(repo, "2019-05-05", "another page")
    put(repo, "2025", upstream_pages.page("2025", with_rows("JSON Error Codes", [["50035", "Invalid form body"]], "2025")))
    commit(repo, "2025-03-26", "rename the file")
    put(repo, "2025", upstream_pages.page("2025", with_rows(
        "JSON Error Codes", [["50035", "Invalid form body"], ["50036", "A new error"]], "2025")))
    commit(repo, "2025-04-02", "add 50036")
    content = with_rows("JSON Error Codes", [["50035", "Invalid form body"], ["50036", "A new error"]])
    content["RPC Close Event Codes"] = (content["RPC Close Event Codes"][0], [["4003", "Token was revoked", "Again."]])
    put(repo, "2026", upstream_pages.page("2026", content))
    commit(repo, "2026-02-10", "move to mdx")
    return repo


def data_for_history(tiny_data: Path) -> Path:
    json_file = tiny_data / "json-error-codes.toml"
    json_file.write_text(json_file.read_text(encoding="utf-8")
                         + '\n[[code]]\ncode = 50036\nname = "A new error"\nexplanation = "Ours."\n', encoding="utf-8")
    rpc_file = tiny_data / "rpc-close-codes.toml"
    rpc_file.write_text(rpc_file.read_text(encoding="utf-8").replace('name = "Token revoked"', 'name = "Token was revoked"')
                        + '\n[[code.formerly]]\nname = "Token revoked"\n', encoding="utf-8")
    gateway_file = tiny_data / "gateway-opcodes.toml"
    gateway_file.write_text(gateway_file.read_text(encoding="utf-8").replace('name = "Identify"', 'name = "Identify"\nadded = "2019-01"'),
                            encoding="utf-8")
    assert problems(tiny_data) == []
    return tiny_data


def test_history_follows_the_page_across_renames(docs_repo, tiny_data):
    result = run_sync(docs_repo, "--history", "--data", data_for_history(tiny_data))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert 'json-50036 added 2025-04-02: "A new error"' in lines
    assert 'rpc-close-4003 renamed 2026-02-10: "Token revoked" → "Token was revoked"' in lines
    assert not any(line.startswith("json-50035 added") for line in lines)  # there from the start


def test_history_write_fills_missing_dates_and_keeps_existing_ones(docs_repo, tiny_data):
    data = data_for_history(tiny_data)
    result = run_sync(docs_repo, "--history", "--write", "--data", data)
    assert result.returncode == 0, result.stderr
    codes = load_catalog(data).by_anchor()
    assert codes["json-50036"].added == "2025-04-02"
    assert [(f.name, f.until) for f in codes["rpc-close-4003"].formerly] == [("Token revoked", "2026-02-10")]
    assert codes["op-2"].added == "2019-01"  # ours, kept, and the report says the history disagrees
    assert "op-2 added: data says 2019-01" not in result.stdout  # op-2 was on the first page: no date to offer
    assert codes["json-50035"].added == ""


def test_history_write_records_a_rename_data_lacks(docs_repo, tiny_data):
    data = data_for_history(tiny_data)
    path = data / "rpc-close-codes.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('\n[[code.formerly]]\nname = "Token revoked"\n', ""), encoding="utf-8")
    assert load_catalog(data).by_anchor()["rpc-close-4003"].formerly == ()
    run_sync(docs_repo, "--history", "--write", "--data", data)
    assert [(f.name, f.until) for f in load_catalog(data).by_anchor()["rpc-close-4003"].formerly] == [("Token revoked", "2026-02-10")]
    again = run_sync(docs_repo, "--history", "--write", "--data", data)
    assert "filled" not in again.stdout


def test_history_reports_a_date_that_differs_without_overwriting(docs_repo, tiny_data):
    data = data_for_history(tiny_data)
    path = data / "json-error-codes.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('name = "A new error"', 'name = "A new error"\nadded = "2024-12"'),
                    encoding="utf-8")
    result = run_sync(docs_repo, "--history", "--write", "--data", data)
    assert "json-50036 added: data says 2024-12, Discord's history 2025-04-02 (kept)" in result.stdout.splitlines()
    assert load_catalog(data).by_anchor()["json-50036"].added == "2024-12"


def test_the_checkout_gives_the_date_for_write(docs_repo, tiny_data):
    put(docs_repo, "2026", upstream_pages.page("2026", with_rows("JSON Error Codes", [["50035", "Invalid form body"], ["50037", "Newer"]])))
    commit(docs_repo, "2026-07-21", "add 50037")
    result = run_sync(docs_repo, "--write", "--data", tiny_data)
    assert result.returncode == 1, result.stderr
    assert load_catalog(tiny_data).by_anchor()["json-50037"].added == "2026-07-21"


def test_history_needs_a_checkout(tiny_data, tmp_path):
    result = run_sync(write_page(tmp_path, upstream_pages.page()), "--history", "--data", tiny_data)
    assert result.returncode == 2
    assert "needs a checkout" in result.stderr


@pytest.mark.parametrize("line, text", [
    ("## JSON Error Codes", "JSON Error Codes"), ("## JSON Error Codes ##", "JSON Error Codes"),
    ("   ### RPC Errors", "RPC Errors"), ("# C#", "C#"), ("#hashtag", None), ("    # indented code", None),
    ("####### seven", None), ("| not | a heading |", None),
])
def test_a_heading_line_is_read_as_markdown_reads_it(line, text):
    assert upstream.heading_text(line) == text


# Sizes at which the former regular expressions took seconds (2 KB of spaces: about 10 s, cubic;
# 20,000 "[": about 4 s, quadratic), so a slow parser fails here instead of hanging the suite.
@pytest.mark.parametrize("line", [
    "# a" + " " * 2_000 + "x",
    "## " + "# " * 2_000 + "x",
    "| [" * 20_000 + " |",
])
def test_a_long_line_of_the_upstream_page_is_read_in_linear_time(line):
    seconds, _ = fastest_run(lambda: (upstream.raw_tables(line + "\n"), upstream.plain(line)))
    assert seconds < 0.5
