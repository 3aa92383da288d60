"""In CI a browser test that skips, for whatever reason, fails, and so does a run that leaves browser
tests out (deselected, ignored, not named, or none collected); elsewhere they may skip or be left
out. The summary says how many browser tests ran. (Runs both conftests in a separate pytest, on a
tiny tests tree laid out as this project's.)"""
from __future__ import annotations

import fnmatch
import shutil

import pytest

from conftest import ROOT
from helpers import copy_project

pytest_plugins = ["pytester"]

SKIPPING_TEST = "import pytest\n\n\ndef test_skips():\n    pytest.skip('no reason at all')\n\n\ndef test_runs():\n    pass\n"


@pytest.fixture
def browser_suite(pytester):
    """A tiny project laid out as this one, with both real conftests (tests/ and tests/browser/) and
    what they import: one browser test that passes, one that skips, one test outside the browser."""
    copy_project(pytester.path, parts=("macros",))
    tests = pytester.path / "tests"
    browser = tests / "browser"
    browser.mkdir(parents=True)
    for name in ("conftest.py", "ci.py", "helpers.py", "tiny.py"):
        shutil.copy2(ROOT / "tests" / name, tests / name)
    (browser / "__init__.py").write_text("")
    shutil.copy2(ROOT / "tests" / "browser" / "conftest.py", browser / "conftest.py")
    (browser / "test_sample.py").write_text(SKIPPING_TEST)
    (tests / "test_other.py").write_text("def test_not_in_a_browser():\n    pass\n")
    pytester.makeini(f"[pytest]\npythonpath = {tests}\n")
    return pytester


@pytest.mark.parametrize("ci", ["true", "1", "yes"])
def test_a_skipping_browser_test_fails_in_ci(browser_suite, monkeypatch, ci):
    monkeypatch.setenv("CI", ci)
    result = browser_suite.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=1)  # test_runs and the test outside tests/browser/ pass
    result.stdout.fnmatch_lines(["browser tests: 1 passed, 1 failed or errored, 0 skipped"])


@pytest.mark.parametrize("ci", [None, "false", "0", "no"])
def test_a_browser_test_may_skip_outside_ci(browser_suite, monkeypatch, ci):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    result = browser_suite.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, skipped=1)
    result.stdout.fnmatch_lines(["browser tests: 1 passed, 0 failed or errored, 1 skipped"])


DESELECTING = {"k-not-browser": ["-k", "not browser"], "m-not-browser": ["-m", "not browser"],
               "k-one-test": ["-k", "not test_runs"],
               "deselect": ["--deselect", "tests/browser/test_sample.py::test_runs"]}
DESELECTED_IN_CI = "*in CI (CI='true') every browser test must run, but * were deselected (by -k, -m or --deselect)*"


@pytest.mark.parametrize("how", DESELECTING)
def test_deselecting_browser_tests_fails_in_ci_with_one_line(browser_suite, monkeypatch, how):
    monkeypatch.setenv("CI", "true")
    result = browser_suite.runpytest_subprocess("-p", "no:cacheprovider", *DESELECTING[how])
    assert result.ret != 0
    assert result.parseoutcomes().get("passed", 0) == 0, "tests ran although browser tests were deselected"
    result.stdout.fnmatch_lines([DESELECTED_IN_CI])


def test_deselecting_browser_tests_fails_in_ci_under_xdist(browser_suite, monkeypatch):
    """Each pytest-xdist worker collects and deselects on its own; the run still fails with the line."""
    monkeypatch.setenv("CI", "true")
    result = browser_suite.runpytest_subprocess("-p", "no:cacheprovider", "-n", "2", "-k", "not browser")
    assert result.ret != 0
    result.stdout.fnmatch_lines([DESELECTED_IN_CI])
    result.stdout.no_fnmatch_line("*INTERNALERROR*")
    result.stdout.no_fnmatch_line(f"*{COLLECTED_NONE}*")  # they were collected, then deselected


# Ways to run without (some of) the browser tests that the browser conftest never sees: pytest does
# not even load it when tests/browser/ is ignored or not named.
LEAVING_OUT = {"ignore": ["--ignore", "tests/browser"], "ignore=": ["--ignore=tests/browser/"],
               "ignore-a-file": ["--ignore=tests/browser/test_sample.py"],
               "ignore-above": ["--ignore", "tests"],
               "ignore-glob": ["--ignore-glob=*browser*"], "ignore-glob-files": ["--ignore-glob", "tests/b*/test_*.py"],
               "other-paths": ["tests/test_other.py"], "one-browser-test": ["tests/browser/test_sample.py::test_runs"],
               "one-browser-file": ["tests/test_other.py", "tests/browser/test_sample.py"]}
LEFT_OUT_IN_CI = "ERROR: in CI (CI='true') every browser test must run, but * run them all, or set CI=false to choose"
COLLECTED_NONE = "every browser test must run, but this run collected none"


def lines_matching(result, pattern: str) -> list[str]:
    return [line for line in result.outlines + result.errlines if fnmatch.fnmatch(line, pattern)]


@pytest.mark.parametrize("how", LEAVING_OUT)
def test_leaving_browser_tests_out_fails_in_ci_with_one_line(browser_suite, monkeypatch, how):
    monkeypatch.setenv("CI", "true")
    result = browser_suite.runpytest_subprocess("-p", "no:cacheprovider", *LEAVING_OUT[how])
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert len(lines_matching(result, LEFT_OUT_IN_CI)) == 1, result.errlines
    assert "passed" not in result.stdout.str(), "tests ran although browser tests were left out"


