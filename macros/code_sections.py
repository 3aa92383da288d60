"""Sections of one code's own page (/c/<anchor>/) that this work adds, as HTML. Pure: a Catalog, a
code and the URL of the page being rendered go in, escaped HTML comes out."""
from __future__ import annotations

from html import escape

from .model import Catalog, Code
from .references import relative_url
from .render import code_title, share_path


def same_number_section(catalog: Catalog, code: Code, page_url: str) -> str:
    """The codes a reader could take this one for, each linked to its own page with the reason;
    "" when there are none (see references.same_number_elsewhere)."""
    twins = catalog.twins.get(code.anchor, [])
    if not twins:
        return ""
    items = "".join(
        f'<li><a href="{escape(relative_url(page_url, share_path(twin.other)))}">'
        f"{escape(code_title(catalog, twin.other))} · {escape(twin.other.name)}</a>: {escape(twin.reason)}.</li>"
        for twin in twins
    )
    return (f'<section class="code-same-number"><h2>Same number elsewhere</h2>'
            f"<p>{escape(str(code.code))} also means:</p><ul>{items}</ul></section>")
