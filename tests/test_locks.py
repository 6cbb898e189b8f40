"""The lock files install the same set on any day: every package pinned with hashes, no machine's paths, and
the runtime lock a closed subset of the development lock."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCKS = ("requirements.lock", "requirements-dev.lock", "requirements-load.lock")
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s\\;]+)")
TEST_TOOLS = {"pytest", "pytest-cov", "ruff", "mypy", "import-linter", "selenium", "openapi-core", "pip-tools"}


def entries(lock: str) -> list[str]:
    """One string per requirement: continuation lines joined, comments dropped."""
    text = (ROOT / lock).read_text()
    joined = re.sub(r"\\\n\s*", " ", text)
    return [line.strip() for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def pins(lock: str) -> dict[str, str]:
    found = {}
    for entry in entries(lock):
        match = PIN.match(entry)
        assert match, f"{lock}: not an exact pin: {entry[:80]}"
        found[canonicalize_name(match["name"])] = match["version"]
    return found


@pytest.mark.parametrize("lock", LOCKS)
def test_every_line_is_an_exact_pin_with_hashes_and_no_options(lock: str) -> None:
    for entry in entries(lock):
        assert PIN.match(entry), f"{lock}: {entry[:80]}"
        assert "--hash=sha256:" in entry, f"{lock}: no hash for {entry[:60]}"
        assert not re.search(r"--(extra-)?index-url|--find-links|file:|/opt/|\[", entry), f"{lock}: {entry[:80]}"


@pytest.mark.parametrize("lock", LOCKS)
def test_no_machine_local_index_or_wheel_folder_is_named(lock: str) -> None:
    text = (ROOT / lock).read_text()
    assert "file://" not in text
    assert "--find-links" not in text
    assert "--extra-index-url" not in text
    assert "--index-url" not in text


def test_the_runtime_lock_is_the_development_lock_less_the_test_tools() -> None:
    runtime, development = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {name: development.get(name) for name in runtime} == runtime
    assert development.keys() >= TEST_TOOLS
    assert TEST_TOOLS & runtime.keys() == set()


def test_the_locks_hold_every_declared_dependency_and_the_build_backend() -> None:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)
    runtime, development = pins("requirements.lock"), pins("requirements-dev.lock")
    declared = [Requirement(spec) for spec in project["project"]["dependencies"]]
    dev = [Requirement(spec) for spec in project["project"]["optional-dependencies"]["dev"]]
    build = [Requirement(spec) for spec in project["build-system"]["requires"]]
    for requirement in declared + build:
        name = canonicalize_name(requirement.name)
        assert name in runtime, name
        assert requirement.specifier.contains(runtime[name], prereleases=True), (name, runtime[name])
    for requirement in dev + build:
        assert canonicalize_name(requirement.name) in development, requirement.name


def test_the_load_generator_is_locked_apart_from_the_app() -> None:
    load = pins("requirements-load.lock")
    assert "locust" in load
    assert "flask-smorest" not in load
