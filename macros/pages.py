"""Checks on the pages in docs/: every table is placed exactly once, on the page the URL contract
names, no page asks for a table that does not exist, and every docs_link names a registered
Discord docs page. Run before MkDocs writes anything."""
from __future__ import annotations

import re

from collections.abc import Iterable

from .model import CODE_PAGES_DIR, Catalog
from .problems import Problem

_TABLE_CALL = re.compile(r"""\{\{\s*code_table\(\s*["']([^"']*)["']\s*\)\s*\}\}""")
_DOCS_LINK_CALL = re.compile(r"""docs_link\(\s*["']([^"']*)["']""")


def decode_pages(files: dict[str, bytes]) -> tuple[dict[str, str], list[Problem]]:
    """docs-relative file name -> bytes, as text; a page that is not UTF-8 is one problem naming
    its line (MkDocs would stop on it with a traceback) and is left out of the other checks."""
    sources, problems = {}, []
    for name, raw in sorted(files.items()):
        try:
            sources[name] = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            problems.append(Problem(f"docs/{name}", line, "", f"not valid UTF-8 (byte 0x{raw[error.start]:02x})"))
    return sources, problems


def check_code_pages_folder(names: Iterable[str]) -> list[Problem]:
    """names: every file in docs/, docs-relative. The build owns /c/: it writes a page there for
    every code and deletes whatever else it finds, so a page of docs/c/ would vanish from the built
    site while the nav and the sitemap still list it."""
    return [Problem(f"docs/{name}", None, "", f"docs/{CODE_PAGES_DIR}/ is reserved for the generated code pages "
                                              f"(/{CODE_PAGES_DIR}/<anchor>/), which replace anything else there; "
                                              f"move this file out of docs/{CODE_PAGES_DIR}/")
            for name in sorted(names) if name.startswith(f"{CODE_PAGES_DIR}/")]


def table_calls(markdown: str) -> list[str]:
    return _TABLE_CALL.findall(markdown)


def check_pages(catalog: Catalog, pages: dict[str, str]) -> list[Problem]:
    """pages: docs-relative file name (e.g. "gateway.md") -> its Markdown source."""
    return check_table_placement(catalog, pages) + check_docs_links(catalog, pages)


def check_docs_links(catalog: Catalog, pages: dict[str, str]) -> list[Problem]:
    problems = []
    for name, markdown in sorted(pages.items()):
        for number, line in enumerate(markdown.splitlines(), 1):
            for link_name in _DOCS_LINK_CALL.findall(line):
                if link_name not in catalog.docs_links:
                    problems.append(Problem(f"docs/{name}", number, "", f"docs_link({link_name!r}): no such name "
                                                                         "in data/discord-docs.toml"))
    return problems


def check_table_placement(catalog: Catalog, pages: dict[str, str]) -> list[Problem]:
    problems = []
    placed: dict[str, list[str]] = {}
    for name, markdown in sorted(pages.items()):
        for table_id in table_calls(markdown):
            placed.setdefault(table_id, []).append(name)
    for table_id, names in sorted(placed.items()):
        where = f"docs/{names[0]}"
        if not catalog.has_table(table_id):
            problems.append(Problem(where, None, "", f"code_table({table_id!r}): no such table"))
            continue
        expected = f"{catalog.table(table_id).page}.md"
        if len(names) > 1:
            problems.append(Problem(where, None, "", f"table {table_id!r} is placed {len(names)} times "
                                                     f"({', '.join(names)}); its anchors must be unique"))
        elif names[0] != expected:
            problems.append(Problem(where, None, "", f"table {table_id!r} belongs on {expected} (the URL contract)"))
    for table in catalog.tables:
        if table.id not in placed:
            problems.append(Problem(f"docs/{table.page}.md", None, "",
                                    f"table {table.id!r} is never placed; add {{{{ code_table(\"{table.id}\") }}}}"))
    return problems
