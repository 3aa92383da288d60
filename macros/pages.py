"""Checks on the files in docs/: every page valid UTF-8, every table placed exactly once, on the page
the URL contract names, no page asking for a table that does not exist, every docs_link naming a
registered Discord docs page, every page's template parsed with only known names, and nothing in
docs/c/. Run before the site generator writes anything."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from .model import CODE_PAGES_DIR, Catalog
from .problems import Problem

_TABLE_CALL = re.compile(r"""\{\{\s*code_table\(\s*["']([^"']*)["']\s*\)\s*\}\}""")
_DOCS_LINK_CALL = re.compile(r"""docs_link\(\s*["']([^"']*)["']""")


def docs_problems(catalog: Catalog, docs_dir: Path, jinja_env, known_names: set[str],
                  split_front_matter: Callable[[str], tuple[str, dict]]) -> list[Problem]:
    """Every mistake in the files of docs/, one Problem each: checked before the generator writes
    anything, since it would meet them only while rendering, after emptying the site folder, and
    print a traceback. `jinja_env`, `known_names` and `split_front_matter` are what the generator
    renders pages with (see template_problems)."""
    names = [p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*") if p.is_file()]
    sources, problems = decode_pages({name: (docs_dir / name).read_bytes() for name in names if name.endswith(".md")})
    return (problems + check_code_pages_folder(names) + check_pages(catalog, sources)
            + template_problems(jinja_env, known_names, sources, split_front_matter))


def template_problems(jinja_env, known_names: set[str], sources: dict[str, str],
                      split_front_matter: Callable[[str], tuple[str, dict]]) -> list[Problem]:
    """Jinja syntax errors and unknown names in docs/ pages, one Problem each, with the file line.
    known_names: the macros, variables, filters and globals pages may use; split_front_matter:
    source -> (the Markdown Jinja renders, the front matter's variables)."""
    from jinja2 import TemplateSyntaxError
    from jinja2 import meta as jinja_meta

    problems = []
    for name, source in sorted(sources.items()):
        markdown, front_matter = split_front_matter(source)
        if front_matter.get("render_macros") is False:
            continue
        offset = front_matter_lines(source, markdown)
        where = f"docs/{name}"
        try:
            undeclared = jinja_meta.find_undeclared_variables(jinja_env.parse(markdown))
        except TemplateSyntaxError as error:  # also an unknown filter or test
            problems.append(Problem(where, error.lineno + offset, "", f"template: {error.message}"))
            continue
        for variable in sorted(undeclared - known_names - set(front_matter)):
            used = re.compile(r"(\{\{|\{%)[^}]*\b" + re.escape(variable) + r"\b")
            line = next((n for n, text in enumerate(markdown.splitlines(), 1) if used.search(text)), None)
            problems.append(Problem(where, line + offset if line else None, "",
                                    f"{variable!r} is not a macro or variable this site defines"))
    return problems


def front_matter_lines(source: str, markdown: str) -> int:
    """How many lines of the file come before the Markdown that Jinja sees (its line 1)."""
    return source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0


def render_error_line(where: str, error: Exception, markdown: str, source: str | None) -> str:
    """An error raised while a page's template rendered, as one line with the file line: the first
    traceback entry in the page's own template (Jinja names it "<template>"), counted from the top of
    `source` (the file, front matter included; `markdown` is what Jinja rendered)."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != "<template>":
        tb = tb.tb_next
    line = tb.tb_lineno if tb is not None else None
    if line is not None and source is not None:
        line += front_matter_lines(source, markdown)
    return where + (f":{line}" if line else "") + f": {error}"


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
