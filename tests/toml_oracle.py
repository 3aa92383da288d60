"""The data read straight from the TOML files with tomllib and a regular expression: an oracle for
tests whose subject is the code that reads the same files (macros.catalog, references, export).
It knows only the documented format (data/README.md), none of macros/."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT

TABLE_FILES = ("gateway-opcodes", "gateway-close-codes", "voice-opcodes", "voice-close-codes",
               "http-status-codes", "json-error-codes", "rpc-error-codes", "rpc-close-codes")
# [label](code:close-4011) in data text; the label itself may hold `code`, never brackets.
CODE_LINK = re.compile(r"\]\(code:([a-z0-9-]+)\)")
DOCS_LINK = re.compile(r"\]\(docs:([a-z0-9-]+)\)")


@dataclass(frozen=True)
class Entry:
    table_id: str
    file: str  # as problem lines name it: "data/gateway-close-codes.toml"
    anchor: str
    fields: dict  # the [[code]] table as tomllib read it
    table: dict  # its file's [table] section

    def texts(self) -> list[str]:
        return [self.fields.get("explanation", "")] + [f.get("text", "") for f in self.fields.get("formerly", [])]

    def code_references(self) -> set[str]:
        """Anchors of the codes it links in its text or names in see_also."""
        linked = {anchor for value in self.texts() for anchor in CODE_LINK.findall(value)}
        return linked | {item for item in self.fields.get("see_also", []) if not item.startswith("docs:")}

    def docs_references(self) -> set[str]:
        linked = {name for value in self.texts() for name in DOCS_LINK.findall(value)}
        return linked | {item[len("docs:"):] for item in self.fields.get("see_also", []) if item.startswith("docs:")}


def read_tables(data_dir: Path = ROOT / "data") -> dict[str, dict]:
    return {table_id: tomllib.loads((data_dir / f"{table_id}.toml").read_text(encoding="utf-8"))
            for table_id in TABLE_FILES}


def entries(data_dir: Path = ROOT / "data") -> list[Entry]:
    found = []
    for table_id, data in read_tables(data_dir).items():
        prefix = data["table"]["anchor_prefix"]
        for fields in data["code"]:
            found.append(Entry(table_id, f"data/{table_id}.toml", f"{prefix}-{fields['code']}", fields, data["table"]))
    return found


def by_anchor(data_dir: Path = ROOT / "data") -> dict[str, Entry]:
    return {entry.anchor: entry for entry in entries(data_dir)}


def referrers(anchor: str, data_dir: Path = ROOT / "data", among: list[Entry] | None = None) -> list[Entry]:
    """The codes whose text or see_also refers to a code, other than the code itself. `among`: the
    entries already read, for a caller asking about every code (reading the TOML once, not per code)."""
    return [e for e in (entries(data_dir) if among is None else among)
            if anchor in e.code_references() and e.anchor != anchor]
