"""Machine-readable views of the catalog: /codes.json, the search entries, the forwarding map."""
from __future__ import annotations

import json
from html import escape

from . import references, sources, text
from .libraries import views as library_views
from .model import Catalog, Code
from .render import code_title

CODES_JSON_VERSION = 1
SOURCE_CREDIT = ("Discord developer documentation, Opcodes and Status Codes "
                 "(https://docs.discord.com/developers/topics/opcodes-and-status-codes), CC BY-SA 4.0")


def absolute(site_url: str, path: str) -> str:
    return (site_url.rstrip("/") + "/" if site_url else "/") + path


def code_record(catalog: Catalog, code: Code, site_url: str) -> dict:
    table = catalog.table(code.table_id)
    record = {
        "table": code.table_id,
        "code": code.code,
        "name": code.name,
        "explanation": code.shown_explanation,
        "explanation_text": text.plain_text(code.shown_explanation),
        "anchor": code.anchor,
        "url": absolute(site_url, table.location(code.anchor)),
        "share_url": absolute(site_url, code.page_url),
        "status": code.status,
        "removed": code.removed or None,
        "added": code.added or None,
        "formerly": [{"name": f.name, "text": f.text or None, "until": f.until or None} for f in code.formerly],
        "discord_sends": [{"text": sent.text, "source": sent.source} for sent in code.discord_sends],
        "see_also": list(code.see_also),
        "aliases": list(code.aliases),
        "references": sorted({f"{scheme}:{name}" for _f, scheme, name in references.references_of(code)}),
        "sources": [source_record(catalog, s) for s in code.sources],
        "libraries": library_views.libraries_record(catalog, code),
        "causes": [{"text": text.plain_text(cause.text), "sources": [source_record(catalog, s) for s in cause.sources]}
                   for cause in code.advice.causes],
        "fixes": [text.plain_text(fix) for fix in code.advice.fixes],
    }
    if code.advice.retry:  # HTTP and JSON codes; absent elsewhere
        record["retry"] = code.advice.retry
    if code.advice.retry_note:
        record["retry_note"] = code.advice.retry_note
    for column in table.columns:
        record[column] = code.columns[column]
    if code.flag_basis:
        record["flag_basis"] = dict(code.flag_basis)
    return record


def source_record(catalog: Catalog, source) -> dict:
    return {"title": sources.source_title(source), "url": sources.source_url(catalog, source), "about": source.about}


def codes_json(catalog: Catalog, site_url: str) -> dict:
    return {
        "$schema": absolute(site_url, "codes.schema.json"),
        "version": CODES_JSON_VERSION,
        "source": SOURCE_CREDIT,
        "license": "CC BY-SA 4.0",
        "tables": [
            {"id": t.id, "title": t.title, "page": t.page, "url": absolute(site_url, t.page_url),
             "anchor_prefix": t.anchor_prefix, "kind": t.kind, "columns": list(t.columns),
             "range": list(t.range), "count": len(t.codes)}
            for t in catalog.tables
        ],
        "docs_links": dict(catalog.docs_links),
        "codes": [code_record(catalog, code, site_url) for code in catalog.codes()],
    }


def search_title(catalog: Catalog, code: Code) -> str:
    return f"{code.code} · {code.name} ({catalog.table(code.table_id).kind})"


def search_entries(catalog: Catalog) -> list[dict]:
    """One entry per code for Material's search index; its fields are HTML, so escape them."""
    entries = []
    for code in catalog.codes():
        former = " ".join(f"formerly {f.name}" for f in code.formerly)
        names = library_views.search_words(catalog, code)
        body = " ".join(part for part in (f"{code_title(catalog, code)}.", text.plain_text(code.shown_explanation),
                                          former, names) if part)
        entries.append({
            "location": code.page_url,
            "code": str(code.code),  # a search field of its own: see the search plugin in mkdocs.yml
            "title": escape(search_title(catalog, code)),
            "text": escape(body),
        })
    return entries


def forwarding_map(catalog: Catalog) -> dict:
    """Where every id lives, for forwarding "/#close-4011" or "/json/#close-4011" to its page.

    `pages`: page URL -> ids on it (table ids, code anchors, aliases).
    `redirects`: Discord's own table ids -> "page/#our-table-id".
    """
    pages: dict[str, list[str]] = {}
    redirects: dict[str, str] = {}
    for table in catalog.tables:
        pages.setdefault(table.page_url, []).extend(table.ids)
        for discord_anchor in table.discord_anchors:
            redirects.setdefault(discord_anchor, table.location(table.anchor))
    return {"pages": pages, "redirects": redirects}


def html_safe_json(value, **options) -> str:
    """JSON with <, > and & written as \\u escapes: the same data once parsed, but no markup in the
    bytes, so it stays inert even if someone pastes it into a page or a <script> element."""
    encoded = json.dumps(value, ensure_ascii=False, **options)
    return encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def script_json(value) -> str:
    return html_safe_json(value, separators=(",", ":"))
