"""`mkdocs serve` rebuilds on data edits and picks up edited macro code without a restart."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, needle: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in fetch(url):
            return True
        time.sleep(0.5)
    return False


@pytest.fixture
def served(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
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
    assert wait_for(page, 'id="close-4011"'), "serve never came up"

    data = project / "data" / "gateway-close-codes.toml"
    data.write_text(data.read_text().replace('name = "Sharding required"', 'name = "Sharding really required"'))
    assert wait_for(page, "Sharding really required"), "data edit was not rebuilt"

    render = project / "macros" / "render.py"
    render.write_text(render.read_text().replace('"Same number elsewhere"', '"Same number in another table"'))
    assert wait_for(page, "Same number in another table"), "edited macro code was not picked up"
