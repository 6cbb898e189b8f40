"""The app shell's files and a version taken from their content, which names the service worker's cache."""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from webapp.manifest import manifest

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
APP_VERSION = "1.0.0"


@dataclass(frozen=True)
class Shell:
    version: str
    static_files: tuple[str, ...]  # paths under static/, with forward slashes
    modules: tuple[str, ...]  # the JavaScript modules, preloaded together so imports do not wait on each other

    @property
    def app_version(self) -> str:
        return f"{APP_VERSION}+{self.version[:8]}"


def _files() -> list[tuple[str, Path]]:
    """(name, path) of every file of the shell, named relative to its folder so the hash does not hold paths."""
    found = [
        (f"{folder.name}/{p.relative_to(folder).as_posix()}", p)
        for folder in (STATIC, TEMPLATES)
        for p in folder.rglob("*")
    ]
    return sorted((name, path) for name, path in found if path.is_file())


def current_shell() -> Shell:
    """The shell as the files are now: a stat of each file per call, a full read only when one changed.

    Reading at request time keeps the page, the service worker and the files in step even when a file
    changes under a running server (development), which would otherwise strand phones on a broken cache.
    """
    signature = tuple((name, p.stat().st_mtime_ns, p.stat().st_size) for name, p in _files())
    return _scan(signature)


@functools.lru_cache(maxsize=4)
def _scan(_signature: tuple[tuple[str, int, int], ...]) -> Shell:
    """Every file the shell needs; any change to one of them (or to the manifest) changes the version.

    A new version changes the service worker's bytes, so phones install it and drop the old cache.
    """
    digest = hashlib.sha256()
    for name, path in _files():
        digest.update(name.encode() + b"\0" + path.read_bytes())
    digest.update(json.dumps(manifest("/app/static/"), sort_keys=True).encode())
    static_files = tuple(sorted(p.relative_to(STATIC).as_posix() for p in STATIC.rglob("*") if p.is_file()))
    modules = tuple(name for name in static_files if name.endswith(".js"))
    return Shell(version=digest.hexdigest()[:16], static_files=static_files, modules=modules)
