"""References between codes, tables and Discord's docs: checking them, resolving them, reversing them."""
from __future__ import annotations

import posixpath
from collections import defaultdict
from typing import NamedTuple

from . import text
from .model import Catalog, Code, Table
from .problems import Problem


def code_label(code: Code) -> str:
    return f"code {code.code}"


def all_ids(catalog: Catalog) -> dict[str, list[tuple[str, str, str]]]:
    """Every id the site publishes (table ids, code anchors, aliases) -> who claims it,
    as (file, subject, how) triples."""
    claims: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for table in catalog.tables:
        claims[table.anchor].append((table.file, "[table]", ""))
        for code in table.codes:
            claims[code.anchor].append((code.file, code_label(code), ""))
            for alias in code.aliases:
                claims[alias].append((code.file, code_label(code), " (alias)"))
    return claims


def check_unique_codes(table: Table) -> list[Problem]:
    seen: dict = {}
    problems = []
    for code in table.codes:
        if code.code in seen:
            problems.append(Problem(code.file, code.line, code_label(code),
                                    f"duplicate code: already defined at line {seen[code.code]}"))
        else:
            seen[code.code] = code.line
    return problems


def check_unique_ids(catalog: Catalog) -> list[Problem]:
    claims = all_ids(catalog)
    problems = []
    for table in catalog.tables:
        for code in table.codes:
            for anchor in (code.anchor, *code.aliases):
                # Two entries for the same code are reported once, as a duplicate code.
                others = [f"{file} {subject}{how}" for file, subject, how in claims[anchor]
                          if (file, subject) != (code.file, code_label(code))]
                if others:
                    problems.append(Problem(code.file, code.line, code_label(code),
                                            f"anchor '{anchor}' is also used by {', '.join(others)}"))
    return problems


def see_also_reference(item: str) -> tuple[str, str]:
    """A see_also item as (scheme, name): "docs:rate-limits" names a Discord docs page, anything
    else ("op-2") a code anchor."""
    return ("docs", item[len("docs:"):]) if item.startswith("docs:") else ("code", item)


def texts_of(code: Code):
    yield "explanation", code.explanation
    for former in code.formerly:
        yield "formerly.text", former.text


def references_of(code: Code) -> list[tuple[str, str, str]]:
    """(field, scheme, name) for every reference a code makes, in text and in see_also."""
    found = []
    for field, value in texts_of(code):
        for link in text.links(value):
            if link.reference:
                found.append((field, *link.reference))
    for item in code.see_also:
        found.append(("see_also", *see_also_reference(item)))
    return found


def _known(catalog: Catalog, scheme: str, name: str) -> bool:
    if scheme == "code":
        return name in catalog.by_anchor()
    if scheme == "table":
        return catalog.has_table(name)
    return name in catalog.docs_links


def check_reference_targets(catalog: Catalog) -> list[Problem]:
    problems = []
    nouns = {"code": "code anchor", "table": "table", "docs": "Discord docs link name (see discord-docs.toml)"}
    for code in catalog.codes():
        for field, scheme, name in references_of(code):
            if not _known(catalog, scheme, name):
                problems.append(Problem(code.file, code.line, code_label(code),
                                        f"'{field}' refers to unknown {nouns[scheme]} '{name}'"))
    for table in catalog.tables:
        for link in text.links(table.intro):
            if link.reference and not _known(catalog, *link.reference):
                scheme, name = link.reference
                problems.append(Problem(table.file, None, "[table]", f"'intro' refers to unknown {nouns[scheme]} '{name}'"))
    return problems


def check_discord_anchors(catalog: Catalog) -> list[Problem]:
    """Discord's table ids forward to our tables, so each names one table, and none is an id of
    this site: it would take over the forwarding of that table, code or alias. (Equal to its own
    table's id is fine: that is where it forwards anyway.)"""
    listed: dict[str, list[str]] = defaultdict(list)
    for table in catalog.tables:
        for anchor in table.discord_anchors:
            listed[anchor].append(table.file)
    claims = all_ids(catalog)
    problems = []
    for table in catalog.tables:
        for anchor in dict.fromkeys(table.discord_anchors):
            others = [file for file in listed[anchor] if file != table.file]
            if listed[anchor].count(table.file) > 1:
                problems.append(Problem(table.file, None, "[table]", f"discord anchor '{anchor}' is listed twice"))
            if others:
                problems.append(Problem(table.file, None, "[table]",
                                        f"discord anchor '{anchor}' is also listed by {', '.join(others)}"))
            owners = [f"{file} {subject}{how}" for file, subject, how in claims.get(anchor, ())
                      if (file, subject) != (table.file, "[table]")]
            if owners:
                problems.append(Problem(table.file, None, "[table]",
                                        f"discord anchor '{anchor}' is an id of this site, used by {', '.join(owners)}"))
    return problems


