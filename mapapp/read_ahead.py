"""A corpus read by a process of its own, started before the parser loads.

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

import multiprocessing
import queue
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from mapapp.corpus import CorpusPlan, plan_corpus
from mapapp.model import Article, ReadProblem

Chunk = tuple[list[ReadProblem], list[Article]]


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


def _read(out, paths: list, max_bytes: int | None, split) -> None:
    plan = plan_corpus(paths, max_bytes=max_bytes)
    out.put(plan)
    for span in split(plan):
        out.put(read_range(plan, span))
    out.close()
    out.join_thread()  # every chunk written to the pipe before the process ends


__all__ = ["ReadAhead", "read_range"]
