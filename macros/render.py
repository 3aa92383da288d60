"""HTML for the code tables. Pure: a Catalog and the URL of the page being rendered go in, a string
comes out. Every piece of data text is escaped here; the only markup emitted is our own."""
from __future__ import annotations

import re
from html import escape

from . import flags, text
from .model import COLUMN_TITLES, Catalog, Code, Table
from .references import Resolver, see_also_reference


# Codes a library names or Discord was seen sending, which Discord's docs do not list. The tooltip
# is for mouse users; the word itself says it, and the code's page says where the code was seen.
UNDOCUMENTED_BADGE = (' <span class="badge badge-undocumented" title="Not in Discord\'s docs: seen in a '
                      'library or in Discord\'s responses">Undocumented</span>')


def code_title(catalog: Catalog, code: Code) -> str:
    """'Gateway close 4011' — how one code is named in links and code pages."""
    kind = catalog.table(code.table_id).kind.removesuffix(" code")
    return f"{kind[:1].upper()}{kind[1:]} {code.code}"


_ACRONYMS = {"api": "API", "rpc": "RPC", "oauth2": "OAuth2", "2fa": "2FA", "dave": "DAVE", "id": "ID",
             "json": "JSON", "http": "HTTP", "udp": "UDP", "sku": "SKU", "sdk": "SDK", "url": "URL"}


def docs_label(name: str) -> str:
    """'api-versioning' -> 'API versioning': a readable label for a registry name."""
    words = [_ACRONYMS.get(word, word) for word in name.split("-")]
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


