"""Whether the tests run in CI, where nothing may skip for want of a tool and no browser test may
be left out; the browser tests' summary line."""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path

import pytest

# CI services set CI to "true", "1", "yes" or some other word; only an explicit "no" means no.
NOT_CI = ("", "false", "0", "no", "off")


def in_ci(environ=os.environ) -> bool:
    return environ.get("CI", "").strip().lower() not in NOT_CI


def missing_tool(reason: str, environ=os.environ):
    """Ends a test that cannot run for want of a tool: a skip saying `reason` on a contributor's
    machine, a failure in CI, where nothing may skip for want of a tool."""
    if in_ci(environ):
        pytest.fail(f"in CI (CI={environ.get('CI')!r}) but {reason}")
    pytest.skip(reason)


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


def browser_tests_left_out(browser_dir: Path, invocation_dir: Path, args=(), ignore=(), ignore_glob=()) -> str | None:
    """Why a run given these paths (pytest's config.args) and --ignore / --ignore-glob values leaves
    some browser tests out, in a few words; None when it collects all of them. Paths are read as
    pytest reads them: relative to the folder pytest was started in, a glob matched against each
    absolute path pytest would walk into."""
    browser_dir = _absolute(browser_dir, invocation_dir)
    for value in ignore:
        path = _absolute(value, invocation_dir)
        if browser_dir.is_relative_to(path) or path.is_relative_to(browser_dir):
            return f"--ignore {value} leaves them out"
    # Every path pytest would test against the globs on its way to and through the browser tests.
    walked = [browser_dir, *(p for p in browser_dir.rglob("*") if "__pycache__" not in p.parts
                             and (p.is_dir() or p.suffix == ".py"))]
    walked += [p for p in browser_dir.parents if p.is_relative_to(invocation_dir)]
    for value in ignore_glob:
        pattern = str(_absolute(value, invocation_dir))
        if any(fnmatch.fnmatch(str(p), pattern) for p in walked):
            return f"--ignore-glob {value} leaves them out"
    # A path covers them all when it is their folder or one above it, without a "::" test name.
    if not any("::" not in arg and browser_dir.is_relative_to(_absolute(arg, invocation_dir)) for arg in args):
        return f"the paths given ({' '.join(args)}) do not hold all of {browser_dir.parent.name}/{browser_dir.name}/"
    return None


def _absolute(path, invocation_dir: Path) -> Path:
    """As pytest's absolutepath: made absolute and normalised (".." folded), symlinks kept."""
    return Path(os.path.normpath(Path(invocation_dir) / path))
