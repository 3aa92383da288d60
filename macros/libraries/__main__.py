"""`python -m macros.libraries extract LIBRARY CHECKOUT [DATA_DIR]`: read a library's enums from a
local checkout and rewrite data/libraries/LIBRARY.toml, recording the checkout's commit.

Exit codes: 0 written (or unchanged); 1 the source does not have the expected shape, the checkout
lacks a file, or the code data is invalid; 2 wrong usage (unknown library, not a git checkout)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..catalog import DEFAULT_DATA_DIR, load_code_tables
from ..problems import DataError
from .extract import build_library, library_toml
from .model import LIBRARY_IDS
from .recipes import RECIPES
from .source import ShapeError

USAGE = "usage: python -m macros.libraries extract LIBRARY CHECKOUT [DATA_DIR]"


def checkout_commit(checkout: Path) -> str | None:
    result = subprocess.run(["git", "-C", str(checkout), "rev-parse", "HEAD"], capture_output=True, text=True)
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and len(commit) == 40 else None


def extract(library_id: str, checkout: Path, data_dir: Path) -> int:
    commit = checkout_commit(checkout)
    if commit is None:
        print(f"error: {checkout} is not a git checkout (git rev-parse HEAD failed)", file=sys.stderr)
        return 2
    sources = {}
    for path in sorted({group.file for group in RECIPES[library_id].groups}):
        try:
            sources[path] = (checkout / path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            print(f"error: {library_id}: cannot read {path} in {checkout}: {error}", file=sys.stderr)
            return 1
    try:
        catalog = load_code_tables(data_dir)
        library = build_library(library_id, sources, commit, catalog)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except ShapeError as error:
        print(f"error: {library_id}: {error}; the library changed shape, update macros/libraries/recipes.py",
              file=sys.stderr)
        return 1
    target = data_dir / "libraries" / f"{library_id}.toml"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = library_toml(library)
    changed = not target.is_file() or target.read_text(encoding="utf-8") != text
    if changed:
        target.write_text(text, encoding="utf-8")
    count = sum(len(g.members) for g in library.groups)
    print(f"{'wrote' if changed else 'unchanged'}: {target} ({count} codes in {len(library.groups)} groups, "
          f"commit {commit[:12]})")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) not in (3, 4) or argv[0] != "extract":
        print(USAGE, file=sys.stderr)
        return 2
    library_id, checkout = argv[1], Path(argv[2])
    if library_id not in LIBRARY_IDS:
        print(f"error: unknown library {library_id!r}; expected one of: {', '.join(LIBRARY_IDS)}", file=sys.stderr)
        return 2
    data_dir = Path(argv[3]) if len(argv) == 4 else DEFAULT_DATA_DIR
    return extract(library_id, checkout, data_dir)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
