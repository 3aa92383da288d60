"""HTML for /permissions/ and for the checklist on the 50013 and 50001 code pages. Pure: the
Permissions data and the URL of the page being rendered go in, a string comes out; every piece of
data text is escaped (code spans in conditions and rules become <code>)."""
from __future__ import annotations

import re
from html import escape
from itertools import groupby

from ..references import relative_url
from ..render import external_link
from .extract import Requirement, Route
from .model import PAGE_URL, Permissions, docs_url, flag_anchor, route_anchor

CHECKLIST_CODES = ("json-50013", "json-50001")
_CODE_SPAN = re.compile(r"`([^`]+)`")
TYPE_LETTERS = {"text": "T", "voice": "V", "stage": "S"}


def rich(value: str) -> str:
    """Plain text with `code spans`, as safe HTML (split first, escape each piece)."""
    parts = _CODE_SPAN.split(value)
    return "".join(f"<code>{escape(p)}</code>" if i % 2 else escape(p) for i, p in enumerate(parts))


def source_link(source: str, label: str = "Discord's docs") -> str:
    return external_link(docs_url(source), escape(label))


def flag_links(names, page_prefix: str = "") -> str:
    return ", ".join(f'<a href="{escape(page_prefix)}#{flag_anchor(n)}"><code>{escape(n)}</code></a>' for n in names)


def requirement_html(requirement: Requirement, page_prefix: str = "") -> str:
    if requirement.intent:
        what = f"the <code>{escape(requirement.intent)}</code> privileged intent"
    else:
        joined = " or " if requirement.match == "any" else " and "
        what = joined.join(flag_links([n], page_prefix) for n in requirement.permissions)
        if requirement.expression:
            what += f" (Discord: <code>{escape(requirement.expression)}</code>)"
    if requirement.when:
        condition = f" when {rich(requirement.when)}"
    elif requirement.review:
        condition = " under a condition not yet written here (see the source)"
    else:
        condition = ""
    return f"{what}{condition} {source_link(requirement.source, '[source]')}"


def route_needs(route: Route, page_prefix: str = "") -> str:
    if not route.in_force:
        return "No permission flag: Discord's docs name none for this route."
    return "<br>".join(requirement_html(r, page_prefix) for r in route.in_force)


def route_label(route: Route) -> str:
    return f"<code>{escape(route.method)} {escape(route.path)}</code>"


def removed_badge(removed: str) -> str:
    """The mark of a route or flag Discord's docs no longer list (kept for its published id)."""
    if not removed:
        return ""
    return (f' <span class="badge badge-removed" title="No longer in Discord\'s docs; kept so links to it keep '
            f'working">Removed {escape(removed)}</span>')


def route_row(route: Route) -> str:
    status = ' class="route-removed"' if route.removed else ""
    return (f'<tr{status}><td id="{route_anchor(route)}">{external_link(docs_url(route.key), escape(route.name))}'
            f"{removed_badge(route.removed)}<br>{route_label(route)}</td><td>{route_needs(route)}</td></tr>")


def route_count(permissions: Permissions) -> str:
    current = len(permissions.current_routes)
    gone = len(permissions.routes) - current
    text = f"{current} routes in Discord's docs."
    if gone:
        text += (f" {gone} more, which Discord's docs no longer list, stay at the end of their resource, marked "
                 "\"Removed\" with the month they went, so links to them keep working.")
    return f'<p class="permissions-count">{escape(text, quote=False)}</p>'


def routes_section(permissions: Permissions) -> str:
    parts = ['<h2 id="routes">Routes by resource</h2>', route_count(permissions)]
    ordered = sorted(permissions.routes, key=lambda r: r.resource)
    for resource, routes in groupby(ordered, key=lambda r: r.resource):
        slug = "resource-" + re.sub(r"[^a-z0-9]+", "-", resource.lower()).strip("-")
        rows = "".join(route_row(r) for r in sorted(routes, key=lambda r: bool(r.removed)))  # removed ones last
        parts.append(f'<h3 id="{slug}">{escape(resource)}</h3>\n<table class="permissions-routes">'
                     f"<thead><tr><th>Route</th><th>Needs</th></tr></thead><tbody>{rows}</tbody></table>")
    return "\n".join(parts)


def flags_section(permissions: Permissions) -> str:
    parts = ['<h2 id="flags">Permission flags</h2>']
    for flag in permissions.flags:
        kinds = ", ".join(flag.channel_types) or "guild-wide only (no channel overwrite)"
        routes = permissions.routes_needing(flag.name)
        listed = "".join(f'<li><a href="#{route_anchor(r)}">{escape(r.name)}</a> {route_label(r)}'
                         f"{removed_badge(r.removed)}</li>" for r in routes)
        two_factor = (" Needs the owner's two-factor authentication where the guild requires it for moderation "
                      f"({escape('JSON 60003 otherwise')}).") if flag.two_factor else ""
        parts.append(
            f'<h3 id="{flag.anchor}"><code>{escape(flag.name)}</code>{removed_badge(flag.removed)}</h3>\n'
            f"<p>Bit {flag.bit} (<code>1 &lt;&lt; {flag.bit}</code>). Allows: {rich(flag.allows)}. Channel overwrites: "
            f"{escape(kinds)}.{two_factor} {source_link(flag.source, '[source]')}</p>\n"
            + (f'<ul class="permissions-flag-routes">{listed}</ul>' if listed
               else "<p>No route in Discord's docs names this flag.</p>"))
    return "\n".join(parts)


def rules_list(permissions: Permissions, rules, page_prefix: str = "") -> str:
    """The rules as a list; on /permissions/ each item carries its anchor, elsewhere a link to it."""
    items = []
    for rule in rules:
        ident = "" if page_prefix else f' id="{escape(rule.anchor)}"'
        more = f' <a href="{escape(page_prefix)}#{escape(rule.anchor)}">more</a>' if page_prefix else ""
        title = rule.title if rule.title.endswith(("?", "!", ".")) else rule.title + "."
        items.append(f"<li{ident}><strong>{rich(title)}</strong> {rich(rule.text)} "
                     f"{source_link(rule.source, '[source]')}{more}</li>")
    return f'<ul class="permissions-rules">{"".join(items)}</ul>'


def permissions_page(permissions: Permissions) -> str:
    """Everything below the page's own intro: the rules, the routes, the flags."""
    return "\n".join([
        '<h2 id="why">Why 50013 or 50001 when the flag is granted</h2>',
        rules_list(permissions, permissions.rules),
        routes_section(permissions),
        flags_section(permissions),
    ])


def checklist(catalog, code, page_url: str) -> str:
    """The "although the flag is granted" checklist for a 50013 or 50001 code page; "" for any other."""
    permissions = catalog.permissions
    if permissions is None or code.anchor not in CHECKLIST_CODES:
        return ""
    rules = permissions.rules_for(code.anchor)
    if not rules:
        return ""
    prefix = relative_url(page_url, PAGE_URL)
    intro = ("<p>Check these before adding more flags. Which flags each route needs: "
             f'<a href="{escape(prefix)}#routes">every route and its permissions</a>.</p>')
    return (f'<h2 id="although-granted">Why this happens although the flag is granted</h2>\n{intro}\n'
            + rules_list(permissions, rules, prefix))
