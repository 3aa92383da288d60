"""The coverage report behind /libraries/: per library and enum, how many of Discord's documented
codes it has, which it lacks, which members carry another number than Discord documents for the
same name, and which members are not Discord codes at all. Pure; everything emitted is escaped."""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from ..model import Catalog, Code
from ..references import relative_url
from ..render import markdown_text
from .model import Constant, Group, Library
from .render import external_source, source_link

_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def normalized(name: str) -> str:
    """'MISSING_PERMISSIONS', 'MissingPermissions' and 'Missing permissions' all read 'missingpermissions'."""
    return _NOT_ALNUM.sub("", name.lower())


@dataclass(frozen=True)
class Disagreement:
    constant: Constant
    documented: Code  # the code Discord gives the same name


@dataclass(frozen=True)
class Coverage:
    library: Library
    group: Group
    documented: tuple[Code, ...]  # the table's current codes
    missing: tuple[Code, ...]
    disagreements: tuple[Disagreement, ...]
    not_discord: tuple[Constant, ...]

    @property
    def covered(self) -> int:
        return len(self.documented) - len(self.missing)


def member_name(group: Group, constant: Constant) -> str:
    """The member's own words: a name prefix shared by the whole group (Go's `ErrCode`) removed."""
    return constant.name.removeprefix(group.name) if constant.name != group.name else constant.name


def codes_by_name(catalog: Catalog, table_id: str) -> dict[str, Code]:
    """A table's codes by every name they had, normalized (the first code wins a shared name)."""
    by_name: dict[str, Code] = {}
    for code in catalog.table(table_id).codes:
        if code.is_undocumented:  # not a name Discord gives
            continue
        for name in (code.name, *(f.name for f in code.formerly)):
            by_name.setdefault(normalized(name), code)
    return by_name


def coverage(catalog: Catalog, library: Library, group: Group, by_name: dict[str, Code] | None = None) -> Coverage:
    table = catalog.table(group.table_id)
    named = {c.code for c in (*group.members, *group.aliases)}
    # Undocumented codes (a library's or a thread's, not Discord's) never count as documented.
    documented = tuple(code for code in table.codes if not code.is_removed and not code.is_undocumented)
    by_name = codes_by_name(catalog, group.table_id) if by_name is None else by_name
    disagreements, not_discord = [], []
    for constants, unmatched in (((*group.members, *group.aliases), False), (group.unmatched, True)):
        for constant in constants:
            same_name = by_name.get(normalized(member_name(group, constant)))
            if same_name is not None and same_name.code != constant.code:
                disagreements.append(Disagreement(constant, same_name))
            elif unmatched:
                not_discord.append(constant)
    return Coverage(library, group, documented, tuple(c for c in documented if c.code not in named),
                    tuple(disagreements), tuple(not_discord))


def coverages(catalog: Catalog) -> list[Coverage]:
    names = {table.id: codes_by_name(catalog, table.id) for table in catalog.tables}
    return [coverage(catalog, library, group, names[group.table_id])
            for library in catalog.libraries for group in library.groups]


# ---------------------------------------------------------------- the page

def library_anchor(library: Library) -> str:
    return "library-" + library.id.replace(".", "-")


