"""The lookup's rules as data: the kinds of entry a `data/lookup/*.toml` file holds, their fields,
and the pattern language their texts are written in (see macros/lookup.py for what each kind is
for). `lookup_checks` checks the entries, `lookup_load` reads them into `Rules`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

SLOT = "{code}"
NAME_SLOT = "{name}"
MAX_DIGITS = 6  # the longest code (JSON) has six digits; longer numbers are ids, not codes
MIN_WORDING = 4
PRINTABLE_ASCII = re.compile(r"^[\x20-\x7e]*$")
WORD_START = re.compile(r"^[A-Za-z0-9_]")

# Each section's fields, with their TOML types; every field of an entry is required.
LIBRARY_FIELDS = {"name": str}
PATTERN_FIELDS = {"text": str, "tables": list, "why": str}  # [[shape]] has the same fields
WORDING_FIELDS = {"text": str, "code": str, "why": str}
NOISE_FIELDS = {"text": str, "why": str}
GENERAL_FIELDS = {"code": str, "why": str}
CONTEXT_FIELDS = {"text": str, "table": str, "why": str}
ENTRY_FIELDS = {"pattern": PATTERN_FIELDS, "wording": WORDING_FIELDS, "shape": PATTERN_FIELDS,
                "noise": NOISE_FIELDS, "general": GENERAL_FIELDS, "context": CONTEXT_FIELDS}
SECTIONS = ("library", *ENTRY_FIELDS)


@dataclass(frozen=True)
class Pattern:
    """A number slot in the words around it, and the tables a number there is from: a library's
    print-out ([[pattern]]: "DiscordAPIError[{code}]"), or a number beside its own code's name
    ([[shape]]: "{code} {name}", "{name} (status code: {code})"). Both are read into this one class
    (their fields are the same); their checks differ (lookup_checks) and so does how lookup.js
    matches them, which is why `Rules` keeps them apart."""
    text: str
    tables: tuple[str, ...]
    why: str


Shape = Pattern  # a [[shape]]: a Pattern whose text also holds NAME_SLOT


@dataclass(frozen=True)
class Wording:
    """A library's own words for one code, without its number: "Used disallowed intents"."""
    text: str
    anchor: str
    why: str


@dataclass(frozen=True)
class Noise:
    """A context in which a number is never a code: "pid {code}", "must be {code} or fewer"."""
    text: str
    why: str


@dataclass(frozen=True)
class General:
    """A code Discord sends when nothing more specific applies (JSON 0): weighed below a status."""
    anchor: str
    why: str


@dataclass(frozen=True)
class Context:
    """Text that says which table a paste is about ("discord.media": a voice server)."""
    text: str
    table: str
    why: str


@dataclass(frozen=True)
class Rules:
    patterns: tuple[Pattern, ...]
    wordings: tuple[Wording, ...]
    shapes: tuple[Shape, ...] = ()
    noises: tuple[Noise, ...] = ()
    generals: tuple[General, ...] = ()
    contexts: tuple[Context, ...] = ()


# Which field of Rules holds each kind of entry.
RULE_FIELDS = {"pattern": "patterns", "wording": "wordings", "shape": "shapes", "noise": "noises",
               "general": "generals", "context": "contexts"}


def rule_from_entry(kind: str, entry: dict):
    """The rule an entry of that kind stands for; the entry has passed lookup_checks.check_entry."""
    if kind in ("pattern", "shape"):
        return Pattern(entry["text"], tuple(entry["tables"]), entry["why"])
    if kind == "wording":
        return Wording(entry["text"], entry["code"], entry["why"])
    if kind == "noise":
        return Noise(entry["text"], entry["why"])
    if kind == "general":
        return General(entry["code"], entry["why"])
    return Context(entry["text"], entry["table"], entry["why"])


def normalise(value: str) -> str:
    """The form both sides compare: lower case, each run of whitespace one space (as lookup.js)."""
    return re.sub(r"\s+", " ", value.lower())


def usable_phrase(value: str) -> bool:
    """Whether lookup.js can match a text as a phrase (what lookup_checks asks of a [[wording]])."""
    return bool(WORD_START.match(value)) and len(value) >= MIN_WORDING and bool(PRINTABLE_ASCII.match(value))
