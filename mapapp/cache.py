"""The results cache: mentions already parsed, so an unchanged corpus is never parsed twice.

Each article is keyed by a digest of everything a parse reads from it (its
text, id, doc, date, sections, title, metadata: so a file's content, and the
sidecar or row it came from); the cache folder is keyed by the gazetteer's
content key and the version of the code that parses. A parse looks every
article up, parses only those not found, and saves them as one new Parquet
segment (the article keys it covers in the file's metadata, so an article
with no mentions is remembered too): the mention rows, and each place's shape
once (`mapapp.output`). Segments are written to a temporary file and renamed:
a run killed mid-write leaves every earlier segment readable.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import shapely

from mapapp import versions
from mapapp.io import atomic_path
from mapapp.model import MENTION_COLUMNS, Article, article_key  # noqa: F401 - article_key: part of this module's API
from mapapp.output import Results, _typed, concat, empty_rows, from_mentions
from mapapp.rows import ORDINAL

_PKG = Path(__file__).resolve().parent
# Modules that show or write results but do not change them.
_NOT_PARSING = {"app", "mapview", "cli.py", "io", "snapshot", "reader.py", "uploads.py", "filters.py", "formats.py",
                "assets.py", "evaluate.py", "cache.py", "scale.py", "batch.py", "export.py", "geojson.py", "__main__.py",
                "npm.py"}
_PACKAGES = ("shapely", "wordfreq", "dateparser", "trafilatura", "pyahocorasick")
_KEY_COLUMN = "_article_key"
_SHAPE_COLUMN = "_shape"
_META_KEYS = b"mapapp.article_keys"


def parsing_files() -> list[Path]:
    """What a parse's results depend on: the parsing code and the data it reads (geodata/)."""
    files = [p for p in sorted(_PKG.rglob("*.py")) if p.relative_to(_PKG).parts[0] not in _NOT_PARSING]
    return files + sorted((_PKG.parent / "geodata").glob("*.geojson"))


