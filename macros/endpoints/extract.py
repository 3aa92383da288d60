"""Make data/endpoints.toml from a discord-api-docs checkout.

What the docs state in a fixed shape is decided here: a Route section's method, path, name and
anchor; the Permission column of its parameter tables; a sentence that says, with nothing else,
that the endpoint requires some flags ("Requires the `MANAGE_ROLES` permission."); a privileged
intent it requires. A sentence that names flags under a condition ("If operating on a guild
channel and trying to delete a message that was not sent by the current user, ...") cannot be
decided by a parser: its flags are taken, and the condition in words is kept from the existing
file, or the requirement is marked `review = true` and listed for a person to write it.
Requirements written by hand (`by = "hand"`) are kept as long as their route exists.

A route of the existing file that the docs no longer have is never dropped: its `#route-…` id is
published (data/anchors.lock), so it stays, as it was, marked `removed = "YYYY-MM"`; one that
comes back loses the mark.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import docs_tree
from .docs_tree import Section

INTENTS = ("GUILD_MEMBERS", "GUILD_PRESENCES", "MESSAGE_CONTENT")  # Discord's privileged intents
# Words that make a sentence naming a flag a requirement ("the bot _must_ have", "only if they have").
_REQUIRES = re.compile(r"requir|_?must_?\s|only if they have|needs? the", re.IGNORECASE)
_FLAG_WORD = re.compile(r"`([A-Z][A-Z_]+)`")
_WORD = re.compile(r"[A-Z][A-Z_]+")
# One sentence that only says which flags the endpoint needs, nothing conditional.
_FLAG_LIST = r"`[A-Z_]+`(?:,? (?:and|or) (?:the )?`[A-Z_]+`)*"
_PLAIN_REQUIREMENT = re.compile(
    r"^(?:This endpoint |This request )?[Rr]equires (?:both |either )?(?:the )?(" + _FLAG_LIST + r") permissions?"
    r"(?: to be present on the current user| for the guild| in the target channel)?\.?$")
_NOT_NEEDED = re.compile(r"without having the `")  # "...can be read without having the `MANAGE_GUILD` permission"
_INTENT_SENTENCE = re.compile(r"`(" + "|".join(INTENTS) + r")` Privileged Intent")


@dataclass
class Requirement:
    by: str  # "docs-text" | "docs-table" | "hand"
    source: str  # "resources/guild#add-guild-member-role"
    permissions: tuple[str, ...] = ()
    intent: str = ""
    match: str = "all"  # "all" or "any" of the permissions
    expression: str = ""  # a table cell combining flags, as Discord writes it
    when: str = ""  # the condition in our words; "" = always
    review: bool = False  # a condition nobody has put in words yet
    # A person replaced this docs requirement by `by = "hand"` ones (one sentence naming two flags
    # under two conditions): kept so the next run still recognises it, never shown or exported.
    superseded: bool = False

    def key(self) -> tuple:
        return (self.source, self.permissions, self.intent)


@dataclass
class Route:
    method: str
    path: str
    name: str
    page: str
    anchor: str
    resource: str
    requirements: list[Requirement] = field(default_factory=list)
    removed: str = ""  # "YYYY-MM": the month Discord's docs stopped listing it; "" = documented

    @property
    def is_removed(self) -> bool:
        return bool(self.removed)

    @property
    def key(self) -> str:
        return f"{self.page}#{self.anchor}"

    @property
    def in_force(self) -> list[Requirement]:
        """The requirements the site shows and exports: all but the superseded ones."""
        return [r for r in self.requirements if not r.superseded]

    @property
    def permission(self) -> str:
        flagged = [r for r in self.in_force if r.permissions]
        if not flagged:
            return "none"
        return "required" if any(not r.when and not r.review for r in flagged) else "conditional"


def flags_in(text: str, known: set[str]) -> tuple[str, ...]:
    """Known flag names in a sentence, in order of first mention, each once."""
    seen: list[str] = []
    for name in _FLAG_WORD.findall(text):
        if name in known and name not in seen:
            seen.append(name)
    return tuple(seen)


def sentence_requirements(section: Section, known: set[str]) -> list[Requirement]:
    found = []
    source = f"{section.page}#{section.anchor}"
    for sentence in section.sentences:
        intent = _INTENT_SENTENCE.search(sentence)
        if intent and _REQUIRES.search(sentence):
            found.append(Requirement("docs-text", source, intent=intent.group(1)))
            continue
        flags = flags_in(sentence, known)
        if not flags or not _REQUIRES.search(sentence) or _NOT_NEEDED.search(sentence):
            continue
        plain = _PLAIN_REQUIREMENT.match(sentence)
        any_of = " or " in (plain.group(1) if plain else sentence) or "either" in sentence
        found.append(Requirement("docs-text", source, permissions=flags, match="any" if any_of and len(flags) > 1 else "all",
                                 review=plain is None))
    return found


def table_requirements(section: Section, known: set[str]) -> list[Requirement]:
    found = []
    for table in section.tables:
        columns = [i for i, h in enumerate(table.header) if h.strip().lower() in ("permission", "permissions")]
        if not columns:
            continue
        source = f"{section.page}#{table.anchor or section.anchor}"
        for row in table.rows:
            if len(row) <= columns[0]:
                continue
            cell = docs_tree.plain(row[columns[0]])
            flags = tuple(dict.fromkeys(w for w in _WORD.findall(cell) if w in known))
            if not flags:
                continue
            field_name = docs_tree.plain(row[0]).rstrip("?*").strip()
            combined = len(flags) > 1
            found.append(Requirement("docs-table", source, permissions=flags,
                                     match="any" if combined and " or " in cell else "all",
                                     expression=cell if combined else "",
                                     when=f"the request sets `{field_name}`"))
    return found


def routes_from(sections: list[Section], known: set[str]) -> list[Route]:
    routes = []
    for section in sections:
        route = Route(section.method, section.path, section.name, section.page, section.anchor, section.page_title)
        route.requirements = sentence_requirements(section, known) + table_requirements(section, known)
        routes.append(route)
    return routes


def merge(routes: list[Route], existing: list[Route], month: str = "") -> tuple[list[Route], list[str]]:
    """Carry what a person wrote in the existing file into freshly extracted routes: the condition
    of a requirement the parser could not word, and requirements written by hand; keep the routes
    the docs dropped, marked removed in `month` (see keep_removed). Returns the routes and one line
    per requirement still waiting for its condition."""
    old = {route.key: route for route in existing}
    waiting = []
    for route in routes:
        before = old.get(route.key)
        previous = numbered(before.requirements) if before else {}
        for key, requirement in numbered(route.requirements).items():
            kept = previous.get(key)
            # A person either wrote the condition, or removed `review` to say the flags are always needed.
            if requirement.review and kept is not None and not kept.review:
                requirement.when, requirement.review, requirement.match = kept.when, False, kept.match
            if kept is not None:
                requirement.superseded = kept.superseded
            if requirement.review:
                waiting.append(f"{route.method} {route.path} ({route.name}): "
                               f"{' '.join(requirement.permissions)} under a condition; write it in `when` "
                               f"(see {requirement.source})")
        if before:
            route.requirements += [r for r in before.requirements if r.by == "hand"]
    return keep_removed(routes, existing, month), waiting


def keep_removed(routes: list[Route], existing: list[Route], month: str) -> list[Route]:
    """The fresh routes with every existing route they lack put back, marked removed (a route
    already marked keeps its month). Each goes right after the route it followed in the existing
    file, so a second run puts it at the same place. A vanished route whose anchor a fresh route
    now has (moved to another docs page) is not kept: its id lands on the fresh route."""
    fresh = {route.key for route in routes}
    taken = {route.anchor for route in routes}
    after: dict[str | None, list[Route]] = {}
    previous = None
    for route in existing:
        if route.key in fresh:
            previous = route.key
        elif route.anchor not in taken:
            route.removed = route.removed or month
            after.setdefault(previous, []).append(route)
    ordered = list(after.get(None, []))
    for route in routes:
        ordered.append(route)
        ordered += after.get(route.key, [])
    return ordered


def numbered(requirements: list[Requirement]) -> dict[tuple, Requirement]:
    """Requirements by (key, how many with that key came before): one route can state the same
    flags twice under different conditions (an entry moving a channel, an entry reordering it)."""
    seen: dict[tuple, int] = {}
    found = {}
    for requirement in requirements:
        if requirement.by == "hand":
            continue
        count = seen.get(requirement.key(), 0)
        seen[requirement.key()] = count + 1
        found[(requirement.key(), count)] = requirement
    return found


def extract(checkout: Path, existing: list[Route], known: set[str], month: str = "") -> tuple[list[Route], list[str]]:
    """Routes from the checkout merged with the existing file's; month marks the routes it dropped."""
    return merge(routes_from(docs_tree.read_sections(Path(checkout)), known), existing, month)
