"""C# enums: `public enum DiscordErrorCode : int { [Obsolete] GeneralError = 0, #region ... }`."""
from __future__ import annotations

import re

from .source import Member, blank_comments, block_after, enum_items

_ATTRIBUTES = re.compile(r"(?:\[[^\]]*\]\s*)+")
_PREPROCESSOR = re.compile(r"^[ \t]*#.*$", re.M)


def members(source: str, group: str) -> list[Member]:
    clean = blank_comments(source, quotes="\"'")
    clean = _PREPROCESSOR.sub(lambda m: " " * len(m[0]), clean)  # `#region` lines carry no member
    start, end = block_after(clean, re.compile(rf"\benum\s+{re.escape(group)}\b[^{{;]*\{{"), f"enum {group}")
    return enum_items(clean, start, end, skip_prefix=_ATTRIBUTES)
