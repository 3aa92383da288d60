"""Load, validate and assemble the data into a Catalog — or raise DataError with every problem."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from . import advice, flags, load, references, sources, validate
from .model import Catalog, Code, Former, Sent, Table
from .problems import DataError

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load_catalog(data_dir: Path | str = DEFAULT_DATA_DIR) -> Catalog:
    """The code tables and the library names (data/libraries/), all validated."""
    from .libraries.validate import read_libraries

    catalog = load_code_tables(data_dir)
    from .endpoints.load import read_permissions

    libraries, problems = read_libraries(Path(data_dir), catalog)
    registry, found = read_field_registry(Path(data_dir), catalog)
    problems += found
    permissions, found = read_permissions(Path(data_dir), set(catalog.by_anchor()))
    problems += found
    if problems:
        raise DataError(problems)
    return dataclasses.replace(catalog, libraries=libraries, field_registry=registry, permissions=permissions)


def read_field_registry(data_dir: Path, catalog: Catalog):
    """data/field-errors.toml, checked against the docs registry and the JSON error codes."""
    from . import field_errors

    json_codes = {code.code for code in catalog.table("json-error-codes").codes} if catalog.has_table("json-error-codes") else set()
    return field_errors.read_registry(data_dir, catalog.docs_links, json_codes)



def load_code_tables(data_dir: Path | str = DEFAULT_DATA_DIR) -> Catalog:
    data_dir = Path(data_dir)
    raw_tables, registry, problems = load.read_all(data_dir)
    for raw in raw_tables:
        problems += validate.check_table_file(raw)
    if registry:
        problems += validate.check_docs_registry(registry)
    catalog = Catalog(
        tables=tuple(build_table(raw) for raw in raw_tables if usable(raw)),
        docs_links=dict(registry.data.get("links", {})) if registry else {},
    )
    problems += (references.check_catalog(catalog) + sources.check_catalog_sources(catalog)
                 + sources.check_undocumented_sourced(catalog))
    catalog, found = advice.load_advice(data_dir, catalog)  # data/advice/: causes, fixes, retry
    problems += found
    if problems:
        raise DataError(problems)
    return catalog


def usable(raw: load.RawFile) -> bool:
    """Enough of the file is sound to look across tables (duplicates, references) with it."""
    section = raw.data.get("table")
    return (isinstance(section, dict) and isinstance(section.get("anchor_prefix"), str)
            and isinstance(section.get("page"), str) and isinstance(raw.data.get("code"), list))


def build_table(raw: load.RawFile) -> Table:
    section = raw.data["table"]
    table_id = raw.path.stem
    prefix = section["anchor_prefix"]
    columns = _strings(section.get("columns"))
    codes = tuple(
        build_code(entry, table_id, prefix, columns, raw.display, raw.line_of(index), section.get("flag_basis"))
        for index, entry in enumerate(raw.data["code"])
        if isinstance(entry, dict) and has_code_value(entry)
    )
    low_high = section.get("range")
    return Table(
        id=table_id,
        title=str(section.get("title", "")),
        page=section["page"],
        anchor_prefix=prefix,
        kind=str(section.get("kind", "")),
        range=tuple(low_high) if isinstance(low_high, list) else (0, 0),
        columns=columns,
        intro=_text(section, "intro"),
        discord_anchors=_strings(section.get("discord_anchors")),
        flag_basis=flags.resolved_basis(columns, section.get("flag_basis")),
        codes=codes,
        file=raw.display,
    )


def has_code_value(entry: dict) -> bool:
    value = entry.get("code")
    return (type(value) is int) or isinstance(value, str)


def _strings(value) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _text(entry: dict, key: str) -> str:
    value = entry.get(key, "")
    return value if isinstance(value, str) else ""


def build_code(entry: dict, table_id: str, prefix: str, columns, file: str, line, flag_basis=None) -> Code:
    formerly = tuple(
        Former(name=_text(f, "name"), text=_text(f, "text"), until=_text(f, "until"))
        for f in entry.get("formerly", []) if isinstance(f, dict)
    ) if isinstance(entry.get("formerly"), list) else ()
    return Code(
        table_id=table_id,
        code=entry["code"],
        anchor=f"{prefix}-{entry['code']}",
        name=_text(entry, "name"),
        explanation=_text(entry, "explanation"),
        status=_text(entry, "status") or "current",
        removed=_text(entry, "removed"),
        added=_text(entry, "added"),
        formerly=formerly,
        discord_sends=tuple(Sent(text=_text(item, "text"), source=_text(item, "source"))
                            for item in entry.get("discord_sends", []) if isinstance(item, dict))
        if isinstance(entry.get("discord_sends"), list) else (),
        see_also=_strings(entry.get("see_also")),
        aliases=_strings(entry.get("aliases")),
        columns={c: entry[c] for c in columns if c in entry},
        sources=sources.build_sources(entry.get("sources")),
        flag_basis=flags.resolved_basis(columns, flag_basis, entry.get("flag_basis")),
        upstream_description=_text(entry, "upstream_description"),
        file=file,
        line=line,
    )

