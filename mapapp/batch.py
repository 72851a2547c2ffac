"""A corpus read and parsed by worker processes: what `mapapp parse` and `mapapp places` run.

    plan the corpus (list the files, read the sidecars)
      -> chunks of about CHUNK_BYTES of files, in order
      -> each chunk's files read (by the reader process of `start_reading`, else by the worker)
      -> worker processes each parse a chunk's articles
      -> the chunks' rows and shapes gathered in order (`mapapp.output.Results`)

The workers are forked once the parent has loaded the gazetteer and parsed a
warm-up sentence (word lists, name tables and zone rules load on first use), so
they start at once and share those pages with it instead of loading their own.
A worker returns plain columns and each distinct shape once as WKB. The rows
equal those of ``Parser.results(read_corpus(paths).articles)``, in the same
order, with the same problems in the same order. With the results cache, the
workers skip the articles it holds (the parent reads those from the cache at the
end) and the parent saves the new ones as one segment.

Where fork is unavailable or unsafe (macOS, Windows, another thread running), with
one job, or for a corpus of one chunk, the same work runs in this process.
"""
from __future__ import annotations

import dataclasses
import gc
import itertools
import multiprocessing
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING


from mapapp.corpus import CorpusPlan, exit_code, plan_corpus
from mapapp.lexicon import entries
from mapapp.model import Article, ReadProblem, article_key
from mapapp.read_ahead import (CHUNK_BYTES, ReadAhead, can_fork, chunks, default_jobs, read_range,  # noqa: F401
                               start_reading)
from mapapp.rows import ORDINAL, mention_columns, pack_shapes

if TYPE_CHECKING:
    from mapapp.output import Results

_WARM_UP = Article(id="warm-up", doc="warm-up", path="", text=entries("warm_up")[0])
_state: dict = {}  # the plan, parser and cached keys, set in the parent before forking (workers inherit it)


@dataclasses.dataclass
class BatchResult:
    results: Results
    problems: list[ReadProblem]
    articles: int

    @property
    def exit_code(self) -> int:
        return exit_code(self.articles, self.problems)


