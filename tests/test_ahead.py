"""macros/ahead.py: a result made in a forked copy of the process, or here when forking is unsafe.

The copies are made from a fresh interpreter (a subprocess), since the test process itself may be
running other threads (browser tests), which rightly makes Ahead refuse to fork."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from conftest import ROOT
from macros.ahead import Ahead


def run(script: str) -> str:
    result = subprocess.run([sys.executable, "-c", "import os, sys, time\nfrom macros.ahead import Ahead\n" + script],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


def test_the_result_is_made_in_another_process():
    out = run("ahead = Ahead(lambda: (os.getpid(), os.getppid()))\n"
              "made_by, its_parent = ahead.result()\n"
              "print(ahead.running_ahead, made_by != os.getpid(), its_parent == os.getpid())")
    assert out == "False True True"  # once the result is in, nothing runs ahead any more


def test_a_copy_that_fails_means_the_result_is_made_here():
    out = run("parent = os.getpid()\n"
              "def make():\n"
              "    if os.getpid() != parent:\n"
              "        raise RuntimeError('only the copy fails')\n"
              "    return 'made here'\n"
              "print(Ahead(make).result())")
    assert out == "made here"


def test_a_stopped_copy_is_gone_and_never_finishes(tmp_path):
    marker = tmp_path / "finished"
    out = run(f"def make():\n"
              f"    time.sleep(1)\n"
              f"    open({str(marker)!r}, 'w').close()\n"
              f"ahead = Ahead(make)\n"
              f"pid = ahead._child[0]\n"
              f"ahead.cancel()\n"
              f"try:\n"
              f"    os.kill(pid, 0)\n"
              f"    print('still there')\n"
              f"except ProcessLookupError:\n"
              f"    print('gone')\n"
              f"time.sleep(1.5)")
    assert out == "gone" and not marker.exists()


def test_with_other_threads_running_nothing_is_forked_and_errors_are_raised_here():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        ahead = Ahead(os.getpid)
        assert not ahead.running_ahead and ahead.result() == os.getpid()

        def broken():
            raise ValueError("bad data")

        with pytest.raises(ValueError, match="bad data"):
            Ahead(broken).result()
    finally:
        stop.set()
        other.join()


def test_when_no_process_can_be_forked_the_result_is_made_here(monkeypatch):
    def refuse():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr("macros.ahead.can_fork", lambda: True)
    monkeypatch.setattr(os, "fork", refuse)
    ahead = Ahead(os.getpid)
    assert not ahead.running_ahead and ahead.result() == os.getpid()
