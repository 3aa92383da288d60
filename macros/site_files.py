"""Files written next to the built pages: /codes.json and its schema, the /c/<anchor>/ code pages
and the forwarding map. Plain Python: give it a catalog, a folder and the theme's code page frame.
(The per-code search entries go into the theme's own index, so the adapter writes them.)"""
from __future__ import annotations

import json
import re
import shutil
from html import escape
from pathlib import Path

from . import changes, code_page, export
from .export import script_json
from .model import CODE_PAGES_DIR, Catalog

PACKAGE_DIR = Path(__file__).resolve().parent
CODES_SCHEMA = PACKAGE_DIR / "codes_json.schema.json"
FORWARD_MAP_PATH = "assets/javascripts/code-map.js"


def write_file(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def write_all(catalog: Catalog, site_dir: Path, frame: code_page.Frame, *, site_url: str, site_name: str) -> None:
    write_codes_json(catalog, site_dir, site_url)
    write_code_pages(catalog, site_dir, frame, site_url, site_name)
    write_forwarding_map(catalog, site_dir)
    write_file(site_dir / changes.FEED_PATH, changes.atom_feed(catalog, site_url, site_name))


def write_codes_json(catalog: Catalog, site_dir: Path, site_url: str) -> None:
    data = export.codes_json(catalog, site_url)
    write_file(site_dir / "codes.json", one_record_per_line(data))
    write_file(site_dir / "codes.schema.json", CODES_SCHEMA.read_text(encoding="utf-8"))


def write_forwarding_map(catalog: Catalog, site_dir: Path) -> None:
    payload = script_json(export.forwarding_map(catalog))
    write_file(site_dir / FORWARD_MAP_PATH, f"window.codeMap={payload};\n")


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


def write_code_pages(catalog: Catalog, site_dir: Path, frame: code_page.Frame, site_url: str, site_name: str) -> None:
    """Write /c/<anchor>/index.html for every code (and a forwarding page for every alias),
    leaving files that already hold the right bytes alone, and remove folders no code owns.

    Creating hundreds of folders and files is most of what this costs, and on a slow disk it was
    the largest single part of a build; reading a file that is already right is cheap."""
    frame.check()
    pages_root = site_dir / CODE_PAGES_DIR
    wanted = set()
    for code in catalog.codes():
        folder = site_dir / code.page_url
        wanted.add(folder.name)
        write_if_changed(folder / "index.html", frame.stamp(catalog, code, site_url, site_name).encode("utf-8"))
    for alias, code in code_page.alias_targets(catalog).items():
        wanted.add(alias)
        page = code_page.alias_page(catalog, alias, code, site_url)
        write_if_changed(pages_root / alias / "index.html", page.encode("utf-8"))
    for entry in pages_root.iterdir() if pages_root.is_dir() else ():
        if entry.name not in wanted:
            remove(entry)


def sitemap_with_code_pages(sitemap: str, catalog: Catalog, site_url: str, frame_url: str) -> str:
    """The theme's sitemap without the code page frame, with every code page added."""
    entry = re.compile(r"\s*<url>\s*<loc>" + re.escape(frame_url) + r"</loc>.*?</url>", re.S)
    sitemap = entry.sub("", sitemap)
    pages = "".join(f"\n    <url>\n         <loc>{escape(export.absolute(site_url, code.page_url))}</loc>\n    </url>"
                    for code in catalog.codes())
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
