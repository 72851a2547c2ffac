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


def _checksum(path: Path) -> str:
    # CRC-32 finds damage (a truncated or garbled file) at twice SHA-256's speed; the folder's name says which inputs it holds.
    return f"{path.stat().st_size}:{zlib.crc32(path.read_bytes()):08x}"


def seal_folder(folder: Path, meta: dict) -> None:
    """Write ``meta`` as the folder's meta.json with a checksum of every file in it."""
    meta = {**meta, "files": {p.name: _checksum(p) for p in sorted(folder.iterdir())}}
    (folder / "meta.json").write_text(json.dumps(meta))


def open_sealed(folder: Path, format_version: int) -> dict:
    """A sealed folder's meta, once every file is checked against its checksum; ValueError when any is not."""
    meta = json.loads((folder / "meta.json").read_text())
    if meta.get("format") != format_version:
        raise ValueError(f"format {meta.get('format')} is not {format_version}")
    if {p.name for p in folder.iterdir()} - {"meta.json"} != set(meta["files"]):
        raise ValueError("files missing or added")
    for name, digest in meta["files"].items():
        if _checksum(folder / name) != digest:
            raise ValueError(f"{name} does not match its digest")
    return meta


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
