"""Go const blocks: `const ( ErrCodeUnknownAccount = 10001 ... )`, with typed members
(`CloseUnknown CloseCode = 4000`), `iota` and the implicit repetition of the previous expression.
A group is every member of the file's const blocks whose name starts with a prefix (`ErrCode`)."""
from __future__ import annotations

import re

from .source import Member, ShapeError, blank_comments, integer, line_at

_BLOCK = re.compile(r"\bconst\s*\(")
_SPEC = re.compile(r"^[ \t]*([A-Za-z_]\w*)(?:[ \t]+[\w.]+)?[ \t]*(?:=[ \t]*(.+?))?[ \t]*$", re.M)
_IOTA = re.compile(r"^iota(?:\s*([+-])\s*(\d+))?$")


def members(source: str, group: str) -> list[Member]:
    clean = blank_comments(source, quotes='"`')
    found = []
    for block in _BLOCK.finditer(clean):
        end = clean.index(")", block.end())
        found += _block_members(clean, block.end(), end)
    chosen = [m for m in found if m.name.startswith(group)]
    if not chosen:
        raise ShapeError(f"no constant named {group}... in a const block")
    return chosen


def _block_members(clean: str, start: int, end: int) -> list[Member]:
    members, previous = [], None
    for iota, spec in enumerate(_SPEC.finditer(clean, start, end)):
        expression = spec[2] if spec[2] is not None else previous
        previous = expression
        value = _value(expression, iota) if expression is not None else None
        if value is None:
            continue  # a string or computed constant: not a code
        members.append(Member(spec[1], value, line_at(clean, spec.start(1))))
    return members


def _value(expression: str, iota: int) -> int | None:
    match = _IOTA.match(expression.strip())
    if match:
        offset = int(match[2]) if match[2] else 0
        return iota - offset if match[1] == "-" else iota + offset
    return integer(expression)
