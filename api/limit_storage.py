"""The rate limits' counters in this process (without Redis): limits' memory storage, swept once a second."""

from __future__ import annotations

import threading

from limits.storage import MemoryStorage

SCHEME = "process-memory"
SWEEP_SECONDS = 1.0


class ProcessMemoryStorage(MemoryStorage):
    """limits' MemoryStorage starts a timer thread 10 ms ahead whenever none is alive, which at a wave's rates is a
    thread started for nearly every request (15 % of a screening's time in a profile, waiting for the new thread).
    Expired counters are already dropped when read; the sweep only frees memory, so once a second is enough."""

    STORAGE_SCHEME = [SCHEME]

    # The base class calls its private __schedule_expiry; this is that method, under its mangled name.
    def _MemoryStorage__schedule_expiry(self) -> None:
        if not self.timer.is_alive():
            self.timer = threading.Timer(SWEEP_SECONDS, self._MemoryStorage__expire_events)  # type: ignore[attr-defined]
            self.timer.daemon = True
            self.timer.start()
