"""Read the TOML files; turn every way reading can fail into a Problem instead of an exception."""
from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .model import TABLE_IDS
from .problems import Problem

DOCS_REGISTRY = "discord-docs.toml"
OTHER_FILES = ("endpoints.toml", "permissions.toml")  # read by macros/endpoints/load.py
MAX_FILE_BYTES = 4 * 1024 * 1024  # far above any real table; stops a runaway file early

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.]+)\s*\]\]")
_TOML_LINE = re.compile(r"at line (\d+)")


def header_lines(text: str, *tables: str) -> dict[str, list[int]]:
    """The line of each `[[table]]` header in a TOML text, per table name asked for: tomllib gives
    no line numbers, and problems name the line of the entry they are about."""
    lines: dict[str, list[int]] = {table: [] for table in tables}
    for number, line in enumerate(text.splitlines(), 1):
        match = _ARRAY_HEADER.match(line)
        if match and match[1] in lines:
            lines[match[1]].append(number)
    return lines


def table_entries(data: dict, table: str) -> list:
    """The entries of `[[table]]` in parsed TOML: one table written `[table]` counts as one entry,
    so the entry checks report its shape instead of the reader failing on it."""
    value = data.get(table, [])
    return value if isinstance(value, list) else [value]


def line_at(lines: list[int], index: int) -> int | None:
    """The line of the index-th header found by header_lines, or None when there is none."""
    return lines[index] if index < len(lines) else None


@dataclass
class RawFile:
    path: Path
    display: str  # the name problems are reported under, e.g. "data/json-error-codes.toml"
    data: dict = field(default_factory=dict)
    code_lines: list[int] = field(default_factory=list)  # line of the i-th [[code]] header
    text: str = field(default="", repr=False)  # as read: other [[table]] headers are found in it

    def line_of(self, index: int) -> int | None:
        return line_at(self.code_lines, index)


# Where parsed files are kept between builds (set with parsed_files_kept_in; None: parse every
# time). After a TOML edit only that file is parsed again: parsing is most of a data reload, and a
# rebuild under `mkdocs serve` after an edit should take well under a second.
parse_cache_dir: Path | None = None


@contextlib.contextmanager
def parsed_files_kept_in(folder: Path):
    """While the block runs, parse() keeps and reuses parsed files in folder."""
    global parse_cache_dir
    previous, parse_cache_dir = parse_cache_dir, Path(folder)
    try:
        yield
    finally:
        parse_cache_dir = previous


def parse(text: str) -> dict:
    """tomllib.loads, answered from parse_cache_dir when the same text was parsed before."""
    if parse_cache_dir is None:
        return tomllib.loads(text)
    path = parse_cache_dir / (hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + ".pickle")
    try:
        data = pickle.loads(path.read_bytes())
        os.utime(path)  # recently used: cache.prune_parsed keeps it
        return data
    except Exception:  # not parsed before, or unreadable: parse (a syntax error raises here)
        data = tomllib.loads(text)
    try:
        parse_cache_dir.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(path)
    except OSError:  # a read-only checkout still builds, just slower
        pass
    return data


def display_name(path: Path, data_dir: Path) -> str:
    try:
        return str(Path(data_dir.name) / path.relative_to(data_dir))
    except ValueError:
        return str(path)


def read_toml(path: Path, display: str) -> tuple[RawFile | None, list[Problem]]:
    if not path.is_file():
        return None, [Problem(display, None, "", "file is missing")]
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(display, None, "", f"file is {len(raw)} bytes; the limit is {MAX_FILE_BYTES}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(display, line, "", f"not valid UTF-8 (byte 0x{raw[error.start]:02x})")]
    if not text.strip():
        return None, [Problem(display, None, "", "file is empty")]
    try:
        data = parse(text)
    except tomllib.TOMLDecodeError as error:
        match = _TOML_LINE.search(str(error))
        message = re.sub(r"\s*\(at line \d+, (column \d+)\)", r" (\1)", str(error))
        message = re.sub(r"\s*\(at end of document\)", " at the end of the file", message)
        return None, [Problem(display, int(match[1]) if match else None, "", f"TOML syntax error: {message}")]
    lines = header_lines(text, "code")["code"]
    return RawFile(path, display, data, lines, text), []


# Read by macros/field_errors.py, not a code table.
FIELD_ERRORS_FILE = "field-errors.toml"


def read_all(data_dir: Path) -> tuple[list[RawFile], RawFile | None, list[Problem]]:
    """The eight table files (in contract order) and the docs registry, plus reading problems."""
    tables: list[RawFile] = []
    problems: list[Problem] = []
    for table_id in TABLE_IDS:
        path = data_dir / f"{table_id}.toml"
        raw, found = read_toml(path, display_name(path, data_dir))
        problems += found
        if raw:
            tables.append(raw)
    for stray in sorted(data_dir.glob("*.toml")):
        if stray.stem not in TABLE_IDS and stray.name not in (DOCS_REGISTRY, FIELD_ERRORS_FILE, *OTHER_FILES):
            expected = ", ".join(f"{t}.toml" for t in TABLE_IDS)
            problems.append(Problem(display_name(stray, data_dir), None, "", f"unknown table file; expected one of: {expected}"))
    registry_path = data_dir / DOCS_REGISTRY
    registry, found = read_toml(registry_path, display_name(registry_path, data_dir))
    problems += found
    return tables, registry, problems
