"""Reads `data/lookup/*.toml` into the lookup's `Rules`, checking every entry against the catalog:
all problems of all files at once, or the rules."""
from __future__ import annotations

from pathlib import Path

from .load import display_name, header_lines, line_at, read_toml, table_entries
from .lookup_checks import check_duplicate_text, check_entry, check_library_section, check_sections
from .lookup_rules import ENTRY_FIELDS, RULE_FIELDS, Rules, rule_from_entry
from .model import Catalog
from .problems import DataError, Problem
from .validate import Where

LOOKUP_DIR = "lookup"


def read_rules_file(path: Path, display: str, catalog: Catalog) -> tuple[dict[str, list], list[Problem]]:
    """One file's valid entries as rules, by kind, and its problems."""
    found_rules: dict[str, list] = {kind: [] for kind in ENTRY_FIELDS}
    raw, problems = read_toml(path, display)
    if raw is None:
        return found_rules, problems
    data = raw.data
    lines = header_lines(raw.text, *ENTRY_FIELDS)
    problems += check_sections(data, display) + check_library_section(data, display)
    for kind in ENTRY_FIELDS:
        seen: dict = {}
        for index, entry in enumerate(table_entries(data, kind)):
            line = line_at(lines[kind], index)
            where = Where(display, line, f"[[{kind}]] #{index + 1}")
            found = check_entry(entry, kind, catalog, where)
            if isinstance(entry, dict) and isinstance(entry.get("text"), str):
                found += check_duplicate_text(seen, entry["text"], where)
            problems += found
            if not found:
                found_rules[kind].append(rule_from_entry(kind, entry))
    return found_rules, problems


def load_rules(data_dir: Path | str, catalog: Catalog) -> Rules:
    """Every rule file under data/lookup/, validated against the catalog; raises DataError."""
    data_dir = Path(data_dir)
    folder = data_dir / LOOKUP_DIR
    found_rules: dict[str, list] = {kind: [] for kind in ENTRY_FIELDS}
    problems = []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
        rules, found = read_rules_file(path, display_name(path, data_dir), catalog)
        for kind in found_rules:
            found_rules[kind] += rules[kind]
        problems += found
    if problems:
        raise DataError(problems, where="the lookup rules")
    return Rules(**{RULE_FIELDS[kind]: tuple(rules) for kind, rules in found_rules.items()})