class TableRenderer:
    def __init__(self, catalog: Catalog, page_url: str, *, code_pages: bool = False):
        self.catalog = catalog
        self.resolver = Resolver(catalog, page_url, code_pages=code_pages)

    # ------------------------------------------------------------ text

    def rich(self, value: str) -> str:
        """Data text (the Markdown subset) as safe HTML."""
        return "".join(self._piece(piece) for piece in text.parse(value))

    def _piece(self, piece) -> str:
        if isinstance(piece, text.CodeSpan):
            return f"<code>{escape(piece.text)}</code>"
        if isinstance(piece, text.Link):
            label = "".join(self._piece(part) for part in piece.label)
            if piece.reference:
                return self._link(*piece.reference, label)
            return f"[{label}]({escape(piece.target)})"  # validation rejects these; shown as typed
        return escape(piece.text)

    def _link(self, scheme: str, name: str, label_html: str) -> str:
        href = self.resolver.href(scheme, name)
        if scheme == "docs":
            return external_link(href, label_html)
        return f'<a href="{escape(href)}">{label_html}</a>'

    def code_link(self, code: Code, *, with_name: bool = True) -> str:
        label = code_title(self.catalog, code) + (f" · {code.name}" if with_name else "")
        return f'<a href="{escape(self.resolver.code_href(code.anchor))}">{escape(label)}</a>'

    # ------------------------------------------------------------ table

    def table(self, table: Table) -> str:
        header = "".join(f'<th scope="col">{escape(COLUMN_TITLES[c])}</th>' for c in table.columns)
        rows = "\n".join(self.row(table, code) for code in table.codes)
        return (
            f'<div class="code-table-wrap"><table class="code-table" data-table="{escape(table.id)}">\n'
            f'<caption class="visually-hidden">{escape(table.title)}</caption>\n'
            f'<thead><tr><th scope="col">Code</th><th scope="col">Name</th>{header}'
            f'<th scope="col">Explanation</th></tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody></table></div>"
        )

    # Rows carry no per-cell classes: the stylesheet addresses cells by position. The JSON page has
    # hundreds of rows, so every repeated attribute is kilobytes on a phone's first load. What a
    # reader scanning the table does not need (old wording, see also, who refers to the code, the
    # same number elsewhere) is on the code's own page, which the number links to.
    def row(self, table: Table, code: Code) -> str:
        status = f' data-status="{code.status}"' if code.status != "current" else ""
        columns = "".join(
            f'<td data-label="{escape(COLUMN_TITLES[c])}">{self.column_value(c, code.columns.get(c), code.flag_basis.get(c))}</td>'
            for c in table.columns
        )
        return (
            f'<tr id="{escape(code.anchor)}"{status}>'
            f"<td>{self.number_cell(code)}</td>"
            f"<td>{self.name_cell(code)}</td>"
            f"{columns}"
            f"<td>{self.rich(code.shown_explanation)}{self.meta(code)}</td>"
            "</tr>"
        )

    def number_cell(self, code: Code) -> str:
        # The copy button finds the code page's URL from the row id; see codes.js.
        aliases = "".join(f'<span id="{escape(a)}" class="code-alias"></span>' for a in code.aliases)
        title = escape(code_title(self.catalog, code))
        return (
            f'{aliases}<a href="{escape(self.resolver.code_page_href(code))}">{escape(str(code.code))}</a>'
            f'<button class="copy-link" aria-label="Copy link to {title}"></button>'
        )

    def name_cell(self, code: Code) -> str:
        badges = ""
        if code.is_removed:
            badges += f' <span class="badge badge-removed">Removed {escape(code.removed)}</span>'
        if code.is_undocumented:
            badges += UNDOCUMENTED_BADGE
        if code.added:
            badges += f' <span class="badge badge-added">Added {escape(code.added)}</span>'
        return escape(code.name) + badges

    @staticmethod
    def column_value(column: str, value, basis: str | None = None) -> str:
        if isinstance(value, bool):
            word = "Yes" if value else "No"
            return f'<span class="flag flag-{word.lower()}">{word}{our_reading_marker(basis)}</span>'
        return escape(str(value))

    # ------------------------------------------------------------ history and relations

    def meta(self, code: Code) -> str:
        lines = [self.former_line(former) for former in code.formerly]
        return f'<div class="code-meta">{"".join(lines)}</div>' if lines else ""

    @staticmethod
    def former_line(former) -> str:
        until = f" (until {escape(former.until)})" if former.until else ""
        return f'<p class="code-formerly"><span class="meta-label">Formerly</span> “{escape(former.name)}”{until}</p>'

    def see_also_link(self, item: str) -> str:
        scheme, name = see_also_reference(item)
        if scheme == "docs":
            return self._link("docs", name, escape(f"Discord docs: {docs_label(name)}"))
        return self.code_link(self.catalog.by_anchor()[name])



TABLE_SLOT = '<div class="code-table-slot" data-code-table="{}"></div>'
_TABLE_SLOT = re.compile(r'<div class="code-table-slot" data-code-table="([a-z-]+)"></div>')
_SLOT_START = TABLE_SLOT[: TABLE_SLOT.index("{}")]


def table_markdown(catalog: Catalog, table_id: str, page_url: str) -> str:
    """A table's section as Markdown: heading and intro, and a slot where the rows go.

    The rows are filled in after Markdown (see fill_table_slots): they are our own HTML already,
    and keeping hundreds of rows out of the Markdown parser and the search indexer of the page
    roughly halves the build time. Search gets one entry per code instead."""
    table = catalog.table(table_id)
    renderer = TableRenderer(catalog, page_url)
    intro = f'<p class="table-intro">{renderer.rich(table.intro)}{flag_legend(table)}</p>' if table.intro else ""
    return f"## {markdown_text(table.title)} {{#{table.anchor}}}\n\n{intro}\n\n{TABLE_SLOT.format(table.id)}\n"


def fill_table_slots(catalog: Catalog, html: str, page_url: str) -> tuple[str, set[str]]:
    """Replace every table slot in a rendered page with its rows; also return the ids added."""
    if _SLOT_START not in html:  # most pages: no renderer, no regex pass
        return html, set()
    renderer = TableRenderer(catalog, page_url)
    ids: set[str] = set()

    def rows(match) -> str:
        table = catalog.table(match[1])
        ids.update(table.row_ids)
        return renderer.table(table)

    return _TABLE_SLOT.sub(rows, html), ids


