"""`python -m macros.sync PATH [--write] [--date YYYY-MM-DD] [--history] [--data DIR]`

Compare data/ with Discord's "Opcodes and Status Codes" page. PATH is the page file (any shape
since 2018) or a checkout of discord/discord-api-docs. Prints one line per difference, anchor id
first: `json-40009 added: "..."`, `close-4009 renamed: "old" → "new"`, `op-5 removed: "..."`,
`close-4004 changed reconnect: true → false`.

--write     apply what can be applied to data/ (new codes, renames, flags, removals)
--date      the date those edits carry when PATH is a page file (a checkout gives its commit date)
--history   with a checkout: each code's first appearance, renames and removals from the page's
            git history; with --write, fill the dates data/ lacks (never overwrites one)
            and record renames data/ lacks as `formerly` entries

Exit status: 0 data/ matches Discord; 1 it differs (also after --write, which says what it
wrote); 2 the input, the data or git could not be read, with one line saying why.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

from . import data_edit, diff, history, upstream
from ..catalog import DEFAULT_DATA_DIR, load_catalog
from ..model import Catalog, Code
from ..problems import DataError
from ..text import comparable_name
from . import routes as endpoint_sync

_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


class SyncError(Exception):
    """Anything that stops the sync; the message is the one line printed."""


def page_in(path: Path) -> Path:
    if path.is_file():
        return path
    if path.is_dir():
        for relative in reversed(upstream.PAGE_PATHS):
            if (path / relative).is_file():
                return path / relative
        raise SyncError(f"{path}: no Opcodes and Status Codes page in this directory "
                        f"(looked for {', '.join(upstream.PAGE_PATHS)})")
    raise SyncError(f"{path}: no such file or directory")


def read_page(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SyncError(f"{path}: cannot read: {error}") from None
    try:
        return upstream.parse_page(text)
    except upstream.UpstreamError as error:
        raise SyncError(f"{path}: {error}") from None


def checkout_date(checkout: Path, page: Path) -> str:
    """Date of the last commit that changed the page."""
    try:
        out = history.git(checkout, "log", "-1", "--format=%cs", "--", str(page.relative_to(checkout)))
    except history.HistoryError as error:
        raise SyncError(str(error)) from None
    return out.strip()


def load(data_dir: Path) -> Catalog:
    try:
        return load_catalog(data_dir)
    except DataError as error:
        raise SyncError(f"{data_dir} is not valid; run `make check` ({len(error.problems)} problems)") from None


# ------------------------------------------------------------------ --write for differences

def edits_for(difference: diff.Difference, catalog: Catalog, date: str):
    """(file text -> file text) for one difference, or a note saying why it is left to a person."""
    table = catalog.table(difference.table_id)
    code = difference.code
    if difference.kind == "added":
        row = difference.row
        missing = [c for c in table.columns if c not in row.flags]
        if missing:
            return f"{difference.anchor}: not written, Discord's table has no {', '.join(missing)}; add it by hand"
        fields = {"name": row.name, "added": date,
                  "upstream_description": upstream.plain(row.description) or row.name}
        fields.update({c: row.flags[c] for c in table.columns})
        return lambda text: data_edit.insert_code(text, code, fields)
    if difference.kind == "renamed" and upstream.is_spelling_fix(difference.old, difference.new):
        return lambda text: data_edit.set_code_field(text, code, "name", difference.new)
    if difference.kind == "renamed":
        return lambda text: data_edit.add_formerly(
            data_edit.set_code_field(text, code, "name", difference.new), code, difference.old, date)
    if difference.kind == "removed":
        return lambda text: data_edit.set_code_field(
            data_edit.set_code_field(text, code, "status", "removed"), code, "removed", date, ("status",))
    if difference.kind == "documented":
        return f"{difference.anchor}: not written; compare Discord's row with ours, then set status by hand"
    if difference.field == "status":
        return f"{difference.anchor}: not written, Discord lists it again; check it and edit status by hand"
    return lambda text: data_edit.set_code_field(text, code, difference.field, difference.new, ())


def apply(data_dir: Path, catalog: Catalog, edits: list[tuple[str, object]]) -> None:
    """Apply (table id, edit) to the table files: in a copy first, validated, then for real, so a
    failed write never leaves data/ half-written or invalid."""
    texts: dict[str, str] = {}
    for table_id, edit in edits:
        path = data_dir / f"{table_id}.toml"
        try:
            texts[table_id] = edit(texts.get(table_id) or path.read_text(encoding="utf-8"))
        except data_edit.EditError as error:
            raise SyncError(f"{path}: {error}") from None
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / data_dir.name
        shutil.copytree(data_dir, copy)
        for table_id, text in texts.items():
            (copy / f"{table_id}.toml").write_text(text, encoding="utf-8")
        try:
            load_catalog(copy)
        except DataError as error:
            raise SyncError(f"not written, the result would be invalid: {error.problems[0]}") from None
    for table_id, text in texts.items():
        (data_dir / f"{table_id}.toml").write_text(text, encoding="utf-8")


def run_compare(path: Path, data_dir: Path, write: bool, date: str | None) -> int:
    page = page_in(path)
    catalog = load(data_dir)
    differences = diff.compare(catalog, read_page(page))
    route_changes = endpoint_sync.differences(data_dir, path)  # routes and flags: macros/sync/routes.py
    for difference in [*differences, *route_changes]:
        print(difference)
    if not differences and not route_changes:
        return 0
    if write and route_changes:
        print(endpoint_sync.write(data_dir, path))
    if write and differences:
        if date is None:
            date = checkout_date(path, page) if path.is_dir() else None
        if not date:
            raise SyncError("--write needs --date YYYY-MM-DD when PATH is a page file")
        edits = []
        for difference in differences:
            edit = edits_for(difference, catalog, date)
            if isinstance(edit, str):
                print(edit)
            else:
                edits.append((difference.table_id, edit))
        apply(data_dir, catalog, edits)
        print(f"wrote {len(edits)} of {len(differences)} differences to {data_dir} "
              "(new codes: run `make lock`, then explain them)")
    return 1


# ------------------------------------------------------------------ --history

def date_agrees(ours: str, theirs: str) -> bool:
    """Our "YYYY-MM" agrees with any day of that month."""
    return theirs.startswith(ours)


def history_edits(code: Code, entry: history.CodeHistory):
    """(report lines, edits) for one code: fill missing dates, say where ours differ."""
    lines, edits = history.report_lines(code.anchor, entry), []
    key = code.code
    if entry.added:
        if not code.added:
            edits.append(lambda text, d=entry.added: data_edit.set_code_field(text, key, "added", d))
            lines.append(f"{code.anchor} added: filled {entry.added}")
        elif not date_agrees(code.added, entry.added):
            lines.append(f"{code.anchor} added: data says {code.added}, Discord's history {entry.added} (kept)")
    if code.is_removed and entry.is_gone and not date_agrees(code.removed, entry.removals[-1]):
        lines.append(f"{code.anchor} removed: data says {code.removed}, Discord's history {entry.removals[-1]} (kept)")
    for date, old, _new in entry.renames:
        if not any(comparable_name(f.name) == comparable_name(old) for f in code.formerly):
            edits.append(lambda text, n=old, d=date: data_edit.add_formerly(text, key, n, d))
            lines.append(f"{code.anchor} formerly \"{old}\": filled, until {date}")
    for index, former in enumerate(code.formerly):
        until = (history.wording_until(entry, former.name, former.text)
                 or history.wording_until(entry, former.name))
        if not until:
            continue
        if not former.until:
            edits.append(lambda text, i=index, d=until: data_edit.set_formerly_until(text, key, i, d))
            lines.append(f"{code.anchor} formerly \"{former.name}\": filled until {until}")
        elif not date_agrees(former.until, until):
            lines.append(f"{code.anchor} formerly \"{former.name}\": data says until {former.until}, "
                         f"Discord's history {until} (kept)")
    return lines, edits


def run_history(path: Path, data_dir: Path, write: bool) -> int:
    if not path.is_dir():
        raise SyncError(f"{path}: --history needs a checkout of discord/discord-api-docs, not a file")
    catalog = load(data_dir)
    try:
        revisions, notes = history.read_revisions(path)
    except history.HistoryError as error:
        raise SyncError(str(error)) from None
    if not revisions:
        raise SyncError(f"{path}: git history has no readable revision of the page")
    for note in notes:
        print(f"note: {note}")
    found = history.history(revisions)
    edits = []
    for table in catalog.tables:
        for code in table.codes:
            entry = found.get((table.id, diff.code_key(code.code)))
            if entry is None:
                continue
            lines, code_edits = history_edits(code, entry)
            for line in lines:
                print(line)
            edits += [(table.id, edit) for edit in code_edits]
    if write and edits:
        apply(data_dir, catalog, edits)
        print(f"wrote {len(edits)} dates to {data_dir}")
    return 0


class OneLineParser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print the usage too, and exit itself
        raise SyncError(f"{message} (see python -m macros.sync --help)")


def main(argv: list[str]) -> int:
    parser = OneLineParser(prog="python -m macros.sync", description=__doc__.split("\n\n")[0],
                           formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("path", type=Path)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--history", action="store_true")
    parser.add_argument("--date")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    try:
        args = parser.parse_args(argv)
        if args.date is not None and not _DATE.match(args.date):
            raise SyncError(f"--date must look like 2026-07-21, not {args.date!r}")
        if args.history:
            return run_history(args.path, args.data, args.write)
        return run_compare(args.path, args.data, args.write, args.date)
    except SyncError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
