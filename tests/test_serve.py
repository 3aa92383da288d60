"""`mkdocs serve` rebuilds on every edit under docs/, data/ and macros/ and to mkdocs.yml (macro
code is picked up without a restart), and a busy address is one line, not a traceback."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from collections import Counter

import pytest

from conftest import ROOT
from helpers import copy_project, fetch, free_port, mkdocs_serving, replace_in, wait_for

SERVE_ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


@pytest.fixture
def served(tmp_path):
    project = copy_project(tmp_path / "project")
    with mkdocs_serving(project, "--strict", env=SERVE_ENV) as base:
        yield project, base


def test_serve_rebuilds_on_every_watched_edit(served, catalog):
    """One edit in each watched place, each seen on a served page. MkDocs registers docs/ and
    mkdocs.yml itself and data/ and macros/ from mkdocs.yml's `watch:`, at two different moments
    of starting the server; a hook that swaps the file watcher must keep both (it once lost the
    first two)."""
    project, base = served
    page = f"{base}/gateway/"
    assert wait_for(page, 'id="close-4011"', 60), "serve never came up"

    replace_in(project / "docs" / "about.md", "\n# About\n", "\n# About these codes\n")
    assert wait_for(f"{base}/about/", "About these codes</h1>", 30), "an edit under docs/ was not rebuilt"

    replace_in(project / "mkdocs.yml", "  - About: about.md", "  - About the site: about.md")
    assert wait_for(f"{base}/about/", "About the site", 30), "an edit to mkdocs.yml was not rebuilt"

    replace_in(project / "data" / "gateway-close-codes.toml", 'name = "Sharding required"', 'name = "Sharding really required"')
    assert wait_for(page, "Sharding really required", 30), "an edit under data/ was not rebuilt"

    index = json.loads(fetch(f"{base}/search/search_index.json"))
    locations = Counter(doc["location"] for doc in index["docs"])
    assert locations["c/close-4011/"] == 1 and locations["c/json-50035/"] == 1
    field_pages = {e.page_url for e in catalog.field_registry.errors} if catalog.field_registry else set()
    assert {loc for loc in locations if loc.startswith("c/")} == {c.page_url for c in catalog.codes()} | field_pages
    assert max(locations.values()) == 1, "search entries duplicated by the rebuild"
    assert wait_for(f"{base}/c/close-4011/", "Sharding really required", 10), "the code page was not rewritten"

    render = project / "macros" / "code_page.py"
    render.write_text(render.read_text().replace('>Show in the table<', '>Show in another table<'))
    assert wait_for(f"{base}/c/close-4011/", "Show in another table", 30), "an edit under macros/ was not picked up"


def test_a_busy_address_is_one_line_before_building(tmp_path):
    """Port taken (another `make serve`, another program): one line naming the address and how to
    pick another, no traceback, and no build first."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        result = subprocess.run([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                cwd=project, env=SERVE_ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert errors == [f"ERROR   -  127.0.0.1:{port} is already in use (is another `make serve` running?); "
                      f"serve on another address: make serve ADDR=127.0.0.1:{port + 1}"]
    assert not (project / ".cache").exists(), "it loaded the data before finding the address busy"


def test_make_serve_passes_addr_and_a_busy_one_is_one_line(tmp_path):
    """`make serve ADDR=host:port` serves there; here the port is taken, so the line names it."""
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    (project / "requirements.txt").write_text("")
    venv = tmp_path / "venv"  # an installed venv whose mkdocs is this one
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "mkdocs").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m mkdocs "$@"\n')
    (venv / "bin" / "mkdocs").chmod(0o755)
    (venv / ".installed").touch()
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        result = subprocess.run(["make", "-C", str(project), f"VENV={venv}", "serve", f"ADDR=127.0.0.1:{port}"],
                                env=SERVE_ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert f"ERROR   -  127.0.0.1:{port} is already in use" in result.stderr
