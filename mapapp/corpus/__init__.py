"""Read files and folders of articles into ``Article`` records.

    result = read_corpus(["seeds/", "more/article.html"], max_bytes=50_000_000)
    result.articles   # list[Article], in a stable order
    result.problems   # list[ReadProblem], one per file (or JSON line / CSV row) skipped
    result.exit_code  # 0 all read, 1 some skipped, 2 nothing usable

Formats: .txt, .md (YAML front matter), .html/.htm (main text via trafilatura),
.json (object or list), .jsonl, .csv; other extensions are read when they are
text. Bad input never raises: it becomes a ReadProblem and the rest is read.
"""
from __future__ import annotations

import errno
import math
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mapapp.corpus._build import articles_from_bytes
from mapapp.corpus._dates import date_label
from mapapp.corpus._encoding import DecodeError
from mapapp.corpus._report import default_corpus_path, print_json, print_table
from mapapp.corpus._sidecar import SIDECAR_NAME, Sidecar, looks_like_sidecar, read_sidecar
from mapapp.model import Article, ReadProblem
from mapapp.errors import LimitError

__all__ = ["CorpusPlan", "CorpusResult", "LimitError", "MAX_ARTICLE_ENV", "SIDECAR_NAME", "date_label",
           "default_corpus_path", "exit_code", "max_bytes_from_mb", "plan_corpus", "print_json", "print_table", "read_bytes",
           "read_corpus"]

MAX_ARTICLE_ENV = "MAPAPP_MAX_ARTICLE_MB"


def max_bytes_from_mb(mb: float | str | None, *, source: str = "--max-mb") -> int | None:
    """Megabytes as a byte limit for read_corpus/read_bytes: 0 is no limit, None (or '') is not set."""
    if mb is None or (isinstance(mb, str) and not mb.strip()):
        return None
    try:
        value = float(mb)
    except ValueError:
        raise LimitError(f"{source} must be a number of megabytes, not {mb!r}") from None
    if not math.isfinite(value) or value < 0:
        raise LimitError(f"{source} must be a number of megabytes (0 for no limit), not {mb!r}")
    return int(value * 1e6)


def env_max_bytes() -> int | None:
    """The per-file limit set by $MAPAPP_MAX_ARTICLE_MB (0: no limit; None: not set)."""
    return max_bytes_from_mb(os.environ.get(MAX_ARTICLE_ENV), source=MAX_ARTICLE_ENV)


@dataclass
class CorpusResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return exit_code(len(self.articles), self.problems)


def exit_code(articles: int, problems) -> int:
    """What the CLI exits with: 0 all read, 1 some files skipped, 2 nothing usable."""
    if not articles:
        return 2
    return 1 if problems else 0


@dataclass(frozen=True)
class _Source:
    path: Path  # as given by the user, joined with the path inside a folder
    doc: str  # relative to the folder given, forward slashes; the file name for a file argument


def _os_reason(err: OSError) -> str:
    if isinstance(err, FileNotFoundError):
        return "not found"
    if isinstance(err, PermissionError):
        return "permission denied"
    if err.errno == errno.ELOOP:
        return "symlink loop"
    return err.strerror or str(err)


def _size(n: int) -> str:
    for unit, scale in (("MB", 1e6), ("KB", 1e3)):
        if n >= scale / 10:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def _too_large(size: int, limit: int) -> str:
    return f"file too large ({_size(size)} > {_size(limit)} limit)"


