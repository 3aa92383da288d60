"""In CI a browser test that skips, for whatever reason, fails, and so does a run that leaves browser
tests out (deselected, ignored, not named, or none collected); elsewhere they may skip or be left
out. The summary says how many browser tests ran. (Runs both conftests in a separate pytest, on a
tiny tests tree laid out as this project's.)

Each run here proves one piece of wiring that only a real pytest shows: a hook that fires, a
failure reported once, under pytest-xdist as well. The variants of each rule (every way of ignoring
or naming paths, every CI value, which deselected tests count) are unit tests in test_ci_rule.py,
which call the rule directly; a subprocess run costs a second or more, a unit test nothing."""
from __future__ import annotations

import fnmatch
import shutil

import pytest

from conftest import ROOT
from helpers import copy_project

pytest_plugins = ["pytester"]

SKIPPING_TEST = "import pytest\n\n\ndef test_skips():\n    pytest.skip('no reason at all')\n\n\ndef test_runs():\n    pass\n"
MORE_BROWSER_TESTS = "\n\n".join(f"def test_passes_{n}():\n    pass\n" for n in range(5))


@pytest.fixture
def browser_suite(pytester):
    """A tiny project laid out as this one, with both real conftests (tests/ and tests/browser/) and
    what they import: six browser tests that pass, one that skips, one test outside the browser."""
    copy_project(pytester.path, parts=("macros",))
    tests = pytester.path / "tests"
    browser = tests / "browser"
    browser.mkdir(parents=True)
    for name in ("conftest.py", "ci.py", "helpers.py", "tiny.py"):
        shutil.copy2(ROOT / "tests" / name, tests / name)
    (browser / "__init__.py").write_text("")
    shutil.copy2(ROOT / "tests" / "browser" / "conftest.py", browser / "conftest.py")
    (browser / "test_sample.py").write_text(SKIPPING_TEST)
    (browser / "test_more.py").write_text(MORE_BROWSER_TESTS)
    (tests / "test_other.py").write_text("def test_not_in_a_browser():\n    pass\n")
    pytester.makeini(f"[pytest]\npythonpath = {tests}\n")
    return pytester


def run(suite, monkeypatch, ci: str | None, *args):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    return suite.runpytest_subprocess("-p", "no:cacheprovider", *args)


def lines_matching(result, pattern: str) -> list[str]:
    return [line for line in result.outlines + result.errlines if fnmatch.fnmatch(line, pattern)]


SUMMARY_PREFIX = "browser tests: "
ANY_BROWSER_RULE = "*every browser test must run*"  # the start of each line that stops a CI run
# The short summary's line (the collection error's own section repeats the message above it).
DESELECTED_IN_CI = "ERROR tests/browser - in CI (CI='true') every browser test must run, but * were deselected (by -k, -m or --deselect)*"
LEFT_OUT_IN_CI = "ERROR: in CI (CI='true') every browser test must run, but * run them all, or set CI=false to choose"
COLLECTED_NONE = "every browser test must run, but this run collected none"


def summaries(result) -> list[str]:
    return [line for line in result.outlines if line.startswith(SUMMARY_PREFIX)]


def test_in_ci_a_skipping_browser_test_fails_and_deselecting_other_tests_is_allowed(browser_suite, monkeypatch):
    """Also: a run of every browser test (no path given) is not stopped in CI, and the summary
    counts each browser test once, the failed one among them."""
    result = run(browser_suite, monkeypatch, "true", "-k", "not test_not_in_a_browser")
    result.assert_outcomes(passed=6, failed=1, deselected=1)
    result.stdout.fnmatch_lines(["*in CI a browser test must run, but it skipped: no reason at all*"])
    assert summaries(result) == ["browser tests: 6 passed, 1 failed or errored, 0 skipped"]
    assert not lines_matching(result, ANY_BROWSER_RULE)


def test_outside_ci_a_browser_test_may_skip_or_be_deselected(browser_suite, monkeypatch):
    """Also: the summary line is printed once (both conftests are loaded) and counts the skip."""
    result = run(browser_suite, monkeypatch, None, "-k", "not test_passes_4")
    result.assert_outcomes(passed=6, skipped=1, deselected=1)  # 4 + test_runs pass, and the one elsewhere
    assert summaries(result) == ["browser tests: 5 passed, 0 failed or errored, 1 skipped"]
    assert not lines_matching(result, ANY_BROWSER_RULE)


