"""The macros a page in docs/ can call, e.g. {{ code_table("gateway-opcodes") }}.

Each is a plain function of the page it is called from (the catalog, the page's URL) and its
arguments, listed in MACROS by name. The adapter registers every entry with the site generator, so
a feature adds a macro here without touching the adapter. A macro refuses a wrong argument with
MacroError, whose message the build prints as one line naming the page and line.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import changes, figures, lookup, render
from .model import Catalog


class MacroError(ValueError):
    """A page called a macro with an argument it cannot take."""


@dataclass
class Page:
    catalog: Catalog
    url: str  # the page's URL, relative to the site's root ("gateway/"): links are written from it
    site_url: str
    # HTML blocks kept out of the Markdown parser until the page is rendered, shared by every macro
    # on the page (render.set_html_blocks_aside); the adapter puts them back (render.fill_html_slots).
    set_aside: list[str] = field(default_factory=list)

    def html_aside(self, markdown: str) -> str:
        return render.set_html_blocks_aside(markdown, self.set_aside)[0]


MACROS: dict[str, Callable[..., object]] = {}


def macro(function: Callable[..., object]) -> Callable[..., object]:
    MACROS[function.__name__] = function
    return function


def known_table(page: Page, table_id: str | None, name: str) -> None:
    if table_id is not None and not page.catalog.has_table(table_id):
        raise MacroError(f"{name}: unknown table {table_id!r}")


@macro
def code_table(page: Page, table_id: str) -> str:
    """The heading, intro and rows of one code table."""
    known_table(page, table_id, "code_table")
    return render.table_markdown(page.catalog, table_id, page.url)


@macro
def code_count(page: Page, table_id: str | None = None) -> int:
    """Every code (removed ones included), or one table's."""
    known_table(page, table_id, "code_count")
    return figures.code_count(page.catalog, table_id)


@macro
def current_code_count(page: Page) -> int:
    """The codes Discord documents today."""
    return figures.current_code_count(page.catalog)


@macro
def removed_code_count(page: Page) -> int:
    return figures.removed_code_count(page.catalog)


@macro
def table_index(page: Page) -> str:
    """A list of every table with its page and number of codes."""
    return render.table_index(page.catalog, page.url)


@macro
def changes_list(page: Page) -> str:
    """What Discord added, renamed and removed, by month, newest first."""
    return page.html_aside(changes.changes_markdown(page.catalog, page.url))


@macro
def library_coverage(page: Page) -> str:
    """The /libraries/ report: each library's enums against Discord's tables."""
    from .libraries import report  # only one page needs it

    return page.html_aside(report.libraries_page(page.catalog, page.url, page.site_url))


@macro
def docs_link(page: Page, name: str, label: str) -> str:
    """A link into Discord's docs by registry name, so page prose has no hand-written URLs."""
    if name not in page.catalog.docs_links:
        raise MacroError(f"docs_link: unknown Discord docs name {name!r}")
    return render.docs_anchor(page.catalog, name, label)


@macro
def lookup_box(page: Page) -> str:
    """The paste-your-error box with its results list and scripts."""
    return lookup.lookup_box(page.url)


@macro
def field_errors_page(page: Page) -> str:
    """The /fields/ body: the 50035 errors tree, the field error codes, the documented limits."""
    from . import field_site  # only one page needs it

    return page.html_aside(field_site.fields_page(page.catalog, page.url))


@macro
def permissions_page(page: Page) -> str:
    """/permissions/: the rules, every route and its flags, every flag."""
    from .endpoints import render as endpoints_render  # only one page needs it

    if page.catalog.permissions is None:  # a partial data set, as in tests
        return "No permission data: data/endpoints.toml and data/permissions.toml are missing."
    return page.html_aside(endpoints_render.permissions_page(page.catalog.permissions))
