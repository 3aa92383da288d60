"""Library names for Discord's codes: per-library data files extracted from each library's source
(`python -m macros.libraries extract LIBRARY CHECKOUT`), validated against the code tables, and the
views the site builds from them. Plain Python, no MkDocs."""
from __future__ import annotations

from pathlib import Path

from .model import LIBRARY_IDS, Constant, Group, Library, NoGroup  # noqa: F401  (the package's public names)


def constants(data_dir: Path | str) -> list[tuple[str, str, str]]:
    """(library id, constant as its users write it, code anchor) for every library name of every
    code, aliases included, in library order then file order. Raises DataError on invalid data."""
    from ..catalog import load_catalog

    catalog = load_catalog(data_dir)
    return list(named_codes(catalog))


def named_codes(catalog):
    """The same triples from an already loaded catalog."""
    for library in catalog.libraries:
        for group in library.groups:
            anchors = {code.code: code.anchor for code in catalog.table(group.table_id).codes}
            for constant in (*group.members, *group.aliases):
                yield library.id, group.qualified(constant), anchors[constant.code]
