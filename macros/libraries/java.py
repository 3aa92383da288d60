"""Java: enum constants whose first argument is the code, the arguments possibly spread over
several lines (`SHARDING_REQUIRED(\n 4011,\n "...")`), nested enums (`VoiceCode.Close`), and
`static final int` constants of a class."""
from __future__ import annotations

import re

from .source import Member, ShapeError, blank_comments, declared_block, integer, line_at, split_top_level

_CONSTANT = re.compile(r"(?:@\w+(?:\([^)]*\))?\s*)*(\w+)\s*\((.*)\)\s*(?:\{.*\})?\s*$", re.S)
_STATIC_INT = re.compile(r"\bstatic\s+final\s+int\s+(\w+)\s*=\s*([^;]+);")


def _clean(source: str) -> str:
    return blank_comments(source, quotes="\"'")


def enum_members(source: str, group: str) -> list[Member]:
    """`group` is the enum's simple name; a nested enum is named by its own name (`Close`)."""
    clean = _clean(source)
    start, end = declared_block(clean, "enum", group)
    constants_end = _end_of_constants(clean, start, end)
    members = []
    for offset, piece in split_top_level(clean, start, constants_end):
        match = _CONSTANT.fullmatch(piece)
        if not match:
            raise ShapeError(f"enum {group}: cannot read the constant {piece[:40]!r}")
        arguments = split_top_level(match[2], 0, len(match[2]))
        value = integer(arguments[0][1]) if arguments else None
        if value is None:
            raise ShapeError(f"enum {group}: constant {match[1]} has no integer first argument")
        members.append(Member(match[1], value, line_at(clean, offset + match.start(1))))
    return members


def _end_of_constants(clean: str, start: int, end: int) -> int:
    """The constants end at the first top-level `;` of the enum body (or with the body)."""
    depth, i = 0, start
    while i < end:
        ch = clean[i]
        if ch in "\"'":
            i = _string_end(clean, i)
        elif ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        elif ch == ";" and depth == 0:
            return i
        i += 1
    return end


def _string_end(clean: str, i: int) -> int:
    quote = clean[i]
    i += 1
    while clean[i] != quote:
        i += 2 if clean[i] == "\\" else 1
    return i


def static_int_members(source: str, group: str) -> list[Member]:
    clean = _clean(source)
    start, end = declared_block(clean, "class", group)
    members = []
    for match in _STATIC_INT.finditer(clean, start, end):
        value = integer(match[2])
        if value is None:
            raise ShapeError(f"class {group}: {match[1]} is not an integer literal")
        members.append(Member(match[1], value, line_at(clean, match.start(1))))
    return members
