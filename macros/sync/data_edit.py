"""Small edits to a table file's text that leave every other line as it was. Pure: text in, text out.

The sync writes through these instead of re-serialising TOML, so comments, key order, wrapping and
blocks added by hand (such as `[[code.sources]]`) survive untouched.
"""
from __future__ import annotations

import json
import re

_CODE_HEADER = re.compile(r"^\s*\[\[\s*code\s*\]\]\s*$")
_SUB_TABLE = re.compile(r"^\s*\[\[?\s*code\.(\w+)\s*\]?\]\s*$")
_CODE_VALUE = re.compile(r"^\s*code\s*=\s*(\"?)(\w+)\1\s*(#.*)?$")


class EditError(Exception):
    """The file doesn't have the entry an edit needs."""


def literal(value) -> str:
    """A TOML literal: strings as basic strings (JSON's escapes are valid TOML), booleans lowercase."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def _key_pattern(key: str) -> re.Pattern:
    return re.compile(rf"^\s*{re.escape(key)}\s*=")


def code_blocks(lines: list[str]) -> list[tuple[object, int, int]]:
    """(code value, first line index, end index exclusive) of every [[code]] entry."""
    starts = [i for i, line in enumerate(lines) if _CODE_HEADER.match(line)]
    blocks = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        value = None
        for line in lines[start + 1:end]:
            match = _CODE_VALUE.match(line)
            if match:
                value = match[2].lower() if match[1] else int(match[2])
                break
        blocks.append((value, start, end))
    return blocks


def _block(lines: list[str], code) -> tuple[int, int]:
    for value, start, end in code_blocks(lines):
        if value == code:
            return start, end
    raise EditError(f"no [[code]] entry with code = {code}")


def _own_keys_end(lines: list[str], start: int, end: int) -> int:
    """Index just past the code's own keys: before its first sub-table, or trailing blank lines."""
    for index in range(start + 1, end):
        if _SUB_TABLE.match(lines[index]):
            end = index
            break
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def _set_in(lines: list[str], start: int, end: int, key: str, value, after: tuple[str, ...]) -> list[str]:
    pattern = _key_pattern(key)
    for index in range(start, end):
        if pattern.match(lines[index]):
            return lines[:index] + [f"{key} = {literal(value)}"] + lines[index + 1:]
    insert_at = end
    for previous in after:  # keep a readable key order: put the new key after one of these
        hits = [i for i in range(start, end) if _key_pattern(previous).match(lines[i])]
        if hits:
            insert_at = hits[-1] + 1
            break
    return lines[:insert_at] + [f"{key} = {literal(value)}"] + lines[insert_at:]


def _join(lines: list[str], original: str) -> str:
    return "\n".join(lines) + ("\n" if original.endswith("\n") else "")


def set_code_field(text: str, code, key: str, value, after: tuple[str, ...] = ("name",)) -> str:
    """Set (or add) one of a code's own keys."""
    lines = text.splitlines()
    start, end = _block(lines, code)
    return _join(_set_in(lines, start, _own_keys_end(lines, start, end), key, value, after), text)


def formerly_ranges(lines: list[str], start: int, end: int) -> list[tuple[int, int]]:
    headers = [i for i in range(start, end) if _SUB_TABLE.match(lines[i])]
    ranges = []
    for number, header in enumerate(headers):
        if _SUB_TABLE.match(lines[header])[1] == "formerly":
            stop = headers[number + 1] if number + 1 < len(headers) else end
            while stop > header + 1 and not lines[stop - 1].strip():
                stop -= 1
            ranges.append((header, stop))
    return ranges


def set_formerly_until(text: str, code, index: int, until: str) -> str:
    """Set `until` of the code's index-th [[code.formerly]] entry."""
    lines = text.splitlines()
    start, end = _block(lines, code)
    ranges = formerly_ranges(lines, start, end)
    if index >= len(ranges):
        raise EditError(f"code {code} has no formerly entry #{index + 1}")
    first, stop = ranges[index]
    return _join(_set_in(lines, first + 1, stop, "until", until, ("text", "name")), text)


def add_formerly(text: str, code, name: str, until: str) -> str:
    """Add a [[code.formerly]] entry after the code's other formerly entries (before its sources)."""
    lines = text.splitlines()
    start, end = _block(lines, code)
    ranges = formerly_ranges(lines, start, end)
    insert_at = ranges[-1][1] if ranges else _own_keys_end(lines, start, end)
    entry = ["", "[[code.formerly]]", f"name = {literal(name)}", f"until = {literal(until)}"]
    return _join(lines[:insert_at] + entry + lines[insert_at:], text)


def insert_code(text: str, code, fields: dict) -> str:
    """A new [[code]] entry with these keys, before the first entry with a higher number."""
    lines = text.splitlines()
    entry = ["[[code]]", f"code = {literal(code)}"] + [f"{k} = {literal(v)}" for k, v in fields.items()] + [""]
    for value, start, _ in code_blocks(lines):
        if type(value) is int and type(code) is int and value > code:
            return _join(lines[:start] + entry + lines[start:], text)
    while lines and not lines[-1].strip():
        lines.pop()
    return _join(lines + [""] + entry[:-1], text if text.endswith("\n") else text + "\n")
