"""Files written next to the built pages: /codes.json and its schema, /c/<anchor>/ share pages and
the forwarding map. Plain Python: give it a catalog and a folder. (The per-code search entries go
into the theme's own index, so the adapter writes them.)"""
from __future__ import annotations

import json
import shutil
from html import escape
from pathlib import Path

from . import changes, export, text
from .model import Catalog, Code
from .references import relative_url
from .render import SHARE_DIR, code_title, share_path

PACKAGE_DIR = Path(__file__).resolve().parent
CODES_SCHEMA = PACKAGE_DIR / "codes_json.schema.json"
FORWARD_MAP_PATH = "assets/javascripts/code-map.js"
DESCRIPTION_LIMIT = 300


def write_file(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def write_all(catalog: Catalog, site_dir: Path, *, site_url: str, site_name: str) -> None:
    write_codes_json(catalog, site_dir, site_url)
    write_share_pages(catalog, site_dir, site_url, site_name)
    write_forwarding_map(catalog, site_dir)
    write_file(site_dir / changes.FEED_PATH, changes.atom_feed(catalog, site_url, site_name))


def write_codes_json(catalog: Catalog, site_dir: Path, site_url: str) -> None:
    data = export.codes_json(catalog, site_url)
    write_file(site_dir / "codes.json", one_record_per_line(data))
    write_file(site_dir / "codes.schema.json", CODES_SCHEMA.read_text(encoding="utf-8"))


def write_forwarding_map(catalog: Catalog, site_dir: Path) -> None:
    payload = script_json(export.forwarding_map(catalog))
    write_file(site_dir / FORWARD_MAP_PATH, f"window.codeMap={payload};\n")


def html_safe_json(value, **options) -> str:
    """JSON with <, > and & written as \\u escapes: the same data once parsed, but no markup in the
    bytes, so it stays inert even if someone pastes it into a page or a <script> element."""
    encoded = json.dumps(value, ensure_ascii=False, **options)
    return encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


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


def script_json(value) -> str:
    return html_safe_json(value, separators=(",", ":"))


def share_description(code: Code) -> str:
    plain = text.plain_text(code.shown_explanation)
    return plain if len(plain) <= DESCRIPTION_LIMIT else plain[: DESCRIPTION_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def share_page(catalog: Catalog, code: Code, site_url: str, site_name: str) -> str:
    table = catalog.table(code.table_id)
    title = f"{code_title(catalog, code)} · {code.name}"
    target = relative_url(share_path(code), table.page_url) + "#" + code.anchor
    canonical = export.absolute(site_url, table.location(code.anchor))
    share_url = export.absolute(site_url, share_path(code))
    description = share_description(code)
    e = escape
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{e(title)} · {e(site_name)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="description" content="{e(description)}">
<meta name="robots" content="noindex">
<link rel="canonical" href="{e(canonical)}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="{e(site_name)}">
<meta property="og:title" content="{e(title)}">
<meta property="og:description" content="{e(description)}">
<meta property="og:url" content="{e(share_url)}">
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="{e(title)}">
<meta name="twitter:description" content="{e(description)}">
<meta http-equiv="refresh" content="0; url={e(target)}">
<script>location.replace({script_json(target)});</script>
</head>
<body>
<main>
<h1>{e(title)}</h1>
<p>{e(description)}</p>
<p><a href="{e(target)}">Go to {e(code_title(catalog, code))} on {e(table.title)}</a></p>
</main>
</body>
</html>
"""


def write_share_pages(catalog: Catalog, site_dir: Path, site_url: str, site_name: str) -> None:
    """Write /c/<anchor>/index.html for every code, leaving files that already hold the right bytes
    alone, and remove share folders no code owns any more.

    Creating hundreds of folders and files is most of what this costs, and on a slow disk it was
    the largest single part of a build; reading a file that is already right is cheap."""
    share_root = site_dir / SHARE_DIR
    wanted = set()
    for code in catalog.codes():
        folder = site_dir / share_path(code)
        wanted.add(folder.name)
        write_if_changed(folder / "index.html", share_page(catalog, code, site_url, site_name).encode("utf-8"))
    for entry in share_root.iterdir() if share_root.is_dir() else ():
        if entry.name not in wanted:
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
