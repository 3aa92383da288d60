"""A result made in a second process while this one goes on.

A build has work for two cores at one point only: while MkDocs renders the theme's pages, the
generated files (code pages, /codes.json, the feed, ...) could already be made from the catalog.
`Ahead` forks this process, makes the result in the copy and hands it back pickled, through a pipe.

It makes nothing ahead where forking is impossible (no os.fork: Windows; or the system refuses
another process) or unsafe: when other threads run (`mkdocs serve`'s server and file watcher), a
forked copy could inherit a lock one of them holds and hang. The result is then made in this
process when it is asked for, as it would be without this module. If the copy fails in any way,
the result is made again here, so any error is raised in this process, where the build reports it.
"""
from __future__ import annotations

import os
import pickle
import signal
import threading
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


class Ahead(Generic[T]):
    def __init__(self, make: Callable[[], T]):
        self._make = make
        self._child: tuple[int, int] | None = None  # (process id, read end of its pipe)
        if can_fork():
            self._start()

    @property
    def running_ahead(self) -> bool:
        return self._child is not None

    def _start(self) -> None:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to spare (a limit on processes or memory): make it here, later
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:  # the copy: make, send, and leave without running any of the parent's cleanup
            status = 1
            try:
                os.close(read_end)
                payload = pickle.dumps(self._make(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(payload)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._child = (pid, read_end)

    def result(self) -> T:
        """The result: from the copy once it is done, or made here."""
        if self._child is None:
            return self._make()
        pid, read_end = self._child
        self._child = None
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0:
            try:
                return pickle.loads(payload)
            except Exception:  # the copy sent something unreadable: make it here
                pass
        return self._make()

    def cancel(self) -> None:
        """Stop the copy, if one runs (the build failed: nothing will ask for the result)."""
        if self._child is None:
            return
        pid, read_end = self._child
        self._child = None
        os.close(read_end)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
