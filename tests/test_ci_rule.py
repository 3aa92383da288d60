"""The rule that decides whether a run is CI, where browser and actionlint tests never skip, and
the one that reads from a command line whether it leaves browser tests out."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from ci import browser_summary_line, browser_tests_left_out, in_ci, missing_tool


@pytest.mark.parametrize("value", ["true", "TRUE", "1", "yes", "Yes", " true ", "woodpecker"])
def test_any_other_value_means_ci(value):
    assert in_ci({"CI": value})


@pytest.mark.parametrize("value", ["", "false", "False", "0", "no", "off", "  "])
def test_unset_or_a_no_means_not_ci(value):
    assert not in_ci({"CI": value})


def test_unset_means_not_ci():
    assert not in_ci({})


def test_no_unused_pytest_plugin_is_installed_or_pinned(request):
    """pytest-playwright was pinned but unused: its --browser relabelled tests that still ran
    Chromium, --headed was ignored, and it deleted ./test-results on every run. The browser
    fixtures are our own (tests/browser/conftest.py)."""
    from conftest import ROOT

    assert not request.config.pluginmanager.hasplugin("playwright"), \
        "pytest-playwright is still installed from an older requirements-dev.txt: " \
        ".venv/bin/python -m pip uninstall pytest-playwright python-slugify text-unidecode"
    pinned = (ROOT / "requirements-dev.txt").read_text()
    assert "pytest-playwright" not in pinned


@pytest.fixture
def project(tmp_path):
    """tests/browser/ with one test file, and a neighbour whose name starts the same."""
    (tmp_path / "tests" / "browser").mkdir(parents=True)
    (tmp_path / "tests" / "browser" / "test_pages.py").write_text("")
    (tmp_path / "tests" / "browser_notes").mkdir()
    (tmp_path / "tests" / "test_other.py").write_text("")
    return tmp_path


@pytest.mark.parametrize("args, ignore, ignore_glob", [
    (["tests"], ["tests/browser/../browser"], []),          # folded as pytest folds it
    (["tests"], ["tests/browser/test_pages.py"], []),
    (["tests"], [], ["*/browser/*.py"]),
    (["tests"], [], ["tests"]),                              # a glob that names a folder above
    (["tests/browser_notes"], [], []),                       # a neighbour, not the folder
    (["tests/browser::test_x"], [], []),
])
def test_leaving_browser_tests_out_is_named(project, args, ignore, ignore_glob):
    assert browser_tests_left_out(project / "tests" / "browser", project, args, ignore, ignore_glob)


@pytest.mark.parametrize("args, ignore, ignore_glob", [
    (["tests"], [], []), (["."], [], []), (["tests/browser/"], [], []), (["tests/../tests"], [], []),
    (["tests"], ["tests/browser_notes"], ["*.txt", "*/other/*"]),
])
def test_running_every_browser_test_is_not_leaving_them_out(project, args, ignore, ignore_glob):
    assert browser_tests_left_out(project / "tests" / "browser", project, args, ignore, ignore_glob) is None


def test_a_missing_tool_fails_the_test_in_ci():
    with pytest.raises(pytest.fail.Exception, match=r"in CI \(CI='true'\) but node is not installed"):
        missing_tool("node is not installed", {"CI": "true"})


def test_a_missing_tool_skips_the_test_elsewhere():
    with pytest.raises(pytest.skip.Exception, match="node is not installed"):
        missing_tool("node is not installed", {"CI": "false"})


# --- The ways a command line leaves browser tests out, as pytest's config reads them: each
# variant here; tests/test_browser_ci_rule.py runs one of them end to end. ---

@pytest.mark.parametrize("args, ignore, ignore_glob", [
    (["tests"], ["tests/browser"], []),                      # --ignore tests/browser
    (["tests"], ["tests/browser/"], []),                     # --ignore=tests/browser/
    (["tests"], ["tests"], []),                              # --ignore a folder above
    (["."], ["tests/browser/test_pages.py"], []),            # --ignore one browser file
    (["tests"], [], ["*browser*"]),                          # --ignore-glob=*browser*
    (["tests"], [], ["tests/b*/test_*.py"]),                 # a relative glob for their files
    (["tests/test_other.py"], [], []),                       # other paths only
    (["tests/browser/test_pages.py::test_x"], [], []),       # one browser test
    (["tests/test_other.py", "tests/browser/test_pages.py"], [], []),  # one browser file
])
def test_each_way_of_leaving_browser_tests_out_is_named(project, args, ignore, ignore_glob):
    reason = browser_tests_left_out(project / "tests" / "browser", project, args, ignore, ignore_glob)
    assert reason
    assert any(value in reason for value in [*ignore, *ignore_glob, " ".join(args)])


@pytest.mark.parametrize("args, ignore, ignore_glob", [
    (["tests/browser", "tests/test_other.py"], [], []), (["tests/"], [], []),
    (["tests"], ["tests/test_other.py"], []), (["tests"], [], ["*other*"]),
])
def test_each_way_of_naming_every_browser_test_is_allowed(project, args, ignore, ignore_glob):
    assert browser_tests_left_out(project / "tests" / "browser", project, args, ignore, ignore_glob) is None


# --- The summary line ---

def report(nodeid: str):
    return SimpleNamespace(nodeid=nodeid)


def test_the_summary_counts_each_browser_test_once_by_outcome():
    """A test has a report per phase (setup, call, teardown): each is counted once; an error in
    setup counts as failed; tests outside tests/browser/ are not counted."""
    stats = {"passed": [report("tests/browser/test_a.py::one")] * 3 + [report("tests/browser/test_a.py::two"),
                                                                       report("tests/test_other.py::x")],
             "failed": [report("tests/browser/test_a.py::three")], "error": [report("tests/browser/test_b.py::four")],
             "skipped": [report("tests/browser/test_b.py::five")] * 2 + [report("tests/test_other.py::y")],
             "deselected": [report("tests/browser/test_b.py::six")]}
    assert browser_summary_line(stats) == "browser tests: 2 passed, 2 failed or errored, 1 skipped"


def test_no_summary_when_no_browser_test_reported():
    assert browser_summary_line({"passed": [report("tests/test_other.py::x")]}) is None


# --- The conftests' hooks, called directly on a fresh copy of each module (so the state of the
# running session is not touched), for each CI value. ---

TESTS = Path(__file__).resolve().parent


def fresh_module(path: Path, name: str):
    """A new module object from a conftest, outside sys.modules; sys.path as it was before (the
    root conftest puts its folders in front)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    saved_path = list(sys.path)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = saved_path
    return module


