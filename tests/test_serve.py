"""`mkdocs serve` rebuilds on data edits and picks up edited macro code without a restart."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpers import copy_project, free_port, wait_for


@pytest.fixture
def served(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    try:
        yield project, f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_serve_rebuilds_on_data_and_macro_edits(served):
    project, base = served
    page = f"{base}/gateway/"
    assert wait_for(page, 'id="close-4011"', 60), "serve never came up"

    data = project / "data" / "gateway-close-codes.toml"
    data.write_text(data.read_text().replace('name = "Sharding required"', 'name = "Sharding really required"'))
    assert wait_for(page, "Sharding really required", 60), "data edit was not rebuilt"

    render = project / "macros" / "render.py"
    render.write_text(render.read_text().replace('"Same number elsewhere"', '"Same number in another table"'))
    assert wait_for(page, "Same number in another table", 60), "edited macro code was not picked up"
