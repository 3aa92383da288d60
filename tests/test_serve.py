"""`mkdocs serve` rebuilds on data edits and picks up edited macro code without a restart."""
from __future__ import annotations

import json
import os
from collections import Counter

import pytest

from helpers import copy_project, fetch, mkdocs_serving, replace_in, wait_for


@pytest.fixture
def served(tmp_path):
    project = copy_project(tmp_path / "project")
    with mkdocs_serving(project, "--strict", env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}) as base:
        yield project, base


def test_serve_rebuilds_on_data_and_macro_edits(served, catalog):
    project, base = served
    page = f"{base}/gateway/"
    assert wait_for(page, 'id="close-4011"', 60), "serve never came up"

    replace_in(project / "data" / "gateway-close-codes.toml", 'name = "Sharding required"', 'name = "Sharding really required"')
    assert wait_for(page, "Sharding really required", 60), "data edit was not rebuilt"

    index = json.loads(fetch(f"{base}/search/search_index.json"))
    locations = Counter(doc["location"] for doc in index["docs"])
    assert locations["c/close-4011/"] == 1 and locations["c/json-50035/"] == 1
    assert {loc for loc in locations if loc.startswith("c/")} == {c.page_url for c in catalog.codes()}
    assert max(locations.values()) == 1, "search entries duplicated by the rebuild"
    assert wait_for(f"{base}/c/close-4011/", "Sharding really required", 10), "the code page was not rewritten"

    render = project / "macros" / "code_page.py"
    render.write_text(render.read_text().replace('>Show in the table<', '>Show in another table<'))
    assert wait_for(f"{base}/c/close-4011/", "Show in another table", 60), "edited macro code was not picked up"