def test_the_summary_under_xdist_counts_every_browser_test_once(browser_suite, monkeypatch):
    """On two processes the browser conftest is not loaded in the controlling one, which has only
    the workers' reports; tests/conftest.py prints the line there, and no process prints it twice.
    A skip fails in CI on the workers as well, and the controller does not stop a full run."""
    result = run(browser_suite, monkeypatch, "true", "-n", "2", "--dist", "load")
    result.assert_outcomes(passed=7, failed=1)
    assert summaries(result) == ["browser tests: 6 passed, 1 failed or errored, 0 skipped"]
    assert not lines_matching(result, ANY_BROWSER_RULE)
    assert not lines_matching(result, "*INTERNALERROR*")


def test_deselecting_browser_tests_fails_in_ci_with_one_line(browser_suite, monkeypatch):
    result = run(browser_suite, monkeypatch, "true", "-k", "not browser")
    assert result.ret != 0
    assert result.parseoutcomes().get("passed", 0) == 0, "tests ran although browser tests were deselected"
    assert len(lines_matching(result, DESELECTED_IN_CI)) == 1, result.outlines
    assert not lines_matching(result, f"*{COLLECTED_NONE}*")  # they were collected, then deselected


def test_deselecting_browser_tests_fails_in_ci_under_xdist(browser_suite, monkeypatch):
    """Each pytest-xdist worker collects and deselects on its own; the run still fails with the line."""
    result = run(browser_suite, monkeypatch, "true", "-n", "2", "-k", "not browser")
    assert result.ret != 0
    assert len(lines_matching(result, DESELECTED_IN_CI)) == 1, result.outlines
    assert not lines_matching(result, "*INTERNALERROR*")
    assert not lines_matching(result, f"*{COLLECTED_NONE}*")


def test_ignoring_browser_tests_fails_in_ci_with_one_line(browser_suite, monkeypatch):
    """The browser conftest is never loaded here: tests/conftest.py stops the run before any test."""
    result = run(browser_suite, monkeypatch, "true", "--ignore", "tests/browser")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert len(lines_matching(result, LEFT_OUT_IN_CI)) == 1, result.errlines
    assert "passed" not in result.stdout.str(), "tests ran although browser tests were left out"


def test_ignoring_browser_tests_fails_in_ci_under_xdist(browser_suite, monkeypatch):
    """The controlling process stops the run before it starts the workers."""
    result = run(browser_suite, monkeypatch, "true", "-n", "2", "--ignore", "tests/browser")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert len(lines_matching(result, LEFT_OUT_IN_CI)) == 1, result.errlines
    assert not lines_matching(result, "*INTERNALERROR*")


@pytest.mark.parametrize("processes", ["0", "2"])
def test_a_run_in_ci_that_collects_no_browser_test_fails_with_one_line(browser_suite, monkeypatch, processes):
    """The last guard, for ways round the others (here: the browser test files are gone)."""
    for test_file in (browser_suite.path / "tests" / "browser").glob("test_*.py"):
        test_file.unlink()
    result = run(browser_suite, monkeypatch, "true", "-n", processes)
    assert result.ret != 0
    if processes == "0":  # a plain run stops at the collection error; pytest-xdist's workers run on
        assert result.parseoutcomes().get("passed", 0) == 0, "tests ran although no browser test was collected"
    assert len(lines_matching(result, f"ERROR tests/browser - in CI (CI='true') {COLLECTED_NONE} (from *)*")) == 1
    assert not lines_matching(result, "*INTERNALERROR*")


def test_browser_tests_may_be_left_out_outside_ci(browser_suite, monkeypatch):
    """A developer runs everything but the browser tests on their machine: neither the command line
    check nor the collected-none guard stops it."""
    result = run(browser_suite, monkeypatch, None, "--ignore", "tests/browser")
    assert result.ret == 0
    result.assert_outcomes(passed=1)
    assert not lines_matching(result, ANY_BROWSER_RULE)
