"""Read and validate data/endpoints.toml and data/permissions.toml. Each rule is one small
function returning Problems (file, line, subject, message), so one run reports everything."""
from __future__ import annotations

import re
from pathlib import Path

from .. import load as toml_files
from ..problems import Problem
from ..validate import Where, check_field_types, check_known_fields, check_required_fields
from . import store
from .extract import INTENTS, Route
from .model import Flag, Permissions, Rule

PERMISSIONS_FILE = "permissions.toml"
FILES = (store.ENDPOINTS_FILE, PERMISSIONS_FILE)
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
PERMISSION_STATES = ("required", "conditional", "none")
BY = ("docs-text", "docs-table", "hand")
MATCHES = ("all", "any")
CHANNEL_TYPES = ("text", "voice", "stage")
TARGETS = ("member", "role", "channel", "thread", "overwrite", "any")
ROUTE_FIELDS = {"method": str, "path": str, "name": str, "resource": str, "page": str, "anchor": str,
                "permission": str, "removed": str, "requirement": list}
REQUIREMENT_FIELDS = {"permissions": list, "intent": str, "match": str, "expression": str, "when": str,
                      "review": bool, "superseded": bool, "by": str, "source": str}
FLAG_FIELDS = {"name": str, "bit": int, "allows": str, "channel_types": list, "two_factor": bool, "source": str,
               "removed": str}
