"""What every source-shape parser shares: a member, comment blanking that keeps offsets and lines,
finding a brace block, splitting its body at top-level commas, reading an integer literal."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Member:
    name: str
    code: int
    line: int  # 1-based line of the member's name in the source file


class ShapeError(ValueError):
    """The source does not have the expected shape (the group is missing or unreadable)."""


def blank_comments(source: str, line_comment: str = "//", block: tuple[str, str] | None = ("/*", "*/"),
                   quotes: str = "\"'`") -> str:
    """The source with every comment replaced by spaces (newlines kept), so offsets and line numbers
    stay those of the file and a `//` inside a string is not taken for a comment."""
    out = list(source)
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch in quotes:
            i += 1
            while i < n and source[i] != ch:
                i += 2 if source[i] == "\\" else 1
            i += 1
        elif source.startswith(line_comment, i):
            while i < n and source[i] != "\n":
                out[i] = " "
                i += 1
        elif block and source.startswith(block[0], i):
            end = source.find(block[1], i + len(block[0]))
            end = n if end < 0 else end + len(block[1])
            for j in range(i, end):
                if out[j] != "\n":
                    out[j] = " "
            i = end
        else:
            i += 1
    return "".join(out)


def line_at(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


def block_after(source: str, header: re.Pattern, what: str) -> tuple[int, int]:
    """Start and end offsets of the body of the first `{ ... }` that follows a header match."""
    match = header.search(source)
    if not match:
        raise ShapeError(f"{what} not found")
    start = source.index("{", match.end() - 1) + 1
    depth = 1
    for i in range(start, len(source)):
        if source[i] == "{":
            depth += 1
        elif source[i] == "}":
            depth -= 1
            if depth == 0:
                return start, i
    raise ShapeError(f"{what} is not closed")


def declared_block(source: str, keyword: str, name: str) -> tuple[int, int]:
    """The body of `<keyword> <name> ... { ... }` (an enum or class, whatever stands between the
    name and the brace: base types, `: u16`, generics)."""
    header = re.compile(rf"\b{keyword}\s+{re.escape(name)}\b[^{{;]*\{{")
    return block_after(source, header, f"{keyword} {name}")


def split_top_level(source: str, start: int, end: int, separators: str = ",") -> list[tuple[int, str]]:
    """Pieces of source[start:end] between top-level separators, each with its start offset."""
    pieces, depth, begin = [], 0, start
    i = start
    while i < end:
        ch = source[i]
        if ch in "\"'`":
            i += 1
            while i < end and source[i] != ch:
                i += 2 if source[i] == "\\" else 1
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch in separators and depth == 0:
            pieces.append((begin, source[begin:i]))
            begin = i + 1
        i += 1
    pieces.append((begin, source[begin:end]))
    return [(offset + len(text) - len(text.lstrip()), text.strip()) for offset, text in pieces if text.strip()]


_INTEGER = re.compile(r"^(-?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|\d[\d_]*)(?:u8|u16|u32|u64|i16|i32|i64|usize|L|l|U|u)?$")


def integer(literal: str) -> int | None:
    """An integer literal in any of the shapes' spellings (`4_000`, `0x10`, `4000u16`), else None."""
    match = _INTEGER.match(literal.strip())
    if not match:
        return None
    digits = match[2].replace("_", "")
    value = int(digits, 16 if digits[1:2] in "xX" and len(digits) > 1 else 2 if digits[1:2] in "bB" and len(digits) > 1 else 10)
    return -value if match[1] else value


_ITEM = re.compile(r"(\w+)\s*(?:=(?!>)\s*(.+?))?\s*$", re.S)


def enum_items(clean: str, start: int, end: int, *, skip_prefix: re.Pattern | None = None) -> list[Member]:
    """Members of a C-style enum body: explicit values, implicit increments (previous + 1, the first
    is 0) and aliases (`B = A`, `B = Name.A`, `B = Self::A` take A's value)."""
    members: list[Member] = []
    values: dict[str, int] = {}
    following = 0
    for offset, piece in split_top_level(clean, start, end):
        prefix = skip_prefix.match(piece) if skip_prefix else None
        skipped = prefix.end() if prefix else 0
        match = _ITEM.fullmatch(piece, skipped)
        if not match:
            continue  # not a plain member (a Rust catch-all arm, a data-carrying variant): no code of its own
        name, value_text = match[1], match[2]
        if value_text is None:
            value = following
        else:
            value = integer(value_text)
            if value is None:
                target = re.split(r"\.|::", value_text.strip())[-1]
                if target not in values:
                    raise ShapeError(f"member {name}: cannot read the value {value_text.strip()!r}")
                value = values[target]
        values[name] = value
        following = value + 1
        members.append(Member(name, value, line_at(clean, offset + match.start(1))))
    return members
