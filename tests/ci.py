"""Whether the tests run in CI, where nothing may skip for want of a tool."""
from __future__ import annotations

import os

# CI services set CI to "true", "1", "yes" or some other word; only an explicit "no" means no.
NOT_CI = ("", "false", "0", "no", "off")


def in_ci(environ=os.environ) -> bool:
    return environ.get("CI", "").strip().lower() not in NOT_CI