@pytest.fixture
def environment(monkeypatch):
    """Sets CI (None: unset) before a conftest is loaded, as CI is read when it is imported."""
    def set_ci(value):
        if value is None:
            monkeypatch.delenv("CI", raising=False)
        else:
            monkeypatch.setenv("CI", value)
    return set_ci


def fake_session():
    reports = []
    hook = SimpleNamespace(pytest_collectreport=lambda report: reports.append(report))
    return SimpleNamespace(config=SimpleNamespace(hook=hook)), reports


def fake_item(relative: str, name: str):
    path = TESTS / relative
    item = SimpleNamespace(nodeid=f"tests/{relative}::{name}", path=path, fspath=str(path), markers=[])
    item.add_marker = item.markers.append
    return item


BROWSER_ITEMS = [fake_item("browser/test_pages.py", "test_one"), fake_item("browser/test_pages.py", "test_two")]
OTHER_ITEM = fake_item("test_other.py", "test_elsewhere")
CI_ON, CI_OFF = ["true", "1", "yes"], [None, "false", "0", "no"]


def deselection_errors(environment, ci, deselected) -> list[str]:
    environment(ci)
    browser_conftest = fresh_module(TESTS / "browser" / "conftest.py", "browser_conftest_under_test")
    browser_conftest.pytest_deselected(deselected)
    session, reports = fake_session()
    browser_conftest.pytest_collection_finish(session)
    return [str(r.longrepr) for r in reports if r.outcome == "failed"]


@pytest.mark.parametrize("ci", CI_ON)
@pytest.mark.parametrize("deselected, count", [(BROWSER_ITEMS, 2), (BROWSER_ITEMS[1:], 1),
                                               ([OTHER_ITEM, BROWSER_ITEMS[0]], 1)])