class ResultsCache:
    """Parsed mentions by article, for one gazetteer and one version of the code.

    A segment holds the rows of the articles it covers and each place's shape once (as WKB, in the
    ``_shape`` column of the first row that names the place), so cached results take the room of
    the rows, not of a country's outline per mention."""

    def __init__(self, root: Path | str | None = None):
        from mapapp.gazetteer import default_cache_dir

        self.root = Path(root) if root is not None else default_cache_dir() / "results"
        self._code = versions.code_version(parsing_files(), _PACKAGES)

    def folder(self, gazetteer) -> Path:
        gaz_key = getattr(gazetteer, "content_key", None) or gazetteer.version
        return self.root / f"{gaz_key}-{self._code}"

    def index(self, gazetteer) -> dict[str, Path]:
        """Each article key the cache holds, and the segment that holds it (read from the files' footers only)."""
        folder = self.folder(gazetteer)
        found: dict[str, Path] = {}
        for seg in sorted(folder.glob("seg-*.parquet")) if folder.is_dir() else ():
            try:
                covered = json.loads(pq.read_schema(seg).metadata[_META_KEYS])
            except Exception:  # noqa: BLE001 - a damaged segment only costs a re-parse of its articles
                continue
            for key in covered:
                found.setdefault(key, seg)
        return found

    def load(self, gazetteer, keys: Iterable[str], index: dict[str, Path] | None = None) -> tuple[Results, set[str]]:
        """The cached rows (a ``_article_key`` column says whose) and shapes of those of ``keys`` the cache
        holds, and the set of those keys (an article that names no place has no rows, and is found too).

        Keys whose segment cannot be read are not found: the caller parses those articles again."""
        index = self.index(gazetteer) if index is None else index
        by_segment: dict[Path, set[str]] = {}
        for key in keys:
            if key in index:
                by_segment.setdefault(index[key], set()).add(key)
        parts, found = [], set()
        for seg, wanted in sorted(by_segment.items()):
            try:
                parts.append(_read_segment(seg, wanted))
            except Exception:  # noqa: BLE001 - as above
                continue
            found |= wanted
        return (concat(parts) if parts else _keyed(Results(empty_rows(), {}), [])), found

    def store(self, gazetteer, keys: list[str], results: Results) -> Path:
        """Save the results of these articles (their rows carry ``_article_key``) as one segment."""
        folder = self.folder(gazetteer)
        folder.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:24]
        target = folder / f"seg-{name}.parquet"
        rows = results.rows
        first = ~rows["place_id"].duplicated()
        shapes = [shapely.to_wkb(results.shapes[pid]) if is_first and results.shapes.get(pid) is not None else None
                  for pid, is_first in zip(rows["place_id"], first)]
        table = pa.Table.from_pandas(pd.DataFrame(rows[[*MENTION_COLUMNS, _KEY_COLUMN]]), preserve_index=False)
        table = table.append_column(_SHAPE_COLUMN, pa.array(shapes, type=pa.binary()))
        table = table.replace_schema_metadata({_META_KEYS: json.dumps(keys).encode()})
        with atomic_path(target) as tmp:
            pq.write_table(table, tmp, compression="zstd")
        return target

    def results(self, parser, articles: Iterable[Article], *, progress: Callable[[int], None] | None = None) -> Results:
        """What ``parser.results(articles)`` returns, parsing only the articles this cache has not seen."""
        articles = list(articles)
        keys = [article_key(a) for a in articles]
        cached, found = self.load(parser.gazetteer, keys)
        new_keys: list[str] = []
        new_rows, owners = [], []
        done = sum(1 for k in keys if k in found)
        for article, key in zip(articles, keys):
            if key in found or key in new_keys:
                continue
            mentions = parser.mentions(article)
            new_keys.append(key)
            new_rows.extend(mentions)
            owners.extend([key] * len(mentions))
            done += 1
            if progress is not None:
                progress(done)
        fresh = _keyed(from_mentions(new_rows), owners)
        if new_keys:
            self.store(parser.gazetteer, new_keys, fresh)
        elif progress is not None:
            progress(len(articles))
        return in_article_order(keys, [fresh, cached])

    def merge(self, gazetteer, keys: list[str], fresh: Results, from_cache: Results | None,
              cached: set[int]) -> Results:
        """A batch's results: the articles' ``keys`` in order, ``fresh`` rows (an ``ORDINAL`` column numbers each
        row's article) saved as one segment, and all rows (``from_cache`` too, for the articles numbered in
        ``cached``) in article order."""
        rows = fresh.rows
        rows[_KEY_COLUMN] = [keys[i] for i in rows[ORDINAL]]
        # An article given twice (the same content under two names is two articles with one key) was parsed twice:
        # its rows are kept once, and in_article_order gives them to each.
        first: dict[str, int] = {}
        for i, key in enumerate(keys):
            if i not in cached:
                first.setdefault(key, i)
        keep = np.array([first.get(k) == i for k, i in zip(rows[_KEY_COLUMN], rows[ORDINAL])], dtype=bool)
        fresh = Results(rows.loc[keep].drop(columns=[ORDINAL]).reset_index(drop=True), fresh.shapes)
        new_keys = list(first)
        if new_keys:
            self.store(gazetteer, new_keys, fresh)
        return in_article_order(keys, [_keyed(fresh, list(fresh.rows[_KEY_COLUMN])), from_cache])

    def parse(self, parser, articles: Iterable[Article], *, progress: Callable[[int], None] | None = None,
              geometry: str = "shape") -> gpd.GeoDataFrame:
        """What ``parser.parse(articles)`` returns, parsing only the articles this cache has not seen."""
        return self.results(parser, articles, progress=progress).frame(geometry)


def _keyed(results: Results, owners: list[str]) -> Results:
    results.rows[_KEY_COLUMN] = pd.Series(owners, index=results.rows.index, dtype=object)
    return results


def _read_segment(seg: Path, wanted: set[str]) -> Results:
    table = pq.read_table(seg)
    shape_rows = table.filter(pc.is_valid(table[_SHAPE_COLUMN]))
    shapes = dict(zip(shape_rows["place_id"].to_pylist(),
                      shapely.from_wkb(np.array(shape_rows[_SHAPE_COLUMN].to_pylist(), dtype=object))))
    rows = table.drop_columns([_SHAPE_COLUMN]).filter(pc.is_in(table[_KEY_COLUMN], pa.array(sorted(wanted))))
    df = _restore(rows.to_pandas())
    return Results(df, {pid: shapes[pid] for pid in dict.fromkeys(df["place_id"]) if pid in shapes})


def _restore(df: pd.DataFrame) -> pd.DataFrame:
    """The dtypes `from_mentions` gives, after a trip through Parquet."""
    return _typed(df)


def in_article_order(keys: list[str], parts: list[Results]) -> Results:
    """The rows of each article key, in the order of ``keys`` (an article given twice gets its rows twice)."""
    merged = concat(parts)
    rows = merged.rows
    if rows.empty:
        return Results(rows.drop(columns=[_KEY_COLUMN], errors="ignore"), {})
    where = rows.groupby(_KEY_COLUMN, sort=False).indices
    order = [where[k] for k in keys if k in where]
    taken = rows.take(np.concatenate(order)).reset_index(drop=True) if order else rows.iloc[:0]
    taken = taken.drop(columns=[_KEY_COLUMN])
    used = dict.fromkeys(taken["place_id"])
    return Results(taken, {pid: merged.shapes[pid] for pid in used if pid in merged.shapes})
