"""Each code's history from the git history of Discord's page: first appearance, renames, removals.

`read_revisions` is the only part that runs git; `history` and everything after it are pure.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..text import comparable_name
from .upstream import PAGE_PATHS, UpstreamError, UpstreamTable, is_spelling_fix, parse_page, plain


class HistoryError(Exception):
    """git could not be run or the directory is not a checkout. One line."""


@dataclass(frozen=True)
class Revision:
    commit: str
    date: str  # "YYYY-MM-DD", the commit date
    tables: dict  # table id -> UpstreamTable (only the tables this revision has)


@dataclass(frozen=True)
class Sighting:
    date: str
    name: str
    description: str


@dataclass
class CodeHistory:
    table_id: str
    code: int | str
    since_start: bool = False  # present in the table's first revision: its real start is unknown
    sightings: list = field(default_factory=list)  # Sighting per revision that lists the code
    removals: list = field(default_factory=list)  # dates the code vanished from its table
    returns: list = field(default_factory=list)  # dates it came back after a removal

    @property
    def added(self) -> str:
        return "" if self.since_start else self.sightings[0].date

    @property
    def renames(self) -> list[tuple[str, str, str]]:
        """(date, old name, new name), ignoring cosmetic changes and spelling fixes."""
        found = []
        for before, after in zip(self.sightings, self.sightings[1:]):
            if comparable_name(before.name) != comparable_name(after.name) and not is_spelling_fix(before.name, after.name):
                found.append((after.date, before.name, after.name))
        return found

    @property
    def is_gone(self) -> bool:
        return bool(self.removals) and (not self.returns or self.returns[-1] < self.removals[-1])


def git(checkout: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", "-C", str(checkout), *args], capture_output=True, text=True, check=False)
    except OSError as error:
        raise HistoryError(f"cannot run git: {error}") from None
    if result.returncode != 0:
        message = (result.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise HistoryError(f"git {args[0]} failed in {checkout}: {message}")
    return result.stdout


def page_at(checkout: Path, commit: str) -> str | None:
    """The page's text at a commit, from whichever of its paths it had then."""
    for path in reversed(PAGE_PATHS):
        try:
            return git(checkout, "show", f"{commit}:{path}")
        except HistoryError:
            continue
    return None


def read_revisions(checkout: Path) -> tuple[list[Revision], list[str]]:
    """Every revision of the page, oldest first, and one note per revision that could not be read.

    --no-renames: rename detection would read every blob of each commit, and a partial mirror
    may lack some; the three known paths are enough to follow the page."""
    log = git(checkout, "log", "--reverse", "--no-renames", "--format=%H %cs", "--", *PAGE_PATHS)
    revisions, notes = [], []
    for line in log.splitlines():
        commit, date = line.split()
        text = page_at(checkout, commit)
        if text is None:
            continue  # the commit deleted the page under one name; the revision adding the next name follows
        try:
            revisions.append(Revision(commit, date, parse_page(text, required=())))
        except UpstreamError as error:
            notes.append(f"{commit[:10]} {date}: skipped, {error}")
    return revisions, notes


def history(revisions: list[Revision]) -> dict[tuple[str, object], CodeHistory]:
    """(table id, code) -> CodeHistory. A table missing from a revision says nothing about its codes."""
    found: dict[tuple[str, object], CodeHistory] = {}
    previous: dict[str, UpstreamTable] = {}
    for revision in revisions:
        for table_id, table in revision.tables.items():
            before = previous.get(table_id)
            for code, row in table.rows.items():
                entry = found.get((table_id, code))
                if entry is None:
                    entry = found[(table_id, code)] = CodeHistory(table_id, code, since_start=before is None)
                elif before is not None and code not in before.rows:
                    entry.returns.append(revision.date)
                entry.sightings.append(Sighting(revision.date, row.name, plain(row.description)))
            if before is not None:
                for code in before.rows:
                    if code not in table.rows:
                        found[(table_id, code)].removals.append(revision.date)
            previous[table_id] = table
    return found


def wording_until(entry: CodeHistory, name: str, text: str = "") -> str | None:
    """The date a wording (a name, and the text if given) stopped being Discord's, or None when
    no revision had it or it is still current."""
    def matches(sighting: Sighting) -> bool:
        return (comparable_name(sighting.name) == comparable_name(name)
                and (not text or comparable_name(sighting.description) == comparable_name(plain(text))))
    last = max((i for i, s in enumerate(entry.sightings) if matches(s)), default=None)
    if last is None or last + 1 >= len(entry.sightings):
        return None
    return entry.sightings[last + 1].date


def report_lines(anchor: str, entry: CodeHistory) -> list[str]:
    """What the history says about one code, one line per event, anchor id first."""
    lines = []
    if entry.added:
        lines.append(f"{anchor} added {entry.added}: \"{entry.sightings[0].name}\"")
    for date, old, new in entry.renames:
        lines.append(f"{anchor} renamed {date}: \"{old}\" → \"{new}\"")
    events = sorted([(d, "removed") for d in entry.removals] + [(d, "added again") for d in entry.returns])
    lines += [f"{anchor} {what} {date}" for date, what in events]
    return lines
