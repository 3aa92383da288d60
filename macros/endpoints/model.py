"""The permission data as the site uses it: routes (extract.Route), flags and rules."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .extract import Route

DOCS_BASE = "https://docs.discord.com/developers/"
PAGE_URL = "permissions/"  # the /permissions/ page
EXPORT_PATH = "permissions.json"
SCHEMA_PATH = "permissions.schema.json"  # the export's schema, beside it


def docs_url(source: str) -> str:
    """"resources/guild#add-guild-member-role" -> its address in Discord's docs."""
    return DOCS_BASE + source


def flag_anchor(name: str) -> str:
    return "perm-" + name.lower().replace("_", "-")


def rule_anchor(rule_id: str) -> str:
    return "why-" + rule_id


def route_anchor(route: Route) -> str:
    """Each route's row on /permissions/: the docs anchor, prefixed (Discord's anchors are unique
    only per page, so the page's last part joins them where two pages would collide)."""
    return "route-" + route.anchor


def route_targets(route: Route) -> tuple[str, ...]:
    """What a route acts on, for the likely causes beyond flags: member, role, channel, thread,
    overwrite (routes that can write a channel's overwrites)."""
    path = route.path
    found = []
    if "/members/" in path or "/bans" in path or path.endswith("/members") or "/prune" in path:
        found.append("member")
    if "/roles" in path:
        found.append("role")
    if "/thread" in path or "/threads" in path:
        found.append("thread")
    if path.startswith("/channels/"):
        found.append("channel")
    if path == "/channels/{channel.id}" or "/permissions/" in path:  # Modify Channel, channel overwrites
        found.append("overwrite")
    return tuple(found)


@dataclass(frozen=True)
class Flag:
    name: str
    bit: int
    allows: str
    channel_types: tuple[str, ...]
    two_factor: bool
    source: str
    removed: str = ""  # "YYYY-MM": the month Discord's flag table stopped listing it; "" = current

    @property
    def anchor(self) -> str:
        return flag_anchor(self.name)


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    text: str
    targets: tuple[str, ...]
    codes: tuple[str, ...]
    source: str

    @property
    def anchor(self) -> str:
        return rule_anchor(self.id)


@dataclass(frozen=True)
class Permissions:
    routes: tuple[Route, ...]
    flags: tuple[Flag, ...]
    rules: tuple[Rule, ...]
    commit: str

    @cached_property
    def flags_by_name(self) -> dict[str, Flag]:
        return {f.name: f for f in self.flags}

    @property
    def current_routes(self) -> list[Route]:
        """The routes Discord's docs list today (the others stay only for their published ids)."""
        return [r for r in self.routes if not r.removed]

    def routes_needing(self, flag: str) -> list[Route]:
        """Current routes first, removed ones after them."""
        return self._routes_by_flag.get(flag, [])

    @cached_property
    def _routes_by_flag(self) -> dict[str, list[Route]]:
        # One pass over the routes for all flags: /permissions/ asks once per flag (about 50).
        by_flag: dict[str, list[Route]] = {}
        for route in sorted(self.routes, key=lambda r: bool(r.removed)):  # stable: docs order kept
            for flag in dict.fromkeys(f for q in route.in_force for f in q.permissions):
                by_flag.setdefault(flag, []).append(route)
        return by_flag

    def rules_for(self, code_anchor: str) -> list[Rule]:
        return [r for r in self.rules if code_anchor in r.codes]

    def anchors(self) -> list[str]:
        """Every id /permissions/ publishes (the URL contract)."""
        return ([flag.anchor for flag in self.flags] + [rule.anchor for rule in self.rules]
                + sorted({route_anchor(r) for r in self.routes}))
