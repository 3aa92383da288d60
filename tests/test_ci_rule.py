"""The rule that decides whether a run is CI, where browser and actionlint tests never skip."""
from __future__ import annotations

import pytest

from ci import in_ci


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
