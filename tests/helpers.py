"""Small helpers shared by the tests and scripts/bench.py: copying and editing the project, serving and polling."""
from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "macros", "data")


def copy_project(target: Path, parts: tuple[str, ...] = PROJECT_PARTS) -> Path:
    """The site's sources (or some of its top-level parts), copied so a run can change them
    without touching the repo; no __pycache__ folders."""
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a copied file in place; fails loudly when the text to replace is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit(data_dir: Path, file: str, old: str, new: str) -> None:
    """replace_in for a file named relative to a copied data folder."""
    replace_in(data_dir / file, old, new)


def file_contents(directory: Path) -> dict[Path, bytes]:
    """Every file under a folder with its bytes: to prove a failed build left a site untouched."""
    return {p: p.read_bytes() for p in directory.rglob("*") if p.is_file()}


def fastest_run(call, runs: int = 3) -> tuple[float, object]:
    """call() run `runs` times: the fastest time in seconds, and what the last run returned. The
    machine running the tests is shared, so one slow run says little; code whose time grows too
    fast for the size is slow every time."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        timings.append(time.perf_counter() - started)
    return min(timings), result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    """The page's text, or "" while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, needle: str, seconds: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in fetch(url):
            return True
        time.sleep(interval)
    return False


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request."""

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_directory(directory: Path, handler: type = QuietHandler):
    """Serve a built site on 127.0.0.1 (a free port) for as long as the block runs; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def mkdocs_serving(project: Path, *extra: str, env: dict | None = None):
    """`mkdocs serve` for a project on a free port for as long as the block runs; yields the base URL."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *extra, "-a", f"127.0.0.1:{port}"],
                               cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