HTML_SLOT = '<div class="html-slot" data-html-slot="{}"></div>'
_HTML_SLOT = re.compile(r'<div class="html-slot" data-html-slot="(\d{1,9})"></div>')


def set_html_blocks_aside(markdown: str, blocks: list[str] | None = None) -> tuple[str, list[str]]:
    """For generated Markdown made of headings and HTML: the headings stay Markdown (ids, table of
    contents), everything between them becomes a numbered slot, returned with the blocks. The long
    generated pages (/libraries/, /changes/) are almost all HTML already, and pushing it through the
    Markdown parser took most of their build time. See fill_html_slots.

    `blocks`: what earlier calls for the same page set aside; the new blocks are appended to it and
    numbered after them, so any number of such macros can share one page."""
    blocks = [] if blocks is None else blocks
    kept: list[str] = []
    pending: list[str] = []

    def set_aside() -> None:
        block = "\n".join(pending).strip("\n")
        pending.clear()
        if block.strip():
            kept.append(HTML_SLOT.format(len(blocks)))
            blocks.append(block)

    for line in markdown.split("\n"):
        if line.startswith("#"):
            set_aside()
            kept.append(line)
        else:
            pending.append(line)
    set_aside()
    return "\n\n".join(kept) + "\n", blocks


def fill_html_slots(html: str, blocks: list[str]) -> str:
    """The rendered page with every slot of set_html_blocks_aside back to its block (a slot with no
    block, which only hand-written HTML could make, stays as it is)."""
    if not blocks:
        return html
    return _HTML_SLOT.sub(lambda match: blocks[int(match[1])] if int(match[1]) < len(blocks) else match[0], html)


# Inside a heading line only these can start markup; "-", "+" or "." matter at a line start only.
_MARKDOWN_INERT = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()#!|~<>&\"'"}


def markdown_text(value: str) -> str:
    """Plain text that Markdown (and attr_list) will print as it is: every character that could
    start markup or HTML becomes a character reference."""
    return " ".join(value.split()).translate(_MARKDOWN_INERT)


def our_reading_marker(basis: str | None) -> str:
    """'*' after a flag Discord does not state (screen readers hear "our reading" instead)."""
    if basis != flags.OUR_READING:
        return ""
    return '<span aria-hidden="true">*</span><span class="visually-hidden"> (our reading)</span>'


def flag_legend(table: Table) -> str:
    """The intro's note on '*', for a table where some flag is our reading."""
    if not any(basis == flags.OUR_READING for code in table.codes for basis in code.flag_basis.values()):
        return ""
    return (' <span class="flag-legend">A value marked * is this site\'s reading of how Discord describes '
            "the code; unmarked values are stated by Discord.</span>")


def table_index(catalog: Catalog, page_url: str) -> str:
    """HTML list of the tables, each linked, with its number of codes."""
    resolver = Resolver(catalog, page_url)
    items = "".join(
        f'<li><a href="{escape(resolver.href("table", t.id))}">{escape(t.title)}</a> '
        f'<span class="table-count">({len(t.codes)} codes)</span></li>'
        for t in catalog.tables
    )
    return f'<ul class="table-index">{items}</ul>'


def external_link(url: str, label_html: str, css_class: str = "docs-link") -> str:
    """A link to another host: Discord's docs, a source's issue thread (see sources.py), or a
    library's source ("source-link", see libraries/render.py)."""
    return f'<a href="{escape(url)}" class="{css_class}" rel="noopener">{label_html}</a>'


def docs_anchor(catalog: Catalog, name: str, label: str) -> str:
    return external_link(catalog.docs_links[name], escape(label))
