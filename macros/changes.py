"""What Discord added, renamed and removed, from the dates in data/: the /changes/ page, the
/changes.xml Atom feed, and the <link> that announces the feed on every page. Pure functions.

A change is dated by `added`, `removed` or a `formerly` entry's `until`; a code without a date
has no change to show (the 2018 seed is where the record starts).
"""
from __future__ import annotations

import calendar
import uuid
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from .export import absolute
from .model import Catalog, Code
from .references import relative_url
from .render import code_title
from .text import comparable_name

FEED_PATH = "changes.xml"
PAGE_PATH = "changes/"


@dataclass(frozen=True)
class Change:
    date: str  # "YYYY-MM" or "YYYY-MM-DD"
    kind: str  # "added", "renamed" or "removed"
    code: Code
    old_name: str = ""  # for "renamed"
    new_name: str = ""  # the name it got (renamed) or had (added, removed)

    @property
    def month(self) -> str:
        return self.date[:7]

    @property
    def id_suffix(self) -> str:
        return f"{self.code.anchor}/{self.kind}/{self.date}"


def renames(code: Code) -> list[Change]:
    """One change per `formerly` entry with a date whose name differs from the next name it had."""
    dated = sorted((f for f in code.formerly if f.until), key=lambda f: f.until)
    found = []
    for index, former in enumerate(dated):
        following = dated[index + 1].name if index + 1 < len(dated) else code.name
        if comparable_name(former.name) != comparable_name(following):
            found.append(Change(former.until, "renamed", code, former.name, following))
    return found


def name_at(code: Code, date: str) -> str:
    """The name the code had on a date: the first formerly name still valid then, else today's."""
    for former in sorted((f for f in code.formerly if f.until), key=lambda f: f.until):
        if former.until > date:
            return former.name
    return code.name


def all_changes(catalog: Catalog) -> list[Change]:
    """Every dated change, newest first (ties in site order)."""
    found: list[Change] = []
    for code in catalog.codes():
        if code.added:
            found.append(Change(code.added, "added", code, new_name=name_at(code, code.added)))
        found += renames(code)
        if code.is_removed and code.removed:
            found.append(Change(code.removed, "removed", code, new_name=code.name))
    order = {code.anchor: index for index, code in enumerate(catalog.codes())}
    found.sort(key=lambda c: order[c.code.anchor])
    found.sort(key=lambda c: c.date, reverse=True)
    return found


def month_title(month: str) -> str:
    year, number = month.split("-")
    return f"{calendar.month_name[int(number)]} {year}"


def summary(catalog: Catalog, change: Change) -> str:
    """Plain text: 'JSON error 40009 added: “Name”'."""
    title = code_title(catalog, change.code)
    if change.kind == "renamed":
        return f"{title} renamed: “{change.old_name}” → “{change.new_name}”"
    return f"{title} {change.kind}: “{change.new_name}”"


# ---------------------------------------------------------------- /changes/


def changes_markdown(catalog: Catalog, page_url: str) -> str:
    """The page body: a heading per month, newest first, one linked line per change (HTML, escaped)."""
    changes = all_changes(catalog)
    if not changes:
        return "No dated changes yet.\n"
    sections, month = [], None
    for change in changes:
        if change.month != month:
            if month is not None:
                sections.append("</ul>\n")
            month = change.month
            sections.append(f"## {month_title(month)} {{#{month}}}\n\n<ul class=\"code-changes\">")
        sections.append(change_item(catalog, change, page_url))
    sections.append("</ul>\n")
    return "\n".join(sections)


def change_item(catalog: Catalog, change: Change, page_url: str) -> str:
    href = relative_url(page_url, change.code.page_url)
    title = code_title(catalog, change.code)
    if change.kind == "renamed":
        what = f"renamed: “{escape(change.old_name)}” → “{escape(change.new_name)}”"
    else:
        what = f"{change.kind}: “{escape(change.new_name)}”"
    return (f'<li><time datetime="{escape(change.date)}">{escape(change.date)}</time> '
            f'<a href="{escape(href)}">{escape(title)}</a> {what}</li>')


# ---------------------------------------------------------------- /changes.xml


def timestamp(date: str) -> str:
    """RFC 3339, as Atom wants: a month alone counts from its first day."""
    day = date if len(date) == 10 else date + "-01"
    return f"{day}T00:00:00Z"


# Atom ids must never change, or feed readers show every entry again as new. They are made from
# names of this project, never from the site's address, which changes when the site moves to a
# custom domain (links do follow the address).
FEED_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/discord-codes/changes")


def feed_id(entry: str = "") -> str:
    """A permanent id for the feed (no entry) or one of its entries (kind, anchor and date)."""
    return uuid.uuid5(FEED_ID_NAMESPACE, entry or "feed").urn


def atom_feed(catalog: Catalog, site_url: str, site_name: str) -> str:
    """The Atom feed of every change. Each entry's id comes from its change (kind, code and date),
    so it keeps its id across builds and addresses; links are absolute (feed readers resolve
    nothing)."""
    changes = all_changes(catalog)
    updated = timestamp(max(c.date for c in changes)) if changes else "2018-01-01T00:00:00Z"
    e = escape
    entries = []
    for change in changes:
        link = absolute(site_url, change.code.page_url)
        entries.append(
            "<entry>\n"
            f"  <title>{e(summary(catalog, change))}</title>\n"
            f'  <link rel="alternate" type="text/html" href="{e(link)}"/>\n'
            f"  <id>{feed_id(change.id_suffix)}</id>\n"
            f"  <updated>{timestamp(change.date)}</updated>\n"
            f"  <summary>{e(summary(catalog, change))} ({e(change.date)})</summary>\n"
            "</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"<title>{e(site_name)}: changes to Discord's codes</title>\n"
        f"<subtitle>Codes Discord added, renamed and removed, newest first.</subtitle>\n"
        f'<link rel="self" type="application/atom+xml" href="{e(absolute(site_url, FEED_PATH))}"/>\n'
        f'<link rel="alternate" type="text/html" href="{e(absolute(site_url, PAGE_PATH))}"/>\n'
        f"<id>{feed_id()}</id>\n"
        f"<updated>{updated}</updated>\n"
        f"<author><name>{e(site_name)}</name></author>\n"
        + "\n".join(entries) + ("\n" if entries else "")
        + "</feed>\n"
    )


def feed_link_tag(page_url: str, site_url: str, site_name: str) -> str:
    """The <head> tag that lets browsers and feed readers find the feed from any page: relative,
    like every other link of the site, except on the 404 page, which is served at any depth and so
    gets the path from the site's root."""
    if page_url == "" or page_url.endswith("/"):
        href = relative_url(page_url, "") + FEED_PATH
    else:
        href = (urlsplit(site_url).path or "/").rstrip("/") + "/" + FEED_PATH
    title = f"{site_name}: changes"
    # "alternate feed", not "alternate" alone: feed readers look for the alternate token, while
    # Material takes every link[rel=alternate] for another language of the site and fetches the
    # sitemap beside it (27 KB with a page per code) on every page load.
    return f'<link rel="alternate feed" type="application/atom+xml" title="{escape(title)}" href="{escape(href)}">'


def with_head_tags(html: str, tags: str) -> str:
    """The page with tags inserted before </head> (unchanged when it has none)."""
    index = html.find("</head>")
    return html if index < 0 else html[:index] + tags + "\n" + html[index:]
