"""CPU seconds used by groups of processes, read from /proc: the product's web server (its master and workers),
the PostgreSQL server, and the load generator, so a load run can say how much of the box each used."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # gone meanwhile
        return None
    # The command name is in parentheses and may hold spaces: the fields after it are split safely.
    return text[text.rindex(")") + 2 :].split()


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def seconds(pids: Iterable[int]) -> float:
    """User and system CPU seconds the processes have used so far, with those of their children that have
    ended (a database backend or a worker that exited is counted by its parent; live children by themselves)."""
    total = 0
    for pid in pids:
        fields = _stat(pid)
        if fields is not None:
            total += sum(int(field) for field in fields[11:15])  # utime, stime, cutime, cstime
    return total / TICKS


def tree(matches: Callable[[str], bool]) -> list[int]:
    """The processes whose command line matches, and all their descendants."""
    parents = {pid: int(fields[1]) for pid in _pids() if (fields := _stat(pid)) is not None}
    roots = {pid for pid in parents if matches(_cmdline(pid))}
    found = set(roots)
    grew = True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in found and pid not in found}
        found |= more
        grew = bool(more)
    return sorted(found)


def web_server(port: int) -> list[int]:
    """gunicorn's master serving on `port` and its workers."""
    return tree(lambda cmd: "gunicorn" in cmd and f":{port}" in cmd)


def postgres() -> list[int]:
    """Every process of the local PostgreSQL server (its backends serve the product)."""
    return tree(lambda cmd: cmd.startswith("/usr/lib/postgresql/") and " -D " in cmd)