def test_deselected_browser_tests_fail_a_run_in_ci(environment, ci, deselected, count):
    """-k, -m and --deselect all reach pytest_deselected: whole files or one test, mixed or not."""
    errors = deselection_errors(environment, ci, deselected)
    assert len(errors) == 1
    assert f"every browser test must run, but {count} were deselected (by -k, -m or --deselect)" in errors[0]
    assert f"(CI={ci!r})" in errors[0]


@pytest.mark.parametrize("ci", CI_ON)
def test_deselecting_other_tests_in_ci_is_allowed(environment, ci):
    assert deselection_errors(environment, ci, [OTHER_ITEM]) == []


@pytest.mark.parametrize("ci", CI_OFF)
def test_browser_tests_may_be_deselected_outside_ci(environment, ci):
    assert deselection_errors(environment, ci, BROWSER_ITEMS) == []


def test_browser_tests_are_marked_so_that_minus_m_reaches_them(environment):
    """`-m "not browser"` deselects them only because the browser conftest marks them."""
    environment("true")
    browser_conftest = fresh_module(TESTS / "browser" / "conftest.py", "browser_conftest_under_test")
    items = [fake_item("browser/test_pages.py", "test_one"), fake_item("test_other.py", "test_elsewhere")]
    browser_conftest.pytest_collection_modifyitems(None, items)
    assert [m.name for m in items[0].markers] == ["browser"]
    assert items[1].markers == []


def fake_config(args, ignore=(), ignore_glob=(), worker=False):
    options = {"ignore": list(ignore), "ignore_glob": list(ignore_glob)}
    config = SimpleNamespace(args=list(args), invocation_params=SimpleNamespace(dir=TESTS.parent),
                             getoption=options.get)
    if worker:
        config.workerinput = {}
    return config


def root_conftest():
    return fresh_module(TESTS / "conftest.py", "root_conftest_under_test")


@pytest.mark.parametrize("ci", CI_ON)
@pytest.mark.parametrize("config", [fake_config(["tests"], ignore=["tests/browser"]),
                                    fake_config(["tests"], ignore_glob=["*browser*"]),
                                    fake_config(["tests/test_ci_rule.py"])], ids=["ignore", "ignore-glob", "paths"])
def test_a_command_line_leaving_browser_tests_out_stops_a_run_in_ci(environment, ci, config):
    environment(ci)
    with pytest.raises(pytest.UsageError, match=rf"^in CI \(CI='{ci}'\) every browser test must run, but .*: "
                                                r"run them all, or set CI=false to choose$"):
        root_conftest().pytest_configure(config)


@pytest.mark.parametrize("ci", CI_OFF)
def test_a_command_line_may_leave_browser_tests_out_outside_ci(environment, ci):
    environment(ci)
    assert root_conftest().pytest_configure(fake_config(["tests"], ignore=["tests/browser"])) is None


def test_a_command_line_naming_every_browser_test_runs_in_ci(environment):
    environment("true")
    assert root_conftest().pytest_configure(fake_config(["tests"])) is None


def test_pytest_xdist_workers_do_not_check_the_command_line_again(environment):
    """The controlling process checked it before it started them."""
    environment("true")
    assert root_conftest().pytest_configure(fake_config(["tests"], ignore=["tests/browser"], worker=True)) is None


def collected_none_errors(environment, ci, items) -> list[str]:
    environment(ci)
    conftest = root_conftest()
    conftest.pytest_collection_modifyitems(items)
    session, reports = fake_session()
    conftest.pytest_collection_finish(session)
    return [str(r.longrepr) for r in reports if r.outcome == "failed"]


@pytest.mark.parametrize("ci", CI_ON)
def test_a_run_in_ci_that_collects_no_browser_test_fails(environment, ci):
    errors = collected_none_errors(environment, ci, [OTHER_ITEM])
    assert len(errors) == 1
    assert "every browser test must run, but this run collected none" in errors[0]


@pytest.mark.parametrize("ci", CI_ON)
def test_a_run_in_ci_that_collects_one_browser_test_passes_that_guard(environment, ci):
    assert collected_none_errors(environment, ci, [OTHER_ITEM, BROWSER_ITEMS[0]]) == []


@pytest.mark.parametrize("ci", CI_OFF)
def test_a_run_outside_ci_may_collect_no_browser_test(environment, ci):
    assert collected_none_errors(environment, ci, [OTHER_ITEM]) == []
