"""Sources per code: what backs an explanation, and where a reader checks it in one click.

A source is either a page of Discord's docs, named through the registry (data/discord-docs.toml),
or a public issue thread on an allowed host. The built site cannot reach the internet, so links
are checked for shape and origin here, never fetched.
"""
from __future__ import annotations

import dataclasses
import re
from urllib.parse import urlsplit

from . import text
from .model import Catalog, Code, Source
from .problems import Problem
from .render import docs_label

SOURCE_FIELDS = {"docs": str, "anchor": str, "url": str, "about": str}
MAX_ABOUT = 200
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_FRAGMENT = re.compile(r"^[A-Za-z0-9_-]+$")
# Host -> the path of one thread there: an issue, pull request or discussion of any public GitHub
# repository (Discord's own, or a library's tracker where users report what Discord sent them), or
# one article or community post of Discord's help centres.
_HELP_CENTRE_THREAD = re.compile(r"^/hc/([a-z]{2}(-[a-z]{2})?/)?(articles|community/posts)/\d+(-[A-Za-z0-9-]*)?$")
_GITHUB_REPO = r"/(?P<owner>[A-Za-z0-9][A-Za-z0-9-]{0,38})/(?P<repo>[A-Za-z0-9._-]+)"
THREAD_PATHS = {
    "github.com": re.compile(rf"^{_GITHUB_REPO}/(?P<kind>issues|pull|discussions)/(?P<number>\d+)$"),
    "support.discord.com": _HELP_CENTRE_THREAD,
    "support-dev.discord.com": _HELP_CENTRE_THREAD,
}
# One line of a library's source at a fixed commit: what backs an undocumented code (a number
# Discord's docs do not list but a library names). Pinned, so the line it points at never moves.
SOURCE_LINE_PATH = re.compile(rf"^{_GITHUB_REPO}/blob/(?P<commit>[0-9a-f]{{40}})/(?P<path>[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*)$")
_LINE_FRAGMENT = re.compile(r"^L(?P<line>[1-9]\d*)$")


# ---------------------------------------------------------------- rules on one [[code.sources]] entry
# Each takes the entry (a dict from TOML) and a `where` (validate.Where) and returns problems.

def check_source_shape(entry, where) -> list[Problem]:
    if not isinstance(entry, dict):
        return [where.problem("'sources' must be written as [[code.sources]] tables with docs or url, and about")]
    problems = [where.problem(f"unknown field '{key}' in sources; allowed: {', '.join(SOURCE_FIELDS)}")
                for key in entry if key not in SOURCE_FIELDS]
    problems += [where.problem(f"'sources.{key}' must be a string")
                 for key in SOURCE_FIELDS if key in entry and not isinstance(entry[key], str)]
    return problems


def check_one_target(entry: dict, where) -> list[Problem]:
    if ("docs" in entry) == ("url" in entry):
        return [where.problem("a source has exactly one of 'docs' (a registered name) or 'url'")]
    return []


def check_about(entry: dict, where) -> list[Problem]:
    about = entry.get("about")
    if about is None:
        return [where.problem("a source needs 'about': a few words on what it backs")]
    if not isinstance(about, str):
        return []
    if not about.strip():
        return [where.problem("'sources.about' is empty")]
    if len(about) > MAX_ABOUT:
        return [where.problem(f"'sources.about' is {len(about)} characters; the limit is {MAX_ABOUT}")]
    if text.links(about) or any(c in about for c in "<>`") or _CONTROL.search(about):
        return [where.problem("'sources.about' is one line of plain text: no links, code spans, HTML or control characters")]
    return []


def check_anchor_shape(entry: dict, where) -> list[Problem]:
    anchor = entry.get("anchor")
    if anchor is None or not isinstance(anchor, str):
        return []
    if "url" in entry:
        return [where.problem("'sources.anchor' goes with 'docs'; put a fragment into the url itself")]
    if not _SLUG.match(anchor):
        return [where.problem(f"'sources.anchor' must be a slug like \"invalid-request-limit\", not {anchor!r}")]
    return []


def check_thread_url(entry: dict, where, allow_source_lines: bool = False) -> list[Problem]:
    url = entry.get("url")
    if not isinstance(url, str):
        return []
    problem = thread_url_problem(url, allow_source_lines)
    return [where.problem(f"'sources.url' {problem}: {url!r}")] if problem else []


def is_source_line(url: str) -> bool:
    """A pinned line of a file on GitHub: https://github.com/<owner>/<repo>/blob/<40 hex>/<path>#L<n>."""
    parts = urlsplit(url)
    match = SOURCE_LINE_PATH.match(parts.path)
    return (parts.scheme == "https" and parts.netloc == "github.com" and not parts.query and match is not None
            and not {".", ".."} & set(match["path"].split("/")) and bool(_LINE_FRAGMENT.match(parts.fragment)))


