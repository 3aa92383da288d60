"""Files written next to the built pages: /codes.json and its schema, the /c/<anchor>/ code pages,
the forwarding map, the feed. Plain Python, in two steps: `prepare` makes everything from the
catalog (in a forked copy of the build, see ahead.py), `write_all` puts each code page into the
theme's frame and writes it all. (The search entries it prepares go into the theme's own index,
so the adapter writes those.)"""
from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import chain
from html import escape
from pathlib import Path

from . import changes, code_page, export, field_site
from .endpoints import export as endpoints_export
from .export import script_json
from .model import CODE_PAGES_DIR, Catalog

PACKAGE_DIR = Path(__file__).resolve().parent
CODES_SCHEMA = PACKAGE_DIR / "codes_json.schema.json"
FIELD_ERRORS_SCHEMA = PACKAGE_DIR / "field_errors_json.schema.json"
PERMISSIONS_SCHEMA = PACKAGE_DIR / "endpoints" / "permissions_json.schema.json"
FORWARD_MAP_PATH = "assets/javascripts/code-map.js"


Generated = Iterable[tuple[str, "str | bytes"]]  # (path inside the site, content) pairs


@dataclass(frozen=True)
class Prepared:
    """Everything written after the theme is done, made from the catalog alone, so it can be made
    while the theme still renders (see ahead.py). Only the code pages wait for the theme's frame."""
    code_pages: tuple[tuple[str, dict[str, bytes]], ...]  # (path, what fills each slot of the frame)
    files: tuple[tuple[str, bytes], ...]  # alias pages, /codes.json and the rest, ready to write
    search_entries: tuple[dict, ...]  # one per code, for the theme's search index


def prepare(catalog: Catalog, site_url: str, site_name: str, more: Generated = ()) -> Prepared:
    """`more`: files the caller makes from the catalog too (the lookup's scripts)."""
    return Prepared(
        code_pages=tuple((f"{code.page_url}index.html", code_page.fillings(catalog, code, site_url, site_name))
                         for code in catalog.codes()) + field_site.code_pages(catalog, site_url),
        files=tuple((path, as_bytes(content))
                    for path, content in chain(alias_pages(catalog, site_url), other_files(catalog, site_url, site_name),
                                               more)),
        search_entries=tuple(chain(export.search_entries(catalog), field_site.search_entries(catalog),
                                   endpoints_export.search_entries(catalog.permissions)
                                   if catalog.permissions is not None else ())),
    )


def write_all(prepared: Prepared, site_dir: Path, frame: code_page.Frame) -> None:
    """Every prepared file, each code page in the theme's frame, then remove code page folders no
    code owns. The code pages come first: the disk writes them while the rest is queued."""
    frame.check()
    code_pages = ((path, frame.fill(fillings)) for path, fillings in prepared.code_pages)
    write_files(site_dir, chain(code_pages, prepared.files))
    owned = {path.split("/")[1] for path, _ in chain(prepared.code_pages, prepared.files)
             if path.startswith(f"{CODE_PAGES_DIR}/")}  # a code's or an alias's folder
    pages_root = site_dir / CODE_PAGES_DIR
    for entry in pages_root.iterdir() if pages_root.is_dir() else ():
        if entry.name not in owned:
            remove(entry)


def alias_pages(catalog: Catalog, site_url: str) -> Generated:
    for alias, code in code_page.alias_targets(catalog).items():
        yield f"{CODE_PAGES_DIR}/{alias}/index.html", code_page.alias_page(catalog, alias, code, site_url)


def other_files(catalog: Catalog, site_url: str, site_name: str) -> Generated:
    yield "codes.json", one_record_per_line(export.codes_json(catalog, site_url))
    yield "codes.schema.json", CODES_SCHEMA.read_bytes()
    yield FORWARD_MAP_PATH, forwarding_map_script(catalog)
    yield changes.FEED_PATH, changes.atom_feed(catalog, site_url, site_name)
    yield field_site.EXPORT_PATH, one_record_per_line(field_site.export_data(catalog, site_url))
    yield field_site.EXPORT_SCHEMA_PATH, FIELD_ERRORS_SCHEMA.read_bytes()
    yield field_site.LOOKUP_DATA_SCRIPT, field_site.lookup_data_script(catalog)
    yield from endpoints_export.files(catalog.permissions, site_url)  # /permissions.json, the lookup's routes
    if catalog.permissions is not None:
        yield endpoints_export.SCHEMA_PATH, PERMISSIONS_SCHEMA.read_bytes()


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


# On a slow disk, writing the ~350 generated files, not making them, was most of what they cost.
# A few threads write while the next files are made (a file write lets other threads run).
WRITER_THREADS = 4


def write_files(site_dir: Path, files: Generated) -> None:
    """Write each (path, content) as soon as it is made, leaving files that already hold the right
    bytes alone. Returns when all are written; the first write that failed is raised."""
    with ThreadPoolExecutor(max_workers=WRITER_THREADS) as writers:
        pending = [writers.submit(write_if_changed, site_dir / path, as_bytes(content)) for path, content in files]
    for write in pending:
        write.result()


def sitemap_with_code_pages(sitemap: str, catalog: Catalog, site_url: str, frame_url: str) -> str:
    """The theme's sitemap without the code page frame, with every code page added."""
    entry = re.compile(r"\s*<url>\s*<loc>" + re.escape(frame_url) + r"</loc>.*?</url>", re.S)
    sitemap = entry.sub("", sitemap)
    urls = [code.page_url for code in catalog.codes()] + [error.page_url for error in field_site.registry(catalog).errors]
    pages = "".join(f"\n    <url>\n         <loc>{escape(export.absolute(site_url, url))}</loc>\n    </url>"
                    for url in urls)
    return sitemap.replace("</urlset>", pages.lstrip("\n") + "\n</urlset>", 1) if pages else sitemap


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
