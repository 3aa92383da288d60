"""The validated shape of one library's data file (data/libraries/<id>.toml)."""
from __future__ import annotations

from dataclasses import dataclass, field

# The libraries the site covers, in the order it lists them (shared decision: these ids are public,
# /codes.json keys its `libraries` objects by them).
LIBRARY_IDS = ("discord-api-types", "discord.py", "jda", "discordgo", "serenity", "twilight",
               "discord.net", "dsharpplus", "hikari", "eris", "oceanic")


@dataclass(frozen=True)
class Constant:
    name: str  # as written in the library's source
    code: int
    line: int  # line in the library's source file


@dataclass(frozen=True)
class Group:
    """One enum or constant group of a library, mapped to one of Discord's tables."""
    table_id: str
    name: str
    file: str  # path inside the library's repository
    qualify: str  # what users write before a member: "ErrorResponse.", "close_codes::", ""
    members: tuple[Constant, ...] = ()  # one per Discord code of the table, first name wins
    aliases: tuple[Constant, ...] = ()  # further names for a code already in members
    unmatched: tuple[Constant, ...] = ()  # numbers that are not codes of the table

    def qualified(self, constant: Constant) -> str:
        return f"{self.qualify}{constant.name}"


@dataclass(frozen=True)
class NoGroup:
    table_id: str
    note: str


@dataclass(frozen=True)
class Library:
    id: str
    name: str
    repository: str  # https://github.com/owner/name
    commit: str
    shared_by: tuple[str, ...] = ()
    shared_note: str = ""
    groups: tuple[Group, ...] = ()
    no_groups: tuple[NoGroup, ...] = ()
    file: str = field(default="", compare=False)

    def source_url(self, path: str, line: int) -> str:
        """The exact line at the recorded commit, on the repository's web host."""
        return f"{self.repository}/blob/{self.commit}/{path}#L{line}"

    def groups_for(self, table_id: str) -> tuple[Group, ...]:
        return tuple(g for g in self.groups if g.table_id == table_id)
