"""JavaScript object literals: `module.exports.GatewayOPCodes = { DISPATCH: 0, "HEARTBEAT": 1 }`
(also `GatewayOPCodes: {` inside a larger object). Members without an integer value are skipped."""
from __future__ import annotations

import re

from .source import Member, blank_comments, block_after, integer, line_at, split_top_level

_PROPERTY = re.compile(r"""(["']?)(\w+)\1\s*:\s*(.+)""", re.S)


def members(source: str, group: str) -> list[Member]:
    clean = blank_comments(source)
    start, end = block_after(clean, re.compile(rf"\b{re.escape(group)}\s*[=:]\s*\{{"), f"object {group}")
    found = []
    for offset, piece in split_top_level(clean, start, end):
        match = _PROPERTY.fullmatch(piece)
        value = integer(match[3]) if match else None
        if value is not None:
            found.append(Member(match[2], value, line_at(clean, offset + match.start(2))))
    return found
