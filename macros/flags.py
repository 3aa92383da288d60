"""Discord's word vs ours: who states each reconnect/resume flag.

Discord publishes a Reconnect column for gateway close codes only. Every other flag is this site's
reading of a code's description, so the data says, per flag, where its value comes from: a default
per table (`[table] flag_basis`) and, where a code differs, an override on the code. A flag nobody
marks is our reading.
"""
from __future__ import annotations

from html import escape

from .model import Code

FLAG_COLUMNS = ("reconnect", "resume")
# basis -> how a reader is told where the value comes from
BASES = {
    "discord-table": "Discord's table",
    "discord-text": "Discord's description of the code",
    "our-reading": "our reading of the row's text",
}
OUR_READING = "our-reading"
FLAG_TITLES = {"reconnect": "Reconnect", "resume": "Resume"}


def flag_columns(section: dict) -> list[str]:
    columns = section.get("columns")
    return [c for c in columns if c in FLAG_COLUMNS] if isinstance(columns, list) else []


def _basis_problems(value, allowed_columns, where, field: str) -> list:
    if not isinstance(value, dict):
        return []  # the field-type rule reports it
    problems = []
    for column, basis in value.items():
        if column not in allowed_columns:
            allowed = ", ".join(allowed_columns) or "none in this table"
            problems.append(where.problem(f"'{field}' names '{column}', which is not a flag column of this table (flags: {allowed})"))
        elif basis not in BASES:
            problems.append(where.problem(f"'{field}.{column}' must be one of {', '.join(BASES)}, not {basis!r}"))
    return problems


def check_table_flag_basis(section: dict, where) -> list:
    if "flag_basis" not in section:
        return []
    return _basis_problems(section["flag_basis"], flag_columns(section), where, "flag_basis")


def check_code_flag_basis(entry: dict, section: dict, where) -> list:
    if "flag_basis" not in entry:
        return []
    return _basis_problems(entry["flag_basis"], flag_columns(section), where, "flag_basis")


def resolved_basis(columns, table_default, code_override=None) -> dict:
    """flag column -> basis for one code: our reading unless the table's default or the code's own
    override says Discord states it (claiming Discord's word must be explicit)."""
    merged = {column: OUR_READING for column in columns if column in FLAG_COLUMNS}
    if isinstance(table_default, dict):
        merged.update(table_default)
    if isinstance(code_override, dict):
        merged.update(code_override)
    return {column: basis for column, basis in merged.items() if column in FLAG_COLUMNS and basis in BASES}


def flags_sentence(code: Code) -> str:
    """'Reconnect: no (Discord's table). Resume: no (our reading of the row's text).' as escaped
    HTML for a code's page; "" for a code without flags."""
    parts = []
    for column in FLAG_COLUMNS:
        if column in code.columns and column in code.flag_basis:
            word = "yes" if code.columns[column] else "no"
            parts.append(f"{FLAG_TITLES[column]}: {word} ({BASES[code.flag_basis[column]]}).")
    return escape(" ".join(parts))
