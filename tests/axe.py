"""axe-core for the accessibility tests: one pinned release from the npm registry, installed for the test
session into a temporary folder (nothing of it is kept in the repository)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

# An exact release, so that a new axe-core with new rules cannot turn a passing build red by itself; npm checks
# the package against the registry's integrity hash as it installs it.
AXE_VERSION = "4.14.1"


@pytest.fixture(scope="session")
def axe_source(tmp_path_factory: pytest.TempPathFactory) -> str:
    """axe.min.js of AXE_VERSION. Without npm or the registry the tests are skipped, except in CI, where
    .ci/run's machine has both and a missing check must not pass quietly."""
    missing = pytest.fail if os.environ.get("CI") == "true" else pytest.skip
    npm = shutil.which("npm")
    if npm is None:
        missing("npm is not installed, so axe-core cannot be fetched")
    folder = tmp_path_factory.mktemp("axe-core")
    try:
        installed = subprocess.run(
            [
                str(npm),
                "install",
                "--prefix",
                str(folder),
                "--no-audit",
                "--no-fund",
                "--silent",
                f"axe-core@{AXE_VERSION}",
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    except subprocess.TimeoutExpired:
        missing("the npm registry did not answer within 5 minutes: axe-core not installed")
    package = Path(folder, "node_modules", "axe-core")
    if installed.returncode != 0 or not (package / "axe.min.js").exists():
        missing(f"axe-core could not be installed from the npm registry: {installed.stderr.strip()[-300:]}")
    assert json.loads((package / "package.json").read_text())["version"] == AXE_VERSION
    return (package / "axe.min.js").read_text(encoding="utf-8")
