"""`python -m macros.check [DATA_DIR]`: validate the data only, fast, without building the site."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from .catalog import DEFAULT_DATA_DIR, load_catalog
from .lookup import load_rules
from .problems import DataError


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else DEFAULT_DATA_DIR
    started = time.perf_counter()
    try:
        catalog = load_catalog(data_dir)
        load_rules(data_dir, catalog)  # the lookup rules name codes, so they are checked against the catalog
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    count = sum(1 for _ in catalog.codes())
    elapsed = time.perf_counter() - started
    print(f"ok: {count} codes in {len(catalog.tables)} tables are valid ({elapsed * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
