"""The package list in pyproject.toml ships every Python package and the reference data."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE_ROOTS = ("api", "dashboard", "screening", "surveillance", "webapp")


def declared() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        setuptools: dict[str, object] = tomllib.load(handle)["tool"]["setuptools"]
    return setuptools


def test_every_package_with_an_init_file_is_listed() -> None:
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in SOURCE_ROOTS
        for init in (ROOT / top).rglob("__init__.py")
        if "migrations" not in init.parts
    }
    listed = set(declared()["packages"])  # type: ignore[call-overload]
    assert found - listed == set()


def test_the_reference_data_ships_as_sumbar_data() -> None:
    assert declared()["package-dir"] == {"sumbar_data": "data"}
    for name in ("regions.csv", "instructions.csv", "codebook.csv", "datasets.csv", "hospitals.csv", "kabkota.geojson"):
        assert resources.files("sumbar_data").joinpath(name).is_file()


def test_the_residents_app_ships_every_file_it_serves() -> None:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        patterns = tomllib.load(handle)["tool"]["setuptools"]["package-data"]["webapp"]
    shipped = {path for pattern in patterns for path in (ROOT / "webapp").glob(pattern)}
    served = {path for path in (ROOT / "webapp").rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    assert {p.relative_to(ROOT) for p in served if p.suffix != ".py"} - {p.relative_to(ROOT) for p in shipped} == set()
