from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import tiny  # noqa: E402
from helpers import copy_project  # noqa: E402,F401  (re-exported for the tests)
from macros.catalog import load_catalog  # noqa: E402
from macros.problems import DataError  # noqa: E402


SUMMARY = "summary"


def pytest_terminal_summary(terminalreporter):
    """Lines a test wants printed at the end of the run even when pytest captures its output (the
    pasted-errors score): the test records them with record_property("summary", line). Read from
    the reports, so they also arrive from worker processes when the tests run in parallel."""
    seen = set()
    for reports in terminalreporter.stats.values():
        for report in reports:
            for name, value in getattr(report, "user_properties", ()):
                if name == SUMMARY and (report.nodeid, value) not in seen:
                    seen.add((report.nodeid, value))
                    terminalreporter.write_line(str(value))


@pytest.fixture
def tiny_data(tmp_path) -> Path:
    return tiny.write(tmp_path / "data")


def problems(data_dir: Path) -> list[str]:
    """Every problem line the validation reports for a data folder ([] when it is valid)."""
    try:
        load_catalog(data_dir)
    except DataError as error:
        return [str(p) for p in error.problems]
    return []


def mkdocs_build(project: Path, site_dir: Path, *extra: str, strict: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` (never with -q/-v, which turn strict failures off). Only a
    `--dirty` build turns strict off, because MkDocs itself warns about every dirty build."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict" if strict else "--no-strict",
         "-f", str(project / "mkdocs.yml"), "-d", str(site_dir), *extra],
        cwd=project, capture_output=True, text=True, env=env, timeout=300,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(ROOT / "data")
