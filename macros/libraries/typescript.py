"""TypeScript enums: `export enum GatewayCloseCodes { UnknownError = 4_000, UnknownOpcode, ... }`."""
from __future__ import annotations

import re

from .source import Member, blank_comments, block_after, enum_items


def members(source: str, group: str) -> list[Member]:
    clean = blank_comments(source)
    start, end = block_after(clean, re.compile(rf"\benum\s+{re.escape(group)}\s*\{{"), f"enum {group}")
    return enum_items(clean, start, end)
