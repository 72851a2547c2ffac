"""Write, then rename: the one way mapapp puts a file or a cache folder in place.

The data is written to a temporary file (or folder) beside the target and
renamed over it only when complete, so a run killed mid-write leaves the
previous file as it was and a reader never sees half a file. Cache folders are
also sealed: a checksum of every file, checked before the folder is trusted.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(target: str | Path, suffix: str | None = None) -> Iterator[Path]:
    """A temporary path beside `target`; renamed over it when the block ends without error."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix or target.suffix, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    tmp_path.unlink()  # some drivers (GPKG) refuse to write over an existing file
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


@contextlib.contextmanager
def atomic_folder(target: str | Path) -> Iterator[Path]:
    """A temporary folder beside `target`, renamed to it when the block ends without error.

    A folder another process finished first under the same name is kept: caches name their
    folders by their inputs, so theirs holds the same as ours."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield tmp
        try:
            os.rename(tmp, target)
        except OSError:
            if not target.is_dir():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _digest(data: bytes) -> str:
    # CRC-32 finds damage (a truncated or garbled file) at twice SHA-256's speed; the folder's name says which inputs it holds.
    return f"{len(data)}:{zlib.crc32(data):08x}"


def _checksum(path: Path) -> str:
    return _digest(path.read_bytes())


def seal_folder(folder: Path, meta: dict) -> None:
    """Write ``meta`` as the folder's meta.json with a checksum of every file in it."""
    meta = {**meta, "files": {p.name: _checksum(p) for p in sorted(folder.iterdir())}}
    (folder / "meta.json").write_text(json.dumps(meta))


class SealedFolder:
    """A sealed folder opened for reading. Each file is checked against its digest as it is read, so a file
    is read once rather than once to check and once to load (a tenth of a second of every cold start for the
    matcher's 90 MB automaton); `check_unread` checks the files nobody read."""

    def __init__(self, folder: Path, meta: dict):
        self.folder, self.meta = folder, meta
        self._unread = set(meta["files"])

    def read_bytes(self, name: str) -> bytes:
        """The file's bytes, once they match its digest; ValueError when they do not."""
        digest = self.meta["files"].get(name)
        if digest is None:
            raise ValueError(f"{name} is not one of the folder's files")
        data = (self.folder / name).read_bytes()
        if _digest(data) != digest:
            raise ValueError(f"{name} does not match its digest")
        self._unread.discard(name)
        return data

    def check_unread(self) -> None:
        for name in sorted(self._unread):
            self.read_bytes(name)


def open_sealed(folder: Path, format_version: int) -> SealedFolder:
    """A sealed folder whose files are checked as they are read; ValueError when its format or its set of
    files is not the one sealed."""
    meta = json.loads((folder / "meta.json").read_text())
    if meta.get("format") != format_version:
        raise ValueError(f"format {meta.get('format')} is not {format_version}")
    if {p.name for p in folder.iterdir()} - {"meta.json"} != set(meta["files"]):
        raise ValueError("files missing or added")
    return SealedFolder(folder, meta)


def prune_builds(cache_dir: Path, prefix: str, *, keep: Path, builds: int) -> None:
    """Keep the newest ``builds`` folders named ``<prefix>-*`` (``keep`` among them) and drop temporary
    ``.<prefix>-*`` folders an hour old, left by builds that were killed."""
    now = time.time()
    for p in cache_dir.glob(f".{prefix}-*"):
        if now - p.stat().st_mtime > 3600:
            shutil.rmtree(p, ignore_errors=True)
    older = sorted((p for p in cache_dir.glob(f"{prefix}-*") if p.is_dir() and p != keep),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for p in older[builds - 1:]:
        shutil.rmtree(p, ignore_errors=True)
