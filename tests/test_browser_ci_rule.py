"""In CI a browser test that skips, for whatever reason, fails; elsewhere it may skip. The
summary says how many browser tests ran. (Runs the browser conftest in a separate pytest.)"""
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
    pytester.makeini(f"[pytest]\npythonpath = {pytester.path}\n")
    return pytester


@pytest.mark.parametrize("ci", ["true", "1", "yes"])
def test_a_skipping_browser_test_fails_in_ci(browser_suite, monkeypatch, ci):
    monkeypatch.setenv("CI", ci)
    result = browser_suite.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["browser tests: 1 passed, 1 failed or errored, 0 skipped"])


@pytest.mark.parametrize("ci", [None, "false", "0", "no"])
def test_a_browser_test_may_skip_outside_ci(browser_suite, monkeypatch, ci):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    result = browser_suite.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["browser tests: 1 passed, 0 failed or errored, 1 skipped"])
