"""Compare Discord's tables (macros.upstream) with our catalog: one Difference per mismatch. Pure."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Catalog, Table, code_key
from ..text import comparable_name
from .upstream import Row, UpstreamTable

@dataclass(frozen=True)
class Difference:
    anchor: str
    kind: str  # added, removed, renamed, changed or documented, as seen from upstream: "added" means Discord
    # has it and we don't; "documented" means Discord now lists a code we mark undocumented
    table_id: str
    code: int | str
    old: object = None  # ours
    new: object = None  # Discord's
    field: str = ""     # for "changed": which field
    row: Row | None = None  # Discord's row, when there is one

    def __str__(self) -> str:
        if self.kind == "added":
            return f"{self.anchor} added: {show(self.new)}"
        if self.kind == "removed":
            return f"{self.anchor} removed: {show(self.old)}"
        if self.kind == "documented":
            return f"{self.anchor} is now documented: set status to current (Discord's name: {show(self.new)})"
        if self.kind == "renamed":
            return f"{self.anchor} renamed: {show(self.old)} → {show(self.new)}"
        return f"{self.anchor} changed {self.field}: {show(self.old)} → {show(self.new)}"


def show(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f'"{value}"' if isinstance(value, str) else str(value)


def same_name(ours: str, theirs: str) -> bool:
    return comparable_name(ours) == comparable_name(theirs)


def compare_table(table: Table, upstream: UpstreamTable) -> list[Difference]:
    differences: list[Difference] = []
    ours = {code_key(c.code): c for c in table.codes}
    for key, row in upstream.rows.items():
        code = ours.get(key)
        anchor = code.anchor if code else f"{table.anchor_prefix}-{key}"
        if code is None:
            differences.append(Difference(anchor, "added", table.id, key, None, row.name, row=row))
            continue
        if code.is_undocumented:  # ours came from a library or a thread; Discord's row now says what it is
            differences.append(Difference(anchor, "documented", table.id, key, code.name, row.name, "status", row))
            continue
        if code.is_removed:
            differences.append(Difference(anchor, "changed", table.id, key, "removed", "current", "status", row))
        if not same_name(code.name, row.name):
            differences.append(Difference(anchor, "renamed", table.id, key, code.name, row.name, row=row))
        for field_name in upstream.flag_columns:
            if field_name in code.columns and code.columns[field_name] != row.flags[field_name]:
                differences.append(Difference(anchor, "changed", table.id, key, code.columns[field_name],
                                              row.flags[field_name], field_name, row))
    for key, code in ours.items():
        if key not in upstream.rows and not code.is_removed and not code.is_undocumented:
            differences.append(Difference(code.anchor, "removed", table.id, key, code.name, None))
    return differences


def compare(catalog: Catalog, upstream: dict[str, UpstreamTable]) -> list[Difference]:
    differences: list[Difference] = []
    for table in catalog.tables:
        if table.id in upstream:
            differences += compare_table(table, upstream[table.id])
    return differences
