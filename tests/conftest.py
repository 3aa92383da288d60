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


