"""Hostile and broken data: every case of the corpus fails the check with exactly the expected lines
and no traceback; a few cases go end to end, through `python -m macros.check` and `mkdocs build
--strict`, which must refuse with the same lines and leave the previously built site untouched.

Every case runs the rules in-process (`macros.check.main`, the check command itself, on the case's
data folder): a full build per case cost about a second each and proved nothing the rules did not.
The build reads the data through the same `load_catalog` and `load_rules`, so the end-to-end cases
prove the wiring: a refusal reaches MkDocs as one line per problem, before site/ is touched."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

import malformed_cases
import tiny
from conftest import ROOT, copy_project, mkdocs_build
from helpers import file_contents
from macros import check

CASES = malformed_cases.cases()
# Through the whole build as well: a TOML syntax error, bytes that are not UTF-8, problems in
# several files at once (one of them removed), and a library data file with several problems.
END_TO_END = ["toml-syntax-error", "not-utf8", "several-problems-at-once", "library-several-problems"]


def test_the_corpus_is_big_enough():
    assert len(CASES) >= 25
    for case in CASES:
        assert malformed_cases.expected(case), f"{case} has no expected.txt"
    assert set(END_TO_END) <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_the_check_reports_exactly_the_expected_lines(case, tmp_path, capsys):
    data = malformed_cases.apply(case, tmp_path / "data")
    status = check.main([str(data)])  # an exception here is the traceback a user would see
    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    assert err.replace(str(tmp_path) + "/", "").splitlines() == malformed_cases.expected(case)


@pytest.mark.parametrize("case", END_TO_END)
def test_check_command_prints_exactly_the_expected_lines(case, tmp_path):
    data = malformed_cases.apply(case, tmp_path / "data")
    result = subprocess.run([sys.executable, "-m", "macros.check", str(data)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.replace(str(tmp_path) + "/", "").splitlines() == malformed_cases.expected(case)


@pytest.fixture(scope="module")
def tiny_project(tmp_path_factory):
    """A copy of the site with the tiny data set, built once: the 'previous site' of every case."""
    project = copy_project(tmp_path_factory.mktemp("tiny") / "project")
    tiny.write(project / "data")
    site = project.parent / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return project, site, file_contents(site)


@pytest.mark.parametrize("case", END_TO_END)
def test_build_fails_cleanly_and_keeps_the_previous_site(case, tiny_project):
    project, site, before = tiny_project
    try:
        malformed_cases.apply(case, project / "data")
        result = mkdocs_build(project, site)
    finally:
        tiny.write(project / "data")
        for stray in (project / "data").glob("*.toml"):
            if stray.stem not in tiny.TABLES and stray.name != "discord-docs.toml":
                stray.unlink()
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    lines = [re.sub(r"^ERROR\s+-\s+", "", line) for line in result.stderr.splitlines()]
    for expected in malformed_cases.expected(case):
        assert expected in lines, f"missing line: {expected}"
    assert file_contents(site) == before, "a failed build changed the previous site"
