"""Read the parts of a discord-api-docs checkout the endpoint table is made from: the Route
sections of each page (`## Add Guild Member Role` then `<Route method="PUT">/guilds/...</Route>`),
the tables inside them, their sentences, and the permission flags table of
developers/topics/permissions.mdx. Plain text parsing, line by line; nothing here decides what a
sentence means (see extract.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..text import atx_heading, link_labels

DOCS_ROOT = "developers"
# Pages whose Route sections are endpoints. The change log quotes Route lines too, but not under
# an endpoint's own heading, so it is skipped by name.
SKIPPED_PAGES = ("change-log.mdx",)
PERMISSIONS_PAGE = "topics/permissions"
FLAGS_ANCHOR = "permissions-bitwise-permission-flags"

_ROUTE = re.compile(r'^<Route method="([A-Z]+)">(.*)</Route>\s*$')
_MANUAL_ANCHOR = re.compile(r'^<ManualAnchor id="([a-z0-9-]+)"\s*/>')
_TAG_LINE = re.compile(r"^\s*</?[A-Z][A-Za-z]*[^>]*>\s*$")
_INLINE_TAG = re.compile(r"</?[A-Z][A-Za-z]*[^>]*>")
_TITLE = re.compile(r"^title:\s*(.*?)\s*$")


@dataclass(frozen=True)
class Table:
    anchor: str  # the ManualAnchor id just above it, or "" when it has none
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass
class Section:
    """One endpoint: its heading, its Route line, and everything up to the next heading of the
    same or a higher level."""
    page: str  # "resources/guild"
    page_title: str  # "Guild"
    name: str
    anchor: str
    method: str
    path: str
    line: int
    sentences: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def slug(heading: str) -> str:
    """The anchor Discord's docs give a heading: "Delete/Close Channel" -> "deleteclose-channel"."""
    kept = re.sub(r"[^a-z0-9 -]", "", heading.lower())
    return re.sub(r" +", "-", kept.strip())


def plain(markdown: str) -> str:
    """Markdown of one line as text: links become their label, escapes and inline tags go."""
    text = link_labels(markdown)
    text = _INLINE_TAG.sub("", text)
    return text.replace("\\", "").strip()


def route_path(markdown: str) -> str:
    """The path of a Route line as Discord writes it: /guilds/{guild.id}/members/{user.id}."""
    return plain(markdown).replace(" ", "")


def cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in line.strip().strip("|").split("|"))


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph: a period, then a space and a capital or a backtick, ends one."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z`*\[(])", text)
    return [p.strip() for p in parts if p.strip()]


def page_files(checkout: Path):
    """(page id, file) for every .mdx page of the docs that can hold endpoints, sorted."""
    root = Path(checkout) / DOCS_ROOT
    for path in sorted(root.rglob("*.mdx")):
        if path.name in SKIPPED_PAGES:
            continue
        yield path.relative_to(root).with_suffix("").as_posix(), path


def page_title(lines: list[str], page: str) -> str:
    if lines and lines[0].strip() == "---":
        for line in lines[1:]:
            if line.strip() == "---":
                break
            match = _TITLE.match(line)
            if match:
                return match.group(1).strip("\"'")
    return page.rsplit("/", 1)[-1].replace("-", " ").title()


def sections(page: str, text: str) -> list[Section]:
    """Every Route section of one page, in page order."""
    lines = text.splitlines()
    title = page_title(lines, page)
    found: list[Section] = []
    current: Section | None = None
    level = 0
    paragraph: list[str] = []
    table_lines: list[str] = []
    table_anchor = ""
    last_anchor = ""
    in_code = False

    def flush_paragraph():
        if current is not None and paragraph:
            current.sentences.extend(split_sentences(plain(" ".join(paragraph))))
        paragraph.clear()

    def flush_table():
        nonlocal table_anchor
        if current is not None and len(table_lines) >= 2:
            rows = tuple(cells(l) for l in table_lines[2:])
            current.tables.append(Table(table_anchor, cells(table_lines[0]), rows))
        table_lines.clear()

    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith("```"):
            in_code = not in_code
            flush_paragraph()
            continue
        if in_code:
            continue
        heading = atx_heading(line)  # linear on any line (macros/text.py)
        if heading:
            flush_paragraph()
            flush_table()
            depth = heading[0]
            route = _ROUTE.match(lines[number]) if number < len(lines) else None
            if route:
                current = Section(page, title, plain(heading[1]), slug(plain(heading[1])),
                                  route.group(1), route_path(route.group(2)), number)
                found.append(current)
                level = depth
            elif current is not None and depth <= level:
                current = None
            continue
        if _ROUTE.match(line):
            continue
        anchor = _MANUAL_ANCHOR.match(line.strip())
        if anchor:
            last_anchor = anchor.group(1)
            continue
        if line.strip().startswith("|"):
            flush_paragraph()
            if not table_lines:
                table_anchor = last_anchor
            table_lines.append(line)
            continue
        flush_table()
        if not line.strip() or _TAG_LINE.match(line):
            flush_paragraph()
            continue
        stripped = line.strip()
        if stripped.startswith(("- ", "* ")):  # a list item is a sentence of its own
            flush_paragraph()
            paragraph.append(stripped[2:])
            flush_paragraph()
            continue
        paragraph.append(stripped)
    flush_paragraph()
    flush_table()
    return found


def read_sections(checkout: Path) -> list[Section]:
    found = []
    for page, path in page_files(checkout):
        text = path.read_text(encoding="utf-8")
        if "<Route method=" in text:
            found.extend(sections(page, text))
    return found


@dataclass(frozen=True)
class FlagRow:
    name: str
    bit: int
    channel_types: tuple[str, ...]  # "T", "V", "S" as Discord abbreviates them
    two_factor: bool  # marked * in Discord's table: needs 2FA on a guild that requires it
    timeout_note: bool  # marked ** : changes for timed-out members


_BIT = re.compile(r"\(1\s*<<\s*(\d+)\)")


def flag_rows(checkout: Path) -> list[FlagRow]:
    """The rows of the Bitwise Permission Flags table, in Discord's order."""
    path = Path(checkout) / DOCS_ROOT / f"{PERMISSIONS_PAGE}.mdx"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows, inside, started = [], False, False
    for line in lines:
        anchor = _MANUAL_ANCHOR.match(line.strip())
        if anchor:
            inside = anchor.group(1) == FLAGS_ANCHOR
            continue
        if not inside:
            continue
        if line.strip().startswith("|"):
            started = True
            row = cells(line)
            bit = _BIT.search(row[1]) if len(row) > 1 else None
            if bit is None:
                continue
            name_cell = row[0].replace("\\", "")
            name = plain(name_cell).rstrip("* ").strip()
            kinds = tuple(k.strip() for k in (row[3] if len(row) > 3 else "").split(",") if k.strip())
            rows.append(FlagRow(name, int(bit.group(1)), kinds, "*" in name_cell and "**" not in name_cell.replace("* **", ""),
                                "**" in name_cell))
        elif started:
            break
    return rows
