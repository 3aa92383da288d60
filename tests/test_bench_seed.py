"""scripts/bench.py reads the 2018 seed page from beside the repository, and says so when it is not there."""
from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT


def load_bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_seed_page_is_looked_for_beside_the_repository():
    bench = load_bench()
    assert bench.SEED == ROOT.parent / "shared" / "seed" / "opcodes-and-status-codes.md"


def test_a_missing_seed_page_is_one_clear_line(tmp_path):
    bench = load_bench()
    missing = tmp_path / "shared" / "seed" / "opcodes-and-status-codes.md"
    with pytest.raises(SystemExit) as exit_info:
        bench.read_seed(missing)
    message = str(exit_info.value.code)
    assert message == f"bench: the 2018 seed page is missing: expected {missing} (shared/seed/ beside the repository)"
    assert "\n" not in message


def test_the_seed_page_is_read_when_present(tmp_path):
    seed = tmp_path / "seed.md"
    seed.write_text("# Opcodes and Status Codes\n", encoding="utf-8")
    assert load_bench().read_seed(seed) == "# Opcodes and Status Codes\n"


def test_figures_go_to_a_file_of_their_own(tmp_path):
    """Not into the README: its history would churn with every run."""
    bench = load_bench()
    assert bench.FIGURES_FILE == ROOT / "scripts" / "bench-figures.md"
    target = tmp_path / "bench-figures.md"
    bench.record("| figure | this site |\n", target)
    assert target.read_text(encoding="utf-8") == bench.FIGURES_HEADER + "| figure | this site |\n"
    assert "benchmark:start" not in (ROOT / "README.md").read_text(encoding="utf-8")
