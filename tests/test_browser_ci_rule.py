"""In CI a browser test that skips, for whatever reason, fails, and so does a run that deselects
browser tests; elsewhere they may skip or be left out. The summary says how many browser tests ran.
(Runs the browser conftest in a separate pytest.)"""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT

pytest_plugins = ["pytester"]

SKIPPING_TEST = "import pytest\n\n\ndef test_skips():\n    pytest.skip('no reason at all')\n\n\ndef test_runs():\n    pass\n"


@pytest.fixture
def browser_suite(pytester):
    for name in ("ci.py", "helpers.py"):
        shutil.copy2(ROOT / "tests" / name, pytester.path / name)
    browser = pytester.path / "tests" / "browser"
    browser.mkdir(parents=True)
    (browser / "__init__.py").write_text("")
    (pytester.path / "tests" / "__init__.py").write_text("")
    shutil.copy2(ROOT / "tests" / "browser" / "conftest.py", browser / "conftest.py")
    (browser / "test_sample.py").write_text(SKIPPING_TEST)
    (pytester.path / "tests" / "test_other.py").write_text("def test_not_in_a_browser():\n    pass\n")
    pytester.makeini(f"[pytest]\npythonpath = {pytester.path}\n")
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
