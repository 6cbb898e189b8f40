"""CPU pinning for `make load --generator-cpus`: the load generator on CPUs of its own, the product on the rest."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterable


class PinError(ValueError):
    """The pinning asked for cannot be done on this machine."""


def parse_cpus(text: str) -> set[int]:
    """A taskset CPU list ("1", "0,2", "2-3") as a set of CPU numbers."""
    cpus: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        first, dash, last = part.partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            raise PinError(f"not a CPU list: {text!r} (e.g. 1, 0,2 or 2-3)")
        low, high = int(first), int(last) if dash else int(first)
        if high < low:
            raise PinError(f"not a CPU list: {text!r} ({part} runs backwards)")
        cpus.update(range(low, high + 1))
    return cpus


def format_cpus(cpus: Iterable[int]) -> str:
    """The shortest taskset CPU list for the set: runs of three or more as ranges."""
    ordered = sorted(set(cpus))
    parts: list[str] = []
    start = 0
    for end in range(len(ordered)):
        if end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            continue
        run = ordered[start : end + 1]
        parts.append(f"{run[0]}-{run[-1]}" if len(run) > 2 else ",".join(str(cpu) for cpu in run))
        start = end + 1
    return ",".join(parts)


def split(generator: str, available: set[int], taskset: str | None) -> tuple[set[int], set[int]]:
    """The load generator's CPUs and the product's (the rest of `available`), or why they cannot be had."""
    if taskset is None:
        raise PinError("--generator-cpus needs taskset (util-linux), which is not installed here")
    if len(available) < 2:
        raise PinError(
            f"--generator-cpus needs at least 2 CPUs, and this run may use only {format_cpus(available)}: "
            "the generator and the product cannot each have their own"
        )
    try:
        wanted = parse_cpus(generator)
    except PinError as error:
        raise PinError(f"--generator-cpus: {error}") from None
    if not wanted <= available:
        raise PinError(
            f"--generator-cpus {generator}: CPU {format_cpus(wanted - available)} is not among this run's "
            f"CPUs ({format_cpus(available)})"
        )
    rest = available - wanted
    if not rest:
        raise PinError(f"--generator-cpus {generator} leaves no CPU for the web server and PostgreSQL")
    return wanted, rest


def available() -> set[int]:
    """The CPUs this process may run on: the machine's, less any a cgroup or a taskset around it holds back."""
    return set(os.sched_getaffinity(0))


def taskset() -> str | None:
    return shutil.which("taskset")


def wrap(command: list[str], cpus: set[int]) -> list[str]:
    """The command run on `cpus` only; whatever it starts inherits them."""
    return ["taskset", "-c", format_cpus(cpus), *command]


def pin_command(pid: int, cpus: set[int]) -> list[str]:
    # -a: every thread of the process, not only its first (gunicorn's gthread workers serve on threads).
    return ["taskset", "-a", "-cp", format_cpus(cpus), str(pid)]


def pin(find: Callable[[], list[int]], cpus: set[int]) -> list[int]:
    """Pin the processes `find` returns, and read them again until no new one turns up: one forked by a parent
    before the parent was pinned is found on the next read, and one forked after inherits the parent's CPUs."""
    done: set[int] = set()
    for _ in range(10):
        new = [pid for pid in find() if pid not in done]
        if not new:
            break
        for pid in new:
            # A process that ended meanwhile makes taskset fail; there is nothing left to pin.
            subprocess.run(pin_command(pid, cpus), check=False, capture_output=True)
            done.add(pid)
    return sorted(done)


def seen(pids: Iterable[int]) -> list[str]:
    """The distinct CPU lists the processes' threads may run on now (those that ended meanwhile left out)."""
    lists = set()
    for pid in pids:
        try:
            threads = [int(name) for name in os.listdir(f"/proc/{pid}/task")]
        except OSError:
            continue
        for thread in threads:
            try:
                lists.add(format_cpus(os.sched_getaffinity(thread)))
            except OSError:
                continue
    return sorted(lists)
