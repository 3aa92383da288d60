"""Rust: enums with explicit discriminants (`DisallowedIntents = 4014,` after doc comments and
attributes, a catch-all `_ => Unknown(u8)` arm of a macro skipped) and `pub const` groups in a
module (`pub mod close_codes { pub const UNKNOWN_ERROR: u16 = 4000; }`)."""
from __future__ import annotations

import re

from .source import Member, ShapeError, blank_comments, block_after, declared_block, enum_items, integer, line_at

_ATTRIBUTES = re.compile(r"(?:#\[[^\]]*\]\s*)+")
_CONST = re.compile(r"\bpub\s+const\s+(\w+)\s*:\s*\w+\s*=\s*([^;]+);")


def _clean(source: str) -> str:
    return blank_comments(source, quotes='"')


def enum_members(source: str, group: str) -> list[Member]:
    clean = _clean(source)
    start, end = declared_block(clean, "enum", group)
    return enum_items(clean, start, end, skip_prefix=_ATTRIBUTES)


def const_members(source: str, group: str) -> list[Member]:
    clean = _clean(source)
    start, end = block_after(clean, re.compile(rf"\bmod\s+{re.escape(group)}\s*\{{"), f"mod {group}")
    members = []
    for match in _CONST.finditer(clean, start, end):
        value = integer(match[2])
        if value is None:
            raise ShapeError(f"const {match[1]}: cannot read the value {match[2].strip()!r}")
        members.append(Member(match[1], value, line_at(clean, match.start(1))))
    return members