def parse_corpus(
    paths: Sequence[str | Path],
    parser,
    *,
    jobs: int | None = None,
    cache=None,
    max_bytes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    report: Callable[[ReadProblem], None] | None = None,
    reading: ReadAhead | None = None,
) -> BatchResult:
    """Read and parse every article under ``paths`` with ``jobs`` processes (default: one per core).

    ``progress(files_done, files_total)`` is called as chunks finish, ``report(problem)`` for each file
    (or row) skipped, in order, as soon as it is known. Once the workers are forked this process drops
    its own reference to ``parser`` (they have their copies). It does not force a collection to free the
    gazetteer then: its pages are shared with the workers, so freeing them spared no memory (the largest
    process peaked at the same RSS) and cost this process a quarter second of CPU while the workers ran."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    plan = plan_corpus(paths, max_bytes=max_bytes) if reading is None else reading.plan(paths, max_bytes)
    for problem in plan.problems if report is not None else ():
        report(problem)
    ranges = chunks(plan, jobs=jobs) if reading is None else reading.split(plan)
    read = reading.chunks(len(ranges)) if reading is not None else itertools.repeat(None)
    gazetteer_key = _GazetteerKey.of(parser.gazetteer)
    index = cache.index(gazetteer_key) if cache is not None else None
    parser.mentions(_WARM_UP)
    problems, keys, cached = list(plan.problems), [], []
    with _Workers(parser, plan, index, jobs, len(ranges)) as workers:
        del parser
        # The tables' libraries (pandas, geopandas) load here, while the workers already parse.
        from mapapp.gather import Gathered

        gathered = Gathered()
        for (_lo, hi), (chunk_problems, n, chunk_keys, chunk_cached, *rows) in zip(
                ranges, workers.imap(_parse_chunk, zip(ranges, read))):
            problems.extend(chunk_problems)
            for problem in chunk_problems if report is not None else ():
                report(problem)
            gathered.add(*rows, offset=len(keys))
            cached.extend((len(keys) + i, a) for i, a in chunk_cached)
            keys.extend(chunk_keys)
            if progress is not None:
                progress(hi, len(plan.sources))
        from_cache = None
        if cache is not None and cached:
            from_cache, found = cache.load(gazetteer_key, [keys[i] for i, _a in cached], index)
            lost = [(i, a) for i, a in cached if keys[i] not in found]  # a segment that could not be read
            for rows in workers.imap(_parse_articles, [lost[j::jobs] for j in range(jobs) if lost[j::jobs]]):
                gathered.add(*rows, offset=0)
            cached = [(i, a) for i, a in cached if keys[i] in found]
    fresh = gathered.results()
    if cache is None:
        results = type(fresh)(fresh.rows.drop(columns=[ORDINAL]), fresh.shapes)
    else:
        results = cache.merge(gazetteer_key, keys, fresh, from_cache, {i for i, _a in cached})
    return BatchResult(results, problems, len(keys))


@dataclasses.dataclass(frozen=True)
class _GazetteerKey:
    """What the results cache reads of a gazetteer (its name for the cache folder), without holding it."""

    content_key: str | None
    version: str | None

    @classmethod
    def of(cls, gazetteer) -> _GazetteerKey:
        return cls(getattr(gazetteer, "content_key", None), getattr(gazetteer, "version", None))


class _Workers:
    """Forked worker processes when they help (and can be had), else this process; ``imap`` runs tasks in order."""

    def __init__(self, parser, plan: CorpusPlan, index, jobs: int, tasks: int):
        _state.update(plan=plan, parser=parser, index=index)
        self.pool = None
        if jobs > 1 and tasks > 1 and can_fork():
            # Frozen at the fork, the objects the workers inherit are never scanned by their collector: no pass over
            # the whole heap, and no write to each object's header that would copy the page it shares with this
            # process (the pattern the `gc.freeze` documentation gives for forked workers). This process unfreezes.
            gc.freeze()
            try:
                self.pool = multiprocessing.get_context("fork").Pool(min(jobs, tasks))
            finally:
                gc.unfreeze()
            _state["parser"] = None  # the workers have theirs

    def imap(self, fn, items):
        return self.pool.imap(fn, items, chunksize=1) if self.pool is not None else map(fn, items)

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, kind, *_exc) -> None:
        _state.clear()
        if self.pool is not None:
            if kind is None:
                self.pool.close()
            else:
                self.pool.terminate()
            self.pool.join()


def _parse_chunk(task: tuple[tuple[int, int], tuple | None]) -> tuple:
    """One chunk: its files read (unless the reader sent them), its articles parsed (those the cache holds
    only named), packed for the trip back."""
    span, sent = task
    problems, articles = read_range(_state["plan"], span) if sent is None else sent
    index = _state["index"]
    keys: list[str | None] = []
    cached: list[tuple[int, Article]] = []
    todo: list[tuple[int, Article]] = []
    for article in articles:
        key = article_key(article) if index is not None else None
        (cached if key is not None and key in index else todo).append((len(keys), article))
        keys.append(key)
    return (problems, len(keys), keys, cached, *_parse_articles(todo))


def _parse_articles(numbered: list[tuple[int, Article]]) -> tuple:
    """(columns with each row's article number, shape ids, shapes as WKB) of these articles."""
    parser = _state["parser"]
    mentions, owners = [], []
    for n, article in numbered:
        found = parser.mentions(article)
        mentions.extend(found)
        owners.extend([n] * len(found))
    columns, shapes = mention_columns(mentions)
    if columns:
        columns[ORDINAL] = owners
    return (columns, *pack_shapes(shapes))


__all__ = ["BatchResult", "CHUNK_BYTES", "can_fork", "chunks", "default_jobs", "parse_corpus", "start_reading"]