def check_catalog(catalog: Catalog) -> list[Problem]:
    problems = check_unique_ids(catalog) + check_reference_targets(catalog) + check_discord_anchors(catalog)
    for table in catalog.tables:
        problems += check_unique_codes(table)
    return problems


# ---------------------------------------------------------------- derived relations

def backlinks(catalog: Catalog) -> dict[str, list[Code]]:
    """anchor -> the codes that refer to it, in catalog order, each once."""
    found: dict[str, list[Code]] = defaultdict(list)
    for code in catalog.codes():
        for _field, scheme, name in references_of(code):
            if scheme == "code" and name != code.anchor and code not in found[name]:
                found[name].append(code)
    return dict(found)


class SameNumber(NamedTuple):
    """Another code with the same number that a reader could take for this one, and why."""
    other: Code
    reason: str


# Where one number can mean two codes to a reader: tables whose codes arrive in the same kind of
# place. Gateway and voice opcodes share numbers too, but each socket's client knows which socket
# it reads, and a JSON error 0 is never met where a gateway opcode 0 is; those are not listed.
CONFUSABLE_TABLES = (
    (("gateway-close-codes", "voice-close-codes", "rpc-close-codes"),
     "both are close codes a websocket can receive"),
    (("rpc-error-codes", "rpc-close-codes"),
     "both arrive on the RPC connection, one in an error payload and one as a close code"),
    (("http-status-codes", "json-error-codes"),
     "both come with a failed HTTP request, one as its status and one in its JSON body"),
)


def confusion_reason(table_id: str, other_table_id: str) -> str | None:
    """Why a code of one table could be taken for a code of another with the same number, or None."""
    if table_id == other_table_id:
        return None
    for tables, reason in CONFUSABLE_TABLES:
        if table_id in tables and other_table_id in tables:
            return reason
    return None


def same_number_elsewhere(catalog: Catalog) -> dict[str, list[SameNumber]]:
    """anchor -> the codes with the same number that a reader could confuse it with, each with
    the reason; codes with no such twin are left out."""
    by_number: dict = defaultdict(list)
    for code in catalog.codes():
        by_number[code.code].append(code)
    found = {}
    for code in catalog.codes():
        twins = [SameNumber(other, reason) for other in by_number[code.code]
                 if (reason := confusion_reason(code.table_id, other.table_id))]
        if twins:
            found[code.anchor] = twins
    return found


# ---------------------------------------------------------------- URLs

def relative_url(from_url: str, to_url: str) -> str:
    """Link from one site-relative directory URL ("gateway/", "" for home) to another.

    By path segments rather than posixpath.relpath, which asks the operating system for the
    working directory on every call: the code pages make thousands of these links per build."""
    source = [part for part in from_url.split("/") if part]
    target = [part for part in to_url.split("/") if part]
    common = 0
    while common < len(source) and common < len(target) and source[common] == target[common]:
        common += 1
    parts = [".."] * (len(source) - common) + target[common:]
    return "/".join(parts) + "/" if parts else "./"


class Resolver:
    """Turns references into hrefs as seen from one page of the site."""

    def __init__(self, catalog: Catalog, page_url: str, *, code_pages: bool = False):
        self.catalog = catalog
        self.page_url = page_url
        self.code_pages = code_pages  # link codes to their own pages instead of their table rows
        self._codes = catalog.by_anchor()

    def page_href(self, page_url: str, fragment: str) -> str:
        if page_url == self.page_url:
            return f"#{fragment}"
        return f"{relative_url(self.page_url, page_url)}#{fragment}"

    def code_href(self, anchor: str) -> str:
        code = self._codes[anchor]
        if self.code_pages:
            return self.code_page_href(code)
        return self.page_href(self.catalog.table(code.table_id).page_url, anchor)

    def code_page_href(self, code: Code) -> str:
        return relative_url(self.page_url, code.page_url)

    def href(self, scheme: str, name: str) -> str:
        if scheme == "code":
            return self.code_href(name)
        if scheme == "table":
            return self.page_href(self.catalog.table(name).page_url, name)
        return self.catalog.docs_links[name]