class Report:
    def __init__(self, catalog: Catalog, page_url: str, site_url: str = ""):
        self.catalog = catalog
        self.page_url = page_url
        self.site_url = site_url

    def code_link(self, code: Code) -> str:
        href = relative_url(self.page_url, code.page_url)
        return f'<a href="{escape(href)}">{escape(str(code.code))}</a> {escape(code.name)}'

    def source(self, item: Coverage, constant: Constant) -> str:
        return source_link(item.library, item.group, constant)

    def page(self) -> str:
        """Markdown: a summary table, then a section per library."""
        rows = []
        found = coverages(self.catalog)
        for item in found:
            anchor = library_anchor(item.library)
            rows.append(f'<tr><td><a href="#{anchor}">{escape(item.library.name)}</a></td>'
                        f"<td><code>{escape(item.group.name)}</code></td>"
                        f"<td>{escape(self.catalog.table(item.group.table_id).title)}</td>"
                        f"<td>{item.covered} of {len(item.documented)}</td>"
                        f"<td>{len(item.disagreements)}</td><td>{len(item.not_discord)}</td></tr>")
        summary = ('<div class="code-table-wrap"><table><thead><tr><th>Library</th>'
                   "<th>Enum</th><th>Table</th><th>Documented codes covered</th><th>Other number</th>"
                   f'<th>Not Discord codes</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
        sections = (self.library_section(library, [c for c in found if c.library.id == library.id])
                    for library in self.catalog.libraries)
        return "\n\n".join([summary, *sections]) + "\n"

    def library_section(self, library: Library, found: list[Coverage]) -> str:
        commit = library.commit[:12]
        parts = [f"## {markdown_text(library.name)} {{#{library_anchor(library)}}}",
                 f'<p>Read from {external_source(f"{library.repository}/tree/{library.commit}", escape(library.repository))}'
                 f" at commit <code>{escape(commit)}</code>.</p>"]
        if library.shared_note:
            parts.append(f"<p>{escape(library.shared_note)}</p>")
        for item in found:
            parts.append(self.group_section(item))
        if library.no_groups:
            tables = "".join(f"<li>{escape(self.catalog.table(n.table_id).title)}: {escape(n.note)}</li>"
                             for n in library.no_groups)
            parts.append(f"<p>No names for these tables:</p><ul>{tables}</ul>")
        return "\n\n".join(parts)

    def group_section(self, item: Coverage) -> str:
        table = self.catalog.table(item.group.table_id)
        head = (f'<h3><code>{escape(item.group.name)}</code>: {escape(table.title)}, {item.covered} of '
                f"{len(item.documented)} documented codes</h3>")
        lists = []
        if item.missing:
            lists.append(self.listing("Missing", [self.code_link(code) for code in item.missing]))
        if item.disagreements:
            lists.append(self.listing("Another number than Discord documents for the same name", [
                f"{self.source(item, d.constant)} = {d.constant.code}; Discord: {self.code_link(d.documented)}"
                for d in item.disagreements]))
        if item.not_discord:
            lists.append(self.listing("Not Discord codes of this table", [
                f"{self.source(item, c)} = {c.code}" for c in item.not_discord]))
        if not (item.missing or item.disagreements or item.not_discord):
            return head + "<p>Every documented code, and nothing else.</p>"
        issue = escape(self.issue_text(item))
        return (head + "".join(lists) + "<p>Issue text for the library's tracker:</p>"
                # <pre> alone: Material gives every <pre><code> a copy-button landmark of the same
                # name, and a page of them fails axe's landmark-unique rule.
                f'<pre class="issue-text">{issue}</pre>')

    @staticmethod
    def listing(title: str, items: list[str]) -> str:
        return f'<p>{escape(title)} ({len(items)}):</p><ul class="library-list">{"".join(f"<li>{i}</li>" for i in items)}</ul>'

    def code_url(self, code: Code) -> str:
        return f" {self.site_url.rstrip('/')}/{code.page_url}" if self.site_url else ""

    def issue_text(self, item: Coverage) -> str:
        """Plain text a maintainer can paste into an issue: what to add, what to check."""
        table = self.catalog.table(item.group.table_id)
        group = item.group
        lines = [f"{group.name} ({group.file} at {item.library.commit[:12]}) compared with Discord's "
                 f"{table.title.lower()}: {item.covered} of {len(item.documented)} documented codes."]
        if item.missing:
            lines += ["", "Documented by Discord, missing from the enum:"]
            lines += [f"- {code.code} {code.name}{self.code_url(code)}" for code in item.missing]
        if item.disagreements:
            lines += ["", "Same name, another number than Discord documents:"]
            lines += [f"- {d.constant.name} = {d.constant.code}; Discord documents {d.documented.code} "
                      f"({d.documented.name}){self.code_url(d.documented)}" for d in item.disagreements]
        if item.not_discord:
            lines += ["", f"Not codes of Discord's {table.title.lower()}:"]
            lines += [f"- {c.name} = {c.code}" for c in item.not_discord]
        if self.site_url:
            lines += ["", f"Source: {self.site_url.rstrip('/')}/libraries/#{library_anchor(item.library)}"]
        return "\n".join(lines)


def libraries_page(catalog: Catalog, page_url: str, site_url: str = "") -> str:
    return Report(catalog, page_url, site_url).page()
