"""The Dask engine: a corpus parsed in partitions over Dask workers.

`mapapp parse --engine dask` uses a LocalCluster with one worker process per
core, or the cluster whose scheduler is given (``--scheduler tcp://host:8786``).
Articles go to the workers as data (a worker needs no access to the corpus
files); each worker loads the compiled gazetteer once (a module-level parser
per worker process, see `_worker_parser`) and parses its partitions. Results
come back in article order, so the output equals a serial parse row for row,
and go through the results cache like a serial parse: cached articles are
never sent out.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import geopandas as gpd

from mapapp.cache import ResultsCache, _keyed, article_key, in_article_order
from mapapp.model import Article
from mapapp.output import Results, check_geometry, concat, from_mentions, pack, unpack

PARTITION_BYTES = 4_000_000  # text per task: big enough to amortise scheduling, small enough to balance 2+ workers
_parsers: dict = {}
_parsers_lock = threading.Lock()


def _worker_parser(gazetteer_args: dict):
    """This worker's Parser (threads of one worker share it), on the gazetteer ``Gazetteer.load(**gazetteer_args)``."""
    key = repr(sorted(gazetteer_args.items()))
    with _parsers_lock:
        if key not in _parsers:
            from mapapp.gazetteer import Gazetteer
            from mapapp.pipeline import Parser

            _parsers[key] = Parser(Gazetteer.load(**gazetteer_args))
        return _parsers[key]


def parse_partition(articles: list[Article], keys: list[str], *, gazetteer_args: dict) -> tuple:
    """One task: the mentions of these articles (each row tagged with its article's key), packed for the trip
    back: each distinct shape once, as WKB (sent as a GeoDataFrame, a country's outline went back once per
    mention, which cost more than the parsing)."""
    parser = _worker_parser(gazetteer_args)
    rows, owners = [], []
    for article, key in zip(articles, keys):
        found = parser.mentions(article)
        rows.extend(found)
        owners.extend([key] * len(found))
    return pack(_keyed(from_mentions(rows), owners))


def partitions(articles: Sequence[Article], *, target_bytes: int = PARTITION_BYTES, min_parts: int = 1) -> list[list[int]]:
    """Article indices in consecutive groups of about ``target_bytes`` of text (at least ``min_parts`` groups)."""
    if not articles:
        return []
    total = sum(len(a.text) for a in articles)
    per_part = max(1, min(target_bytes, total // max(1, min_parts)))
    parts: list[list[int]] = [[]]
    size = 0
    for i, a in enumerate(articles):
        if parts[-1] and size + len(a.text) > per_part:
            parts.append([])
            size = 0
        parts[-1].append(i)
        size += len(a.text)
    return parts


def parse_with_dask(articles: Sequence[Article], gazetteer, *, geometry: str = "shape", **kwargs) -> gpd.GeoDataFrame:
    """What ``Parser(gazetteer).parse(articles, geometry=geometry)`` returns, computed on a Dask cluster
    (arguments as `dask_results`)."""
    check_geometry(geometry)
    return dask_results(articles, gazetteer, **kwargs).frame(geometry)


def dask_results(
    articles: Sequence[Article],
    gazetteer,
    *,
    scheduler: str | None = None,
    client=None,
    gazetteer_args: dict | None = None,
    cache: ResultsCache | None = None,
    progress: Callable[[int], None] | None = None,
) -> Results:
    """What ``Parser(gazetteer).results(articles)`` returns, computed in partitions on a Dask cluster.

    ``client`` (a distributed.Client) wins over ``scheduler`` (an address); with
    neither, a LocalCluster of one single-threaded worker process per core runs
    for the call. ``gazetteer`` only names the results' cache folder here: each
    worker loads its own, ``Gazetteer.load(**gazetteer_args)`` (paths in
    it must exist on the workers).
    """
    from distributed import Client, LocalCluster

    keys = [article_key(a) for a in articles]
    cached, found = cache.load(gazetteer, keys) if cache is not None else (None, set())
    todo: dict[str, Article] = {}
    for a, k in zip(articles, keys):
        if k not in found:
            todo.setdefault(k, a)
    done = len(articles) - sum(1 for k in keys if k in todo)
    if progress is not None:
        progress(done)
    fresh = None
    if todo:
        own_cluster = None
        if client is None:
            own_cluster = LocalCluster(threads_per_worker=1, processes=True) if scheduler is None else None
            client = Client(own_cluster or scheduler)
        try:
            fresh = _run(client, list(todo.values()), list(todo), gazetteer_args=dict(gazetteer_args or {}),
                         progress=None if progress is None else (lambda n: progress(done + n)))
        finally:
            if own_cluster is not None:
                client.close()
                own_cluster.close()
        if cache is not None:
            cache.store(gazetteer, list(todo), fresh)
    return in_article_order(keys, [fresh, cached])


def _run(client, articles: list[Article], keys: list[str], *, progress, **task_args) -> Results:
    from distributed import as_completed

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    # Tasks of at most PARTITION_BYTES and at least 8 per worker: with 2 a worker, one worker often had
    # a whole partition left alone at the end (5 parts on 2 workers: 3 + 2). The files written
    # (`write_partitioned`) keep their own partitioning; results come back in article order either way.
    groups = partitions(articles, min_parts=8 * workers)
    futures = {}
    for n, idx in enumerate(groups):
        part = [articles[i] for i in idx]
        fut = client.submit(parse_partition, part, [keys[i] for i in idx], pure=False, key=f"mapapp-parse-{n}-{id(part)}",
                            **task_args)
        futures[fut] = (n, len(idx))
    results: dict[int, tuple] = {}
    parsed = 0
    for fut in as_completed(futures):
        n, count = futures[fut]
        results[n] = fut.result()
        parsed += count
        if progress is not None:
            progress(parsed)
    return concat([unpack(results[n]) for n in range(len(groups))])


def write_partitioned(results: Results, folder: Path, articles: Sequence[Article], *, geometry: str = "point",
                      places: Path | bool = False) -> list[Path]:
    """The mentions as one GeoParquet file per partition of the corpus (``part-00000.parquet``...), in article
    order, and the places (each shape once) in ``places`` when given."""
    from mapapp.io import write_mentions, write_places

    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("part-*.parquet"):
        old.unlink()
    position = {a.id: i for i, a in enumerate(articles)}
    where = results.rows["article_id"].map(position)
    paths = []
    for n, idx in enumerate(partitions(articles)):
        rows = results.rows[where.between(idx[0], idx[-1]).to_numpy()].reset_index(drop=True)
        part = Results(rows, {pid: results.shapes[pid] for pid in dict.fromkeys(rows["place_id"])})
        paths.append(write_mentions(part, folder / f"part-{n:05d}.parquet", geometry=geometry))
    if places:
        paths.append(write_places(results, places))
    return paths
