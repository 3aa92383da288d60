"""The Markdown subset data text may use: code spans and reference links, nothing else.

Parsing is separate from rendering so validation sees exactly the links the renderer will emit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

REFERENCE_SCHEMES = ("code", "table", "docs")

# A link is "[label](target)"; the label may hold code spans but no brackets. The target may hold
# one level of parentheses, so link-shaped text like "javascript:alert(1)" is seen whole and rejected.
_TOKEN = re.compile(
    r"(?P<code>(?P<ticks>`+)(?P<code_body>.+?)(?P=ticks))"
    r"|(?P<link>\[(?P<label>[^\[\]]*)\]\((?P<target>(?:[^()\s]|\([^()\s]*\))*)\))",
    re.DOTALL,
)
_REFERENCE = re.compile(r"^(?P<scheme>[a-z]+):(?P<name>[A-Za-z0-9][A-Za-z0-9_.-]*)$")


@dataclass(frozen=True)
class Plain:
    text: str


@dataclass(frozen=True)
class CodeSpan:
    text: str


@dataclass(frozen=True)
class Link:
    label: tuple  # of Plain / CodeSpan
    target: str

    @property
    def reference(self) -> tuple[str, str] | None:
        """(scheme, name) when the target is a valid reference, else None."""
        match = _REFERENCE.match(self.target)
        if match and match["scheme"] in REFERENCE_SCHEMES:
            return match["scheme"], match["name"]
        return None


@lru_cache(maxsize=4096)  # validation, rendering and the exports all read the same strings
def parse(text: str) -> tuple:
    """Split text into Plain, CodeSpan and Link pieces (immutable, so the cache can share them)."""
    pieces: list = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            pieces.append(Plain(text[position:match.start()]))
        if match["code"]:
            pieces.append(CodeSpan(match["code_body"].strip() if match["ticks"] != "`" else match["code_body"]))
        else:
            pieces.append(Link(parse(match["label"]), match["target"]))  # no brackets: no nested links
        position = match.end()
    if position < len(text):
        pieces.append(Plain(text[position:]))
    return tuple(pieces)


def links(text: str) -> list[Link]:
    return [p for p in parse(text) if isinstance(p, Link)]


@lru_cache(maxsize=4096)
def plain_text(text: str) -> str:
    """The text as a reader sees it, without any markup: for search entries and code pages."""
    out = []
    for piece in parse(text):
        if isinstance(piece, Link):
            out.extend(part.text for part in piece.label)
        else:
            out.append(piece.text)
    return " ".join("".join(out).split())


# Link text without its target. A label holds no brackets, so each "[" is looked at once and the
# scan stays linear on any line (an earlier "[^\]]*" scanned to the end from every "[").
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")


def link_labels(text: str) -> str:
    """Markdown with each link replaced by its label ("[Identify](#identify)" -> "Identify")."""
    return _MARKDOWN_LINK.sub(r"\1", text)


def plain(text: str) -> str:
    """Markdown cell or name text without links, backticks and escapes."""
    text = link_labels(text)
    return text.replace("`", "").replace("\\|", "|").replace("\\_", "_").replace("\\*", "*").strip()


def comparable_name(name: str) -> str:
    """A name reduced to what matters: case, spacing, links, backticks, quotes around it and a
    trailing period ignored."""
    return " ".join(plain(name).casefold().split()).rstrip(".").strip().strip('"').strip()


def atx_heading(line: str) -> tuple[int, str] | None:
    """(level, text) of a Markdown ATX heading line ("## JSON Error Codes ##" -> (2, "JSON Error
    Codes")), or None. Read by hand, not by a regular expression: a lazy group before optional
    closing hashes and spaces backtracked in cubic time on a long line of spaces (4 KB took over
    a minute in the sync's reader of Discord's pages)."""
    indent = len(line) - len(line.lstrip(" "))
    rest = line[indent:]
    level = len(rest) - len(rest.lstrip("#"))
    if indent > 3 or not 1 <= level <= 6:
        return None
    body = rest[level:]
    if body and not body[0].isspace():
        return None  # "#hashtag" is no heading
    body = body.strip()
    without_closing = body.rstrip("#")
    if not without_closing or without_closing[-1].isspace():  # a closing sequence follows a space
        body = without_closing
    return level, body.strip()
