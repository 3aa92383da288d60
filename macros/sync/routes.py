"""The endpoint part of `make sync`: routes and permission flags that differ between data/ and a
discord-api-docs checkout, one line each, in the style of the code differences
(`route added: ...`, `route removed: ... (kept, marked removed)`, `route changed ...`, `flag added: ...`).
`--write` rewrites data/endpoints.toml through the extractor (what a person wrote is kept; a
route Discord dropped stays, marked `removed`) and marks a flag Discord dropped `removed` in
data/permissions.toml (or clears the mark of one that came back): nothing published is deleted."""
from __future__ import annotations

import io
import re
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
    # a route already marked removed is no news; one Discord lists again is
    lines += [f"route removed: {describe(old[k])} (kept, marked removed)" for k in old
              if k not in new and not old[k].removed]
    lines += [f"route back: {describe(old[k])} (removed {old[k].removed}; the mark is cleared)" for k in old
              if k in new and old[k].removed]
    for key in (k for k in new if k in old):
        before, after = old[key], new[key]
        if (before.method, before.path, before.name) != (after.method, after.path, after.name):
            lines.append(f"route changed: {describe(before)} → {describe(after)}")
        if requirement_summary(before) != requirement_summary(after):
            lines.append(f"route {after.method} {after.path} changed permissions: "
                         f"{', '.join(requirement_summary(before)) or 'none'} → {', '.join(requirement_summary(after)) or 'none'}")
    return lines


def our_flags(data_dir: Path) -> list[dict]:
    path = Path(data_dir) / "permissions.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")).get("flag", []) if path.is_file() else []


def flag_differences(data_dir: Path, checkout: Path) -> list[str]:
    flags = our_flags(data_dir)
    ours = {f["name"]: f["bit"] for f in flags}
    gone = {f["name"]: f.get("removed", "") for f in flags if f.get("removed")}
    theirs = {f.name: f.bit for f in docs_tree.flag_rows(checkout)}
    lines = [f"flag added: {name} (bit {bit}); add it to data/permissions.toml with `allows` in our words"
             for name, bit in theirs.items() if name not in ours]
    lines += [f"flag removed: {name} (bit {bit}) (kept, marked removed)" for name, bit in ours.items()
              if name not in theirs and name not in gone]
    lines += [f"flag back: {name} (removed {gone[name]}; the mark is cleared)" for name in gone if name in theirs]
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


_FLAG_HEADER = re.compile(r"^\s*\[\[\s*flag\s*\]\]\s*$")
_NAME = re.compile(r'^\s*name\s*=\s*"([A-Z_]+)"')
_REMOVED = re.compile(r"^\s*removed\s*=")
_SOURCE = re.compile(r"^\s*source\s*=")


def mark_flags(text: str, month: str, removed: set[str], back: set[str]) -> str:
    """permissions.toml with `removed = "<month>"` added to each flag in `removed` (after its
    `source`) and taken from each flag in `back`; every other line as it was."""
    out: list[str] = []
    in_flag, current = False, None
    for line in text.splitlines():
        if line.lstrip().startswith("["):  # a table header: a new [[flag]] or anything else
            in_flag, current = bool(_FLAG_HEADER.match(line)), None
        name = _NAME.match(line) if in_flag else None
        if name:
            current = name.group(1)
        if current in back and _REMOVED.match(line):
            continue
        out.append(line)
        if current in removed and _SOURCE.match(line):
            out.append(f'removed = "{month}"')
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def write_flags(data_dir: Path, checkout: Path, month: str) -> list[str]:
    """Mark the flags Discord's table dropped, unmark those it lists again; one line per change."""
    path = Path(data_dir) / "permissions.toml"
    if not path.is_file():
        return []
    flags = our_flags(data_dir)
    theirs = {f.name for f in docs_tree.flag_rows(checkout)}
    removed = {f["name"] for f in flags if f["name"] not in theirs and not f.get("removed")}
    back = {f["name"] for f in flags if f["name"] in theirs and f.get("removed")}
    if not removed and not back:
        return []
    text = path.read_text(encoding="utf-8")
    path.write_text(mark_flags(text, month, removed, back), encoding="utf-8", newline="\n")
    return ([f"data/permissions.toml: {name} marked removed {month}" for name in sorted(removed)]
            + [f"data/permissions.toml: {name} no longer marked removed" for name in sorted(back)])


def write(data_dir: Path, checkout: Path) -> str:
    """Rewrite data/endpoints.toml from the checkout and mark removed flags; the report, as text."""
    from ..endpoints.__main__ import removal_month, run_extract

    report = io.StringIO()
    run_extract(Path(checkout), Path(data_dir), out=report)
    lines = report.getvalue().rstrip("\n").splitlines()
    lines += write_flags(Path(data_dir), Path(checkout), removal_month(Path(checkout), None))
    return "\n".join(lines)
