"""Reading and validating data/libraries/<id>.toml. One rule, one small function; every problem
is one line naming the file and, where there is one, the line."""
from __future__ import annotations

import re
from pathlib import Path

from ..load import RawFile, display_name, read_toml
from ..model import Catalog
from ..problems import Problem
from ..validate import Where, check_field_types, check_known_fields, check_required_fields
from .model import LIBRARY_IDS, Constant, Group, Library, NoGroup

LIBRARIES_DIR = "libraries"
LIBRARY_FIELDS = {"id": str, "name": str, "repository": str, "commit": str, "shared_by": list, "shared_note": str}
REQUIRED_LIBRARY_FIELDS = ("id", "name", "repository", "commit", "shared_by")
GROUP_FIELDS = {"table": str, "name": str, "file": str, "qualify": str, "members": list, "aliases": list,
                "unmatched": list}
REQUIRED_GROUP_FIELDS = ("table", "name", "file", "qualify", "members")
CONSTANT_LISTS = ("members", "aliases", "unmatched")
CONSTANT_FIELDS = {"name": str, "code": int, "line": int}
NO_GROUP_FIELDS = {"table": str, "note": str}
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_REPOSITORY = re.compile(r"^https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
_GROUP_HEADER = re.compile(r"^\s*\[\[\s*(group|no_group)\s*\]\]")
_CONSTANT_LINE = re.compile(r"^\s*\{\s*name\s*=")


class Lines:
    """TOML line numbers of a library file's groups and constants, in document order (tomllib
    gives none). The extractor writes one constant per line; a hand-made layout loses only lines."""

    def __init__(self, text: str):
        numbered = list(enumerate(text.splitlines(), 1))
        self.groups = {kind: [n for n, line in numbered if (m := _GROUP_HEADER.match(line)) and m[1] == kind]
                       for kind in ("group", "no_group")}
        self._constants = iter([n for n, line in numbered if _CONSTANT_LINE.match(line)])

    def header(self, kind: str, index: int) -> int | None:
        found = self.groups[kind]
        return found[index] if index < len(found) else None

    def next_constant(self) -> int | None:
        return next(self._constants, None)


def read_libraries(data_dir: Path, catalog: Catalog) -> tuple[tuple[Library, ...], list[Problem]]:
    folder = Path(data_dir) / LIBRARIES_DIR
    if not folder.is_dir():
        return (), []
    libraries, problems = [], []
    for path in sorted(folder.glob("*.toml"), key=lambda p: _order(p.stem)):
        raw, found = read_toml(path, display_name(path, Path(data_dir)))
        problems += found
        if raw:
            library, found = check_library_file(raw, catalog)
            problems += found
            if library and not found:
                libraries.append(library)
    return tuple(libraries), problems


def _order(stem: str) -> tuple[int, str]:
    return (LIBRARY_IDS.index(stem) if stem in LIBRARY_IDS else len(LIBRARY_IDS), stem)


def check_library_file(raw: RawFile, catalog: Catalog) -> tuple[Library | None, list[Problem]]:
    text = raw.path.read_text(encoding="utf-8")
    lines = Lines(text)
    data = raw.data
    problems = check_known_fields(data, ("library", "group", "no_group"), Where(raw.display, None, ""), "the file")
    section = data.get("library")
    if not isinstance(section, dict):
        return None, problems + [Where(raw.display, None, "").problem("missing [library] section")]
    where = Where(raw.display, _line_of(text, "[library]"), "[library]")
    problems += check_library_section(section, raw.path.stem, where)
    groups, no_groups = [], []
    for index, entry in enumerate(_tables(data.get("group"))):
        group, found = check_group(entry, Where(raw.display, lines.header("group", index), "group"), lines, catalog)
        problems += found
        groups.append(group)
    for index, entry in enumerate(_tables(data.get("no_group"))):
        group_where = Where(raw.display, lines.header("no_group", index), "no_group")
        problems += (check_known_fields(entry, NO_GROUP_FIELDS, group_where, "[[no_group]]")
                     + check_required_fields(entry, tuple(NO_GROUP_FIELDS), group_where)
                     + check_field_types(entry, NO_GROUP_FIELDS, group_where)
                     + check_known_table(entry.get("table"), catalog, group_where))
        no_groups.append(NoGroup(str(entry.get("table", "")), str(entry.get("note", ""))))
    if problems:
        return None, problems
    library = Library(
        id=section["id"], name=section["name"], repository=section["repository"], commit=section["commit"],
        shared_by=tuple(section["shared_by"]), shared_note=section.get("shared_note", ""),
        groups=tuple(groups), no_groups=tuple(no_groups), file=raw.display,
    )
    return library, []


def _tables(value) -> list[dict]:
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def _line_of(text: str, header: str) -> int | None:
    return next((n for n, line in enumerate(text.splitlines(), 1) if line.strip() == header), None)


def check_library_section(section: dict, stem: str, where: Where) -> list[Problem]:
    problems = (check_known_fields(section, LIBRARY_FIELDS, where, "[library]")
                + check_required_fields(section, REQUIRED_LIBRARY_FIELDS, where)
                + check_field_types(section, LIBRARY_FIELDS, where))
    if problems:
        return problems
    return (check_library_id(section["id"], stem, where) + check_commit(section["commit"], where)
            + check_repository(section["repository"], where))


def check_library_id(library_id: str, stem: str, where: Where) -> list[Problem]:
    if library_id not in LIBRARY_IDS:
        return [where.problem(f"unknown library id {library_id!r}; expected one of: {', '.join(LIBRARY_IDS)}")]
    if library_id != stem:
        return [where.problem(f"id {library_id!r} must equal the file name without .toml ({stem!r})")]
    return []


def check_commit(commit: str, where: Where) -> list[Problem]:
    return [] if _COMMIT.match(commit) else [where.problem(f"'commit' must be 40 lowercase hex digits, not {commit!r}")]


def check_repository(repository: str, where: Where) -> list[Problem]:
    if _REPOSITORY.match(repository):
        return []
    return [where.problem(f"'repository' must be https://github.com/<owner>/<name>, not {repository!r}")]


def check_known_table(table_id, catalog: Catalog, where: Where) -> list[Problem]:
    if isinstance(table_id, str) and not catalog.has_table(table_id):
        known = ", ".join(t.id for t in catalog.tables)
        return [where.problem(f"unknown table {table_id!r}; expected one of: {known}")]
    return []


def check_group(entry: dict, where: Where, lines: Lines, catalog: Catalog) -> tuple[Group, list[Problem]]:
    problems = (check_known_fields(entry, GROUP_FIELDS, where, "[[group]]")
                + check_required_fields(entry, REQUIRED_GROUP_FIELDS, where)
                + check_field_types(entry, GROUP_FIELDS, where)
                + check_known_table(entry.get("table"), catalog, where))
    name = entry.get("name") if isinstance(entry.get("name"), str) else "?"
    lists = {key: [] for key in CONSTANT_LISTS}
    for key in [k for k in entry if k in CONSTANT_LISTS]:  # document order, which the line numbers follow
        constants = []
        for item in entry.get(key, []) if isinstance(entry.get(key), list) else []:
            line = lines.next_constant()
            constant, found = check_constant(item, Where(where.file, line, f"{name}"))
            problems += found
            if constant:
                constants.append((constant, line))
        lists[key] = constants
    table_id = entry.get("table")
    if isinstance(table_id, str) and catalog.has_table(table_id):
        codes = {code.code for code in catalog.table(table_id).codes}
        for key in ("members", "aliases"):
            problems += check_codes_of_table(lists[key], codes, table_id, Where(where.file, None, name))
        problems += check_codes_listed_once(lists["members"], Where(where.file, None, name))
    group = Group(str(table_id), name, str(entry.get("file", "")), str(entry.get("qualify", "")),
                  *(tuple(c for c, _line in lists[key]) for key in CONSTANT_LISTS))
    return group, problems


def check_constant(item, where: Where) -> tuple[Constant | None, list[Problem]]:
    if not isinstance(item, dict):
        return None, [where.problem(f"a constant must be an inline table {{ name, code, line }}, not {item!r}")]
    problems = (check_known_fields(item, CONSTANT_FIELDS, where, "a constant")
                + check_required_fields(item, tuple(CONSTANT_FIELDS), where)
                + check_field_types(item, CONSTANT_FIELDS, where))
    if problems:
        return None, problems
    problems = check_identifier(item["name"], where)
    return (None if problems else Constant(item["name"], item["code"], item["line"])), problems


def check_identifier(name: str, where: Where) -> list[Problem]:
    if _IDENTIFIER.match(name):
        return []
    return [where.problem(f"member name {name!r} is not an identifier")]


def check_codes_of_table(constants, codes: set, table_id: str, where: Where) -> list[Problem]:
    return [Where(where.file, line, where.subject).problem(
                f"{constant.name} = {constant.code}: not a code of {table_id} (move it to 'unmatched')")
            for constant, line in constants if constant.code not in codes]


def check_codes_listed_once(constants, where: Where) -> list[Problem]:
    problems, first = [], {}
    for constant, line in constants:
        if constant.code in first:
            problems.append(Where(where.file, line, where.subject).problem(
                f"code {constant.code} listed twice ({first[constant.code]} and {constant.name}); "
                "further names go in 'aliases'"))
        else:
            first[constant.code] = constant.name
    return problems
