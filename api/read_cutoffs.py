"""One watcher thread per process that ends, at its deadline, a request body's read that is still under way."""

from __future__ import annotations

import contextlib
import heapq
import itertools
import os
import socket
import threading
import time


class ReadCutoffs:
    """`start(sock, seconds)` gives a read a deadline; `cancel(ticket)` once it is done.

    At the deadline the socket's reading side is shut, which ends any read under way however the server reads.
    A thread started per request did the same, but starting it cost more than the rest of a small request's
    body handling; here every deadline of the process waits in one heap for one thread.
    """

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._heap: list[tuple[float, int]] = []
        self._live: dict[int, socket.socket] = {}
        self._tickets = itertools.count()
        self._thread: threading.Thread | None = None
        self._pid = 0

    def start(self, sock: socket.socket, seconds: float) -> int:
        ticket = next(self._tickets)
        with self._lock:
            self._ensure_thread()
            heapq.heappush(self._heap, (time.monotonic() + seconds, ticket))
            self._live[ticket] = sock
            # The watcher sleeps until the earliest deadline: it is woken only when this one is earlier (with one
            # timeout for all, when it had none), not once per request.
            if self._heap[0][1] == ticket:
                self._lock.notify()
        return ticket

    def cancel(self, ticket: int) -> None:
        with self._lock:
            self._live.pop(ticket, None)

    def pending(self) -> int:
        """Deadlines not yet cancelled nor reached."""
        with self._lock:
            return len(self._live)

    def _ensure_thread(self) -> None:
        # A process forked after its first request (gunicorn workers) has the heap but not the thread.
        if self._thread is None or self._pid != os.getpid():
            self._heap.clear()
            self._live.clear()
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._watch, name="read-cutoffs", daemon=True)
            self._thread.start()

    def _watch(self) -> None:
        with self._lock:
            while True:
                if not self._heap:
                    self._lock.wait()
                    continue
                deadline, ticket = self._heap[0]
                wait = deadline - time.monotonic()
                if wait > 0 and ticket in self._live:
                    self._lock.wait(wait)
                    continue
                heapq.heappop(self._heap)  # reached, or cancelled: its read ended in time
                sock = self._live.pop(ticket, None)
                if sock is not None:
                    with contextlib.suppress(OSError):  # the client may have closed it already
                        sock.shutdown(socket.SHUT_RD)
