"""What the site shows of the library data, as plain data: per code, each library's name for it."""
from __future__ import annotations

from ..model import Catalog, Code
from .model import Constant, Group, Library


def names_of(catalog: Catalog, code: Code) -> list[tuple[Library, Group, Constant]]:
    """Each library's primary name for one code (its first member with that number), in library order.
    The index lists a group's members before its aliases, so the first entry of a group is it."""
    seen: set[int] = set()
    primary = []
    for entry in catalog.derived(index).get(code.anchor, []):
        if id(entry[1]) not in seen:
            seen.add(id(entry[1]))
            primary.append(entry)
    return primary


def all_names_of(catalog: Catalog, code: Code) -> list[tuple[Library, Group, Constant]]:
    """Every name, aliases included."""
    return list(catalog.derived(index).get(code.anchor, []))


def index(catalog: Catalog) -> dict[str, list[tuple[Library, Group, Constant]]]:
    """anchor -> (library, group, constant) for every library name (computed once per catalog)."""
    found: dict[str, list] = {}
    for library in catalog.libraries:
        for group in library.groups:
            anchors = {c.code: c.anchor for c in catalog.table(group.table_id).codes}
            # A library's number Discord does not document stays in `unmatched`; once we list it as
            # an undocumented code, its page shows the library's name for it too.
            undocumented = {c.code for c in catalog.table(group.table_id).codes if c.is_undocumented}
            named = [*group.members, *group.aliases, *(c for c in group.unmatched if c.code in undocumented)]
            for constant in named:
                found.setdefault(anchors[constant.code], []).append((library, group, constant))
    return found


def libraries_record(catalog: Catalog, code: Code) -> dict:
    """The `libraries` object of a code in /codes.json: library id -> {constant, url}."""
    return {library.id: {"constant": group.qualified(constant), "url": library.source_url(group.file, constant.line)}
            for library, group, constant in names_of(catalog, code)}


def search_words(catalog: Catalog, code: Code) -> str:
    """Every library name of a code, for its search entry. Written qualified (the search splits
    words at '.' and ':', so `ErrorResponse.MISSING_PERMISSIONS` is found by either part, while
    '_' joins: `MISSING_PERMISSIONS` stays one word)."""
    names = dict.fromkeys(group.qualified(constant) for _library, group, constant in all_names_of(catalog, code))
    return f"Library names: {', '.join(names)}." if names else ""
