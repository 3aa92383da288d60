"""The field error registry: the string codes inside a JSON 50035's `errors` tree, and the documented
limits the length and count codes refer to (data/field-errors.toml).

Plain data in, plain data out: `read_registry` validates the file (every rule a small function,
every problem one line with file and line) and builds a `Registry`. Pages, search entries, the
export and the lookup's data are made from the Registry by macros/field_site.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import sources
from .load import FIELD_ERRORS_FILE, display_name, header_lines, line_at, read_toml, table_entries
from .model import Source
from .problems import Problem
from .validate import Where, check_field_types, check_known_fields, check_not_blank, check_required_fields

FILE_NAME = FIELD_ERRORS_FILE
ANCHOR_PREFIX = "field-"
PAGE = "fields/"  # the registry's own page; every code's anchor lives on it
JSON_50035 = "json-50035"  # the JSON code whose errors tree holds field error codes
ERROR_FIELDS = {"code": str, "message": str, "meaning": str, "action": str, "json_codes": list, "sources": list,
                "other_messages": list}
REQUIRED_ERROR_FIELDS = ("code", "message", "meaning", "action", "json_codes", "sources")
LIMIT_FIELDS = {"id": str, "what": str, "max": int, "unit": str, "paths": list, "docs": str, "anchor": str}
SECTIONS = ("field_error", "limit")
MAX_PATH_LENGTH = 200

_CODE = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")
_SLOT = re.compile(r"\{[a-z]+\}")
_LIMIT_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# A path pattern: names of letters, digits and '_', joined by '.', each optionally followed by '[]'.
_PATH = re.compile(r"^([a-z_][a-z0-9_]*(\[\])*)(\.[a-z_][a-z0-9_]*(\[\])*)*$")


@dataclass(frozen=True)
class FieldError:
    code: str
    message: str  # Discord's message as seen, numbers replaced by {slots}
    meaning: str
    action: str
    json_codes: tuple[int, ...]
    sources: tuple[Source, ...]
    other_messages: tuple[str, ...] = ()  # other wordings Discord used for the same code, as seen
    line: int | None = None

    @property
    def messages(self) -> tuple[str, ...]:
        return (self.message, *self.other_messages)

    @property
    def anchor(self) -> str:
        return anchor(self.code)

    @property
    def page_url(self) -> str:
        return f"c/{self.anchor}/"


@dataclass(frozen=True)
class Limit:
    id: str
    what: str
    max: int
    unit: str
    paths: tuple[str, ...]
    docs: str
    anchor: str


@dataclass(frozen=True)
class Registry:
    errors: tuple[FieldError, ...] = ()
    limits: tuple[Limit, ...] = ()

    def anchors(self) -> tuple[str, ...]:
        return tuple(error.anchor for error in self.errors)


def registry_of(catalog) -> Registry:
    """The catalog's field error registry; an empty one when the catalog was read without it
    (load_code_tables, or a Catalog made by hand in a test), so callers need no None case."""
    registry = getattr(catalog, "field_registry", None)
    return registry if isinstance(registry, Registry) else Registry()


def anchor(code: str) -> str:
    """'BASE_TYPE_MAX_LENGTH' -> 'field-base-type-max-length'."""
    return ANCHOR_PREFIX + code.lower().replace("_", "-")


# ---------------------------------------------------------------- rules, one small function each

def check_code_shape(code: str, where: Where) -> list[Problem]:
    if not _CODE.match(code):
        return [where.problem(f"'code' must be upper case words joined by '_' like BASE_TYPE_REQUIRED, not {code!r}")]
    return []


def check_unique_code(seen: dict, code: str, where: Where) -> list[Problem]:
    if code in seen:
        return [where.problem(f"'code' {code} is listed twice (first at line {seen[code]})")]
    seen[code] = where.line
    return []


def check_message_literal(message: str, where: Where) -> list[Problem]:
    """The lookup infers a code from a message by its literal text: a template that is only slots
    would match anything."""
    if not _SLOT.sub("", message).strip(" .()\"'"):
        return [where.problem("'message' has no literal words: the lookup could not recognise it")]
    return []


def check_message_braces(message: str, where: Where) -> list[Problem]:
    stripped = _SLOT.sub("", message)
    if "{" in stripped or "}" in stripped:
        return [where.problem("'message' slots are written {name} in lower case, like {max}")]
    return []


def check_json_codes(codes: list, known: set, where: Where) -> list[Problem]:
    if not codes:
        return [where.problem("'json_codes' is empty; name the JSON code(s) whose body carries it, like [50035]")]
    return [where.problem(f"'json_codes' names {c!r}, which is not a JSON error code of data/json-error-codes.toml")
            for c in codes if type(c) is not int or (known and c not in known)]


def check_has_source(items: list, where: Where) -> list[Problem]:
    if not items:
        return [where.problem("has no [[field_error.sources]]: every code needs a thread or docs text where it was seen")]
    return []


def check_source_entry(item, docs_links: dict, where: Where) -> list[Problem]:
    """A source as the code tables' sources are checked (sources.check_source_list: shape, one
    target, 'about', anchor, thread URL), and its docs name registered."""
    problems = sources.check_source_list([item], where)
    if isinstance(item, dict) and isinstance(item.get("docs"), str) and item["docs"] not in docs_links:
        problems.append(where.problem(f"'sources.docs' names '{item['docs']}', which is not in discord-docs.toml"))
    return problems


def check_path_pattern(pattern: str, where: Where) -> list[Problem]:
    if pattern == "":
        return []  # the body itself: a top-level _errors, or an index of a bulk request
    if len(pattern) > MAX_PATH_LENGTH or not _PATH.match(pattern):
        return [where.problem(f"path {pattern!r} must be names joined by '.', with '[]' for an index, "
                              "like embeds[].fields[].value")]
    return []


def check_limit_id(value: str, seen: dict, where: Where) -> list[Problem]:
    if not _LIMIT_ID.match(value):
        return [where.problem(f"'id' must be a slug like embed-title, not {value!r}")]
    if value in seen:
        return [where.problem(f"'id' {value} is listed twice (first at line {seen[value]})")]
    seen[value] = where.line
    return []


def check_limit_max(value: int, where: Where) -> list[Problem]:
    if value < 1:
        return [where.problem("'max' must be a positive integer")]
    return []


def check_limit_docs(docs: str, anchor_: str, docs_links: dict, where: Where) -> list[Problem]:
    if docs not in docs_links:
        return [where.problem(f"'docs' names '{docs}', which is not in discord-docs.toml")]
    if "#" in docs_links[docs]:
        return [where.problem(f"docs:{docs} already points at an anchor; register the page without one")]
    if not sources._SLUG.match(anchor_):
        return [where.problem(f"'anchor' must be a slug of Discord's page, not {anchor_!r}")]
    return []


# ---------------------------------------------------------------- one file

def check_error_entry(entry, known_json: set, docs_links: dict, seen: dict, where: Where) -> list[Problem]:
    if not isinstance(entry, dict):
        return [where.problem("each [[field_error]] must be a table")]
    problems = (check_known_fields(entry, ERROR_FIELDS, where, "[[field_error]]")
                + check_required_fields(entry, REQUIRED_ERROR_FIELDS, where)
                + check_field_types(entry, ERROR_FIELDS, where))
    for key in ("message", "meaning", "action"):
        if isinstance(entry.get(key), str):
            problems += check_not_blank(entry[key], key, where)
    if isinstance(entry.get("code"), str):
        problems += check_code_shape(entry["code"], where) + check_unique_code(seen, entry["code"], where)
    if isinstance(entry.get("message"), str):
        problems += check_message_literal(entry["message"], where) + check_message_braces(entry["message"], where)
    for other in entry.get("other_messages", []) if isinstance(entry.get("other_messages"), list) else ():
        problems += (check_message_literal(other, where) + check_message_braces(other, where) if isinstance(other, str)
                     else [where.problem("each of 'other_messages' must be a string")])
    if isinstance(entry.get("json_codes"), list):
        problems += check_json_codes(entry["json_codes"], known_json, where)
    if isinstance(entry.get("sources"), list):
        problems += check_has_source(entry["sources"], where)
        for item in entry["sources"]:
            problems += check_source_entry(item, docs_links, where)
    return problems


def check_limit_entry(entry, docs_links: dict, seen: dict, where: Where) -> list[Problem]:
    if not isinstance(entry, dict):
        return [where.problem("each [[limit]] must be a table")]
    problems = (check_known_fields(entry, LIMIT_FIELDS, where, "[[limit]]")
                + check_required_fields(entry, tuple(LIMIT_FIELDS), where)
                + check_field_types(entry, LIMIT_FIELDS, where))
    if problems:
        return problems
    problems += check_limit_id(entry["id"], seen, where) + check_limit_max(entry["max"], where)
    problems += check_limit_docs(entry["docs"], entry["anchor"], docs_links, where)
    if not entry["paths"]:
        problems.append(where.problem("'paths' is empty; name the field path(s) the limit applies to"))
    for pattern in entry["paths"]:
        problems += (check_path_pattern(pattern, where) if isinstance(pattern, str)
                     else [where.problem("each of 'paths' must be a string")])
    return problems


def build_error(entry: dict, line: int | None) -> FieldError:
    return FieldError(code=entry["code"], message=entry["message"], meaning=entry["meaning"], action=entry["action"],
                      json_codes=tuple(entry["json_codes"]), sources=sources.build_sources(entry["sources"]),
                      other_messages=tuple(entry.get("other_messages", ())), line=line)


def build_limit(entry: dict) -> Limit:
    return Limit(id=entry["id"], what=entry["what"], max=entry["max"], unit=entry["unit"],
                 paths=tuple(entry["paths"]), docs=entry["docs"], anchor=entry["anchor"])


def read_registry(data_dir: Path | str, docs_links: dict, known_json: set) -> tuple[Registry, list[Problem]]:
    """The registry of data_dir (empty when the file is absent) and every problem in it."""
    data_dir = Path(data_dir)
    path = data_dir / FILE_NAME
    if not path.is_file():
        return Registry(), []
    display = display_name(path, data_dir)
    raw, problems = read_toml(path, display)
    if raw is None:
        return Registry(), problems
    problems += [Problem(display, None, "", f"unknown section {key!r}; allowed: [[field_error]], [[limit]]")
                 for key in raw.data if key not in SECTIONS]
    lines = header_lines(raw.text, *SECTIONS)
    errors, limits, seen_codes, seen_limits = [], [], {}, {}
    for index, entry in enumerate(table_entries(raw.data, "field_error")):
        line = line_at(lines["field_error"], index)
        code = entry.get("code") if isinstance(entry, dict) else None
        where = Where(display, line, f"field error {code}" if isinstance(code, str) else f"[[field_error]] #{index + 1}")
        found = check_error_entry(entry, known_json, docs_links, seen_codes, where)
        problems += found
        if not found:
            errors.append(build_error(entry, line))
    for index, entry in enumerate(table_entries(raw.data, "limit")):
        line = line_at(lines["limit"], index)
        where = Where(display, line, f"[[limit]] #{index + 1}")
        found = check_limit_entry(entry, docs_links, seen_limits, where)
        problems += found
        if not found:
            limits.append(build_limit(entry))
    return Registry(tuple(errors), tuple(limits)), problems


# ---------------------------------------------------------------- paths and messages

def path_tokens(path: str) -> list[str]:
    """'embeds[0].fields[9].value' and 'embeds.0.fields.9.value' -> ['embeds', '#', 'fields', '#', 'value'].
    Pattern '[]' and any number become '#'. Mirrored by lookup-fields.js."""
    spaced = path.replace("[]", ".#").replace("[", ".").replace("]", ".")
    tokens = ["#" if part.isdigit() else part for part in spaced.split(".") if part]
    return tokens


def pattern_matches(pattern: str, path: str) -> bool:
    """Does a pasted path end with the pattern? The empty pattern is the body itself: a path of
    indexes only (a bulk request's item) or none."""
    want, have = path_tokens(pattern), path_tokens(path)
    if not want:
        return all(token == "#" for token in have)
    return len(have) >= len(want) and have[len(have) - len(want):] == want


def limit_for(registry: Registry, path: str, number: int | None) -> Limit | None:
    """The documented limit a pasted path (and the number in Discord's message) refers to."""
    best, best_rank = None, None
    for limit in registry.limits:
        for pattern in limit.paths:
            if pattern_matches(pattern, path):
                rank = (limit.max == number, len(path_tokens(pattern)))
                if best_rank is None or rank > best_rank:
                    best, best_rank = limit, rank
    return best