def _walk(root: Path, problems: list[ReadProblem]) -> tuple[list[_Source], list[Path]]:
    """Article files and sidecars under ``root``; hidden entries skipped, symlink loops cut."""
    files: list[_Source] = []
    sidecars: list[Path] = []
    seen_dirs: set[str] = set()

    def on_error(err: OSError) -> None:
        problems.append(ReadProblem(str(err.filename or root), _os_reason(err)))

    for folder, dirnames, filenames in os.walk(root, onerror=on_error, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen_dirs:  # reached again through a symlink: a loop or a duplicate
            dirnames[:] = []
            continue
        seen_dirs.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        # The folder's part of each file's doc name, made once a folder (a Path.relative_to a file was
        # most of listing a corpus of thousands of files, which the workers wait for).
        inside = os.path.relpath(folder, root)
        prefix = "" if inside == os.curdir else inside.replace(os.sep, "/") + "/"
        base = Path(folder)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = base / name
            if looks_like_sidecar(path):
                sidecars.append(path)
                continue
            files.append(_Source(path, prefix + name))
    files.sort(key=lambda s: s.doc)
    return files, sidecars


def _read_source(source: _Source, *, max_bytes: int | None, sidecar: Sidecar) -> tuple[list[Article], list[ReadProblem]]:
    display = str(source.path)
    try:
        info = os.stat(source.path)  # one stat answers both: a thousand-file corpus made two of them a file
        if not stat.S_ISREG(info.st_mode):
            return [], [ReadProblem(display, "not a regular file")]
        if max_bytes is not None and info.st_size > max_bytes:
            return [], [ReadProblem(display, _too_large(info.st_size, max_bytes))]
        with open(source.path, "rb") as fh:
            data = fh.read()
    except OSError as err:
        return [], [ReadProblem(display, _os_reason(err))]
    return articles_from_bytes(data, doc=source.doc, path=os.path.abspath(source.path), display=display, sidecar=sidecar)


def _load_sidecar(path: Path, into: Sidecar, problems: list[ReadProblem]) -> None:
    try:
        into.merge(read_sidecar(path))
    except (OSError, DecodeError, ValueError) as err:
        reason = _os_reason(err) if isinstance(err, OSError) else f"sidecar unreadable: {err}"
        problems.append(ReadProblem(str(path), reason))


@dataclass
class CorpusPlan:
    """What a corpus holds before any article file is opened: the files in reading order, the
    sidecar table, the problems met while listing them, the size limit.

    ``read_corpus`` is ``plan_corpus`` then ``read`` of every source, in order; a batch may read
    the sources in other processes (`mapapp.batch`) and gets the same articles."""

    sources: list[_Source] = field(default_factory=list)
    sidecar: Sidecar = field(default_factory=Sidecar)
    problems: list[ReadProblem] = field(default_factory=list)
    max_bytes: int | None = None

    def read(self, source: _Source) -> tuple[list[Article], list[ReadProblem]]:
        return _read_source(source, max_bytes=self.max_bytes, sidecar=self.sidecar)


def plan_corpus(
    paths: Sequence[str | Path] | str | Path,
    *,
    sidecar: str | Path | None = None,
    max_bytes: int | None = None,
) -> CorpusPlan:
    """The files under ``paths`` (recursively, in sorted order) and their sidecars, read; see read_corpus."""
    if max_bytes is None:
        max_bytes = env_max_bytes()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    plan = CorpusPlan(max_bytes=max_bytes or None)
    sidecar_paths: list[Path] = [Path(sidecar)] if sidecar is not None else []
    for given in map(Path, paths):
        try:
            if given.is_dir():
                found, sidecars = _walk(given, plan.problems)
                plan.sources.extend(found)
                sidecar_paths.extend(sidecars)
            elif not os.path.lexists(given):
                plan.problems.append(ReadProblem(str(given), "not found"))
            elif not given.exists():
                plan.problems.append(ReadProblem(str(given), "not found (broken link or symlink loop)"))
            elif looks_like_sidecar(given):
                sidecar_paths.append(given)
            else:
                plan.sources.append(_Source(given, given.name))
                # A file given on its own still gets its folder's sidecar.
                beside = given.parent / SIDECAR_NAME
                if beside.is_file() and looks_like_sidecar(beside):
                    sidecar_paths.append(beside)
        except OSError as err:
            plan.problems.append(ReadProblem(str(given), _os_reason(err)))

    for path in dict.fromkeys(sidecar_paths):  # each once, in the order met; later rows win
        _load_sidecar(path, plan.sidecar, plan.problems)
    return plan


def read_corpus(
    paths: Sequence[str | Path] | str | Path,
    *,
    sidecar: str | Path | None = None,
    max_bytes: int | None = None,
) -> CorpusResult:
    """Read every article under ``paths`` (files or folders, recursively, in sorted order).

    ``max_bytes``: files larger than this are skipped (a ReadProblem says so); None takes
    $MAPAPP_MAX_ARTICLE_MB, and no limit when that is unset; 0 is no limit.
    """
    plan = plan_corpus(paths, sidecar=sidecar, max_bytes=max_bytes)
    result = CorpusResult(problems=list(plan.problems))
    for source in plan.sources:
        articles, problems = plan.read(source)
        result.articles.extend(articles)
        result.problems.extend(problems)
    return result


def read_bytes(
    data: bytes, name: str, *, root_name: str = "upload", max_bytes: int | None = None
) -> tuple[list[Article], list[ReadProblem]]:
    """Articles from an in-memory file (an upload) called ``name``.

    ``doc`` is ``name`` (forward slashes), ``path`` is ``root_name/name`` since
    there is no file on disk; the format is chosen by the name's extension.
    """
    if max_bytes is None:
        max_bytes = env_max_bytes()
    max_bytes = max_bytes or None
    doc = name.replace("\\", "/").lstrip("/") or "upload"
    display = f"{root_name}/{doc}" if root_name else doc
    if max_bytes is not None and len(data) > max_bytes:
        return [], [ReadProblem(display, _too_large(len(data), max_bytes))]
    return articles_from_bytes(data, doc=doc, path=display, display=display)
