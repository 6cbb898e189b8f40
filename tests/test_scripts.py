"""The scripts stand on their own: run as modules from the project root, they import no tests and edit no sys.path."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SCRIPTS = sorted((Path(__file__).resolve().parents[1] / "scripts").rglob("*.py"))


def imported_modules(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def touches_sys_path(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "path" and ast.unparse(node.value) == "sys":
            return True
    return False


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_a_script_imports_nothing_from_the_tests(script: Path) -> None:
    tree = ast.parse(script.read_text(encoding="utf-8"))
    assert [name for name in imported_modules(tree) if name.split(".")[0] == "tests"] == []


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_a_script_leaves_sys_path_alone(script: Path) -> None:
    assert not touches_sys_path(ast.parse(script.read_text(encoding="utf-8")))
