"""Everything the site generates is made by plain functions of the catalog: a short script, with
no MkDocs imported, makes the same files the build writes."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from conftest import ROOT

# What a port to another generator (or any script) would run: no MkDocs, no mkdocs-macros.
SCRIPT = """
import json, sys
from pathlib import Path
from macros import code_page, site_files
from macros.catalog import load_catalog
from macros.lookup import load_rules

data, out, site_url = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
catalog = load_catalog(data)
frame = f"<html><head><title>{code_page.TITLE_SLOT}</title>" \\
        f"<meta name=description content='{code_page.DESCRIPTION_SLOT}'></head><body>{code_page.CONTENT_SLOT}</body></html>"
files = site_files.generate(catalog, load_rules(data, catalog), site_url, "Discord Codes", frame)
site_files.write_files(out / "site", files)
(out / "search_index.json").write_text(site_files.search_index_with_codes('{"config": {}, "docs": []}', catalog))
(out / "sitemap.xml").write_text(site_files.sitemap_with_code_pages("<urlset>\\n</urlset>", catalog, site_url))
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("mkdocs", "mkdocs_macros", "material"))))
"""


def test_a_script_without_mkdocs_makes_the_files_the_build_writes(tmp_path, built_site, catalog):
    site_url = os.environ.get("SITE_URL") or "http://127.0.0.1:8000/"  # as mkdocs.yml reads it
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT / "data"), str(tmp_path), site_url],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout) == [], "generating the site's files imported the site generator"

    made = {p.relative_to(tmp_path / "site").as_posix(): p.read_bytes()
            for p in (tmp_path / "site").rglob("*") if p.is_file()}
    code_pages = {path for path in made if path.startswith("c/")}
    assert code_pages == {p.relative_to(built_site).as_posix() for p in (built_site / "c").rglob("*") if p.is_file()}
    assert len(code_pages) > 300
    for path in sorted(made.keys() - code_pages):  # /codes.json, the feed, the lookup's scripts, ...
        assert made[path] == (built_site / path).read_bytes(), path
    assert {"codes.json", "changes.xml", "assets/javascripts/code-map.js"} <= made.keys()
    for path in sorted(code_pages):  # in a frame of our own: the page's body is the built page's
        body = re.search(r"<body>(.*)</body>", made[path].decode("utf-8"), re.S)
        if body:  # an alias page has no frame
            assert body[1] in (built_site / path).read_text(encoding="utf-8"), path

    built_index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    index = json.loads((tmp_path / "search_index.json").read_text(encoding="utf-8"))
    ours = {doc["location"] for doc in index["docs"]}  # a code, a field code, a route, a flag
    assert sum(doc["location"].startswith("c/") for doc in index["docs"]) >= len(list(catalog.codes()))
    assert index["docs"] == [doc for doc in built_index["docs"] if doc["location"] in ours]
    sitemap = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    built_sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    code_urls = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert len(code_urls) == len(code_pages) - sum(1 for p in code_pages if b"noindex" in made[p])
    assert all(f"<loc>{url}</loc>" in built_sitemap for url in code_urls)
