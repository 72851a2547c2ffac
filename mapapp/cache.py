"""The results cache: mentions already parsed, so an unchanged corpus is never parsed twice.

Each article is keyed by a digest of everything a parse reads from it (its
text, id, doc, date, sections, title, metadata: so a file's content, and the
sidecar or row it came from); the cache folder is keyed by the gazetteer's
content key and the version of the code that parses. A parse looks every
article up, parses only those not found, and saves them as one new GeoParquet
segment (the article keys it covers in the file's metadata, so an article
with no mentions is remembered too). Segments are written to a temporary
file and renamed: a run killed mid-write leaves every earlier segment readable.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from importlib.metadata import version as package_version
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from mapapp.model import Article

_PKG = Path(__file__).resolve().parent
# Modules that show or write results but do not change them.
_NOT_PARSING = {"app", "mapview", "cli.py", "io.py", "snapshot.py", "reader.py", "uploads.py", "filters.py",
                "assets.py", "evaluate.py", "cache.py", "scale.py", "__main__.py", "_npm.py"}
_PACKAGES = ("shapely", "wordfreq", "dateparser", "trafilatura", "pyahocorasick")
_KEY_COLUMN = "_article_key"
_META_KEYS = b"mapapp.article_keys"


def code_version() -> str:
    """A digest of the parsing code, the data it reads (geodata/) and the libraries whose answers it uses."""
    h = hashlib.sha256()
    files = [p for p in sorted(_PKG.rglob("*.py")) if p.relative_to(_PKG).parts[0] not in _NOT_PARSING]
    files += sorted((_PKG.parent / "geodata").glob("*.geojson"))
    for p in files:
        h.update(str(p.relative_to(_PKG.parent)).encode())
        h.update(hashlib.sha256(p.read_bytes()).digest())
    for name in _PACKAGES:
        h.update(f"{name}={package_version(name)}".encode())
    return h.hexdigest()[:16]


def article_key(article: Article) -> str:
    """A digest of everything about an article a parse can read (not where the file lives on disk)."""
    parts = [article.id, article.doc, article.text, article.title, article.outlet, article.url,
             article.date.isoformat() if article.date else None, article.date_source,
             [(s.kind, s.start, s.end) for s in article.sections], article.meta]
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()[:32]


class ResultsCache:
    """Parsed mentions by article, for one gazetteer and one version of the code."""

    def __init__(self, root: Path | str | None = None):
        from mapapp.gazetteer import default_cache_dir

        self.root = Path(root) if root is not None else default_cache_dir() / "results"
        self._code = code_version()

    def folder(self, gazetteer, geometry: str = "shape") -> Path:
        gaz_key = getattr(gazetteer, "content_key", None) or gazetteer.version
        return self.root / f"{gaz_key}-{self._code}-{geometry}"

    def lookup(self, gazetteer, keys: Iterable[str], geometry: str = "shape") -> tuple[dict[str, pd.DataFrame], set[str]]:
        """(rows of the wanted articles found, by key) and the set of wanted keys found (with or without rows)."""
        wanted = set(keys)
        found: set[str] = set()
        frames: list[pd.DataFrame] = []
        folder = self.folder(gazetteer, geometry)
        for seg in sorted(folder.glob("seg-*.parquet")) if folder.is_dir() else ():
            try:
                covered = json.loads(pq.read_schema(seg).metadata[_META_KEYS])
                hits = wanted.intersection(covered) - found
                if hits:
                    rows = gpd.read_parquet(seg)
                    frames.append(rows[rows[_KEY_COLUMN].isin(hits)])
                    found |= hits
            except Exception:  # noqa: BLE001 - a damaged segment only costs a re-parse of its articles
                continue
        if not frames:
            return {}, found
        rows = pd.concat(frames, ignore_index=True)
        return {k: g for k, g in rows.groupby(_KEY_COLUMN, sort=False)}, found

    def store(self, gazetteer, keys: list[str], mentions: gpd.GeoDataFrame, geometry: str = "shape") -> Path:
        """Save the mentions of these articles (a ``_article_key`` column says whose each row is) as one segment."""
        folder = self.folder(gazetteer, geometry)
        folder.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:24]
        target = folder / f"seg-{name}.parquet"
        table = pa.table(mentions.to_arrow(index=False, geometry_encoding="WKB"))
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), b"geo": _geo_metadata(mentions),
                                               _META_KEYS: json.dumps(keys).encode()})
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".seg-", suffix=".tmp")
        os.close(fd)
        try:
            pq.write_table(table, tmp, compression="zstd")
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return target

    def parse(self, parser, articles: Iterable[Article], *, progress: Callable[[int], None] | None = None,
              geometry: str = "shape") -> gpd.GeoDataFrame:
        """What ``parser.parse(articles)`` returns, parsing only the articles this cache has not seen."""
        from mapapp.pipeline import mentions_frame

        articles = list(articles)
        keys = [article_key(a) for a in articles]
        cached, found = self.lookup(parser.gazetteer, keys, geometry)
        new_keys, new_rows, owners = [], [], []
        done = len(found.intersection(keys))
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
        if new_keys:
            fresh = mentions_frame(new_rows, geometry=geometry)
            fresh[_KEY_COLUMN] = owners
            self.store(parser.gazetteer, new_keys, fresh, geometry)
            cached.update({k: g for k, g in fresh.groupby(_KEY_COLUMN, sort=False)})
        elif progress is not None:
            progress(len(articles))
        return _assemble([cached.get(k) for k in keys])


def _geo_metadata(frame: gpd.GeoDataFrame) -> bytes:
    """GeoParquet 1.0 file metadata, so any GeoParquet reader opens a segment."""
    column = {"encoding": "WKB", "geometry_types": sorted(set(frame.geom_type.dropna()))}
    if frame.crs is not None:
        column["crs"] = frame.crs.to_json_dict()
    return json.dumps({"version": "1.0.0", "primary_column": frame.geometry.name,
                       "columns": {frame.geometry.name: column}}).encode()


def _assemble(parts: list[pd.DataFrame | None]) -> gpd.GeoDataFrame:
    """The per-article rows in article order, with the dtypes `mentions_frame` gives."""
    from mapapp.model import MENTION_COLUMNS
    from mapapp.pipeline import mentions_frame

    parts = [p for p in parts if p is not None and len(p)]
    if not parts:
        return mentions_frame([])
    rows = pd.concat(parts, ignore_index=True)
    df = pd.DataFrame(rows[list(MENTION_COLUMNS)])
    df["start"] = df["start"].astype("int64")
    df["end"] = df["end"].astype("int64")
    df["literal"] = df["literal"].astype("object").where(df["literal"].notna(), None)
    df["date"] = df["date"].astype("object").where(df["date"].notna(), None)
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(rows.geometry.values, crs="EPSG:4326"), crs="EPSG:4326")
