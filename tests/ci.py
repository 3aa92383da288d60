"""Whether the tests run in CI, where nothing may skip for want of a tool."""
from __future__ import annotations

import os

# CI services set CI to "true", "1", "yes" or some other word; only an explicit "no" means no.
NOT_CI = ("", "false", "0", "no", "off")


def in_ci(environ=os.environ) -> bool:
    return environ.get("CI", "").strip().lower() not in NOT_CI


def browser_summary_line(stats: dict) -> str | None:
    """"browser tests: 120 passed, 0 failed or errored, 0 skipped", from a terminal reporter's
    stats, so a run that skipped them is plain to see; None when no browser test reported."""
    def count(*outcomes) -> int:
        reports = [r for outcome in outcomes for r in stats.get(outcome, [])]
        return len({r.nodeid for r in reports if r.nodeid.startswith("tests/browser/")})

    passed, failed, skipped = count("passed"), count("failed", "error"), count("skipped")
    if passed or failed or skipped:
        return f"browser tests: {passed} passed, {failed} failed or errored, {skipped} skipped"
    return None
