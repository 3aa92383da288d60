"""Each code's own page at /c/<anchor>/: everything the site knows about one code.

Pure: a Catalog and a code go in, HTML strings come out. The page's frame (header, search, theme
toggle, footer) is the theme's; `Frame.fill` fills a frame the theme rendered once (see
site_files.generate), so 340 pages cost string replacements, not 340 theme renders.
Every piece of data text is escaped here or by the TableRenderer it uses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from html import escape

from . import advice, evidence, export, field_errors, references, sources, text
from .libraries.render import library_section
from .endpoints.render import checklist as permissions_checklist
from .model import CODE_PAGES_DIR, COLUMN_TITLES, Catalog, Code
from .references import relative_url
from .render import UNDOCUMENTED_BADGE, TableRenderer, code_title, external_link

DESCRIPTION_LIMIT = 300

# Placeholders in the frame the theme renders once. Plain ASCII, so every escaping the theme may
# apply leaves them as they are; the frame check below proves each one survived.
TITLE_SLOT = "CODEPAGETITLESLOT"
DESCRIPTION_SLOT = "CODEPAGEDESCRIPTIONSLOT"
CONTENT_SLOT = '<div class="code-page-slot"></div>'
HEAD_END = "</head>"  # the page's own head tags go right before it
PAGE_URL_SLOT = "page-url"  # wherever the frame names its own URL (canonical link, og:url)
FILLED_ONCE = (CONTENT_SLOT, HEAD_END)  # only their first place in the frame is filled
# Two folders deep like /c/<anchor>/, so every relative URL the theme writes holds for a code page.
# Outside /c/: the code pages there are kept between builds (see the adapter's clean step).
FRAME_SOURCE = "code-page-frame/frame.md"
FRAME_URL = "code-page-frame/frame/"
FRAME_BODY = f"<h1>{TITLE_SLOT}</h1>\n\n{CONTENT_SLOT}\n"
# The page the theme renders as the frame, its title and description as front matter. Material:
# no search entry for the frame (each code has its own), and the width of a table page;
# mkdocs-macros: nothing to render.
FRAME_MARKDOWN = (f"---\ntitle: {TITLE_SLOT}\ndescription: {DESCRIPTION_SLOT}\nsearch:\n  exclude: true\n"
                  f"render_macros: false\nhide:\n  - navigation\n  - toc\n---\n\n{FRAME_BODY}")


class FrameError(ValueError):
    """The theme's rendering of the frame lost a placeholder: the theme changed under us."""


def page_title(catalog: Catalog, code: Code) -> str:
    """'Gateway close 4014 · Disallowed intent(s)': the page's title and heading."""
    return f"{code_title(catalog, code)} · {code.name}"


def description(code: Code) -> str:
    plain = text.plain_text(code.shown_explanation)
    if len(plain) <= DESCRIPTION_LIMIT:
        return plain
    return plain[: DESCRIPTION_LIMIT - 1].rsplit(" ", 1)[0] + "…"


# ---------------------------------------------------------------- page body

def close_code_advice(code: Code) -> str:
    """Reconnect and resume said as a sentence, for close codes (empty for other tables)."""
    reconnect, resume = code.columns.get("reconnect"), code.columns.get("resume")
    if not isinstance(reconnect, bool):
        return ""
    if reconnect and resume:
        return "You may reconnect, and the new connection can resume the session."
    if reconnect:
        return "You may reconnect, but the session cannot be resumed: identify again on the new connection."
    if resume:
        return "Do not reconnect until the cause is fixed; the session itself could be resumed."
    return "Do not reconnect until the cause is fixed, and there is no session to resume."


