"""The validated, immutable shape of the data that everything else renders."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

# The public URL contract: page slug -> site-relative URL. Never change an existing entry.
PAGES = {
    "gateway": "gateway/",
    "voice": "voice/",
    "http": "http/",
    "json": "json/",
    "rpc": "rpc/",
}

# One file per table; the order here is the order of the site and of /codes.json.
TABLE_IDS = (
    "gateway-opcodes",
    "gateway-close-codes",
    "voice-opcodes",
    "voice-close-codes",
    "http-status-codes",
    "json-error-codes",
    "rpc-error-codes",
    "rpc-close-codes",
)

# Each code's own page lives at /<CODE_PAGES_DIR>/<anchor>/ (part of the URL contract too).
CODE_PAGES_DIR = "c"

COLUMN_FIELDS = ("client_action", "sent_by", "binary", "reconnect", "resume")
COLUMN_TITLES = {
    "client_action": "Client action",
    "sent_by": "Sent by",
    "binary": "Binary",
    "reconnect": "Reconnect?",
    "resume": "Resume?",
}


NOT_EXPLAINED = "Not explained yet; Discord's description: "


@dataclass(frozen=True)
class Former:
    name: str
    text: str = ""
    until: str = ""


@dataclass(frozen=True)
class Sent:
    """A message Discord sends for a code, word for word, where it differs from the docs' name
    (`discord_sends`), with the public page that shows it."""
    text: str
    source: str


@dataclass(frozen=True)
class Source:
    """What backs a code's explanation: a registered Discord docs page (optionally one anchor on
    it) or a public issue thread, and a few words on what it backs."""
    about: str
    docs: str = ""
    anchor: str = ""
    url: str = ""


@dataclass(frozen=True)
class Cause:
    """One likely reason a code happened to you (data/advice/), with what shows it."""
    text: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Advice:
    """Why a code happens and what to do (data/advice/<table-id>.toml); empty for a code without.
    `retry`: "no", "after-wait" or "yes" (HTTP and JSON codes only; see advice.RETRY_LABELS)."""
    retry: str = ""
    retry_note: str = ""
    causes: tuple[Cause, ...] = ()
    fixes: tuple[str, ...] = ()


NO_ADVICE = Advice()


@dataclass(frozen=True)
class Code:
    table_id: str
    code: int | str
    anchor: str
    name: str
    explanation: str
    status: str = "current"
    removed: str = ""
    added: str = ""
    formerly: tuple[Former, ...] = ()
    discord_sends: tuple[Sent, ...] = ()
    see_also: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    columns: dict = field(default_factory=dict)  # column field -> value, in the table's order
    sources: tuple[Source, ...] = ()
    flag_basis: dict = field(default_factory=dict)  # flag column -> who states it (see flags.py)
    upstream_description: str = ""  # Discord's own text, kept by the sync until we explain the code
    advice: Advice = NO_ADVICE  # causes, fixes and the retry answer, from data/advice/
    file: str = field(default="", compare=False)  # where it was defined, for problem reports
    line: int | None = field(default=None, compare=False)

    @property
    def is_removed(self) -> bool:
        return self.status == "removed"

    @property
    def is_undocumented(self) -> bool:
        """Seen in libraries or Discord's responses, but not in Discord's docs (never counted as documented)."""
        return self.status == "undocumented"

    @property
    def page_url(self) -> str:
        """Site-relative URL of the code's own page: 'c/close-4011/'."""
        return f"{CODE_PAGES_DIR}/{self.anchor}/"

    @property
    def awaiting_explanation(self) -> bool:
        return not self.explanation and bool(self.upstream_description)

    @property
    def shown_explanation(self) -> str:
        """The explanation; for a code the sync added that nobody has explained yet, an honest notice."""
        return NOT_EXPLAINED + self.upstream_description if self.awaiting_explanation else self.explanation


def code_key(value) -> int | str:
    """A code as tables compare it: a status class ("5XX") in lower case, a number as it is."""
    return value.lower() if isinstance(value, str) else value


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    page: str
    anchor_prefix: str
    kind: str
    range: tuple[int, int]
    columns: tuple[str, ...]
    intro: str
    discord_anchors: tuple[str, ...] = ()
    flag_basis: dict = field(default_factory=dict)  # flag column -> who states it, by default
    codes: tuple[Code, ...] = ()
    file: str = field(default="", compare=False)

    @property
    def page_url(self) -> str:
        return PAGES[self.page]

    @property
    def anchor(self) -> str:
        """Id of the table itself on its page."""
        return self.id

    @property
    def row_ids(self) -> tuple[str, ...]:
        """Every id the table's rows carry, in order: each code's anchor, then its aliases."""
        return tuple(i for code in self.codes for i in (code.anchor, *code.aliases))

    @property
    def ids(self) -> tuple[str, ...]:
        """Every id the table publishes: its own, then its rows'."""
        return (self.anchor, *self.row_ids)

    def location(self, fragment: str) -> str:
        """Site-relative URL of an id on the table's page: 'gateway/#close-4011'."""
        return f"{self.page_url}#{fragment}"


@dataclass(frozen=True)
class Catalog:
    tables: tuple[Table, ...]
    docs_links: dict  # registry name -> URL
    libraries: tuple = ()  # libraries.Library, in LIBRARY_IDS order (data/libraries/)
    field_registry: object = None  # field_errors.Registry (data/field-errors.toml), or None without one
    permissions: object = None  # endpoints.model.Permissions (data/endpoints.toml, data/permissions.toml)

    def codes(self):
        for table in self.tables:
            yield from table.codes

    def table(self, table_id: str) -> Table:
        return self._tables_by_id[table_id]

    def has_table(self, table_id: str) -> bool:
        return table_id in self._tables_by_id

    @cached_property
    def _tables_by_id(self) -> dict[str, Table]:
        return {t.id: t for t in self.tables}

    @cached_property
    def _codes_by_anchor(self) -> dict[str, Code]:
        return {code.anchor: code for code in self.codes()}

    def by_anchor(self) -> dict[str, Code]:
        return self._codes_by_anchor

    def derived(self, compute):
        """compute(self), worked out once per catalog: for indexes that other modules define
        (references.backlinks, libraries.views.index), so this module imports none of them."""
        cache = self.__dict__.setdefault("_derived", {})  # as cached_property does: the dataclass is frozen
        if compute not in cache:
            cache[compute] = compute(self)
        return cache[compute]