@pytest.mark.parametrize("how", ["ignore", "other-paths"])
def test_leaving_browser_tests_out_fails_in_ci_under_xdist(browser_suite, monkeypatch, how):
    monkeypatch.setenv("CI", "true")
    result = browser_suite.runpytest_subprocess("-p", "no:cacheprovider", "-n", "2", *LEAVING_OUT[how])
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert len(lines_matching(result, LEFT_OUT_IN_CI)) == 1, result.errlines
    assert not lines_matching(result, "*INTERNALERROR*")


@pytest.mark.parametrize("paths", [["tests/browser", "tests/test_other.py"], ["tests/"], ["."],
                                   ["--ignore", "tests/test_other.py"], ["--ignore-glob", "*other*"]])
def test_naming_all_browser_tests_in_ci_is_allowed(browser_suite, monkeypatch, paths):
    monkeypatch.setenv("CI", "true")
    result = browser_suite.runpytest_subprocess("-p", "no:cacheprovider", *paths)
    assert result.parseoutcomes()["passed"] >= 1  # test_runs; test_skips fails: it skipped in CI
    assert not lines_matching(result, "*every browser test must run*")


@pytest.mark.parametrize("how", ["ignore", "other-paths", "one-browser-file"])
def test_browser_tests_may_be_left_out_outside_ci(browser_suite, monkeypatch, how):
    """A developer runs one file, or everything but the browser tests, on their machine."""
    monkeypatch.delenv("CI", raising=False)
    result = browser_suite.runpytest_subprocess("-p", "no:cacheprovider", *LEAVING_OUT[how])
    assert result.ret == 0
    assert result.parseoutcomes()["passed"] >= 1
    assert not lines_matching(result, "*every browser test must run*")


@pytest.mark.parametrize("processes", ["0", "2"])
def test_a_run_in_ci_that_collects_no_browser_test_fails_with_one_line(browser_suite, monkeypatch, processes):
    """The last guard, for ways round the others (here: the browser test files are gone)."""
    (browser_suite.path / "tests" / "browser" / "test_sample.py").unlink()
    monkeypatch.setenv("CI", "true")
    result = browser_suite.runpytest_subprocess("-p", "no:cacheprovider", "-n", processes)
    assert result.ret != 0
    if processes == "0":  # a plain run stops at the collection error; pytest-xdist's workers run on
        assert result.parseoutcomes().get("passed", 0) == 0, "tests ran although no browser test was collected"
    assert len(lines_matching(result, f"ERROR tests/browser - in CI (CI='true') {COLLECTED_NONE} (from *)*")) == 1
    assert not lines_matching(result, "*INTERNALERROR*")


def test_deselecting_other_tests_in_ci_is_allowed(browser_suite, monkeypatch):
    monkeypatch.setenv("CI", "true")
    result = browser_suite.runpytest_subprocess("-p", "no:cacheprovider", "-k", "not test_not_in_a_browser")
    result.assert_outcomes(passed=1, failed=1, deselected=1)  # test_skips fails: it skipped in CI
    result.stdout.no_fnmatch_line("*were deselected*")


@pytest.mark.parametrize("how", ["k-not-browser", "m-not-browser"])
def test_browser_tests_may_be_deselected_outside_ci(browser_suite, monkeypatch, how):
    monkeypatch.delenv("CI", raising=False)
    result = browser_suite.runpytest_subprocess("-p", "no:cacheprovider", *DESELECTING[how])
    assert result.ret in (0, 5)  # 5: every test deselected, none left to run
    assert result.parseoutcomes()["deselected"] >= 1
    result.stdout.no_fnmatch_line("*were deselected*")


MORE_BROWSER_TESTS = "\n\n".join(f"def test_passes_{n}():\n    pass\n" for n in range(5))
SUMMARY_PREFIX = "browser tests: "


@pytest.mark.parametrize("processes", ["0", "2"])
def test_the_summary_counts_every_browser_test_once(browser_suite, monkeypatch, processes):
    """On two processes the browser conftest is not loaded in the controlling one, which has only
    the workers' reports; tests/conftest.py prints the line there, and no process prints it twice."""
    (browser_suite.path / "tests" / "browser" / "test_more.py").write_text(MORE_BROWSER_TESTS)
    monkeypatch.delenv("CI", raising=False)
    result = browser_suite.runpytest_subprocess("-p", "no:cacheprovider", "-n", processes, "--dist", "load")
    result.assert_outcomes(passed=7, skipped=1)  # 6 browser tests pass, 1 skips, 1 test elsewhere
    summaries = [line for line in result.outlines if line.startswith(SUMMARY_PREFIX)]
    assert summaries == ["browser tests: 6 passed, 0 failed or errored, 1 skipped"]


def test_the_summary_under_xdist_counts_browser_tests_that_failed_in_ci(browser_suite, monkeypatch):
    monkeypatch.setenv("CI", "true")
    result = browser_suite.runpytest_subprocess("-p", "no:cacheprovider", "-n", "2")
    result.assert_outcomes(passed=2, failed=1)
    summaries = [line for line in result.outlines if line.startswith(SUMMARY_PREFIX)]
    assert summaries == ["browser tests: 1 passed, 1 failed or errored, 0 skipped"]
