"""The endpoint part of `make sync`: routes and permission flags that differ between data/ and a
discord-api-docs checkout, one line each, in the style of the code differences
(`route added: ...`, `route removed: ...`, `route changed ...`, `flag added: ...`).
`--write` rewrites data/endpoints.toml through the extractor (what a person wrote is kept)."""
from __future__ import annotations

import io
import tomllib
from pathlib import Path

from ..endpoints import docs_tree, extract, permissions_data, store
from ..endpoints.extract import Route


def describe(route: Route) -> str:
    return f"{route.method} {route.path} ({route.name})"


def requirement_summary(route: Route) -> list[str]:
    """What the docs state about a route's needs, without what a person adds (conditions in words,
    hand requirements), so rewording our text is never an upstream change."""
    found = []
    for r in route.requirements:
        if r.by == "hand":
            continue
        what = " ".join(r.permissions) or f"intent {r.intent}"
        found.append(f"{what}{' (conditional)' if r.when or r.review else ''}")
    return sorted(found)


def route_differences(ours: list[Route], theirs: list[Route]) -> list[str]:
    old = {r.key: r for r in ours}
    new = {r.key: r for r in theirs}
    lines = [f"route added: {describe(new[k])}" for k in new if k not in old]
    lines += [f"route removed: {describe(old[k])}" for k in old if k not in new]
    for key in (k for k in new if k in old):
        before, after = old[key], new[key]
        if (before.method, before.path, before.name) != (after.method, after.path, after.name):
            lines.append(f"route changed: {describe(before)} → {describe(after)}")
        if requirement_summary(before) != requirement_summary(after):
            lines.append(f"route {after.method} {after.path} changed permissions: "
                         f"{', '.join(requirement_summary(before)) or 'none'} → {', '.join(requirement_summary(after)) or 'none'}")
    return lines


def flag_differences(data_dir: Path, checkout: Path) -> list[str]:
    path = Path(data_dir) / "permissions.toml"
    ours = {f["name"]: f["bit"] for f in tomllib.loads(path.read_text(encoding="utf-8")).get("flag", [])} if path.is_file() else {}
    theirs = {f.name: f.bit for f in docs_tree.flag_rows(checkout)}
    lines = [f"flag added: {name} (bit {bit}); add it to data/permissions.toml with `allows` in our words"
             for name, bit in theirs.items() if name not in ours]
    lines += [f"flag removed: {name} (bit {bit})" for name, bit in ours.items() if name not in theirs]
    lines += [f"flag changed: {name} bit {ours[name]} → {bit}" for name, bit in theirs.items()
              if name in ours and ours[name] != bit]
    return lines


def differences(data_dir: Path, checkout: Path) -> list[str]:
    """[] when checkout is not a docs checkout (sync was given a single page file)."""
    checkout = Path(checkout)
    if not (checkout / docs_tree.DOCS_ROOT / f"{docs_tree.PERMISSIONS_PAGE}.mdx").is_file():
        return []
    target = Path(data_dir) / store.ENDPOINTS_FILE
    ours = store.from_data(tomllib.loads(target.read_text(encoding="utf-8"))) if target.is_file() else []
    known = permissions_data.flag_names(data_dir) or {f.name for f in docs_tree.flag_rows(checkout)}
    theirs, _ = extract.extract(checkout, [], known)
    return route_differences(ours, theirs) + flag_differences(data_dir, checkout)


def write(data_dir: Path, checkout: Path) -> str:
    """Rewrite data/endpoints.toml from the checkout; the extractor's report, as text."""
    from ..endpoints.__main__ import run_extract

    report = io.StringIO()
    run_extract(Path(checkout), Path(data_dir), out=report)
    return report.getvalue().rstrip("\n")
