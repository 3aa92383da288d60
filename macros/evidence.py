"""What backs one code, as HTML sections for the code's own page: its sources and who states its
flags. Pure and escaped like render.py; the page that shows them decides where they go."""
from __future__ import annotations

from html import escape

from . import flags, sources
from .model import Catalog, Code
from .render import external_link


def sources_section(catalog: Catalog, code: Code) -> str:
    """The "Sources" section: each source linked, with what it backs; "" for a code without any."""
    if not code.sources:
        return ""
    items = "".join(
        f"<li>{external_link(sources.source_url(catalog, s), escape(sources.source_title(s)))}: {escape(s.about)}</li>"
        for s in code.sources
    )
    return f'<section class="code-sources"><h2 id="sources">Sources</h2><ul>{items}</ul></section>'


def flags_paragraph(code: Code) -> str:
    """'Reconnect: no (Discord's table). Resume: no (our reading of the row's text).' as a
    paragraph; "" for a code without flags."""
    sentence = flags.flags_sentence(code)
    return f'<p class="code-flags">{sentence}</p>' if sentence else ""
