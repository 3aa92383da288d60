"""data/endpoints.toml as text and back. The writer orders everything and quotes the same way
every time, so extracting twice from the same checkout writes the same bytes."""
from __future__ import annotations

import json

from .extract import Requirement, Route

ENDPOINTS_FILE = "endpoints.toml"
HEADER = """#:schema ./endpoints.schema.json
# Every REST route in Discord's developer documentation and the permission flags it needs.
# Source: Discord's developer documentation (CC BY-SA 4.0); conditions in our own words.
# Written by `make endpoints CHECKOUT=<discord-api-docs checkout>` (python -m macros.endpoints extract):
# edit only a requirement's `when` (a condition in words) and requirements with by = "hand";
# everything else is read from the docs again on the next run. See data/README.md.
"""


def quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def strings(values) -> str:
    return "[" + ", ".join(quoted(v) for v in values) + "]"


def requirement_lines(requirement: Requirement) -> list[str]:
    lines = ["", "[[route.requirement]]"]
    if requirement.permissions:
        lines.append(f"permissions = {strings(requirement.permissions)}")
    if requirement.intent:
        lines.append(f"intent = {quoted(requirement.intent)}")
    if requirement.match != "all":
        lines.append(f"match = {quoted(requirement.match)}")
    if requirement.expression:
        lines.append(f"expression = {quoted(requirement.expression)}")
    if requirement.when:
        lines.append(f"when = {quoted(requirement.when)}")
    if requirement.review:
        lines.append("review = true")
    if requirement.superseded:
        lines.append("superseded = true")
    lines.append(f"by = {quoted(requirement.by)}")
    lines.append(f"source = {quoted(requirement.source)}")
    return lines


def to_toml(routes: list[Route], commit: str) -> str:
    lines = [HEADER.rstrip("\n"), "", "[docs]", f"commit = {quoted(commit)}"]
    for route in routes:
        lines += ["", "[[route]]",
                  f"method = {quoted(route.method)}",
                  f"path = {quoted(route.path)}",
                  f"name = {quoted(route.name)}",
                  f"resource = {quoted(route.resource)}",
                  f"page = {quoted(route.page)}",
                  f"anchor = {quoted(route.anchor)}",
                  f"permission = {quoted(route.permission)}"]
        if route.removed:
            lines.append(f"removed = {quoted(route.removed)}")
        for requirement in route.requirements:
            lines += requirement_lines(requirement)
    return "\n".join(lines) + "\n"


def from_data(data: dict) -> list[Route]:
    """Routes from parsed TOML that validation has passed (see rules.py)."""
    routes = []
    for entry in data.get("route", []):
        route = Route(entry["method"], entry["path"], entry["name"], entry["page"], entry["anchor"],
                      entry.get("resource", ""), removed=entry.get("removed", ""))
        for r in entry.get("requirement", []):
            route.requirements.append(Requirement(
                by=r.get("by", "hand"), source=r.get("source", ""), permissions=tuple(r.get("permissions", ())),
                intent=r.get("intent", ""), match=r.get("match", "all"), expression=r.get("expression", ""),
                when=r.get("when", ""), review=bool(r.get("review", False)),
                superseded=bool(r.get("superseded", False))))
        routes.append(route)
    return routes
