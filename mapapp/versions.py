"""Digests of what a cache's contents depend on: one rule for every cache key.

Each cache names its folder or file by a digest of the inputs that decide its
contents (code, data, library versions), so a changed input gives a new name
and a stale entry is never read. The caches differ only in which inputs they
list: the compiled gazetteer its building code and data, the matcher its
matching code and word lists, the results cache all the parsing code.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib.metadata import version as package_version
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
_DATA_SUFFIXES = (".py", ".txt", ".csv")


def digest_files(paths: Iterable[Path]) -> str:
    """Each file's name and bytes, in name order."""
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(str(p.name).encode())
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:16]


def code_files(items: Iterable[str]) -> list[Path]:
    """The package's files named by ``items`` (a module file, or a folder: its code and word lists)."""
    files: list[Path] = []
    for item in items:
        path = PACKAGE / item
        files += sorted(p for p in path.iterdir() if p.suffix in _DATA_SUFFIXES) if path.is_dir() else [path]
    return files


def code_version(files: Iterable[Path], packages: Iterable[str] = ()) -> str:
    """A digest of these files (named relative to the repository) and the versions of these libraries."""
    h = hashlib.sha256()
    for p in files:
        h.update(str(p.relative_to(ROOT)).encode())
        h.update(hashlib.sha256(p.read_bytes()).digest())
    for name in packages:
        h.update(f"{name}={package_version(name)}".encode())
    return h.hexdigest()[:16]
