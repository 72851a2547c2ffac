"""A corpus cut into chunks and read by a process of its own, started before the parser loads.

Loading the gazetteer, the matcher and the word lists takes a cold `mapapp parse`
about a second on one core, and only then are the workers forked; reading the
files (decoding, sections, dates) needs none of it. So the CLI starts this
reader first: it lists the corpus and reads it chunk by chunk (the chunks of
``split``, `mapapp.batch.chunks`), on the core the loading leaves idle, and sends each
chunk's articles and problems through a queue, in order. The workers then parse
articles they are handed instead of reading files (on 19 MB of news, a tenth of
their work).

The reader sends its plan first. Should it stop early (killed, out of memory),
`chunks` answers None for each chunk it did not send and the workers read
those files themselves: the articles are the same either way.
"""
from __future__ import annotations

import functools
import multiprocessing
import os
import queue
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from mapapp.corpus import CorpusPlan, plan_corpus
from mapapp.model import Article, ReadProblem

Chunk = tuple[list[ReadProblem], list[Article]]
CHUNK_BYTES = 1_000_000  # enough text per task to make its trip back cheap, small enough to share the work out


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Worker processes can be forked from here: the platform forks safely, and no other thread runs (a lock
    another thread holds at the fork would stay held in the child forever)."""
    return ("fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
            and threading.active_count() == 1)


def chunks(plan: CorpusPlan, *, jobs: int, target_bytes: int = CHUNK_BYTES) -> list[tuple[int, int]]:
    """Consecutive ranges of the plan's files, in order: at most ``target_bytes`` each, and smaller towards the
    end (a share of what is left), so the jobs finish together instead of one working alone on a last big chunk."""
    sizes = []
    for source in plan.sources:
        try:
            sizes.append(source.path.stat().st_size)
        except OSError:
            sizes.append(0)  # reading it will say why
    left = sum(sizes)
    floor = max(1, min(target_bytes // 8, left // max(1, 32 * jobs)))
    out, lo, size = [], 0, 0
    for i, n in enumerate(sizes):
        if i > lo and size + n > max(floor, min(target_bytes, left // (4 * jobs))):
            out.append((lo, i))
            left -= size
            lo, size = i, 0
        size += n
    if lo < len(sizes):
        out.append((lo, len(sizes)))
    return out


def read_range(plan: CorpusPlan, span: tuple[int, int]) -> Chunk:
    """The problems and articles of the plan's files ``span[0]:span[1]``, in order."""
    problems: list[ReadProblem] = []
    articles: list[Article] = []
    for source in plan.sources[span[0]:span[1]]:
        found, trouble = plan.read(source)
        problems.extend(trouble)
        articles.extend(found)
    return problems, articles


class ReadAhead:
    """The reader process and the queue it fills. ``plan()`` then ``chunks(count)``, once each."""

    # Chunks the reader may hold read but not yet taken (about a megabyte each): what it reads ahead
    # while the parser loads, and a bound on its memory when the workers are slower than it.
    AHEAD = 32

    def __init__(self, paths: Sequence[str | Path], *, max_bytes: int | None,
                 split: Callable[[CorpusPlan], list[tuple[int, int]]]):
        """Fork the reader (the caller checks that forking is safe). ``split`` cuts a plan into the chunks'
        spans of files; the parent cuts the plan it receives with the same function."""
        context = multiprocessing.get_context("fork")
        # A queue, not a bare pipe: its feeder thread (in the reader) holds what this process has not taken
        # yet, so the reader reads on while this one loads the parser and takes nothing.
        self._queue = context.Queue(maxsize=self.AHEAD)
        self._process = context.Process(target=_read, args=(self._queue, list(paths), max_bytes, split),
                                        name="mapapp-reader", daemon=True)
        self._process.start()
        self.split = split

    def _next(self):
        """What the reader sent next, or None once it has stopped without sending more."""
        while True:
            try:
                return self._queue.get(timeout=0.5)
            except queue.Empty:
                if not self._process.is_alive() and self._queue.empty():
                    return None

    def plan(self, paths: Sequence[str | Path], max_bytes: int | None) -> CorpusPlan:
        """The reader's plan of the corpus (made here if the reader stopped before sending it)."""
        plan = self._next()
        return plan if plan is not None else plan_corpus(paths, max_bytes=max_bytes)

    def chunks(self, count: int) -> Iterator[Chunk | None]:
        """Each of ``count`` chunks as the reader sends it; None for those it did not (read them from the plan)."""
        alive = True
        for _ in range(count):
            chunk = self._next() if alive else None
            alive = chunk is not None
            yield chunk

    def close(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._queue.close()


def start_reading(paths: Sequence[str | Path], *, max_bytes: int | None = None, jobs: int | None = None) -> ReadAhead | None:
    """A reader process reading the corpus for `parse_corpus` (``reading=``), to be started before the
    parser loads; None where it would not help (one job) or forking is not safe. The caller closes it."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs < 2 or not can_fork():
        return None
    return ReadAhead(paths, max_bytes=max_bytes, split=functools.partial(chunks, jobs=jobs))


def _read(out, paths: list, max_bytes: int | None, split) -> None:
    plan = plan_corpus(paths, max_bytes=max_bytes)
    out.put(plan)
    for span in split(plan):
        out.put(read_range(plan, span))
    out.close()
    out.join_thread()  # every chunk written to the pipe before the process ends


__all__ = ["CHUNK_BYTES", "ReadAhead", "can_fork", "chunks", "default_jobs", "read_range", "start_reading"]
