"""`python -m macros.lock --update | --check`: the list of every anchor ever published.

data/anchors.lock holds one `page/#anchor` per line. `--update` appends anchors that are new and
never removes one; `--check` lists locked anchors the data no longer publishes. Removing a line by
hand is the only way to retire an anchor, and it shows up in review."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalog import DEFAULT_DATA_DIR, load_catalog
from .endpoints.model import PAGE_URL as PERMISSIONS_PAGE
from .model import Catalog
from .problems import DataError

LOCK_NAME = "anchors.lock"
HEADER = """\
# Every anchor this site has published, as page/#anchor. Append-only: `make lock` adds new ones.
# A test fails when one of these stops landing on a row (an anchor, or an alias of a moved code).
# Delete a line only on purpose, in a reviewed change.
"""


def field_anchors(catalog: Catalog) -> list[str]:
    """page/#id for every field error code of data/field-errors.toml (each also at /c/<id>/)."""
    from .field_errors import PAGE, registry_of

    return [f"{PAGE}#{anchor}" for anchor in registry_of(catalog).anchors()]


def published(catalog: Catalog) -> list[str]:
    """page/#id for every table, code and alias, in site order, then every field error code, then
    /permissions/'s ids."""
    return ([table.location(id_) for table in catalog.tables for id_ in table.ids] + field_anchors(catalog)
            + [f"{PERMISSIONS_PAGE}#{id_}" for id_ in permission_ids(catalog)])


def permission_ids(catalog: Catalog) -> list[str]:
    """The flags', rules' and routes' ids on /permissions/ (macros/endpoints)."""
    return catalog.permissions.anchors() if catalog.permissions is not None else []



def read_lock(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def unresolved(catalog: Catalog, locked: list[str]) -> list[str]:
    """Locked entries that no longer land. An id still published on any page lands: the forwarding
    map takes it from its old page to its new one."""
    landing = {id_ for table in catalog.tables for id_ in table.ids}
    landing |= {entry.partition("#")[2] for entry in field_anchors(catalog)}
    landing |= set(permission_ids(catalog))
    return [entry for entry in locked if entry.partition("#")[2] not in landing]


def update(catalog: Catalog, path: Path) -> list[str]:
    locked = read_lock(path)
    known = set(locked)
    new = [entry for entry in published(catalog) if entry not in known]
    if new or not path.is_file():
        text = path.read_text(encoding="utf-8") if path.is_file() else HEADER
        path.write_text(text + "".join(f"{entry}\n" for entry in new), encoding="utf-8")
    return new


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.lock", description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="append new anchors to the lock")
    parser.add_argument("--check", action="store_true", help="fail if a locked anchor no longer lands")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    args = parser.parse_args(argv)
    try:
        catalog = load_catalog(args.data)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    path = args.data / LOCK_NAME
    if args.update:
        new = update(catalog, path)
        print(f"{len(new)} new anchor(s) added to {path.name}" + "".join(f"\n  {e}" for e in new))
    lost = unresolved(catalog, read_lock(path))
    for entry in lost:
        print(f"{path.name}: {entry} no longer lands on any row; keep it as an alias of the code's new entry",
              file=sys.stderr)
    return 1 if lost and (args.check or args.update) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
