"""A corpus read and parsed by worker processes: what `mapapp parse` and `mapapp places` run.

    plan the corpus (list the files, read the sidecars)
      -> chunks of about CHUNK_BYTES of files, in order
      -> worker processes each read a chunk's files and parse its articles
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
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from mapapp.corpus import CorpusPlan, plan_corpus
from mapapp.model import Article, ReadProblem
from mapapp.output import Results, concat, from_mentions, pack, unpack

CHUNK_BYTES = 1_000_000  # enough text per task to make its trip back cheap, small enough to share the work out
_WARM_UP = Article(id="warm-up", doc="warm-up", path="",
                   text="Officials in Paris said on Monday that aid reached the north of the region.")
_KEY, _ORDINAL = "_article_key", "_ordinal"
_state: dict = {}  # the plan, parser and cached keys, set in the parent before forking (workers inherit it)


@dataclasses.dataclass
class BatchResult:
    results: Results
    problems: list[ReadProblem]
    articles: int

    @property
    def exit_code(self) -> int:
        if not self.articles:
            return 2
        return 1 if self.problems else 0


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def chunks(plan: CorpusPlan, *, jobs: int, target_bytes: int = CHUNK_BYTES) -> list[tuple[int, int]]:
    """Consecutive ranges of the plan's files of about ``target_bytes`` each (smaller for a small corpus,
    so every job gets several: a job left alone with the last big chunk would make the others wait)."""
    sizes = []
    for source in plan.sources:
        try:
            sizes.append(source.path.stat().st_size)
        except OSError:
            sizes.append(0)  # reading it will say why
    per_chunk = max(1, min(target_bytes, sum(sizes) // max(1, 4 * jobs)))
    out, lo, size = [], 0, 0
    for i, n in enumerate(sizes):
        if i > lo and size + n > per_chunk:
            out.append((lo, i))
            lo, size = i, 0
        size += n
    if lo < len(sizes):
        out.append((lo, len(sizes)))
    return out


def parse_corpus(
    paths: Sequence[str | Path],
    parser,
    *,
    jobs: int | None = None,
    cache=None,
    max_bytes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    report: Callable[[ReadProblem], None] | None = None,
) -> BatchResult:
    """Read and parse every article under ``paths`` with ``jobs`` processes (default: one per core).

    ``progress(files_done, files_total)`` is called as chunks finish, ``report(problem)`` for each file
    (or row) skipped, in order, as soon as it is known."""
    plan = plan_corpus(paths, max_bytes=max_bytes)
    for problem in plan.problems if report is not None else ():
        report(problem)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    ranges = chunks(plan, jobs=jobs)
    index = cache.index(parser.gazetteer) if cache is not None else None
    parser.results([_WARM_UP])
    _state.update(plan=plan, parser=parser, index=index)
    parts, problems, keys, cached, total = [], list(plan.problems), [], [], 0
    try:
        for lo, hi, (chunk_problems, n, chunk_keys, chunk_cached, packed) in _run(ranges, jobs):
            problems.extend(chunk_problems)
            for problem in chunk_problems if report is not None else ():
                report(problem)
            part = unpack(packed)
            part.rows[_ORDINAL] += total
            parts.append(part)
            keys.extend(chunk_keys)
            cached.extend((total + i, a) for i, a in chunk_cached)
            total += n
            if progress is not None:
                progress(hi, len(plan.sources))
    finally:
        _state.clear()
    fresh = concat(parts)
    if cache is None:
        results = Results(fresh.rows.drop(columns=[_ORDINAL]), fresh.shapes)
    else:
        results = _with_cache(cache, parser, keys, fresh, cached)
    return BatchResult(results, problems, total)


def can_fork() -> bool:
    """Worker processes can be forked from here: the platform forks safely, and no other thread runs (a lock
    another thread holds at the fork would stay held in the child forever)."""
    return ("fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
            and threading.active_count() == 1)


def _run(ranges: list[tuple[int, int]], jobs: int):
    """(lo, hi, chunk result) for each range, in order: in worker processes when that helps."""
    if jobs > 1 and len(ranges) > 1 and can_fork():
        context = multiprocessing.get_context("fork")
        with context.Pool(min(jobs, len(ranges))) as pool:
            yield from (
                (lo, hi, out) for (lo, hi), out in zip(ranges, pool.imap(_parse_chunk, ranges, chunksize=1))
            )
    else:
        for lo, hi in ranges:
            yield lo, hi, _parse_chunk((lo, hi))


def _parse_chunk(span: tuple[int, int]) -> tuple:
    """One chunk: its files read, its articles parsed (those the cache holds only named), packed for the trip back."""
    from mapapp.cache import article_key

    plan, parser, index = _state["plan"], _state["parser"], _state["index"]
    problems: list[ReadProblem] = []
    keys: list[str | None] = []
    cached: list[tuple[int, Article]] = []
    mentions, owners = [], []
    n = 0
    for source in plan.sources[span[0]:span[1]]:
        articles, trouble = plan.read(source)
        problems.extend(trouble)
        for article in articles:
            key = article_key(article) if index is not None else None
            keys.append(key)
            if key is not None and key in index:
                cached.append((n, article))
            else:
                found = parser.mentions(article)
                mentions.extend(found)
                owners.extend([n] * len(found))
            n += 1
    results = from_mentions(mentions)
    results.rows[_ORDINAL] = owners
    return problems, n, keys, cached, pack(results)


def _with_cache(cache, parser, keys: list[str], fresh: Results, cached: list[tuple[int, Article]]) -> Results:
    """Fresh rows saved to the cache, cached rows read from it, all in article order."""
    from mapapp.cache import _keyed, in_article_order

    gazetteer = parser.gazetteer
    from_cache, found = cache.load(gazetteer, [keys[i] for i, _a in cached])
    lost = [(i, a) for i, a in cached if keys[i] not in found]  # a segment that could not be read: parse again
    if lost:
        found_again = [(i, parser.mentions(a)) for i, a in lost]
        again = from_mentions([m for _i, ms in found_again for m in ms])
        again.rows[_ORDINAL] = [i for i, ms in found_again for _m in ms]
        fresh = concat([fresh, again])
    rows = fresh.rows
    rows[_KEY] = [keys[i] for i in rows[_ORDINAL]]
    # An article given twice (the same content under two names is two articles with one key) was parsed twice:
    # its rows are kept once, and in_article_order gives them to each.
    first = {}
    for i, key in enumerate(keys):
        first.setdefault(key, i)
    keep = np.array([first[k] == i for k, i in zip(rows[_KEY], rows[_ORDINAL])], dtype=bool)
    rows = rows.loc[keep].drop(columns=[_ORDINAL])
    fresh = Results(rows.reset_index(drop=True), fresh.shapes)
    cached_keys = {keys[i] for i, _a in cached} - {keys[i] for i, _a in lost}
    new_keys = list(dict.fromkeys(k for k in keys if k not in cached_keys))
    if new_keys:
        cache.store(gazetteer, new_keys, fresh)
    return in_article_order(keys, [_keyed(fresh, list(fresh.rows[_KEY])), from_cache])


__all__ = ["BatchResult", "CHUNK_BYTES", "chunks", "default_jobs", "parse_corpus"]