class CodePage:
    """The HTML of one code's page body, with links written from /c/<anchor>/."""

    def __init__(self, catalog: Catalog, code: Code):
        self.catalog = catalog
        self.code = code
        self.table = catalog.table(code.table_id)
        self.url = code.page_url
        # Links to other codes go to their own pages: light, and everything about them is there.
        self.renderer = TableRenderer(catalog, self.url, code_pages=True)

    def table_href(self, fragment: str) -> str:
        return relative_url(self.url, self.table.page_url) + "#" + fragment

    def body(self) -> str:
        parts = [  # the frame holds the <h1>
            self.where_line(),
            f'<div class="code-page-explanation"><p>{self.renderer.rich(self.code.shown_explanation)}</p></div>',
            self.retry_line(),
            self.facts(),
            self.discord_sends(),
            self.causes(),
            self.fixes(),
            self.actions(),
            library_section(self.catalog, self.code),
            self.field_errors(),
            self.history(),
            evidence.sources_section(self.catalog, self.code),
            permissions_checklist(self.catalog, self.code, self.url),  # 50013 and 50001 only
            self.section("See also", "see-also", self.see_also_links()),
            self.section("Referred to by", "referred-to-by",
                         [self.renderer.code_link(c) for c in self.catalog.derived(references.backlinks).get(self.code.anchor, ())]),
            self.section("The same number elsewhere", "same-number",
                         [f"{self.renderer.code_link(twin.other)}: {escape(twin.reason)}."
                          for twin in self.catalog.derived(references.same_number_elsewhere).get(self.code.anchor, ())]),
        ]
        return "\n".join(part for part in parts if part)

    def field_errors(self) -> str:
        """json-50035 only: where its field error codes are explained (/fields/, field_site)."""
        count = len(field_errors.registry_of(self.catalog).errors)
        if self.code.anchor != field_errors.JSON_50035 or not count:
            return ""
        fields = escape(relative_url(self.url, field_errors.PAGE))
        return (f'<h2 id="field-errors">Field errors</h2>\n<p>The <code>errors</code> tree of this answer names each '
                f'broken field and a field error code. <a href="{fields}">{count} field error codes</a> are explained, '
                f'with the documented limits they refer to and <a href="{fields}#errors-tree">how each library prints '
                f"them</a>.</p>")

    def where_line(self) -> str:
        badges = ""
        if self.code.is_removed:
            badges += f' <span class="badge badge-removed">Removed {escape(self.code.removed)}</span>'
        if self.code.is_undocumented:
            badges += UNDOCUMENTED_BADGE
        if self.code.added:
            badges += f' <span class="badge badge-added">Added {escape(self.code.added)}</span>'
        table_link = f'<a href="{escape(self.table_href(self.table.anchor))}">{escape(self.table.title)}</a>'
        kind = self.table.kind[:1].upper() + self.table.kind[1:]  # "JSON error code", not "Json ..."
        return f'<p class="code-page-where">{escape(kind)} in {table_link}{badges}</p>'

    # ------------------------------------------------------------ advice (data/advice/)

    def retry_line(self) -> str:
        """'Retry: No — A new interaction gets a fresh token.': a label and a word, scannable."""
        label = advice.retry_label(self.code.advice)
        if not label:
            return ""
        note = f' <span class="retry-note">— {escape(self.code.advice.retry_note)}</span>' if self.code.advice.retry_note else ""
        # Discord publishes no retry column: every answer is our reading of its docs, said as a
        # flag of ours is said on a code page (see flags.flags_sentence).
        return (f'<p class="code-page-retry"><strong>Retry:</strong> '
                f'<span class="retry retry-{escape(self.code.advice.retry)}">{escape(label)}</span>'
                f'<span class="retry-basis"> (our reading)</span>{note}</p>')

    def causes(self) -> str:
        """"Possible causes", most likely first, each with the links that show it."""
        items = []
        for cause in self.code.advice.causes:
            links = "".join(
                f"<li>{external_link(sources.source_url(self.catalog, s), escape(sources.source_title(s)))}: "
                f"{escape(s.about)}</li>" for s in cause.sources)
            items.append(f'<li><p>{self.renderer.rich(cause.text)}</p><ul class="cause-sources">{links}</ul></li>')
        if not items:
            return ""
        return (f'<section class="code-advice code-causes"><h2 id="possible-causes">Possible causes</h2>'
                f'<ol>{"".join(items)}</ol></section>')

    def fixes(self) -> str:
        items = "".join(f"<li>{self.renderer.rich(fix)}</li>" for fix in self.code.advice.fixes)
        if not items:
            return ""
        return f'<section class="code-advice code-fixes"><h2 id="what-to-do">What to do</h2><ol>{items}</ol></section>'

    def facts(self) -> str:
        """The table's columns; flags whose source is stated (Discord's or ours) as a sentence."""
        items = []
        for column in self.table.columns:
            if column in self.code.flag_basis:
                continue
            value = self.code.columns.get(column)
            items.append(f"<dt>{escape(COLUMN_TITLES[column].rstrip('?'))}</dt>"
                         f"<dd>{TableRenderer.column_value(column, value)}</dd>")
        facts = f'<dl class="code-page-facts">{"".join(items)}</dl>' if items else ""
        advice = close_code_advice(self.code)
        return (facts + evidence.flags_paragraph(self.code)
                + (f'<p class="code-page-advice">{escape(advice)}</p>' if advice else ""))

    def actions(self) -> str:
        title = escape(code_title(self.catalog, self.code))
        show = f'<a href="{escape(self.table_href(self.code.anchor))}">Show in the table</a>'
        copy = (f'<button class="copy-link" data-code="{escape(self.code.anchor)}" '
                f'aria-label="Copy link to {title}"></button>')
        docs = self.discord_docs_link()
        return f'<p class="code-page-actions">{show}{copy}{" · " + docs if docs else ""}</p>'

    def discord_docs_link(self) -> str:
        base = self.catalog.docs_links.get("opcodes-and-status-codes")
        if not base:
            return ""
        fragment = self.table.discord_anchors[0] if self.table.discord_anchors else ""
        url = base.split("#", 1)[0] + (f"#{fragment}" if fragment else "")
        return external_link(url, escape(f"Discord's docs: {self.table.title}"))

    def discord_sends(self) -> str:
        """"Discord sends: “You are being rate limited.”", each message with the page showing it."""
        if not self.code.discord_sends:
            return ""
        messages = ", ".join(f"“{escape(sent.text)}” ({external_link(sent.source, 'seen here')})"
                             for sent in self.code.discord_sends)
        return f'<p class="code-page-sends"><span class="meta-label">Discord sends</span> {messages}</p>'

    def history(self) -> str:
        code, lines = self.code, []
        if code.added:
            lines.append(f"Added to Discord's docs in {escape(code.added)}.")
        for former in code.formerly:
            until = f" until {escape(former.until)}" if former.until else " earlier"
            wording = f" Discord's wording then: {self.renderer.rich(former.text)}" if former.text else ""
            lines.append(f"Called “{escape(former.name)}”{until}.{wording}")
        if code.is_removed:
            lines.append(f"Removed from Discord's docs in {escape(code.removed)}; kept here so old links and logs still explain it.")
        if code.is_undocumented:
            lines.append("Not in Discord's docs: a library names it or Discord was seen sending it (see Sources). "
                         "Discord may change or drop it without notice.")
        if not lines:
            lines.append("Unchanged in Discord's docs since this reference began (2018), or no change is recorded.")
        return self.section("History", "history", lines)

    def see_also_links(self) -> list[str]:
        return [self.renderer.see_also_link(item) for item in self.code.see_also]

    @staticmethod
    def section(title: str, anchor: str, items: list[str]) -> str:
        if not items:
            return ""
        listed = "".join(f"<li>{item}</li>" for item in items)
        return f'<h2 id="{anchor}">{escape(title)}</h2>\n<ul class="code-page-list">{listed}</ul>'


