"""`python -m macros.check [DATA_DIR]`: validate the data only, fast, without building the site.

Exit 0 when the data is valid (codes without a source are listed as a notice), 1 when it is not."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from .catalog import DEFAULT_DATA_DIR, load_catalog
from .field_errors import registry_of
from .model import Catalog
from .lookup import load_rules
from .problems import DataError
from .sources import codes_without_sources


def waiting_notices(catalog: Catalog) -> list[str]:
    """Codes the sync added that still show Discord's description instead of our explanation."""
    return [f"notice: {code.file}:{code.line}: code {code.code} ({code.anchor}) is not explained yet"
            for code in catalog.codes() if code.awaiting_explanation]


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
    fields = registry_of(catalog)
    field_note = (f", and {len(fields.errors)} field error codes with {len(fields.limits)} limits"
                  if fields.errors else "")
    print(f"ok: {count} codes in {len(catalog.tables)} tables{field_note} are valid ({elapsed * 1000:.0f} ms)")
    try:
        for line in waiting_notices(catalog):
            print(line)
        print_unsourced(catalog, count)
        sys.stdout.flush()
    except BrokenPipeError:  # the notices piped into `head`: the data is still valid
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def print_unsourced(catalog, count: int) -> None:
    """A notice, not an error: every code whose explanation says more than Discord's own row
    should cite a source, and this list is what is left to do."""
    missing = codes_without_sources(catalog)
    if not missing:
        return
    print(f"notice: {len(missing)} of {count} codes have no source yet ({100 * (count - len(missing)) / count:.0f}% sourced):")
    for code in missing:
        where = f"{code.file}:{code.line}" if code.line else code.file
        print(f"  {where}: code {code.code} ({code.anchor})")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
