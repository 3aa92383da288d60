"""Links live for years in chat logs: every anchor ever published keeps landing on a row."""
from __future__ import annotations

import re
import subprocess
import sys

import sitecrawl
from conftest import ROOT
from macros import lock
from macros.catalog import load_catalog

LOCK = ROOT / "data" / "anchors.lock"


def test_every_locked_anchor_lands_on_the_built_site(built_site):
    ids = {p.url: set(p.ids) for p in sitecrawl.pages(built_site) if not p.url.startswith("c/")}
    forwarded = sitecrawl.code_map(built_site)["pages"]
    entries = lock.read_lock(LOCK)
    assert len(entries) >= 349
    lost = []
    for entry in entries:
        page, _, anchor = entry.partition("#")
        if anchor in ids.get(page, ()):
            continue
        target = [p for p, anchors in forwarded.items() if anchor in anchors]
        if not (target and anchor in ids[target[0]]):
            lost.append(entry)
    assert lost == []


def test_every_published_anchor_is_locked(catalog):
    missing = set(lock.published(catalog)) - set(lock.read_lock(LOCK))
    assert missing == set(), "run `make lock` and commit data/anchors.lock"


def test_lock_command_checks_the_real_data():
    result = subprocess.run([sys.executable, "-m", "macros.lock", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_update_appends_and_never_removes(tiny_data):
    path = tiny_data / "anchors.lock"
    path.write_text(lock.HEADER + "gateway/#close-4999\n")
    catalog = load_catalog(tiny_data)
    new = lock.update(catalog, path)
    assert "gateway/#close-4011" in new
    entries = lock.read_lock(path)
    assert entries[0] == "gateway/#close-4999" and set(new) <= set(entries)
    assert lock.update(catalog, path) == []
    assert lock.unresolved(catalog, entries) == ["gateway/#close-4999"]


def test_a_renumbered_code_keeps_its_old_anchor_as_an_alias(tiny_data):
    path = tiny_data / "anchors.lock"
    lock.update(load_catalog(tiny_data), path)
    table = tiny_data / "gateway-close-codes.toml"
    table.write_text(table.read_text().replace("code = 4011", "code = 4111"))
    assert lock.unresolved(load_catalog(tiny_data), lock.read_lock(path)) == ["gateway/#close-4011"]
    table.write_text(table.read_text().replace("code = 4111", 'code = 4111\naliases = ["close-4011"]'))
    assert lock.unresolved(load_catalog(tiny_data), lock.read_lock(path)) == []


def test_a_code_moved_to_another_page_still_lands_through_forwarding(tiny_data):
    path = tiny_data / "anchors.lock"
    lock.update(load_catalog(tiny_data), path)
    old = tiny_data / "rpc-close-codes.toml"
    old.write_text(old.read_text().replace("code = 4003", "code = 4004"))
    new = tiny_data / "voice-close-codes.toml"
    new.write_text(new.read_text().replace("code = 4011", 'code = 4011\naliases = ["rpc-close-4003"]'))
    assert lock.unresolved(load_catalog(tiny_data), lock.read_lock(path)) == []


def test_an_alias_is_rendered_on_the_new_row_and_forwarded(alias_site):
    site = alias_site  # close 4011 renumbered to 4111, keeping close-4011 as an alias (conftest)
    html = (site / "gateway" / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr id="close-4111".*?</tr>', html, re.S)[0]
    assert '<span id="close-4011" class="code-alias"></span>' in row
    assert '"close-4011"' in (site / "assets" / "javascripts" / "code-map.js").read_text()
