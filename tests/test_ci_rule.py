"""The rule that decides whether a run is CI, where browser and actionlint tests never skip, and
the one that reads from a command line whether it leaves browser tests out."""
from __future__ import annotations

import pytest

from ci import browser_tests_left_out, in_ci, missing_tool


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
