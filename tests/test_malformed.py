"""Hostile and broken data: every case of the corpus fails the check and the build with exactly the
expected lines, no traceback, and leaves the previously built site untouched."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

import malformed_cases
import tiny
from conftest import ROOT, copy_project, mkdocs_build
from helpers import file_contents

CASES = malformed_cases.cases()


def test_the_corpus_is_big_enough():
    assert len(CASES) >= 25
    for case in CASES:
        assert malformed_cases.expected(case), f"{case} has no expected.txt"


@pytest.mark.parametrize("case", CASES)
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


@pytest.mark.parametrize("case", CASES)
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
