"""python -m macros.endpoints extract CHECKOUT [--data DIR] [--commit SHA] [--month YYYY-MM]

Rewrites DATA/endpoints.toml from a discord-api-docs checkout (see extract.py) and lists the
requirements waiting for a condition in words. A route the checkout no longer has stays, marked
`removed` with the month of the checkout's commit (--month, or today's month when unknown). Exit status: 0 written or unchanged, 1 the
checkout or the data is not as expected, 2 wrong usage."""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tomllib
from datetime import datetime, timezone
from pathlib import Path

from ..catalog import DEFAULT_DATA_DIR
from . import docs_tree, extract, permissions_data, store


def checkout_commit(checkout: Path) -> str:
    """The commit of a checkout that is a git work tree of its own; "" for anything else (a tree
    exported with `git archive`, a test fixture inside another repository)."""
    try:
        done = subprocess.run(["git", "-C", str(checkout), "rev-parse", "--show-toplevel", "HEAD"],
                              capture_output=True, text=True, timeout=30)
    except OSError:
        return ""
    lines = done.stdout.split()
    if done.returncode != 0 or len(lines) != 2 or Path(lines[0]).resolve() != Path(checkout).resolve():
        return ""
    return lines[1] if len(lines[1]) == 40 else ""


def checkout_month(checkout: Path) -> str:
    """"YYYY-MM" of the checkout's HEAD commit when it is a git work tree of its own, else ""."""
    if not checkout_commit(checkout):
        return ""
    try:
        done = subprocess.run(["git", "-C", str(checkout), "log", "-1", "--format=%cs", "HEAD"],
                              capture_output=True, text=True, timeout=30)
    except OSError:
        return ""
    day = done.stdout.strip()
    return day[:7] if done.returncode == 0 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else ""


def removal_month(checkout: Path, month: str | None) -> str:
    """The month a route dropped by this run is marked with: given, the commit's, or today's."""
    return month or checkout_month(checkout) or datetime.now(timezone.utc).strftime("%Y-%m")


def run_extract(checkout: Path, data_dir: Path, out=sys.stdout, commit: str | None = None,
                month: str | None = None) -> int:
    if not (checkout / docs_tree.DOCS_ROOT).is_dir():
        print(f"{checkout}: not a discord-api-docs checkout (no {docs_tree.DOCS_ROOT}/ folder)", file=sys.stderr)
        return 1
    target = data_dir / store.ENDPOINTS_FILE
    existing = []
    if target.is_file():
        try:
            existing = store.from_data(tomllib.loads(target.read_text(encoding="utf-8")))
        except (tomllib.TOMLDecodeError, KeyError, TypeError) as error:
            print(f"{target}: cannot be read ({error}); fix or remove it first", file=sys.stderr)
            return 1
    try:
        known = permissions_data.flag_names(data_dir) or {f.name for f in docs_tree.flag_rows(checkout)}
    except OSError as error:
        print(f"{checkout}: {error}", file=sys.stderr)
        return 1
    already = {r.key for r in existing if r.removed}
    routes, waiting = extract.extract(checkout, existing, known, removal_month(checkout, month))
    if not [r for r in routes if not r.removed]:
        print(f"{checkout}: no Route sections found under {docs_tree.DOCS_ROOT}/", file=sys.stderr)
        return 1
    text = store.to_toml(routes, commit if commit is not None else checkout_commit(checkout))
    before = target.read_text(encoding="utf-8") if target.is_file() else None
    if text != before:
        target.write_text(text, encoding="utf-8", newline="\n")
    current = [r for r in routes if not r.removed]
    flagged = sum(1 for r in current if r.permission != "none")
    gone = [r for r in routes if r.removed]
    print(f"{target}: {len(current)} routes, {flagged} with permission flags"
          f"{f', {len(gone)} removed (kept, marked)' if gone else ''}"
          f"{'' if text != before else ' (unchanged)'}", file=out)
    for route in gone:
        if route.key not in already:
            print(f"  route removed: {route.method} {route.path} ({route.name}) (kept, marked removed {route.removed})",
                  file=out)
    if waiting:
        print(f"{len(waiting)} requirement(s) need a condition in words (`when`), for review:", file=out)
        for line in waiting:
            print(f"  {line}", file=out)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.endpoints")
    commands = parser.add_subparsers(dest="command", required=True)
    extract_command = commands.add_parser("extract", help="rewrite data/endpoints.toml from a docs checkout")
    extract_command.add_argument("checkout", type=Path)
    extract_command.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    extract_command.add_argument("--commit", help="the commit a tree exported with `git archive` was made from")
    extract_command.add_argument("--month", help="YYYY-MM for the routes the checkout dropped (default: its commit's month)")
    arguments = parser.parse_args(argv)
    if arguments.commit is not None and not re.fullmatch(r"[0-9a-f]{40}", arguments.commit):
        parser.error("--commit takes 40 hex digits")
    if arguments.month is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", arguments.month):
        parser.error("--month takes a month like 2026-12")
    return run_extract(arguments.checkout, arguments.data, commit=arguments.commit, month=arguments.month)


if __name__ == "__main__":
    sys.exit(main())
