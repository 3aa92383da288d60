"""What the site adds to each page the theme renders: the HTML its macros set aside and the code
tables' rows go back in after Markdown (see render.py), and every page's head gets the feed link
and the lazy search loader."""
from __future__ import annotations

import functools
import re
from pathlib import Path

from . import changes, render
from .model import Catalog

LAZY_SEARCH_SCRIPT = "assets/javascripts/lazy-search.js"  # in docs/, excluded from the copy: inlined


def filled_content(catalog: Catalog, content: str, page_url: str, set_aside: list[str]) -> tuple[str, set[str]]:
    """A rendered page's content with its set-aside blocks and table rows in place, and the ids the
    rows added (the generator's anchor check must know them)."""
    content = render.fill_html_slots(content, set_aside)
    return render.fill_table_slots(catalog, content, page_url)


def inline_script(source: str) -> str:
    """A script as it goes into every page: without its /* comments */ and indentation, which
    would otherwise be most of its weight on each of the ~350 pages. (The file keeps them.)"""
    without_comments = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    return "\n".join(line.strip() for line in without_comments.splitlines() if line.strip())


def lazy_search_script(docs_dir: Path) -> str:
    path = docs_dir / LAZY_SEARCH_SCRIPT
    return inlined_script(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)  # read once, not for every page; read again once edited (`mkdocs serve`)
def inlined_script(path: Path, modified_ns: int) -> str:
    return inline_script(path.read_text(encoding="utf-8"))


def with_head_tags(html: str, page_url: str, site_url: str, site_name: str, docs_dir: Path) -> str:
    """The feed link, and the lazy-search loader inlined: it must run before the theme's bundle,
    which would otherwise fetch the search index and start the search worker on every page load."""
    tag = changes.feed_link_tag(page_url, site_url, site_name)
    return changes.with_head_tags(html, tag + f"<script>{lazy_search_script(docs_dir)}</script>")
