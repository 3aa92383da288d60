"""Problems found in the data, reported all at once, one line each."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    subject: str  # "code 4004", "[table]", "docs:<name>", or "" for the whole file
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        subject = f" {self.subject}:" if self.subject else ""
        return f"{where}:{subject} {self.message}"


class DataError(Exception):
    """The data is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem], where: str = "the code data"):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.subject, p.message))
        self.where = where
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} in {self.where}; nothing was built.")
        return "\n".join(lines)
