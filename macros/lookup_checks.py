"""The checks on `data/lookup/*.toml`: one small function per rule, each returning one problem line
(file, line, entry) per thing wrong; `check_entry` applies those of an entry's kind.
"""
from __future__ import annotations

from .lookup_rules import (ENTRY_FIELDS, LIBRARY_FIELDS, MIN_WORDING, NAME_SLOT, PRINTABLE_ASCII, SECTIONS, SLOT,
                           WORD_START, normalise)
from .model import Catalog
from .problems import Problem
from .validate import Where, check_field_types, check_known_fields, check_not_blank, check_required_fields


# ---------------------------------------------------------------- rules on an entry's text

def check_ascii(value: str, where: Where) -> list[Problem]:
    if not PRINTABLE_ASCII.match(value):
        return [where.problem("'text' must be printable ASCII (Python and the browser lower-case it alike)")]
    return []


def check_outer_space(value: str, where: Where) -> list[Problem]:
    if value != value.strip():
        return [where.problem("'text' starts or ends with a space")]
    return []


def check_one_slot(value: str, where: Where) -> list[Problem]:
    found = value.count(SLOT)
    if found != 1:
        return [where.problem(f"'text' must hold {SLOT} exactly once, not {found} times")]
    return []


def check_no_slot(value: str, where: Where, kind: str) -> list[Problem]:
    if SLOT in value:
        return [where.problem(f"'text' of a [[{kind}]] has no number slot; make it a [[pattern]] to use {SLOT}")]
    return []


def check_slot_neighbours(value: str, where: Where) -> list[Problem]:
    """The slot takes a whole run of digits, so a digit right beside it can never be matched."""
    before, _, after = value.partition(SLOT)
    if before[-1:].isdigit() or after[:1].isdigit():
        return [where.problem(f"a digit beside {SLOT} can never match: the slot takes every digit of a number")]
    return []


def check_literal_around_slot(value: str, where: Where) -> list[Problem]:
    if value.strip() == SLOT:
        return [where.problem(f"'text' is only {SLOT}: it needs the words around the number that say what it is")]
    return []


def check_name_slot(value: str, where: Where) -> list[Problem]:
    """A [[shape]] has the name slot once (the matcher looks for the code's name beside the number)."""
    found = value.count(NAME_SLOT)
    if found != 1:
        return [where.problem(f"'text' of a [[shape]] must hold {NAME_SLOT} exactly once, not {found} times")]
    return []


def check_wording_start(value: str, where: Where, kind: str) -> list[Problem]:
    """The matcher looks phrases up by the word they start with."""
    if not WORD_START.match(value):
        return [where.problem(f"'text' of a [[{kind}]] must start with a letter, digit or '_', or it can never match")]
    return []


def check_wording_length(value: str, where: Where) -> list[Problem]:
    if len(value) < MIN_WORDING:
        return [where.problem(f"'text' is shorter than {MIN_WORDING} characters and would match almost anything")]
    return []


def check_duplicate_text(seen: dict, value: str, where: Where) -> list[Problem]:
    """`seen`: normalised text -> line, of the entries of this kind before it in the file."""
    key = normalise(value)
    if key in seen:
        return [where.problem(f"'text' repeats the entry at line {seen[key]}")]
    seen[key] = where.line
    return []


# ---------------------------------------------------------------- the text rules of each kind

def check_pattern_text(value: str, where: Where) -> list[Problem]:
    """[[pattern]] and [[noise]]: one number slot, with words around it that say what it counts."""
    if value.count(SLOT) != 1:
        return check_one_slot(value, where)
    return check_slot_neighbours(value, where) + check_literal_around_slot(value, where)


def check_shape_text(value: str, where: Where) -> list[Problem]:
    """[[shape]]: one number slot and one name slot. Unlike a pattern's, its words around the
    number are the code's name, so it is not asked for words of its own: a shape that is only
    {code} lacks its name slot, and that is the problem reported."""
    slot = check_slot_neighbours(value, where) if value.count(SLOT) == 1 else check_one_slot(value, where)
    return slot + check_name_slot(value, where)


def check_phrase_text(value: str, where: Where, kind: str) -> list[Problem]:
    """[[wording]] and [[context]]: plain text, no slot, looked up by the word it starts with."""
    return (check_no_slot(value, where, kind) + check_wording_start(value, where, kind)
            + check_wording_length(value, where))


def check_text(value: str, kind: str, where: Where) -> list[Problem]:
    """The rules on an entry's 'text', by kind of entry."""
    problems = check_ascii(value, where) + check_outer_space(value, where)
    if kind in ("pattern", "noise"):
        return problems + check_pattern_text(value, where)
    if kind == "shape":
        return problems + check_shape_text(value, where)
    return problems + check_phrase_text(value, where, kind)  # [[wording]], [[context]]


# ---------------------------------------------------------------- rules naming the catalog

def check_tables_known(tables: list, catalog: Catalog, where: Where) -> list[Problem]:
    if not tables:
        return [where.problem("'tables' is empty; name the tables this context implies")]
    return [where.problem(f"'tables' names unknown table {table!r}")
            for table in tables if not (isinstance(table, str) and catalog.has_table(table))]


def check_table_known(table, catalog: Catalog, where: Where) -> list[Problem]:
    if not catalog.has_table(table):
        return [where.problem(f"'table' names unknown table {table!r}")]
    return []


def check_wording_target(anchor: str, catalog: Catalog, where: Where) -> list[Problem]:
    if anchor not in catalog.by_anchor():
        return [where.problem(f"'code' {anchor!r} is not the anchor of any code (like \"close-4014\")")]
    return []


# ---------------------------------------------------------------- an entry, a file's sections

def check_entry(entry, kind: str, catalog: Catalog, where: Where) -> list[Problem]:
    """Every rule an entry of that kind must pass: its fields, its text, what it names."""
    fields = ENTRY_FIELDS[kind]
    if not isinstance(entry, dict):
        return [where.problem(f"each [[{kind}]] must be a table")]
    problems = (check_known_fields(entry, fields, where, f"[[{kind}]]")
                + check_required_fields(entry, tuple(fields), where)
                + check_field_types(entry, fields, where))
    if isinstance(entry.get("why"), str):
        problems += check_not_blank(entry["why"], "why", where)
    if "text" in fields and isinstance(entry.get("text"), str):  # elsewhere one line: an unknown field
        problems += check_text(entry["text"], kind, where)
    if "tables" in fields and isinstance(entry.get("tables"), list):
        problems += check_tables_known(entry["tables"], catalog, where)
    if "code" in fields and isinstance(entry.get("code"), str):
        problems += check_wording_target(entry["code"], catalog, where)
    if "table" in fields and isinstance(entry.get("table"), str):
        problems += check_table_known(entry["table"], catalog, where)
    return problems


def check_library_section(data: dict, display: str) -> list[Problem]:
    where = Where(display, None, "[library]")
    section = data.get("library")
    if not isinstance(section, dict):
        return [where.problem("missing the [library] section (name = \"...\")")]
    return (check_known_fields(section, LIBRARY_FIELDS, where, "[library]")
            + check_required_fields(section, ("name",), where)
            + check_field_types(section, LIBRARY_FIELDS, where))


def check_sections(data: dict, display: str) -> list[Problem]:
    allowed = ", ".join(["[library]", *(f"[[{kind}]]" for kind in ENTRY_FIELDS)])
    return [Problem(display, None, "", f"unknown section {key!r}; allowed: {allowed}")
            for key in data if key not in SECTIONS]
