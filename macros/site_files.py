"""Every file the site generates beside the pages the theme renders, as plain functions of the
catalog: the /c/<anchor>/ code pages and their alias pages, /codes.json and its schema, the
forwarding map, the feed, the lookup's scripts; and what it adds to two files the theme writes
(its search index, its sitemap). No MkDocs here: a short script can call `generate` (see
tests/test_site_files.py); the adapter calls `write_site` once the theme has written its files.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
from html import escape
from pathlib import Path

from . import changes, code_page, export, field_errors, field_site, lookup
from .endpoints import export as endpoints_export
from .export import script_json
from .model import CODE_PAGES_DIR, Catalog

PACKAGE_DIR = Path(__file__).resolve().parent
CODES_SCHEMA = PACKAGE_DIR / "codes_json.schema.json"
FIELD_ERRORS_SCHEMA = PACKAGE_DIR / "field_errors_json.schema.json"
PERMISSIONS_SCHEMA = PACKAGE_DIR / "endpoints" / "permissions_json.schema.json"
FORWARD_MAP_PATH = "assets/javascripts/code-map.js"
SEARCH_INDEX = "search/search_index.json"  # Material's search plugin writes it
SITEMAP = "sitemap.xml"  # MkDocs writes it, and a gzip copy beside it


def generate(catalog: Catalog, lookup_rules: lookup.Rules | None, site_url: str, site_name: str,
             frame_html: str | None) -> dict[str, bytes]:
    """Path inside the site -> content, for every generated file. `frame_html`: the theme's
    rendering of the code page frame (code_page.FRAME_MARKDOWN), in which each code page is filled;
    raises code_page.FrameError when there is none or the theme lost one of its placeholders."""
    if frame_html is None:
        raise code_page.FrameError(f"the theme did not render the code page frame ({code_page.FRAME_SOURCE}), "
                                   "so no code page was written; see macros/code_page.py")
    frame = code_page.Frame(frame_html, frame_url=export.absolute(site_url, code_page.FRAME_URL))
    frame.check()
    files = {f"{code.page_url}index.html": frame.fill(code_page.fillings(catalog, code, site_url, site_name))
             for code in catalog.codes()}
    files.update((path, frame.fill(fillings)) for path, fillings in field_site.code_pages(catalog, site_url, site_name))
    for alias, code in code_page.alias_targets(catalog).items():
        files[f"{CODE_PAGES_DIR}/{alias}/index.html"] = as_bytes(code_page.alias_page(catalog, alias, code, site_url))
    files["codes.json"] = as_bytes(one_record_per_line(export.codes_json(catalog, site_url)))
    files["codes.schema.json"] = CODES_SCHEMA.read_bytes()
    files[FORWARD_MAP_PATH] = as_bytes(forwarding_map_script(catalog))
    files[changes.FEED_PATH] = as_bytes(changes.atom_feed(catalog, site_url, site_name))
    files[field_site.EXPORT_PATH] = as_bytes(one_record_per_line(field_site.export_data(catalog, site_url)))
    files[field_site.EXPORT_SCHEMA_PATH] = FIELD_ERRORS_SCHEMA.read_bytes()
    files[field_site.LOOKUP_DATA_SCRIPT] = as_bytes(field_site.lookup_data_script(catalog))
    if catalog.permissions is not None:  # /permissions.json, its schema, the lookup's routes
        files.update((path, as_bytes(content)) for path, content in endpoints_export.files(catalog.permissions, site_url))
        files[endpoints_export.SCHEMA_PATH] = PERMISSIONS_SCHEMA.read_bytes()
    if lookup_rules is not None:
        files.update((path, as_bytes(content)) for path, content in lookup.rule_files(catalog, lookup_rules))
    return files


def search_entries(catalog: Catalog) -> list[dict]:
    """What the site adds to the theme's search index: one entry per code, per field error code,
    per route and per permission flag."""
    entries = export.search_entries(catalog) + list(field_site.search_entries(catalog))
    if catalog.permissions is not None:
        entries += list(endpoints_export.search_entries(catalog.permissions))
    return entries


def search_index_with_codes(index_json: str, catalog: Catalog) -> str:
    """The theme's search index with one entry per code, replacing any an earlier build left
    (`--dirty`, `mkdocs serve`)."""
    index = json.loads(index_json)
    entries = search_entries(catalog)
    ours = {entry["location"] for entry in entries}
    index["docs"] = [doc for doc in index["docs"] if doc.get("location") not in ours] + entries
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def sitemap_with_code_pages(sitemap: str, catalog: Catalog, site_url: str) -> str:
    """The theme's sitemap without the code page frame, with every code page added."""
    frame_url = export.absolute(site_url, code_page.FRAME_URL)
    entry = re.compile(r"\s*<url>\s*<loc>" + re.escape(frame_url) + r"</loc>.*?</url>", re.S)
    sitemap = entry.sub("", sitemap)
    urls = [code.page_url for code in catalog.codes()] + [error.page_url for error in field_errors.registry_of(catalog).errors]
    pages = "".join(f"\n    <url>\n         <loc>{escape(export.absolute(site_url, url))}</loc>\n    </url>"
                    for url in urls)
    return sitemap.replace("</urlset>", pages.lstrip("\n") + "\n</urlset>", 1) if pages else sitemap


