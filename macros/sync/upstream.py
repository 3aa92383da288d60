"""Read Discord's "Opcodes and Status Codes" page, in any shape it has had since 2018, into tables.

Tables are found by their heading and read by column name, never by position: columns came and
went over the years (Reconnect in 2021, Binary in 2024) and the HTTP table puts the name in the
code cell ("429 (TOO MANY REQUESTS)"). Pure: text in, tables out, UpstreamError when unreadable.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import atx_heading, comparable_name, plain  # noqa: F401  (plain: part of this module's interface)

# Where the page has lived in discord/discord-api-docs, oldest first.
PAGE_PATHS = (
    "docs/topics/Opcodes_and_Status_Codes.md",
    "docs/topics/opcodes-and-status-codes.md",
    "developers/topics/opcodes-and-status-codes.mdx",
)

# Every heading a table has had upstream (normalised), to our table id.
TABLE_HEADINGS = {
    "gateway opcodes": "gateway-opcodes",
    "gateway close event codes": "gateway-close-codes",
    "voice opcodes": "voice-opcodes",
    "voice close event codes": "voice-close-codes",
    "http response codes": "http-status-codes",
    "http response/error code list": "http-status-codes",
    "json error codes": "json-error-codes",
    "rpc error codes": "rpc-error-codes",
    "rpc errors": "rpc-error-codes",
    "rpc close event codes": "rpc-close-codes",
    "rpc close codes": "rpc-close-codes",
}

# Upstream column title (normalised) -> our column field.
FLAG_COLUMNS = {
    "client action": "client_action",
    "sent by": "sent_by",
    "binary": "binary",
    "reconnect": "reconnect",
}
BOOLEAN_FLAGS = ("binary", "reconnect")

_FENCE = re.compile(r"^\s*(```|~~~)")
_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")
_CODE_WITH_NAME = re.compile(r"^(\w+)\s*\((.+)\)$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


class UpstreamError(Exception):
    """The page can't be read: a table is missing or a row makes no sense. One line."""


@dataclass(frozen=True)
class Row:
    code: int | str
    name: str
    description: str = ""
    flags: dict = field(default_factory=dict)  # our column field -> value, only columns upstream has


@dataclass(frozen=True)
class UpstreamTable:
    id: str
    heading: str
    flag_columns: tuple[str, ...]  # our column fields this version of the table has
    rows: dict  # code -> Row, in page order


def normalise_heading(text: str) -> str:
    return " ".join(plain(text).casefold().split())


def is_spelling_fix(old: str, new: str) -> bool:
    """One word corrected by one letter ("Maximun" -> "Maximum"): the same name, spelt right.
    Numbers never count ("(50)" -> "(250)" is a real change)."""
    old_words, new_words = comparable_name(old).split(), comparable_name(new).split()
    if len(old_words) != len(new_words):
        return False
    pairs = [(a, b) for a, b in zip(old_words, new_words) if a != b]
    return len(pairs) == 1 and all(w.isalpha() for w in pairs[0]) and _one_letter_apart(*pairs[0])


def _one_letter_apart(a: str, b: str) -> bool:
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return len(long_) - len(short) == 1 and any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def strip_front_matter(text: str) -> str:
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for index, line in enumerate(lines[1:], 1):
            if line.strip() == "---":
                return "\n".join(lines[index + 1:])
    return text


def split_row(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip() for cell in _UNESCAPED_PIPE.split(inner)]


def heading_text(line: str) -> str | None:
    """The text of an ATX heading line ("## JSON Error Codes ##" -> "JSON Error Codes"), or None."""
    heading = atx_heading(line)
    return heading[1] if heading else None


def raw_tables(text: str) -> list[tuple[str, list[list[str]]]]:
    """(heading above it, rows including the header row) for every pipe table on the page."""
    found: list[tuple[str, list[list[str]]]] = []
    heading, current, in_fence = "", None, False
    for line in strip_front_matter(text).splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            current = None
            continue
        if in_fence:
            continue
        if line.lstrip().startswith("|"):
            if current is None:
                current = []
                found.append((heading, current))
            cells = split_row(line)
            if not all(_SEPARATOR_CELL.match(c.replace(" ", "")) for c in cells if c):
                current.append(cells)
            continue
        current = None
        text_of_heading = heading_text(line)
        if text_of_heading is not None:
            heading = text_of_heading
    return found


def parse_code(cell: str, heading: str) -> tuple[int | str, str]:
    """The code and, when the cell carries one (HTTP), the name: '429 (TOO MANY REQUESTS)'."""
    value = plain(cell)
    match = _CODE_WITH_NAME.match(value)
    number, name = (match[1], match[2].strip()) if match else (value, "")
    if number.isdigit():
        return int(number), name
    if re.fullmatch(r"[1-5]xx", number, re.IGNORECASE):
        return number.lower(), name
    raise UpstreamError(f"table '{heading}': cannot read code {cell!r}")


def flag_value(field_name: str, cell: str):
    value = plain(cell)
    if field_name in BOOLEAN_FLAGS:
        return value.casefold() in ("x", "true", "yes", "✓", "✔")
    return value


def read_table(table_id: str, heading: str, rows: list[list[str]]) -> UpstreamTable:
    if not rows:
        raise UpstreamError(f"table '{heading}' has no header row")
    header = [normalise_heading(c) for c in rows[0]]
    if "code" not in header:
        raise UpstreamError(f"table '{heading}' has no 'Code' column (columns: {', '.join(rows[0])})")
    name_column = next((c for c in ("name", "description", "meaning") if c in header), None)
    flags = {index: FLAG_COLUMNS[title] for index, title in enumerate(header) if title in FLAG_COLUMNS}
    code_index = header.index("code")
    parsed: dict = {}
    for cells in rows[1:]:
        cells = cells + [""] * (len(header) - len(cells))
        code, name = parse_code(cells[code_index], heading)
        source = None  # the column the name came from; the description is another one
        if not name:
            if name_column is None:
                raise UpstreamError(f"table '{heading}': no name for code {code} (columns: {', '.join(rows[0])})")
            source, name = name_column, plain(cells[header.index(name_column)])
        text_column = next((c for c in ("explanation", "description", "meaning") if c in header and c != source), None)
        description = cells[header.index(text_column)].strip() if text_column else ""
        parsed[code] = Row(code, name, description.replace("\\|", "|"),
                           {field_name: flag_value(field_name, cells[index]) for index, field_name in flags.items()})
    return UpstreamTable(table_id, heading, tuple(flags.values()), parsed)


def parse_page(text: str, required=tuple(dict.fromkeys(TABLE_HEADINGS.values()))) -> dict[str, UpstreamTable]:
    """Table id -> UpstreamTable. Tables under unknown headings are ignored; a required table that
    is missing raises UpstreamError."""
    tables: dict[str, UpstreamTable] = {}
    for heading, rows in raw_tables(text):
        table_id = TABLE_HEADINGS.get(normalise_heading(heading))
        if table_id and table_id not in tables:
            tables[table_id] = read_table(table_id, heading, rows)
    missing = [t for t in required if t not in tables]
    if missing:
        raise UpstreamError(f"table{'s' if len(missing) > 1 else ''} not found: {', '.join(missing)} "
                            "(no heading Discord has used for it)")
    return tables