# ---------------------------------------------------------------- head and frame

def head_tags(catalog: Catalog, code: Code, site_url: str, site_name: str) -> str:
    """Open Graph and Twitter card tags (chat previews) and schema.org JSON-LD (search engines)."""
    table = catalog.table(code.table_id)
    title = page_title(catalog, code)
    url = export.absolute(site_url, code.page_url)
    summary = description(code)
    term = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": url,
        "name": code.name,
        "termCode": str(code.code),
        "description": summary,
        "url": url,
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "@id": export.absolute(site_url, table.location(table.anchor)),
            "name": table.title,
            "url": export.absolute(site_url, table.location(table.anchor)),
        },
    }
    return (preview_tags(title, summary, url, site_name)
            + f'<script type="application/ld+json">{export.html_safe_json(term, separators=(",", ":"))}</script>')


def preview_tags(title: str, summary: str, url: str, site_name: str) -> str:
    """Open Graph and Twitter card tags: how a link pasted in a chat previews (any page of the frame)."""
    e = escape
    return (
        f'<meta property="og:type" content="website">'
        f'<meta property="og:site_name" content="{e(site_name)}">'
        f'<meta property="og:title" content="{e(title)}">'
        f'<meta property="og:description" content="{e(summary)}">'
        f'<meta property="og:url" content="{e(url)}">'
        f'<meta name="twitter:card" content="summary">'
        f'<meta name="twitter:title" content="{e(title)}">'
        f'<meta name="twitter:description" content="{e(summary)}">'
    )


