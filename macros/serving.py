"""What `mkdocs serve` needs beyond a build, in plain Python: how often edits are looked for,
whether the address is free, and whether this package's code changed since it was imported.

Under `mkdocs serve` the package stays imported from one rebuild to the next unless one of its
`.py` files changed: importing it again costs about 50 ms of every rebuild after a data edit
(macros/README.md, "Speed machinery"). The fingerprint is taken when this module is first
imported, which the adapter's hook does before the rest of the package is imported.
"""
from __future__ import annotations

import errno
import os
import socket
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent

# MkDocs polls watched files every 0.5 s and waits 0.1 s for edits to stop before rebuilding:
# 0.35 s of a rebuild's 0.5 s on average. These two together average 0.045 s; a poll of the ~200
# watched files and folders takes about 1 ms.
EDIT_POLL_SECONDS = 0.05
QUIET_SECONDS = 0.02


def code_fingerprint(package_dir: Path = PACKAGE_DIR) -> frozenset[tuple[str, int, int]]:
    """Every .py file of the package with its modification time and size."""
    found = set()
    for folder, subfolders, names in os.walk(package_dir):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        for name in names:
            if name.endswith(".py"):
                status = os.stat(os.path.join(folder, name))
                found.add((os.path.join(folder, name), status.st_mtime_ns, status.st_size))
    return frozenset(found)


IMPORTED_CODE = code_fingerprint()


def unchanged_since_import(package_dir: Path) -> bool:
    """Whether the imported package is the one in package_dir, with the same code it was imported
    with (a test may build another copy of the project in the same process)."""
    return package_dir.resolve() == PACKAGE_DIR and code_fingerprint() == IMPORTED_CODE


def address_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port, in one line (None: it can), found by binding
    the address as the server will."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server binds
        try:
            probe.bind((host, port))
        except OSError as error:
            why = ("is already in use (is another `make serve` running?)" if error.errno == errno.EADDRINUSE
                   else f"cannot be served on: {error.strerror}")
            return f"{host}:{port} {why}; serve on another address: make serve ADDR={host}:{port + 1}"
    return None
