"""C# enums: `public enum DiscordErrorCode : int { [Obsolete] GeneralError = 0, #region ... }`."""
from __future__ import annotations

import re

from .source import Member, blank_comments, declared_block, enum_items

_ATTRIBUTES = re.compile(r"(?:\[[^\]]*\]\s*)+")
_PREPROCESSOR = re.compile(r"^[ \t]*#.*$", re.M)


def members(source: str, group: str) -> list[Member]:
    clean = blank_comments(source, quotes="\"'")
    clean = _PREPROCESSOR.sub(lambda m: " " * len(m[0]), clean)  # `#region` lines carry no member
    start, end = declared_block(clean, "enum", group)
    return enum_items(clean, start, end, skip_prefix=_ATTRIBUTES)
