"""HTML of the "In your library" section of one code's page. Pure and escaped: a catalog, a code and
the URL of the page it goes on in, a string out."""
from __future__ import annotations

from html import escape

from ..model import Catalog, Code
from ..render import external_link
from .views import all_names_of

SECTION_ID = "in-your-library"


def external_source(url: str, label_html: str) -> str:
    """A link into a library's repository."""
    return external_link(url, label_html, "source-link")


def source_link(library, group, constant) -> str:
    return external_source(library.source_url(group.file, constant.line), f"<code>{escape(group.qualified(constant))}</code>")


def library_section(catalog: Catalog, code: Code) -> str:
    """Each library that has an enum for the code's table: its name for the code, linked to the
    line of its source at the recorded commit, or "not in <enum>". Empty when no library has one.
    (Links go to the libraries' repositories only, so the page needs no page URL.)"""
    items = []
    names = all_names_of(catalog, code)
    for library in catalog.libraries:
        groups = library.groups_for(code.table_id)
        if not groups:
            continue
        found = [source_link(lib, group, constant) for lib, group, constant in names if lib.id == library.id]
        if found:
            shown = found[0] + (f" (also {', '.join(found[1:])})" if found[1:] else "")
        else:
            shown = "not in " + " or ".join(f"<code>{escape(g.name)}</code>" for g in groups)
        items.append(f"<li>{escape(library.name)}: {shown}</li>")
    if not items:
        return ""
    return (f'<section class="code-libraries" aria-labelledby="{SECTION_ID}">'
            f'<h2 id="{SECTION_ID}">In your library</h2><ul>{"".join(items)}</ul></section>')
