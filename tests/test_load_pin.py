"""`make load --generator-cpus` splits the CPUs between the load generator and the product, and pins process trees."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from scripts.load import cpu, pin

TASKSET = "/usr/bin/taskset"


@pytest.mark.parametrize(("text", "cpus"), [("1", {1}), ("0,2", {0, 2}), ("2-4", {2, 3, 4}), ("0, 2-3", {0, 2, 3})])
def test_a_taskset_cpu_list_is_read(text: str, cpus: set[int]) -> None:
    assert pin.parse_cpus(text) == cpus


@pytest.mark.parametrize("text", ["", "one", "1-", "-1", "3-1", "1,,2", "1.5"])
def test_what_is_not_a_cpu_list_is_refused(text: str) -> None:
    with pytest.raises(pin.PinError, match="not a CPU list"):
        pin.parse_cpus(text)


@pytest.mark.parametrize(
    ("cpus", "text"), [({0}, "0"), ({0, 1}, "0,1"), ({0, 1, 2, 5}, "0-2,5"), ({7, 3, 4, 5, 9}, "3-5,7,9")]
)
def test_a_cpu_set_is_written_as_taskset_reads_it(cpus: set[int], text: str) -> None:
    assert pin.format_cpus(cpus) == text
    assert pin.parse_cpus(text) == cpus


def test_the_product_gets_the_cpus_the_generator_leaves() -> None:
    assert pin.split("1", {0, 1}, TASKSET) == ({1}, {0})
    assert pin.split("0,3", {0, 1, 2, 3}, TASKSET) == ({0, 3}, {1, 2})


def test_without_taskset_the_option_is_refused() -> None:
    with pytest.raises(pin.PinError, match="needs taskset"):
        pin.split("1", {0, 1}, None)


def test_on_one_cpu_the_option_is_refused() -> None:
    with pytest.raises(pin.PinError, match="at least 2 CPUs"):
        pin.split("0", {0}, TASKSET)


def test_the_generator_cannot_take_every_cpu_or_one_the_run_lacks() -> None:
    with pytest.raises(pin.PinError, match="--generator-cpus: not a CPU list"):
        pin.split("1x", {0, 1}, TASKSET)
    with pytest.raises(pin.PinError, match="leaves no CPU"):
        pin.split("0-1", {0, 1}, TASKSET)
    with pytest.raises(pin.PinError, match="CPU 2 is not among this run's CPUs"):
        pin.split("2", {0, 1}, TASKSET)


def test_the_commands_pin_a_new_command_and_every_thread_of_a_running_process() -> None:
    assert pin.wrap(["python", "-m", "locust"], {1}) == ["taskset", "-c", "1", "python", "-m", "locust"]
    assert pin.pin_command(4242, {0, 2}) == ["taskset", "-a", "-cp", "0,2", "4242"]


SPAWNS = "import subprocess, sys; subprocess.run([sys.executable, '-c', 'import time; time.sleep(60)', sys.argv[1]])"


@pytest.mark.skipif(shutil.which("taskset") is None or len(os.sched_getaffinity(0)) < 2, reason="needs taskset, 2 CPUs")
def test_a_process_tree_is_pinned_whole_and_given_every_cpu_back() -> None:
    marker = "sumbar-pin-probe"
    everything = os.sched_getaffinity(0)
    one = {max(everything)}

    def find() -> list[int]:
        return cpu.tree(lambda cmd: marker in cmd)

    parent = subprocess.Popen([sys.executable, "-c", SPAWNS, marker])
    try:
        # The child may be started before or after the parent is pinned: either way it ends up on the one CPU.
        pinned = pin.pin(find, one)
        assert parent.pid in pinned
        deadline = time.monotonic() + 10
        while len(find()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(find()) == 2
        assert pin.seen(find()) == [pin.format_cpus(one)]

        pin.pin(find, everything)
        assert pin.seen(find()) == [pin.format_cpus(everything)]
    finally:
        for pid in find():
            subprocess.run(["kill", str(pid)], check=False)
        parent.wait(timeout=10)
