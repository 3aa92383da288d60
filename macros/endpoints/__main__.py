"""python -m macros.endpoints extract CHECKOUT [--data DIR] [--commit SHA]

Rewrites DATA/endpoints.toml from a discord-api-docs checkout (see extract.py) and lists the
requirements waiting for a condition in words. Exit status: 0 written or unchanged, 1 the
checkout or the data is not as expected, 2 wrong usage."""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tomllib
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


def run_extract(checkout: Path, data_dir: Path, out=sys.stdout, commit: str | None = None) -> int:
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
    routes, waiting = extract.extract(checkout, existing, known)
    if not routes:
        print(f"{checkout}: no Route sections found under {docs_tree.DOCS_ROOT}/", file=sys.stderr)
        return 1
    text = store.to_toml(routes, commit if commit is not None else checkout_commit(checkout))
    before = target.read_text(encoding="utf-8") if target.is_file() else None
    if text != before:
        target.write_text(text, encoding="utf-8", newline="\n")
    flagged = sum(1 for r in routes if r.permission != "none")
    print(f"{target}: {len(routes)} routes, {flagged} with permission flags"
          f"{'' if text != before else ' (unchanged)'}", file=out)
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
    arguments = parser.parse_args(argv)
    if arguments.commit is not None and not re.fullmatch(r"[0-9a-f]{40}", arguments.commit):
        parser.error("--commit takes 40 hex digits")
    return run_extract(arguments.checkout, arguments.data, commit=arguments.commit)


if __name__ == "__main__":
    sys.exit(main())