def thread_url_problem(url: str, allow_source_lines: bool = False) -> str:
    """Why a URL is not a public thread on an allowed host ("" when it is one). With
    allow_source_lines (undocumented codes), a pinned source line on GitHub is fine too."""
    if allow_source_lines and is_source_line(url):
        return ""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "is not a valid URL"
    if parts.scheme != "https":
        return "must start with https://"
    if parts.username or parts.password or port is not None or parts.query:
        return "must not carry a user, port or query"
    if parts.hostname not in THREAD_PATHS or parts.netloc != parts.hostname:
        return f"must be on {', '.join(THREAD_PATHS)}"
    if not THREAD_PATHS[parts.hostname].match(parts.path):
        if allow_source_lines:
            return ("must point at one issue, pull request, discussion or help article, or one source "
                    "line at a commit (github.com/<owner>/<repo>/blob/<40-hex commit>/<path>#L<n>)")
        return "must point at one issue, pull request, discussion or help article"
    if parts.fragment and not _FRAGMENT.match(parts.fragment):
        return "has a fragment with characters other than letters, digits, '-' and '_'"
    return ""


def check_sources(entry: dict, where) -> list[Problem]:
    """Every per-file rule for a code's 'sources' (validate.check_code_entry calls this). An
    undocumented code may cite a pinned source line of a library: no docs page can back it."""
    value = entry.get("sources")
    if not isinstance(value, list):
        return []  # absent, or the field-type rule reports it
    return check_source_list(value, where, allow_source_lines=entry.get("status") == "undocumented")


def check_source_list(value: list, where, allow_source_lines: bool = False, field: str = "sources") -> list[Problem]:
    """The per-entry rules for a list of sources (a code's, or a cause's in data/advice/)."""
    problems = []
    for item in value:
        shape = check_source_shape(item, where)
        problems += shape
        if isinstance(item, dict) and not shape:
            problems += (check_one_target(item, where) + check_about(item, where)
                         + check_anchor_shape(item, where) + check_thread_url(item, where, allow_source_lines))
    if field != "sources":
        problems = [dataclasses.replace(p, message=p.message.replace("'sources", f"'{field}")) for p in problems]
    return problems


# ---------------------------------------------------------------- rules that need the registry

def check_docs_registered(catalog: Catalog, code: Code, source: Source) -> list[Problem]:
    if source.docs and source.docs not in catalog.docs_links:
        return [Problem(code.file, code.line, f"code {code.code}",
                        f"'sources.docs' names '{source.docs}', which is not in discord-docs.toml")]
    return []


def check_anchor_allowed(catalog: Catalog, code: Code, source: Source) -> list[Problem]:
    registered = catalog.docs_links.get(source.docs, "")
    if source.anchor and "#" in registered:
        return [Problem(code.file, code.line, f"code {code.code}",
                        f"'sources.anchor' given, but docs:{source.docs} already points at an anchor; "
                        "register the page without one or drop the anchor")]
    return []


def check_catalog_sources(catalog: Catalog) -> list[Problem]:
    problems = []
    for code in catalog.codes():
        for source in code.sources:
            problems += check_docs_registered(catalog, code, source) + check_anchor_allowed(catalog, code, source)
    return problems


def check_undocumented_sourced(catalog: Catalog) -> list[Problem]:
    """A code Discord's docs do not list needs something a reader can follow to see it exists."""
    return [Problem(code.file, code.line, f"code {code.code}",
                    "status \"undocumented\" needs at least one source: a library's source line or a thread "
                    "showing Discord send it")
            for code in catalog.codes() if code.is_undocumented and not code.sources]


# ---------------------------------------------------------------- reading them

def build_sources(value) -> tuple[Source, ...]:
    """The Source records of a code's raw 'sources' (only entries of the right shape)."""
    if not isinstance(value, list):
        return ()
    return tuple(
        Source(about=item.get("about", ""), docs=item.get("docs", ""), anchor=item.get("anchor", ""),
               url=item.get("url", ""))
        for item in value
        if isinstance(item, dict) and all(isinstance(item.get(k, ""), str) for k in SOURCE_FIELDS)
    )


def source_url(catalog: Catalog, source: Source) -> str:
    if source.url:
        return source.url
    base = catalog.docs_links[source.docs]
    return f"{base}#{source.anchor}" if source.anchor else base


def source_title(source: Source) -> str:
    """How a source is named in a link: 'Discord docs: Rate limits', 'discord/discord-api-docs#1499'."""
    if source.docs:
        anchor = f" ({anchor_label(source.anchor)})" if source.anchor else ""
        return f"Discord docs: {docs_label(source.docs)}{anchor}"
    parts = urlsplit(source.url)
    github = THREAD_PATHS["github.com"].match(parts.path) if parts.hostname == "github.com" else None
    if github:
        return f"{github['owner']}/{github['repo']}#{github['number']}"
    line = SOURCE_LINE_PATH.match(parts.path) if parts.hostname == "github.com" else None
    if line:
        return f"{line['owner']}/{line['repo']}: {line['path']} line {parts.fragment.removeprefix('L')}"
    if parts.hostname == "support-dev.discord.com":
        return "Discord Developers help centre"
    return "Discord help centre"


def anchor_label(anchor: str) -> str:
    """'gateway-gateway-close-event-codes' -> 'Gateway close event codes': Discord's table anchors
    repeat their section's name, which a reader needs once."""
    words = anchor.split("-")
    kept = [word for index, word in enumerate(words) if index == 0 or word != words[index - 1]]
    return docs_label("-".join(kept))


def codes_without_sources(catalog: Catalog) -> list[Code]:
    return [code for code in catalog.codes() if not code.sources]
