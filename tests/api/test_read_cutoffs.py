"""A read still under way at its deadline is ended; a finished one is left alone; one thread serves them all."""

from __future__ import annotations

import socket
import threading
import time

from api.read_cutoffs import ReadCutoffs


def test_a_read_past_its_deadline_ends_and_a_cancelled_one_is_left_alone() -> None:
    cutoffs = ReadCutoffs()
    slow_server, slow_client = socket.socketpair()
    done_server, done_client = socket.socketpair()
    with slow_server, slow_client, done_server, done_client:
        late = cutoffs.start(slow_server, 10.0)  # an earlier deadline started later must still wake the watcher
        cutoffs.start(slow_server, 0.2)
        finished = cutoffs.start(done_server, 0.2)
        cutoffs.cancel(finished)
        started = time.monotonic()
        assert slow_server.recv(1) == b""  # the reading side was shut: the blocked read returns at once
        assert time.monotonic() - started < 5
        cutoffs.cancel(late)
        done_client.sendall(b"x")
        assert done_server.recv(1) == b"x"
        assert cutoffs.pending() == 0


def test_many_reads_share_one_thread() -> None:
    cutoffs = ReadCutoffs()
    before = threading.active_count()
    pairs = [socket.socketpair() for _ in range(50)]
    try:
        for server, _ in pairs:
            cutoffs.cancel(cutoffs.start(server, 5.0))
        assert threading.active_count() <= before + 1
    finally:
        for server, client in pairs:
            server.close()
            client.close()
