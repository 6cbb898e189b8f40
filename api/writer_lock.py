"""SQLite's writers in turn: a lock of the process, then a lock file the server's processes share."""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from pathlib import Path

# How often a process's next writer looks whether another process has let the lock file go. SQLite's own busy
# handler sleeps 1, 2, 5, 10... up to 100 ms between tries, so the database stood idle for most of each handover
# between two web workers; this turns a handover into a fraction of a millisecond.
POLL_SECONDS = 0.0005


class WriterLock:
    """Held by one writer of all the processes that open `path`'s lock file, taken with a deadline.

    Threads of a process wait on the process's lock (woken in turn, without polling); its holder then takes the
    lock file (flock), which the kernel frees when a process dies. Neither is SQLite's lock: a writer that does
    not get them by the deadline goes on to SQLite's busy timeout, as every writer did before.
    """

    def __init__(self, path: Path | None) -> None:
        self._threads = threading.Lock()
        self._file = path
        self._fd: int | None = None
        self._pid = 0

    def acquire(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        if not self._threads.acquire(timeout=timeout):
            return False
        if self._take_file(deadline):
            return True
        self._threads.release()
        return False

    def locked(self) -> bool:
        """Whether a writer of this process holds it."""
        return self._threads.locked()

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._threads.release()

    def _take_file(self, deadline: float) -> bool:
        fd = self._descriptor()
        if fd is None:
            return True
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(POLL_SECONDS)

    def _descriptor(self) -> int | None:
        # Opened at a process's first write: a process forked from one that had it open would share that open
        # file, and with it the lock, so each process opens its own.
        if self._file is not None and self._pid != os.getpid():
            self._fd = None
            with contextlib.suppress(OSError):  # a read-only folder: SQLite's busy timeout alone, as before
                self._fd = os.open(self._file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            self._pid = os.getpid()
        return self._fd
