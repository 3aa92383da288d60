from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: each pytest-xdist worker builds its own copy (see build_once_per_run)
    fcntl = None

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import tiny  # noqa: E402
from ci import browser_summary_line, browser_tests_left_out, in_ci  # noqa: E402
from helpers import copy_project  # noqa: E402,F401  (re-exported for the tests)
from macros.catalog import load_catalog  # noqa: E402
from macros.problems import DataError  # noqa: E402


SUMMARY = "summary"
# Not resolved: pytest names this file, the tests and the --ignore paths by the same (unresolved) paths.
BROWSER_TESTS = Path(__file__).parent / "browser"


def _is_browser_test(item) -> bool:
    return item.path.is_relative_to(BROWSER_TESTS)


def _every_browser_test_must_run(reason: str) -> str:
    return (f"in CI (CI={os.environ.get('CI')!r}) every browser test must run, but {reason}: "
            f"run them all, or set CI=false to choose")


def pytest_configure(config):
    """In CI, a command line that leaves browser tests out (--ignore, --ignore-glob, or paths that
    do not hold tests/browser/) stops the run in one line before any test; -k, -m and --deselect
    are caught by tests/browser/conftest.py, which this command line may never load. Under
    pytest-xdist the controlling process checks, before it starts the workers (which get the same
    command line and are not checked again)."""
    if not in_ci() or hasattr(config, "workerinput"):
        return
    reason = browser_tests_left_out(BROWSER_TESTS, config.invocation_params.dir, config.args,
                                    config.getoption("ignore") or (), config.getoption("ignore_glob") or ())
    if reason:
        raise pytest.UsageError(_every_browser_test_must_run(reason))


_browser_tests_collected: list[str] = []


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Counted before -k, -m or --deselect leave any out (tests/browser/conftest.py reports that)."""
    _browser_tests_collected.extend(item.nodeid for item in items if _is_browser_test(item))


def pytest_collection_finish(session):
    """In CI, a run that collected no browser test at all (a conftest's collect_ignore, renamed or
    removed test files, a way round pytest_configure's check) fails with one line, as a collection
    error: under pytest-xdist each worker reports it, as for deselected browser tests."""
    if in_ci() and not _browser_tests_collected:
        reason = f"this run collected none (from {BROWSER_TESTS})"
        session.config.hook.pytest_collectreport(
            report=pytest.CollectReport("tests/browser", "failed", _every_browser_test_must_run(reason), []))


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
    # The browser tests' count: their conftest prints it, except where it is not loaded (the
    # controlling process of pytest-xdist, which collects nothing itself).
    loaded = any(str(getattr(plugin, "__file__", "")).endswith(os.path.join("browser", "conftest.py"))
                 for plugin in terminalreporter.config.pluginmanager.get_plugins())
    line = None if loaded else browser_summary_line(terminalreporter.stats)
    if line:
        terminalreporter.write_line(line)


@pytest.fixture
def tiny_data(tmp_path) -> Path:
    return tiny.write(tmp_path / "data")


@pytest.fixture
def tiny_catalog(tiny_data):
    """The catalog of the tiny data set (tests/tiny.py), fresh for each test."""
    return load_catalog(tiny_data)


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


@contextlib.contextmanager
def exclusive(lock_file: Path):
    """Holds an exclusive lock on a file for the block: one pytest-xdist worker at a time."""
    with open(lock_file, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def build_once_per_run(tmp_path_factory, name: str, project) -> Path:
    """A site built once per test run with --strict, from `project()` (which returns the project
    folder to build), and only read afterwards. Under pytest-xdist each worker has its own session:
    the first worker to ask builds into the run's shared temporary folder, the others wait for it
    and read the same site."""
    shared = tmp_path_factory.getbasetemp()
    if fcntl and os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each worker's own
    site, built, failed = shared / f"{name}-site", shared / f"{name}-site.ok", shared / f"{name}-site.failed"
    with exclusive(shared / f"{name}-site.lock") if fcntl else contextlib.nullcontext():
        if not built.exists() and not failed.exists():
            shutil.rmtree(site, ignore_errors=True)
            result = mkdocs_build(project(), site)
            (built if result.returncode == 0 else failed).write_text(result.stderr[-4000:], encoding="utf-8")
    assert not failed.exists(), failed.read_text(encoding="utf-8")
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, read (never changed) by every test that looks at the built site."""
    return build_once_per_run(tmp_path_factory, "built", lambda: ROOT)


@pytest.fixture(scope="session")
def alias_site(tmp_path_factory) -> Path:
    """The tiny data set with gateway close 4011 renumbered to 4111, keeping close-4011 as an alias
    (the real data has no alias yet), built once for the tests that read or browse it."""
    def project() -> Path:
        folder = copy_project(tmp_path_factory.mktemp("alias") / "project")
        tiny.write(folder / "data")
        table = folder / "data" / "gateway-close-codes.toml"
        text = table.read_text(encoding="utf-8")
        assert text.count("code = 4011") == 1
        table.write_text(text.replace("code = 4011", 'code = 4111\naliases = ["close-4011"]'), encoding="utf-8")
        return folder

    return build_once_per_run(tmp_path_factory, "alias", project)


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(ROOT / "data")
