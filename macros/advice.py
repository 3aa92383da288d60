"""Per-code advice: why a code happened to you and what to do (data/advice/<table-id>.toml).

The table files say what a code IS; advice files say what is likely behind it (`causes`, each
with sources), what to do (`fixes`) and whether sending the same request again can work
(`retry`, HTTP and JSON codes only). Read and checked here, one small function per rule, every
problem at once with file, line and code; `attach` puts the result on the catalog's codes.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from . import load, sources, text
from .model import Advice, Catalog, Cause, Code, TABLE_IDS, code_key
from .problems import Problem
from .validate import (Where, check_field_types, check_known_fields, check_links_are_references,
                       check_not_blank, check_required_fields, check_text_characters, check_text_length,
                       describe, subject_for, type_of)

ADVICE_DIR = "advice"
# retry value -> the short label a code page shows ("Retry: After a wait").
RETRY_LABELS = {"no": "No", "after-wait": "After a wait", "yes": "Yes"}
# Tables whose codes answer a request: each of their codes says whether the same request can work
# again. Close codes and opcodes have reconnect/resume instead, so retry is not allowed there.
RETRY_TABLES = ("http-status-codes", "json-error-codes")
ADVICE_SECTION_FIELDS = {"table": str}
ADVICE_FIELDS = {"code": object, "retry": str, "retry_note": str, "causes": list, "fixes": list}
CAUSE_FIELDS = {"text": str, "sources": list}
MIN_CAUSES = 2  # one cause is the explanation again; a list earns its place with alternatives
MAX_RETRY_NOTE = 200
MAX_CAUSE = 300
MAX_FIX = 300


# ---------------------------------------------------------------- reading

def advice_files(data_dir: Path) -> list[Path]:
    folder = Path(data_dir) / ADVICE_DIR
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def read_advice_files(data_dir: Path) -> tuple[list[load.RawFile], list[Problem]]:
    raws, problems = [], []
    for path in advice_files(data_dir):
        raw, found = load.read_toml(path, load.display_name(path, Path(data_dir)))
        problems += found
        if raw:
            raws.append(raw)
    return raws, problems


# ---------------------------------------------------------------- rules on one file

def check_file_name(raw: load.RawFile) -> list[Problem]:
    if raw.path.stem in TABLE_IDS:
        return []
    expected = ", ".join(f"{t}.toml" for t in TABLE_IDS)
    return [Problem(raw.display, None, "", f"unknown advice file; expected one of: {expected}")]


def check_top_level(raw: load.RawFile) -> list[Problem]:
    return [Problem(raw.display, None, "", f"unknown top-level key '{key}'; an advice file has [advice] and [[code]]")
            for key in raw.data if key not in ("advice", "code")]


def check_advice_section(raw: load.RawFile) -> list[Problem]:
    where = Where(raw.display, None, "[advice]")
    section = raw.data.get("advice")
    if not isinstance(section, dict):
        return [where.problem("missing the [advice] section with table = \"<table-id>\"")]
    problems = (check_known_fields(section, ADVICE_SECTION_FIELDS, where, "[advice]")
                + check_required_fields(section, ("table",), where)
                + check_field_types(section, ADVICE_SECTION_FIELDS, where))
    if isinstance(section.get("table"), str) and section["table"] != raw.path.stem:
        problems.append(where.problem(f"'table' is {describe(section['table'])} but the file is {raw.path.name}; they must match"))
    return problems


# ---------------------------------------------------------------- rules on one [[code]] entry

def check_retry_value(entry: dict, where: Where) -> list[Problem]:
    retry = entry.get("retry")
    if isinstance(retry, str) and retry not in RETRY_LABELS:
        allowed = ", ".join(f'"{v}"' for v in RETRY_LABELS)
        return [where.problem(f"'retry' must be one of {allowed}, not {describe(retry)}")]
    return []


def check_retry_allowed(entry: dict, table_id: str, where: Where) -> list[Problem]:
    if table_id in RETRY_TABLES:
        return []
    found = [key for key in ("retry", "retry_note") if key in entry]
    return [where.problem(f"'{key}' is only for HTTP and JSON codes; a {table_id} code says "
                          "what to do in its causes and fixes (close codes have reconnect and resume)")
            for key in found]


def check_retry_note(entry: dict, where: Where) -> list[Problem]:
    note = entry.get("retry_note")
    if not isinstance(note, str):
        return []
    problems = (check_not_blank(note, "retry_note", where) + check_text_characters(note, "retry_note", where)
                + check_text_length(note, "retry_note", MAX_RETRY_NOTE, where))
    if text.links(note) or any(isinstance(piece, text.CodeSpan) for piece in text.parse(note)):
        problems.append(where.problem("'retry_note' is plain text: no links or code spans"))
    if "retry" not in entry:
        problems.append(where.problem("'retry_note' explains a 'retry' value; set 'retry' too"))
    return problems


def check_rich_text(value: str, field: str, limit: int, where: Where) -> list[Problem]:
    """One cause or fix: the safe Markdown subset of data/README.md, one line, not too long."""
    problems = (check_not_blank(value, field, where) + check_text_characters(value, field, where)
                + check_text_length(value, field, limit, where) + check_links_are_references(value, field, where))
    if "\n" in value:
        problems.append(where.problem(f"'{field}' is one line"))
    return problems


def check_fixes(entry: dict, where: Where) -> list[Problem]:
    fixes = entry.get("fixes")
    if not isinstance(fixes, list):
        return []
    problems = []
    for fix in fixes:
        if not isinstance(fix, str):
            problems.append(where.problem(f"'fixes' items must be strings, not {type_of(fix)} {describe(fix)}"))
        else:
            problems += check_rich_text(fix, "fixes", MAX_FIX, where)
    return problems


def check_cause_count(entry: dict, where: Where) -> list[Problem]:
    causes = entry.get("causes")
    if isinstance(causes, list) and len(causes) < MIN_CAUSES:
        return [where.problem(f"'causes' lists {len(causes)}; give at least {MIN_CAUSES} "
                              "(most likely first), or none and let the explanation speak")]
    return []


def check_cause_has_source(cause: dict, where: Where) -> list[Problem]:
    value = cause.get("sources")
    if value is None or value == []:
        return [where.problem("a cause needs at least one source (docs or a public thread) that shows it")]
    return []


def check_cause(cause, where: Where) -> list[Problem]:
    if not isinstance(cause, dict):
        return [where.problem("'causes' must be written as [[code.causes]] tables with text and sources")]
    problems = (check_known_fields(cause, CAUSE_FIELDS, where, "[[code.causes]]")
                + check_required_fields(cause, ("text",), where)
                + check_field_types(cause, CAUSE_FIELDS, where)
                + check_cause_has_source(cause, where))
    if isinstance(cause.get("text"), str):
        problems += check_rich_text(cause["text"], "causes.text", MAX_CAUSE, where)
    if isinstance(cause.get("sources"), list):
        problems += sources.check_source_list(cause["sources"], where, field="causes.sources")
    return problems


def check_advice_entry(entry, index: int, raw: load.RawFile) -> list[Problem]:
    where = Where(raw.display, raw.line_of(index), subject_for(entry, index))
    if not isinstance(entry, dict):
        return [where.problem("each [[code]] must be a table")]
    problems = (check_known_fields(entry, ADVICE_FIELDS, where, "[[code]] of an advice file")
                + check_required_fields(entry, ("code",), where)
                + check_field_types(entry, ADVICE_FIELDS, where)
                + check_retry_value(entry, where)
                + check_retry_allowed(entry, raw.path.stem, where)
                + check_retry_note(entry, where)
                + check_cause_count(entry, where)
                + check_fixes(entry, where))
    for cause in entry.get("causes", []) if isinstance(entry.get("causes"), list) else []:
        problems += check_cause(cause, where)
    return problems


def check_advice_file(raw: load.RawFile) -> list[Problem]:
    problems = check_file_name(raw) + check_top_level(raw) + check_advice_section(raw)
    codes = raw.data.get("code", [])
    if not isinstance(codes, list):
        return problems + [Problem(raw.display, None, "", "'code' must be written as [[code]] entries")]
    for index, entry in enumerate(codes):
        problems += check_advice_entry(entry, index, raw)
    return problems


# ---------------------------------------------------------------- rules against the catalog

def entries_with_codes(raw: load.RawFile):
    """(index, entry, key) for every entry whose `code` is a number or a class string."""
    codes = raw.data.get("code", [])
    for index, entry in enumerate(codes if isinstance(codes, list) else []):
        if isinstance(entry, dict) and (type(entry.get("code")) is int or isinstance(entry.get("code"), str)):
            yield index, entry, code_key(entry["code"])


def check_codes_exist(raw: load.RawFile, catalog: Catalog) -> list[Problem]:
    if not catalog.has_table(raw.path.stem):
        return []
    known = {code_key(code.code) for code in catalog.table(raw.path.stem).codes}
    return [Problem(raw.display, raw.line_of(index), subject_for(entry, index),
                    f"no code {entry['code']} in data/{raw.path.stem}.toml")
            for index, entry, key in entries_with_codes(raw) if key not in known]


def check_codes_once(raw: load.RawFile) -> list[Problem]:
    first: dict = {}
    problems = []
    for index, entry, key in entries_with_codes(raw):
        if key in first:
            problems.append(Problem(raw.display, raw.line_of(index), subject_for(entry, index),
                                    f"advice for this code is already given at line {first[key]}"))
        else:
            first[key] = raw.line_of(index)
    return problems


def check_references(raw: load.RawFile, catalog: Catalog) -> list[Problem]:
    """Every code:, table: and docs: link in causes and fixes, and every docs name in their sources."""
    problems = []
    for index, entry, _key in entries_with_codes(raw):
        where = Where(raw.display, raw.line_of(index), subject_for(entry, index))
        causes = [c for c in entry.get("causes", []) if isinstance(c, dict)] if isinstance(entry.get("causes"), list) else []
        texts = [("causes.text", c.get("text")) for c in causes]
        texts += [("fixes", f) for f in entry.get("fixes", [])] if isinstance(entry.get("fixes"), list) else []
        for field, value in texts:
            for link in text.links(value) if isinstance(value, str) else []:
                if link.reference and not known_reference(catalog, *link.reference):
                    problems.append(where.problem(f"'{field}' refers to unknown {link.reference[0]} '{link.reference[1]}'"))
        for cause in causes:
            for source in sources.build_sources(cause.get("sources")):
                registered = catalog.docs_links.get(source.docs)
                if source.docs and registered is None:
                    problems.append(where.problem(
                        f"'causes.sources.docs' names '{source.docs}', which is not in discord-docs.toml"))
                elif source.anchor and registered and "#" in registered:
                    problems.append(where.problem(
                        f"'causes.sources.anchor' given, but docs:{source.docs} already points at an anchor"))
    return problems


def known_reference(catalog: Catalog, scheme: str, name: str) -> bool:
    if scheme == "code":
        return name in catalog.by_anchor()
    if scheme == "table":
        return catalog.has_table(name)
    return name in catalog.docs_links


def needs_retry(code: Code) -> bool:
    """Every documented HTTP and JSON code says whether to retry; a code the sync just added (still
    waiting for our explanation) and an undocumented one may go without until someone knows."""
    return code.table_id in RETRY_TABLES and not code.awaiting_explanation and not code.is_undocumented


def check_retry_complete(data_dir: Path, raws: list[load.RawFile], catalog: Catalog) -> list[Problem]:
    """Once data/advice/ exists, every code that needs_retry has one. (Without the folder a data
    set has no advice at all: the tiny test tables. The real data keeps the folder; a content test
    holds it to 100%.)"""
    if not (Path(data_dir) / ADVICE_DIR).is_dir():
        return []
    given = {raw.path.stem: {key for _i, entry, key in entries_with_codes(raw) if "retry" in entry} for raw in raws}
    problems = []
    for table_id in RETRY_TABLES:
        if not catalog.has_table(table_id):
            continue
        display = f"{Path(data_dir).name}/{ADVICE_DIR}/{table_id}.toml"
        for code in catalog.table(table_id).codes:
            if needs_retry(code) and code_key(code.code) not in given.get(table_id, set()):
                problems.append(Problem(display, None, f"code {code.code}",
                                        f"'retry' is missing: every HTTP and JSON code says whether to retry "
                                        f"({', '.join(RETRY_LABELS)}); {code.anchor} has none"))
    return problems


# ---------------------------------------------------------------- building

def build_advice(entry: dict) -> Advice:
    causes = tuple(
        Cause(text=cause["text"], sources=sources.build_sources(cause.get("sources")))
        for cause in entry.get("causes", []) if isinstance(cause, dict) and isinstance(cause.get("text"), str)
    ) if isinstance(entry.get("causes"), list) else ()
    fixes = tuple(f for f in entry.get("fixes", []) if isinstance(f, str)) if isinstance(entry.get("fixes"), list) else ()
    retry, note = entry.get("retry", ""), entry.get("retry_note", "")
    return Advice(retry=retry if isinstance(retry, str) else "", retry_note=note if isinstance(note, str) else "",
                  causes=causes, fixes=fixes)


def attach(catalog: Catalog, raws: list[load.RawFile]) -> Catalog:
    """The catalog with each code's advice in place (codes without keep the empty Advice)."""
    found: dict[tuple[str, object], Advice] = {}
    for raw in raws:
        for _index, entry, key in entries_with_codes(raw):
            found.setdefault((raw.path.stem, key), build_advice(entry))
    if not found:
        return catalog
    tables = tuple(
        dataclasses.replace(table, codes=tuple(
            dataclasses.replace(code, advice=found[(table.id, code_key(code.code))])
            if (table.id, code_key(code.code)) in found else code
            for code in table.codes))
        for table in catalog.tables)
    return dataclasses.replace(catalog, tables=tables)


def load_advice(data_dir: Path, catalog: Catalog) -> tuple[Catalog, list[Problem]]:
    """Read, check and attach data/advice/: (catalog with advice, every problem found)."""
    raws, problems = read_advice_files(data_dir)
    for raw in raws:
        problems += check_advice_file(raw) + check_codes_exist(raw, catalog) + check_codes_once(raw) \
            + check_references(raw, catalog)
    problems += check_retry_complete(data_dir, raws, catalog)
    return attach(catalog, raws), problems


# ---------------------------------------------------------------- for pages and exports

def retry_label(advice: Advice) -> str:
    return RETRY_LABELS.get(advice.retry, "")
