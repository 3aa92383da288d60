"""/permissions.json, the search entries of /permissions/, and the lookup's compact route data."""
from __future__ import annotations

import json
from html import escape

from ..export import absolute, script_json
from .extract import Route
from .model import EXPORT_PATH, SCHEMA_PATH, PAGE_URL, Permissions, docs_url, flag_anchor, route_anchor, route_targets

VERSION = 1
ROUTES_SCRIPT = "assets/javascripts/lookup-routes-data.js"


def route_record(route: Route, site_url: str) -> dict:
    flagged = [r for r in route.in_force if r.permissions]
    return {
        "method": route.method,
        "path": route.path,
        "name": route.name,
        "resource": route.resource,
        "permission": route.permission,
        "permissions": sorted({p for r in flagged if not r.when and not r.review for p in r.permissions}),
        "conditions": [{"permissions": list(r.permissions), "match": r.match, "when": r.when,
                        "expression": r.expression, "review": r.review, "source": docs_url(r.source)}
                       for r in flagged if r.when or r.review],
        "intents": sorted({r.intent for r in route.in_force if r.intent}),
        "docs_url": docs_url(route.key),
        "url": absolute(site_url, f"{PAGE_URL}#{route_anchor(route)}"),
        "sources": sorted({docs_url(r.source) for r in route.in_force}),
        "removed": route.removed or None,
    }


def permissions_json(permissions: Permissions, site_url: str) -> str:
    data = {
        "version": VERSION,
        "docs_commit": permissions.commit,
        "routes": [route_record(r, site_url) for r in permissions.routes],
        "flags": [{"name": f.name, "bit": f.bit, "value": str(1 << f.bit), "allows": f.allows,
                   "channel_types": list(f.channel_types), "two_factor": f.two_factor,
                   "url": absolute(site_url, f"{PAGE_URL}#{f.anchor}"), "source": docs_url(f.source),
                   "removed": f.removed or None}
                  for f in permissions.flags],
        "rules": [{"id": r.id, "title": r.title, "text": r.text, "targets": list(r.targets), "codes": list(r.codes),
                   "url": absolute(site_url, f"{PAGE_URL}#{r.anchor}"), "source": docs_url(r.source)}
                  for r in permissions.rules],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def search_entries(permissions: Permissions) -> list[dict]:
    """One entry per route and per flag: Material indexes headings, not table rows, so a route's
    name, its path as Discord writes it and as a library prints it (words split at '/') are
    searchable this way."""
    # The page itself is left out of the index (its sections would repeat every row); this entry
    # stands for it, and Material lists the route and flag entries under it.
    entries = [{"location": PAGE_URL, "title": "Permissions by endpoint",
                "text": escape("Which permission flags each REST route needs, and why 50013 or 50001 happens "
                               "although the flag is granted.")}]
    for route in permissions.routes:
        flags = sorted({p for r in route.in_force for p in r.permissions})
        body = (f"{route.method} {route.path} {route.path.replace('/', ' ')}. "
                + (f"Needs {', '.join(flags)}." if flags else "No permission flag.") + f" {route.resource}."
                + (f" Removed from Discord's docs {route.removed}." if route.removed else ""))
        gone = f" (removed {route.removed})" if route.removed else ""
        entries.append({"location": f"{PAGE_URL}#{route_anchor(route)}",
                        "title": escape(f"{route.name} · {route.method} {route.path}{gone}"), "text": escape(body)})
    for flag in permissions.flags:
        names = ", ".join(r.name for r in permissions.routes_needing(flag.name))
        gone = f", removed {flag.removed}" if flag.removed else ""
        entries.append({"location": f"{PAGE_URL}#{flag.anchor}",
                        "title": escape(f"{flag.name} (permission flag, bit {flag.bit}{gone})"),
                        "text": escape(f"Allows: {flag.allows}. Needed by: {names or 'no route'}.")})
    return entries


def lookup_data(permissions: Permissions) -> dict:
    """What lookup-routes.js needs, compactly: each route as [method, path, name, anchor, flags,
    conditions, intents, targets], and the rules by target. Routes Discord's docs no longer list
    are left out: the lookup says what a request needs today, and a removed route's path would
    otherwise compete with the current route that replaced it."""
    routes = []
    for route in permissions.current_routes:
        always = sorted({p for r in route.in_force if not r.when and not r.review for p in r.permissions})
        conditions = [[list(r.permissions), r.when or "under a condition (see Discord's docs)", r.match]
                      for r in route.in_force if r.permissions and (r.when or r.review)]
        intents = sorted({r.intent for r in route.in_force if r.intent})
        routes.append([route.method, route.path, route.name, route_anchor(route), always, conditions, intents,
                       list(route_targets(route))])
    rules = [[r.anchor, r.title, list(r.targets), list(r.codes)] for r in permissions.rules]
    return {"page": PAGE_URL, "routes": routes, "rules": rules}


def lookup_script(permissions: Permissions) -> str:
    return f"window.lookupRouteData={script_json(lookup_data(permissions))};\n"


def files(permissions: Permissions | None, site_url: str):
    """(path inside the site, content) for every file made from the permission data."""
    if permissions is None:
        return
    yield EXPORT_PATH, permissions_json(permissions, site_url)
    yield ROUTES_SCRIPT, lookup_script(permissions)
