"""Validation rules. Each rule is one small function that returns the problems it finds.

Per-file rules look at one raw TOML file; catalog rules look across all tables once every
entry has been read, so one run reports every problem at once.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from . import flags, sources, text
from .load import RawFile
from .model import COLUMN_FIELDS, PAGES
from .problems import Problem

TABLE_FIELDS = {
    "id": str, "title": str, "page": str, "anchor_prefix": str, "kind": str,
    "range": list, "columns": list, "intro": str, "discord_anchors": list, "status_classes": bool,
    "flag_basis": dict,
}
REQUIRED_TABLE_FIELDS = ("id", "title", "page", "anchor_prefix", "kind", "range", "columns", "intro")
CODE_FIELDS = {
    "code": object, "name": str, "explanation": str, "status": str, "removed": str, "added": str,
    "formerly": list, "discord_sends": list, "see_also": list, "aliases": list, "upstream_description": str,
    "client_action": str, "sent_by": str, "binary": bool, "reconnect": bool, "resume": bool,
    "sources": list, "flag_basis": dict,
}
REQUIRED_CODE_FIELDS = ("code", "name")  # and 'explanation', see check_explanation_or_waiting
FORMER_FIELDS = {"name": str, "text": str, "until": str}
SENT_FIELDS = {"text": str, "source": str}
# Where a message Discord sends can be seen: a public thread (any GitHub repository's issue, pull
# request or discussion) or a page of Discord's developer docs.
_SENT_SOURCE = re.compile(r"^https://(github\.com/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+/(issues|pull|discussions)/\d+"
                          r"|(docs\.)?discord\.com/developers/(docs/)?[a-z0-9/-]+)(#[A-Za-z0-9_-]+)?$")
_PRINTABLE_ASCII = re.compile(r"^[\x20-\x7e]+$")
COLUMN_VALUES = {
    "client_action": ("Send", "Receive", "Send/Receive"),
    "sent_by": ("client", "server", "client and server"),
}
STATUSES = ("current", "removed", "undocumented")  # undocumented: seen in use, not in Discord's docs
MAX_NAME = 300
MAX_TEXT = 2000
_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")  # a month, or a day from the sync
_ANCHOR = re.compile(r"^[a-z][a-z0-9-]*$")
_STATUS_CLASS = re.compile(r"^[1-5]xx$")
TYPE_NAMES = {str: "a string", list: "an array", bool: "true or false", int: "an integer", dict: "a table"}


@dataclass(frozen=True)
class Where:
    """Where a problem is: a file, a line, and which code (or section)."""
    file: str
    line: int | None
    subject: str

    def problem(self, message: str) -> Problem:
        return Problem(self.file, self.line, self.subject, message)


def describe(value) -> str:
    """A value as it would be written in TOML, shortened."""
    shown = json.dumps(value, ensure_ascii=False) if isinstance(value, (str, bool, int, float)) else repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def type_of(value) -> str:
    return {bool: "a boolean", int: "an integer", float: "a float", str: "a string",
            list: "an array", dict: "a table"}.get(type(value), type(value).__name__)


# ---------------------------------------------------------------- field-level rules

def check_known_fields(entry: dict, allowed, where: Where, what: str) -> list[Problem]:
    return [where.problem(f"unknown field '{key}' in {what}; allowed: {', '.join(allowed)}")
            for key in entry if key not in allowed]


def check_required_fields(entry: dict, required, where: Where) -> list[Problem]:
    return [where.problem(f"missing required field '{key}'") for key in required if key not in entry]


def check_field_types(entry: dict, types: dict, where: Where) -> list[Problem]:
    problems = []
    for key, expected in types.items():
        if key in entry and expected is not object and type(entry[key]) is not expected:
            problems.append(where.problem(
                f"'{key}' must be {TYPE_NAMES[expected]}, not {type_of(entry[key])} {describe(entry[key])}"))
    return problems


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode category Cc, except tab and newline


def check_text_characters(value: str, field: str, where: Where) -> list[Problem]:
    bad = sorted(set(_CONTROL.findall(value)))
    return [where.problem(f"'{field}' contains control character U+{ord(ch):04X}") for ch in bad]


def check_text_length(value: str, field: str, limit: int, where: Where) -> list[Problem]:
    if len(value) > limit:
        return [where.problem(f"'{field}' is {len(value)} characters; the limit is {limit}")]
    return []


def check_not_blank(value: str, field: str, where: Where) -> list[Problem]:
    return [where.problem(f"'{field}' is empty")] if not value.strip() else []


def check_links_are_references(value: str, field: str, where: Where) -> list[Problem]:
    return [where.problem(f"'{field}' links to '{link.target}': links must be code:<anchor>, "
                          "table:<table-id> or docs:<name>, never a URL")
            for link in text.links(value) if link.reference is None]


def check_plain_name(value: str, where: Where) -> list[Problem]:
    if any(isinstance(piece, text.Link) for piece in text.parse(value)):
        return [where.problem("'name' is plain text; move links into 'explanation'")]
    return []


def check_date(value, field: str, where: Where) -> list[Problem]:
    if isinstance(value, str) and not _DATE.match(value):
        return [where.problem(f"'{field}' must be a month like \"2020-02\" or a day like \"2020-02-14\", not {describe(value)}")]
    return []


def check_text_field(entry: dict, field: str, where: Where, limit: int = MAX_TEXT) -> list[Problem]:
    value = entry.get(field)
    if not isinstance(value, str):
        return []
    return (check_text_characters(value, field, where) + check_text_length(value, field, limit, where)
            + check_links_are_references(value, field, where))


# ---------------------------------------------------------------- [table] rules

def check_table_section(raw: RawFile) -> list[Problem]:
    where = Where(raw.display, None, "[table]")
    section = raw.data.get("table")
    if section is None:
        return [where.problem("missing the [table] section")]
    if not isinstance(section, dict):
        return [where.problem("'table' must be a [table] section")]
    problems = (check_known_fields(section, TABLE_FIELDS, where, "[table]")
                + check_required_fields(section, REQUIRED_TABLE_FIELDS, where)
                + check_field_types(section, TABLE_FIELDS, where)
                + check_text_field(section, "intro", where))
    if isinstance(section.get("id"), str) and section["id"] != raw.path.stem:
        problems.append(where.problem(f"'id' is {describe(section['id'])} but the file is {raw.path.name}; they must match"))
    if isinstance(section.get("page"), str) and section["page"] not in PAGES:
        problems.append(where.problem(f"'page' must be one of {', '.join(PAGES)}, not {describe(section['page'])}"))
    if isinstance(section.get("anchor_prefix"), str) and not _ANCHOR.match(section["anchor_prefix"]):
        problems.append(where.problem("'anchor_prefix' must be lowercase letters, digits and hyphens"))
    problems += check_range_shape(section.get("range"), where)
    problems += check_columns(section.get("columns"), where)
    problems += check_discord_anchor_shape(section.get("discord_anchors"), where)
    problems += flags.check_table_flag_basis(section, where)
    return problems


def check_discord_anchor_shape(value, where: Where) -> list[Problem]:
    """Each is an id the forwarding script looks up in a page's fragment, so it looks like ours.
    (Unique site-wide and no clash with our ids: references.check_discord_anchors.)"""
    if not isinstance(value, list):
        return []
    problems = []
    for item in value:
        if not isinstance(item, str):
            problems.append(where.problem(f"'discord_anchors' items must be strings, not {type_of(item)} {describe(item)}"))
        elif not _ANCHOR.match(item):
            problems.append(where.problem(f"discord anchor {describe(item)} must be lowercase letters, digits and hyphens"))
    return problems


def check_range_shape(value, where: Where) -> list[Problem]:
    if not isinstance(value, list):
        return []
    low, high = range_bounds(value)
    if low is None or low > high:
        return [where.problem(f"'range' must be [low, high] with integers low <= high, not {describe(value)}")]
    return []


def check_columns(value, where: Where) -> list[Problem]:
    if not isinstance(value, list):
        return []
    return [where.problem(f"unknown column {describe(c)}; allowed: {', '.join(COLUMN_FIELDS)}")
            for c in value if c not in COLUMN_FIELDS]


# ---------------------------------------------------------------- [[code]] rules

def subject_for(entry: dict, index: int) -> str:
    code = entry.get("code") if isinstance(entry, dict) else None
    if type(code) is int or isinstance(code, str) and _STATUS_CLASS.match(code):
        return f"code {code}"
    return f"[[code]] #{index + 1}"


def check_code_value(entry: dict, section: dict, where: Where) -> list[Problem]:
    if "code" not in entry:
        return []
    value = entry["code"]
    if type(value) is int:
        if value < 0:
            return [where.problem(f"'code' must not be negative, not {value}")]
        low, high = range_bounds(section.get("range"))
        if low is not None and not low <= value <= high:
            return [where.problem(f"code {value} is outside this table's range {low}-{high}")]
        return []
    if isinstance(value, str) and section.get("status_classes") is True and _STATUS_CLASS.match(value):
        return []
    hint = " (or a class like \"5xx\")" if section.get("status_classes") is True else ""
    return [where.problem(f"'code' must be an integer written as a number{hint}, not {type_of(value)} {describe(value)}")]


def range_bounds(value) -> tuple[int | None, int | None]:
    """(low, high) of a well-formed 'range', else (None, None)."""
    if isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value):
        return value[0], value[1]
    return None, None


def check_status(entry: dict, where: Where) -> list[Problem]:
    status = entry.get("status", "current")
    if not isinstance(status, str):
        return []
    if status not in STATUSES:
        return [where.problem(f"'status' must be \"current\", \"removed\" or \"undocumented\", not {describe(status)}")]
    if status == "removed" and "removed" not in entry:
        return [where.problem("status is \"removed\" but 'removed' (when it went) is missing")]
    if status == "current" and "removed" in entry:
        return [where.problem("'removed' is set but status is not \"removed\"")]
    return []


def check_explanation_or_waiting(entry: dict, where: Where) -> list[Problem]:
    """A code needs our explanation; only a code the sync added, still carrying Discord's own
    description, may wait for one (the site says so)."""
    if "explanation" not in entry and "upstream_description" not in entry:
        return [where.problem("missing required field 'explanation'")]
    if "explanation" in entry and "upstream_description" in entry:
        return [where.problem("'upstream_description' marks a code waiting for an explanation; "
                              "remove it now that 'explanation' is written")]
    return []


def check_explanation_says_more(entry: dict, where: Where) -> list[Problem]:
    name, explanation = entry.get("name"), entry.get("explanation")
    if isinstance(name, str) and isinstance(explanation, str) \
            and _normalise(text.plain_text(explanation)) == _normalise(name):
        return [where.problem("'explanation' only repeats the name; say what it means and what to do")]
    return []


def _normalise(value: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", value.casefold()).split())


def check_column_fields(entry: dict, section: dict, where: Where) -> list[Problem]:
    columns = section.get("columns")
    if not isinstance(columns, list):
        return []
    problems = []
    for field in COLUMN_FIELDS:
        if field in columns and field not in entry:
            problems.append(where.problem(f"missing '{field}' (a column of this table)"))
        elif field not in columns and field in entry:
            problems.append(where.problem(f"'{field}' is not a column of this table"))
        elif field in entry and field in COLUMN_VALUES and isinstance(entry[field], str) \
                and entry[field] not in COLUMN_VALUES[field]:
            allowed = ", ".join(f'"{v}"' for v in COLUMN_VALUES[field])
            problems.append(where.problem(f"'{field}' must be one of {allowed}, not {describe(entry[field])}"))
    return problems


def check_string_list(entry: dict, field: str, where: Where) -> list[Problem]:
    value = entry.get(field)
    if not isinstance(value, list):
        return []
    return [where.problem(f"'{field}' items must be strings, not {type_of(item)} {describe(item)}")
            for item in value if not isinstance(item, str)]


def check_alias_shape(entry: dict, where: Where) -> list[Problem]:
    value = entry.get("aliases")
    if not isinstance(value, list):
        return []
    return [where.problem(f"alias {alias!r} must be lowercase letters, digits and hyphens")
            for alias in value if isinstance(alias, str) and not _ANCHOR.match(alias)]


def check_formerly(entry: dict, where: Where) -> list[Problem]:
    value = entry.get("formerly")
    if not isinstance(value, list):
        return []
    problems = []
    for item in value:
        if not isinstance(item, dict):
            problems.append(where.problem("'formerly' entries must be tables with name, text, until"))
            continue
        problems += (check_known_fields(item, FORMER_FIELDS, where, "formerly")
                     + check_required_fields(item, ("name",), where)
                     + check_field_types(item, FORMER_FIELDS, where)
                     + check_date(item.get("until"), "formerly.until", where)
                     + check_text_field(item, "text", where))
        if isinstance(item.get("name"), str):
            problems += check_text_characters(item["name"], "formerly.name", where)
    return problems


def check_discord_sends(entry: dict, where: Where) -> list[Problem]:
    """discord_sends = [{ text = "You are being rate limited.", source = "https://..." }]: each
    message word for word (printable ASCII, which the lookup matches) with where it is seen."""
    value = entry.get("discord_sends")
    if not isinstance(value, list):
        return []
    problems = []
    for item in value:
        if not isinstance(item, dict):
            problems.append(where.problem("'discord_sends' entries must be tables with text and source"))
            continue
        problems += (check_known_fields(item, SENT_FIELDS, where, "discord_sends")
                     + check_required_fields(item, tuple(SENT_FIELDS), where)
                     + check_field_types(item, SENT_FIELDS, where))
        sent, source = item.get("text"), item.get("source")
        if isinstance(sent, str) and not (_PRINTABLE_ASCII.match(sent) and sent == sent.strip() and len(sent) >= 4):
            problems.append(where.problem(f"'discord_sends.text' must be at least 4 printable ASCII characters "
                                          f"without spaces at its ends, got {sent!r}"))
        if isinstance(source, str) and not _SENT_SOURCE.match(source):
            problems.append(where.problem(f"'discord_sends.source' must be a GitHub issue, pull request or "
                                          f"discussion, or a page of Discord's docs, got {source!r}"))
    return problems


def check_code_entry(entry, index: int, raw: RawFile) -> list[Problem]:
    where = Where(raw.display, raw.line_of(index), subject_for(entry, index))
    if not isinstance(entry, dict):
        return [where.problem("each [[code]] must be a table")]
    section = raw.data.get("table") if isinstance(raw.data.get("table"), dict) else {}
    problems = (check_known_fields(entry, CODE_FIELDS, where, "[[code]]")
                + check_required_fields(entry, REQUIRED_CODE_FIELDS, where)
                + check_field_types(entry, CODE_FIELDS, where)
                + check_code_value(entry, section, where)
                + check_status(entry, where)
                + check_date(entry.get("removed"), "removed", where)
                + check_date(entry.get("added"), "added", where)
                + check_column_fields(entry, section, where)
                + check_formerly(entry, where)
                + check_discord_sends(entry, where)
                + check_string_list(entry, "see_also", where)
                + check_string_list(entry, "aliases", where)
                + check_alias_shape(entry, where)
                + check_explanation_or_waiting(entry, where)
                + check_text_field(entry, "explanation", where)
                + check_text_field(entry, "upstream_description", where)
                + check_explanation_says_more(entry, where)
                + sources.check_sources(entry, where)
                + flags.check_code_flag_basis(entry, section, where))
    for field in ("name", "explanation", "upstream_description"):
        if isinstance(entry.get(field), str):
            problems += check_not_blank(entry[field], field, where)
    if isinstance(entry.get("name"), str):
        problems += (check_text_characters(entry["name"], "name", where)
                     + check_text_length(entry["name"], "name", MAX_NAME, where)
                     + check_plain_name(entry["name"], where))
    return problems


def check_codes_section(raw: RawFile) -> list[Problem]:
    codes = raw.data.get("code")
    if codes is None:
        return [Problem(raw.display, None, "", "no [[code]] entries; a table file lists at least one code")]
    if not isinstance(codes, list):
        return [Problem(raw.display, None, "", "'code' must be written as [[code]] entries")]
    problems = []
    for index, entry in enumerate(codes):
        problems += check_code_entry(entry, index, raw)
    return problems


def check_top_level(raw: RawFile) -> list[Problem]:
    return [Problem(raw.display, None, "", f"unknown top-level key '{key}'; a table file has [table] and [[code]]")
            for key in raw.data if key not in ("table", "code")]


def check_table_file(raw: RawFile) -> list[Problem]:
    return check_top_level(raw) + check_table_section(raw) + check_codes_section(raw)


# ---------------------------------------------------------------- the docs registry

DOCS_PREFIX = "https://docs.discord.com/developers/"
_DOCS_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def check_docs_registry(raw: RawFile) -> list[Problem]:
    links = raw.data.get("links")
    if not isinstance(links, dict):
        return [Problem(raw.display, None, "", "missing the [links] section")]
    problems = [Problem(raw.display, None, "", f"unknown top-level key '{key}'; the registry has only [links]")
                for key in raw.data if key != "links"]
    for name, url in links.items():
        where = Where(raw.display, None, f"docs:{name}")
        if not _DOCS_NAME.match(name):
            problems.append(where.problem("names are lowercase letters, digits and hyphens"))
        if not isinstance(url, str) or not url.startswith(DOCS_PREFIX) or any(c in url for c in " \"'<>`"):
            problems.append(where.problem(f"URL must start with {DOCS_PREFIX}, not {describe(url)}"))
    return problems

