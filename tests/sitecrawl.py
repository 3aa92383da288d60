"""Reading a built site: the ids, links and resources of every HTML page."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LOCAL_BASE = "http://site.local/"
RESOURCE_ATTRIBUTES = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
                       ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"),
                       ("img", "srcset"), ("source", "srcset")}


@dataclass
class Page:
    path: Path
    url: str  # site-relative, e.g. "gateway/"
    ids: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # <a href>
    resources: list[str] = field(default_factory=list)  # anything the browser fetches by itself
    rows: list[str] = field(default_factory=list)  # ids of code rows and aliases
    meta: dict = field(default_factory=dict)
    canonical: str = ""
    scripts: list[str] = field(default_factory=list)  # inline script bodies
    styles: list[str] = field(default_factory=list)  # inline style attributes and elements


class _Parser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self._in = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        page = self.page
        if "id" in a:
            page.ids.append(a["id"])
            classes = (a.get("class") or "").split()
            if tag == "tr" or "code-alias" in classes:
                page.rows.append(a["id"])
        if "style" in a:
            page.styles.append(a["style"] or "")
        if tag == "a" and a.get("href") is not None:
            page.links.append(a["href"])
        if tag == "link":
            rel = (a.get("rel") or "").lower()
            if rel == "canonical":
                page.canonical = a.get("href", "")
            elif a.get("href"):
                page.resources.append(a["href"])
        if tag == "meta":
            key = a.get("property") or a.get("name") or a.get("http-equiv")
            if key:
                page.meta[key.lower()] = a.get("content", "")
        for (t, attr) in RESOURCE_ATTRIBUTES:
            if tag == t and a.get(attr):
                page.resources.extend(part.strip().split(" ")[0] for part in a[attr].split(","))
        if tag in ("script", "style"):
            self._in = tag

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.page.scripts.append(data)
        elif self._in == "style":
            self.page.styles.append(data)


def read_page(site: Path, path: Path) -> Page:
    relative = path.relative_to(site).as_posix()
    url = relative[: -len("index.html")] if relative.endswith("index.html") else relative
    page = Page(path, url)
    _Parser(page).feed(path.read_text(encoding="utf-8"))
    return page


def pages(site: Path) -> list[Page]:
    return [read_page(site, p) for p in sorted(site.rglob("*.html"))]


def resolve(page: Page, href: str) -> tuple[str, str, str]:
    """(scheme+host or '' for local, site-relative path, fragment)."""
    absolute = urljoin(LOCAL_BASE + page.url, href)
    parts = urlsplit(absolute)
    if f"{parts.scheme}://{parts.netloc}/" != LOCAL_BASE:
        return f"{parts.scheme}://{parts.netloc}", parts.path, parts.fragment
    return "", unquote(parts.path.lstrip("/")), unquote(parts.fragment)


def file_for(site: Path, path: str) -> Path | None:
    candidate = site / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def code_map(site: Path) -> dict:
    """The forwarding map the build wrote (assets/javascripts/code-map.js), parsed."""
    script = (site / "assets" / "javascripts" / "code-map.js").read_text(encoding="utf-8")
    return json.loads(re.fullmatch(r"window\.codeMap=(.*);\n", script, re.S)[1])