RULE_FIELDS = {"id": str, "title": str, "text": str, "targets": list, "codes": list, "source": str}
_SOURCE = re.compile(r"^[a-z0-9-]+(/[a-z0-9-]+)*#[a-z0-9-]+$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_PAGE = re.compile(r"^[a-z0-9-]+(/[a-z0-9-]+)*$")
# A path as Discord writes it: literal segments and {thing.id} placeholders, nothing else.
_SEGMENT = re.compile(r"^(@me|@original|[a-z0-9][a-z0-9._-]*|\{[a-z_.]+\})$")
_FLAG_NAME = re.compile(r"^[A-Z][A-Z_]*$")
# When Discord's docs stopped listing a route or flag: a month as the extractor writes it, or a day
# (the same dates as a code's `removed`, macros/validate.py).
_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")


# ---------------------------------------------------------------- rules, one small function each

def check_fields(entry, fields: dict, required: tuple, file: str, line, subject: str, what: str) -> list[Problem]:
    """Known, required and well-typed fields: the code tables' own rules (macros/validate.py)."""
    if not isinstance(entry, dict):
        return [Problem(file, line, subject, "must be a table")]
    where = Where(file, line, subject)
    return (check_known_fields(entry, fields, where, what)
            + check_required_fields(entry, required, where) + check_field_types(entry, fields, where))


def check_source(source, file: str, line, subject: str) -> list[Problem]:
    if isinstance(source, str) and _SOURCE.match(source):
        return []
    return [Problem(file, line, subject, f"source {source!r} must be a docs page and anchor, like 'resources/guild#modify-guild'")]


def check_path(path: str, file: str, line, subject: str) -> list[Problem]:
    segments = path.split("/")
    if not path.startswith("/") or not all(_SEGMENT.match(s) for s in segments[1:]):
        return [Problem(file, line, subject, f"path {path!r} must be '/'-separated words and {{thing.id}} placeholders")]
    return []


def check_removed(entry: dict, file: str, line, subject: str) -> list[Problem]:
    value = entry.get("removed")
    if value is None or _DATE.match(value):
        return []
    return [Problem(file, line, subject, f"'removed' must be a month like \"2026-12\" or a day like \"2026-12-04\", not {value!r}")]


def check_requirement(requirement: dict, flags: set[str], file: str, line, subject: str) -> list[Problem]:
    problems = check_fields(requirement, REQUIREMENT_FIELDS, ("by", "source"), file, line, subject,
                            "[[route.requirement]]")
    if problems:
        return problems
    permissions, intent = requirement.get("permissions", []), requirement.get("intent", "")
    if bool(permissions) == bool(intent):
        problems.append(Problem(file, line, subject, "a requirement names either 'permissions' or an 'intent'"))
    problems += [Problem(file, line, subject, f"unknown permission flag {p!r}") for p in permissions if p not in flags]
    if intent and intent not in INTENTS:
        problems.append(Problem(file, line, subject, f"unknown privileged intent {intent!r}; one of {', '.join(INTENTS)}"))
    if requirement["by"] not in BY:
        problems.append(Problem(file, line, subject, f"'by' must be one of {', '.join(BY)}"))
    if requirement.get("match", "all") not in MATCHES:
        problems.append(Problem(file, line, subject, "'match' must be 'all' or 'any'"))
    if requirement.get("superseded") and requirement["by"] == "hand":
        problems.append(Problem(file, line, subject, "'superseded' marks a docs requirement a hand one replaces; remove a hand one instead"))
    if requirement.get("review") and requirement.get("when"):
        problems.append(Problem(file, line, subject, "'review' is for a condition not yet written: remove it once 'when' is"))
    return problems + check_source(requirement["source"], file, line, subject)


def check_permission_state(route: Route, file: str, line, subject: str, stated: str) -> list[Problem]:
    if stated != route.permission:
        return [Problem(file, line, subject, f"permission = {stated!r}, but its requirements make it {route.permission!r}")]
    return []


def check_route(entry, flags: set[str], file: str, line, requirement_lines=()) -> list[Problem]:
    subject = f"route {entry.get('method', '?')} {entry.get('path', '?')}" if isinstance(entry, dict) else "route"
    problems = check_fields(entry, ROUTE_FIELDS, ("method", "path", "name", "page", "anchor", "permission"), file, line,
                            subject, "[[route]]")
    if problems:
        return problems
    if entry["method"] not in METHODS:
        problems.append(Problem(file, line, subject, f"method must be one of {', '.join(METHODS)}"))
    problems += check_path(entry["path"], file, line, subject)
    if not _PAGE.match(entry["page"]) or not _SLUG.match(entry["anchor"]):
        problems.append(Problem(file, line, subject, "page and anchor must be a docs page ('resources/guild') and a slug"))
    if entry["permission"] not in PERMISSION_STATES:
        problems.append(Problem(file, line, subject, f"permission must be one of {', '.join(PERMISSION_STATES)}"))
    problems += check_removed(entry, file, line, subject)
    for index, requirement in enumerate(entry.get("requirement", [])):
        problems += check_requirement(requirement, flags, file, toml_files.line_at(list(requirement_lines), index) or line, subject)
    if not problems:
        problems += check_permission_state(store.from_data({"route": [entry]})[0], file, line, subject, entry["permission"])
    return problems


def check_unique(values, file: str, lines: list[int], what: str) -> list[Problem]:
    seen, problems = set(), []
    for index, value in enumerate(values):
        if value in seen:
            problems.append(Problem(file, lines[index] if index < len(lines) else None, "", f"{what} {value!r} is listed twice"))
        seen.add(value)
    return problems


def check_flag(entry, file: str, line) -> list[Problem]:
    subject = f"flag {entry.get('name', '?')}" if isinstance(entry, dict) else "flag"
    problems = check_fields(entry, FLAG_FIELDS, ("name", "bit", "allows", "channel_types", "source"), file, line, subject,
                            "[[flag]]")
    if problems:
        return problems
    if not _FLAG_NAME.match(entry["name"]):
        problems.append(Problem(file, line, subject, "name must be upper-case letters and '_'"))
    if not 0 <= entry["bit"] < 128:
        problems.append(Problem(file, line, subject, "bit must be between 0 and 127"))
    if not entry["allows"].strip():
        problems.append(Problem(file, line, subject, "'allows' must say, in our words, what the flag allows"))
    problems += [Problem(file, line, subject, f"unknown channel type {t!r}; one of {', '.join(CHANNEL_TYPES)}")
                 for t in entry["channel_types"] if t not in CHANNEL_TYPES]
    problems += check_removed(entry, file, line, subject)
    return problems + check_source(entry["source"], file, line, subject)


def check_rule(entry, code_anchors: set[str], file: str, line) -> list[Problem]:
    subject = f"rule {entry.get('id', '?')}" if isinstance(entry, dict) else "rule"
    problems = check_fields(entry, RULE_FIELDS, tuple(RULE_FIELDS), file, line, subject, "[[rule]]")
    if problems:
        return problems
    if not _SLUG.match(entry["id"]):
        problems.append(Problem(file, line, subject, "id must be lower-case words joined by '-'"))
    problems += [Problem(file, line, subject, f"unknown target {t!r}; one of {', '.join(TARGETS)}")
                 for t in entry["targets"] if t not in TARGETS]
    problems += [Problem(file, line, subject, f"'codes' names {c!r}, which is no code's anchor")
                 for c in entry["codes"] if c not in code_anchors]
    return problems + check_source(entry["source"], file, line, subject)


# ---------------------------------------------------------------- reading

def read_permissions(data_dir: Path, code_anchors: set[str]) -> tuple[Permissions | None, list[Problem]]:
    """Both files validated; (None, []) when neither exists (a data set without permissions)."""
    paths = [Path(data_dir) / name for name in FILES]
    if not any(p.is_file() for p in paths):
        return None, []
    problems: list[Problem] = []
    raws = []
    for path in paths:
        raw, found = toml_files.read_toml(path, toml_files.display_name(path, Path(data_dir)))
        problems += found
        raws.append(raw)
    if problems:
        return None, problems
    endpoints_raw, permissions_raw = raws
    endpoints_text, permissions_text = endpoints_raw.text, permissions_raw.text
    flag_entries = permissions_raw.data.get("flag", [])
    rule_entries = permissions_raw.data.get("rule", [])
    route_entries = endpoints_raw.data.get("route", [])
    problems += [Problem(permissions_raw.display, None, "", f"unknown section '{k}'")
                 for k in permissions_raw.data if k not in ("flag", "rule")]
    problems += [Problem(endpoints_raw.display, None, "", f"unknown section '{k}'")
                 for k in endpoints_raw.data if k not in ("docs", "route")]
    permission_headers = toml_files.header_lines(permissions_text, "flag", "rule")
    flag_lines, rule_lines = permission_headers["flag"], permission_headers["rule"]
    endpoint_headers = toml_files.header_lines(endpoints_text, "route", "route.requirement")
    route_lines = endpoint_headers["route"]
    requirement_lines = iter(endpoint_headers["route.requirement"])
    for index, entry in enumerate(flag_entries):
        problems += check_flag(entry, permissions_raw.display, toml_files.line_at(flag_lines, index))
    for index, entry in enumerate(rule_entries):
        problems += check_rule(entry, code_anchors, permissions_raw.display, toml_files.line_at(rule_lines, index))
    flags = {e.get("name") for e in flag_entries if isinstance(e, dict)}
    for index, entry in enumerate(route_entries):
        count = len(entry.get("requirement", [])) if isinstance(entry, dict) and isinstance(entry.get("requirement"), list) else 0
        own_lines = [next(requirement_lines, None) for _ in range(count)]
        problems += check_route(entry, flags, endpoints_raw.display, toml_files.line_at(route_lines, index), own_lines)
    problems += check_unique([e.get("name") for e in flag_entries if isinstance(e, dict)], permissions_raw.display, flag_lines, "flag")
    # a removed flag's bit may be Discord's again for a new flag: only current flags must differ
    problems += check_unique([e.get("bit") if not e.get("removed") else ("removed", index)
                              for index, e in enumerate(flag_entries) if isinstance(e, dict)],
                             permissions_raw.display, flag_lines, "bit")
    problems += check_unique([e.get("id") for e in rule_entries if isinstance(e, dict)], permissions_raw.display, rule_lines, "rule")
    # a route's id on /permissions/ is its docs anchor alone (model.route_anchor): unique across pages
    problems += check_unique([e.get("anchor") for e in route_entries if isinstance(e, dict)],
                             endpoints_raw.display, route_lines, "route anchor")
    if problems:
        return None, problems
    docs = endpoints_raw.data.get("docs", {})
    return Permissions(
        routes=tuple(store.from_data(endpoints_raw.data)),
        flags=tuple(Flag(e["name"], e["bit"], e["allows"], tuple(e["channel_types"]), e.get("two_factor", False),
                         e["source"], e.get("removed", "")) for e in flag_entries),
        rules=tuple(Rule(e["id"], e["title"], e["text"], tuple(e["targets"]), tuple(e["codes"]), e["source"])
                    for e in rule_entries),
        commit=docs.get("commit", "") if isinstance(docs, dict) else "",
    ), []