def write_site(site_dir: Path, catalog: Catalog, lookup_rules: lookup.Rules | None, site_url: str, site_name: str,
               frame_html: str | None) -> None:
    """After the theme has written the site: every generated file, the code pages put back from
    their hidden place first (see set_code_pages_aside), the frame page removed, and the code pages
    added to the theme's search index and sitemap."""
    files = generate(catalog, lookup_rules, site_url, site_name, frame_html)  # a FrameError writes nothing
    restore_code_pages(site_dir)
    write_files(site_dir, files)
    shutil.rmtree(site_dir / code_page.FRAME_URL.split("/", 1)[0], ignore_errors=True)
    index = site_dir / SEARCH_INDEX
    if index.is_file():
        index.write_text(search_index_with_codes(index.read_text(encoding="utf-8"), catalog), encoding="utf-8")
    sitemap = site_dir / SITEMAP
    if sitemap.is_file():
        text = sitemap_with_code_pages(sitemap.read_text(encoding="utf-8"), catalog, site_url)
        sitemap.write_text(text, encoding="utf-8")
        # mtime=0: the same sitemap gives the same bytes, as MkDocs' own gzip copy does.
        (site_dir / f"{SITEMAP}.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def forwarding_map_script(catalog: Catalog) -> str:
    return f"window.codeMap={script_json(export.forwarding_map(catalog))};\n"


def as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def one_record_per_line(data: dict) -> str:
    """JSON with one top-level key, and one table or code, per line: diffs stay readable, and the
    fast compact encoder does the work (an indented dump takes several times longer)."""
    lines = []
    for key, value in data.items():
        if isinstance(value, list):
            items = ",\n  ".join(script_json(item) for item in value)
            lines.append(f" {script_json(key)}: [\n  {items}\n ]")
        else:
            lines.append(f" {script_json(key)}: {script_json(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


# ---------------------------------------------------------------- writing

def write_files(site_dir: Path, files: dict[str, bytes]) -> None:
    """Write each file, leaving those that already hold the right bytes alone, then remove what no
    file owns under /c/ (a code that went, an alias dropped)."""
    for path, content in files.items():
        write_if_changed(site_dir / path, as_bytes(content))
    owned = {path.split("/")[1] for path in files if path.startswith(f"{CODE_PAGES_DIR}/")}
    pages_root = site_dir / CODE_PAGES_DIR
    for entry in pages_root.iterdir() if pages_root.is_dir() else ():
        if entry.name not in owned:
            remove(entry)


def write_if_changed(path: Path, content: bytes) -> None:
    try:
        with open(path, "rb") as existing:
            if existing.read() == content:
                return
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


# The site generator empties the site folder before every build but skips hidden entries. The code
# pages are set aside under a hidden name until the build is done, so unchanged ones are not deleted
# and re-created: on a slow disk those hundreds of folders were the largest part of a build.
CODE_PAGES_ASIDE = ".codes-share-pages"  # the name of old builds too: a crashed one may have left it


def set_code_pages_aside(site_dir: Path) -> None:
    pages_dir, aside = site_dir / CODE_PAGES_DIR, site_dir / CODE_PAGES_ASIDE
    if pages_dir.is_dir() and not pages_dir.is_symlink():
        if aside.exists():  # left by a build that crashed after this point
            shutil.rmtree(aside, ignore_errors=True)
        os.replace(pages_dir, aside)


def restore_code_pages(site_dir: Path) -> None:
    pages_dir, aside = site_dir / CODE_PAGES_DIR, site_dir / CODE_PAGES_ASIDE
    if aside.is_dir():
        if pages_dir.exists():  # something else wrote a code page folder during the build: it wins
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.replace(aside, pages_dir)