@dataclass(frozen=True)
class Frame:
    """The theme's rendering of the frame page (FRAME_BODY with TITLE_SLOT and DESCRIPTION_SLOT as its
    title and description), filled in once per code with its `fillings`."""
    html: str
    frame_url: str  # the absolute URL the theme gave the frame (canonical link, og tags)

    def check(self) -> None:
        missing = [slot for slot in (TITLE_SLOT, DESCRIPTION_SLOT, CONTENT_SLOT, HEAD_END) if slot not in self.html]
        if missing:
            raise FrameError(f"the theme's code page frame lost {', '.join(missing)}; "
                             "see macros/code_page.py")

    @cached_property
    def pieces(self) -> tuple[tuple[bytes, ...], tuple[str, ...]]:
        """The frame cut at every place `fill` fills: n + 1 unchanging byte strings around n slots.
        Cut once, so each of the ~340 pages is one join instead of five passes over the whole page,
        and nothing filled in (a code's text) is ever searched for placeholders again."""
        slot_at = {self.frame_url: PAGE_URL_SLOT, TITLE_SLOT: TITLE_SLOT, DESCRIPTION_SLOT: DESCRIPTION_SLOT,
                   CONTENT_SLOT: CONTENT_SLOT, HEAD_END: HEAD_END}
        places = re.compile("|".join(re.escape(text) for text in slot_at))
        fixed, slots, start = [], [], 0
        for match in places.finditer(self.html):
            slot = slot_at[match.group()]
            if slot in FILLED_ONCE and slot in slots:
                continue
            fixed.append(self.html[start:match.start()].encode("utf-8"))
            slots.append(slot)
            start = match.end()
        fixed.append(self.html[start:].encode("utf-8"))
        return tuple(fixed), tuple(slots)

    def fill(self, fillings: dict[str, bytes]) -> bytes:
        """The frame with every slot replaced by its filling (see `fillings`)."""
        fixed, slots = self.pieces
        page = [fixed[0]]
        for slot, after in zip(slots, fixed[1:]):
            page += (fillings[slot], after)
        return b"".join(page)


def fillings(catalog: Catalog, code: Code, site_url: str, site_name: str) -> dict[str, bytes]:
    """What goes into each slot of the frame for one code's page, UTF-8 encoded."""
    return frame_fillings(export.absolute(site_url, code.page_url), page_title(catalog, code), description(code),
                          CodePage(catalog, code).body(), head_tags(catalog, code, site_url, site_name))


def frame_fillings(url: str, title: str, summary: str, body_html: str, head_html: str) -> dict[str, bytes]:
    """The frame's slots for any page made in it (a code's, a field error code's), UTF-8 encoded:
    title and summary as plain text, body and head tags as HTML."""
    texts = {PAGE_URL_SLOT: url, TITLE_SLOT: escape(title), DESCRIPTION_SLOT: escape(summary),
             CONTENT_SLOT: body_html, HEAD_END: head_html + HEAD_END}
    return {slot: text.encode("utf-8") for slot, text in texts.items()}


def alias_page(catalog: Catalog, alias: str, code: Code, site_url: str) -> str:
    """/c/<alias>/ for an old anchor of a renamed code: forwards to the code's own page."""
    target = relative_url(f"{CODE_PAGES_DIR}/{alias}/", code.page_url)
    canonical = export.absolute(site_url, code.page_url)
    title = escape(page_title(catalog, code))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{escape(canonical)}">
<meta http-equiv="refresh" content="0; url={escape(target)}">
<script>location.replace({export.html_safe_json(target)}+location.hash);</script>
</head>
<body><p><a href="{escape(target)}">{title}</a></p></body>
</html>
"""


def alias_targets(catalog: Catalog) -> dict[str, Code]:
    """Old anchor -> the code that now carries it."""
    return {alias: code for code in catalog.codes() for alias in code.aliases}

