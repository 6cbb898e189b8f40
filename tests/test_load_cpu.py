"""`make load` reads the CPU its process groups used from /proc: a busy child and its descendants are counted."""

from __future__ import annotations

import subprocess
import sys
import time

from scripts.load import cpu

BUSY = "import subprocess, sys; subprocess.run([sys.executable, '-c', 'while True: pass'], timeout=30)"


def test_a_process_tree_is_found_by_its_command_line_and_its_cpu_counted() -> None:
    marker = "sumbar-cpu-probe"
    parent = subprocess.Popen([sys.executable, "-c", BUSY, marker])
    try:
        deadline = time.monotonic() + 10
        while len(found := cpu.tree(lambda cmd: marker in cmd)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert parent.pid in found
        assert len(found) == 2  # the parent and its spinning child
        first = cpu.seconds(found)
        # The spinning child is counted: its parent's figure alone would not grow while it sleeps in run().
        while cpu.seconds(cpu.tree(lambda cmd: marker in cmd)) <= first and time.monotonic() < deadline:
            time.sleep(0.05)
        assert cpu.seconds(cpu.tree(lambda cmd: marker in cmd)) > first
    finally:
        for pid in cpu.tree(lambda cmd: marker in cmd):
            subprocess.run(["kill", str(pid)], check=False)
        parent.wait(timeout=10)
