"""The output model: mentions point at places, and each place's shape is kept once.

A parse gives `Results`: ``rows``, one per mention in the columns of
`mapapp.model.MENTION_COLUMNS` (no geometry), and ``shapes``, one shapely geometry
(WGS84) per ``place_id``: a country's or zone's polygon, a line, or the point of a
place that has no shape. A country named 10,000 times is one shape, not 10,000.
Everything that shows or writes results starts from it:

    mentions_table(results)    one row per mention with its place's point  (layer/file "mentions")
    places_table(results)      one row per place or zone with its shape    (layer/file "places")
    results.frame("shape")     the app's frame: each row with its place's shape (the objects shared)

Ids: every ``place_id`` finds exactly one shape; a zone the text describes carries a
digest of its shape in its id (`mapapp.rows` says how).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from mapapp.model import MENTION_COLUMNS, Mention
from mapapp.rows import (  # noqa: F401 (representative_point, shape_digest, SHAPE_SEPARATOR: read from here too)
    _MISSING,
    GEOMETRY_MODES,
    SHAPE_SEPARATOR,
    ShapeIds,
    mention_columns,
    pack_shapes,
    representative_point,
    same_shape,
    shape_digest,
    unpack_shapes,
)

# A mention row in files: what is about this mention, the place it names and the place's point. What is about the
# place (name, kind, source...) is in its places row: a mention file stays near the size of the text it came from.
# name and kind stay on each row (a reader of the CSV sees what was found without a join; they are short).
MENTION_FIELDS = ("doc", "article_id", "start", "end", "surface", "place_id", "name", "kind", "section", "date",
                  "date_source", "confidence", "literal", "phrase", "lat", "lon")
# In GeoJSON the point is the feature's geometry: lat/lon are not written twice; and the file stays
# near the text's size (issue 12's bound), so the place's name and kind are only in the places file.
GEOJSON_POINT_FIELDS = tuple(f for f in MENTION_FIELDS if f not in ("name", "kind", "lat", "lon"))
# A place row: what is about the place (or zone), how often and when it was named, its shape.
PLACE_FIELDS = ("place_id", "name", "kind", "layer", "country", "source", "precision_m", "rule", "basis",
                "mentions", "articles", "first_date", "last_date", "lat", "lon")
_PLACE_ATTRIBUTES = ("place_id", "name", "kind", "layer", "country", "source", "precision_m", "rule", "basis",
                     "lat", "lon")


@dataclasses.dataclass
class Results:
    """Mention rows and the shape of every place they name (see the module's docstring)."""

    rows: pd.DataFrame
    shapes: dict[str, Any]

    def __len__(self) -> int:
        return len(self.rows)

    def frame(self, geometry: str = "shape") -> gpd.GeoDataFrame:
        """The rows in the contract's columns with a geometry each: the place's shape, or its point (a zone
        keeping its shape, as `mapapp parse` writes by default: see :func:`zone_rows`)."""
        check_geometry(geometry)
        df = pd.DataFrame(self.rows[list(MENTION_COLUMNS)])
        if geometry == "point":
            geoms = list(shapely.points(df["lon"].to_numpy(), df["lat"].to_numpy())) if len(df) else []
            for i in zone_rows(df):
                geoms[i] = self.shapes.get(df["place_id"].iat[i], geoms[i])
        else:
            shapes = self.shapes
            geoms = [shapes[pid] for pid in df["place_id"].tolist()]  # a list: iterating Arrow strings is slower
        return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, index=df.index, crs="EPSG:4326"), crs="EPSG:4326")


def zone_rows(table: pd.DataFrame) -> list[int]:
    """Positions of the mentions of zones (corridors, lines, parts of a region, borders).

    A zone keeps its shape even where mentions are points: it has no point of its own (the
    middle of "the yellow line" or of "southern Israel" is nowhere anyone named), and a scorer
    or a reader given that point cannot tell it from a place there. Zones are few and their
    shapes small; countries, the large shapes, stay points."""
    from mapapp.kinds import ZONE_KINDS

    return np.flatnonzero(table["kind"].isin(ZONE_KINDS).to_numpy()).tolist() if len(table) else []


def check_geometry(geometry: str) -> None:
    if geometry not in GEOMETRY_MODES:
        raise ValueError(f"geometry must be one of {GEOMETRY_MODES}, not {geometry!r}")


def empty_rows() -> pd.DataFrame:
    return _typed(pd.DataFrame.from_records([], columns=list(MENTION_COLUMNS)))


_TEXT = pd.Series(["x"]).dtype  # pandas' own dtype for text ("str" from pandas 3, object before)
_TEXT_COLUMNS = ("doc", "article_id", "surface", "place_id", "name", "kind", "section", "date_source", "layer",
                 "country", "source", "rule", "basis", "phrase")


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """The same dtypes whatever the rows hold (a part with no dated article must concatenate with one that has them)."""
    for col in _TEXT_COLUMNS:
        if df[col].dtype != _TEXT:
            df[col] = df[col].astype(_TEXT)
    df["date"] = df["date"].astype(object).where(df["date"].notna(), None)
    df["literal"] = df["literal"].astype(object).where(df["literal"].notna(), None)
    df["confidence"] = df["confidence"].astype("float64")
    df["precision_m"] = pd.to_numeric(df["precision_m"], errors="coerce").astype("float64")
    df["lat"] = df["lat"].astype("float64").round(6)
    df["lon"] = df["lon"].astype("float64").round(6)
    df["start"] = df["start"].astype("int64")
    df["end"] = df["end"].astype("int64")
    return df


def from_mentions(mentions: Sequence[Mention]) -> Results:
    """Mentions (in order) as rows and shapes; a row's lat/lon is its place's point (a point on the shape when the
    place has none)."""
    return from_columns(*mention_columns(mentions))


def from_columns(columns: dict[str, list], shapes: dict[str, Any]) -> Results:
    """Results from `mapapp.rows.mention_columns` (what worker processes send back)."""
    if not columns:
        return Results(empty_rows(), shapes)
    try:
        return Results(_typed_frame(columns), shapes)
    except (TypeError, ValueError):  # a value of another type than mention_columns gives: pandas converts it
        return Results(_typed(pd.DataFrame(columns, columns=list(MENTION_COLUMNS))), shapes)


_FLOAT_COLUMNS = ("confidence", "precision_m", "lat", "lon")
_OBJECT_COLUMNS = ("date", "literal")


def _typed_frame(columns: dict[str, list]) -> pd.DataFrame:
    """What ``_typed(pd.DataFrame(columns))`` gives for the columns of `mapapp.rows.mention_columns` (text,
    floats, ints, dates as text or None), each column made in its final type at once: the parent makes one
    frame per chunk of a batch, beside the workers, and pandas' guessing of each column's type and the
    conversions after were two thirds of it."""
    data: dict[str, Any] = {}
    for col in MENTION_COLUMNS:
        values = columns[col]
        if col in _TEXT_COLUMNS:
            data[col] = pd.array(values, dtype=_TEXT)
        elif col in _FLOAT_COLUMNS:
            floats = np.array(values, dtype="float64")
            data[col] = floats.round(6) if col in ("lat", "lon") else floats
        elif col in _OBJECT_COLUMNS:
            data[col] = pd.Series([None if v is None or v != v else v for v in values], dtype=object)
        else:
            data[col] = np.array(values, dtype="int64")
    return pd.DataFrame(data)


def from_frame(frame: gpd.GeoDataFrame) -> Results:
    """A frame of mention rows with their shapes (the app's, filtered or not) as Results.

    Ids are kept (a frame made by `Results.frame` has one shape per id already); an id met with a
    second shape gets a digest suffix. Columns the frame lacks are left empty."""
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    df = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    for col in MENTION_COLUMNS:
        if col not in df.columns:
            df[col] = None
    df = df[list(MENTION_COLUMNS)].reset_index(drop=True)
    geoms = list(frame.geometry.array)
    final = ShapeIds()
    lat, lon = df["lat"].to_numpy(dtype="float64", na_value=np.nan).copy(), df["lon"].to_numpy(dtype="float64", na_value=np.nan).copy()
    for i in np.flatnonzero(np.isnan(lat) | np.isnan(lon)):
        if geoms[i] is not None and not geoms[i].is_empty:
            rp = representative_point(geoms[i])
            lat[i], lon[i] = rp.y, rp.x
    df["lat"], df["lon"] = lat, lon
    df["place_id"] = [final(pid, g, False) for pid, g in zip(df["place_id"].fillna("").astype(str), geoms)]
    df["start"] = df["start"].fillna(0)
    df["end"] = df["end"].fillna(0)
    return Results(_typed(df), final.shapes)


def concat(parts: Sequence[Results]) -> Results:
    """Results of consecutive parts of a corpus as one, in order (shapes merged; an id two parts
    give different shapes is named apart by the later shape's digest)."""
    parts = [p for p in parts if p is not None]
    shapes: dict[str, Any] = {}
    frames = []
    for part in parts:
        renames = {}
        for pid, geom in part.shapes.items():
            have = shapes.get(pid, _MISSING)
            if have is _MISSING:
                shapes[pid] = geom
            elif not same_shape(have, geom):
                new = f"{pid}{SHAPE_SEPARATOR}{shape_digest(geom)}"
                shapes.setdefault(new, geom)
                renames[pid] = new
        rows = part.rows
        if renames:
            rows = rows.copy()
            rows["place_id"] = rows["place_id"].map(lambda p: renames.get(p, p))
        if len(rows):
            frames.append(rows)
    if not frames:  # the columns of the parts (extra ones too), no rows
        return Results(parts[0].rows.iloc[:0].copy() if parts else empty_rows(), shapes)
    return Results(pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0], shapes)


def pack(results: Results) -> tuple[pd.DataFrame, list[str], Any]:
    """For a trip between processes: the shapes as WKB, each once."""
    return (results.rows, *pack_shapes(results.shapes))


def unpack(packed: tuple[pd.DataFrame, list[str], Any]) -> Results:
    rows, ids, wkb = packed
    return Results(rows, unpack_shapes(ids, wkb))


def mentions_table(results: Results) -> pd.DataFrame:
    """One row per mention in the file columns (`MENTION_FIELDS`): the place it names and the place's point."""
    return pd.DataFrame(results.rows[list(MENTION_FIELDS)])


def places_table(results: Results) -> gpd.GeoDataFrame:
    """One row per place or zone the mentions name, in order of first mention, with its shape once."""
    rows = results.rows
    if rows.empty:
        empty = pd.DataFrame({c: pd.Series(dtype="float64" if c in ("precision_m", "lat", "lon") else
                                           "int64" if c in ("mentions", "articles") else "object") for c in PLACE_FIELDS})
        return gpd.GeoDataFrame(empty, geometry=gpd.GeoSeries([], crs="EPSG:4326"), crs="EPSG:4326")
    first = rows.drop_duplicates("place_id", keep="first")[list(_PLACE_ATTRIBUTES)].reset_index(drop=True)
    pid = first["place_id"]
    # Counted on integer codes (a place's code is its rank by first mention, as in `first`): pandas' group-by
    # on the text columns fell back to Python for the dates and took a third of writing the places.
    place, _ = pd.factorize(rows["place_id"])
    article, articles = pd.factorize(rows["article_id"])
    pairs = np.unique(place.astype(np.int64) * max(1, len(articles)) + article)
    n = len(pid)
    dates = pd.factorize(rows["date"], sort=True, use_na_sentinel=True)  # ranked once for both bounds
    out = first.assign(
        mentions=np.bincount(place, minlength=n).astype("int64"),
        articles=np.bincount(pairs // max(1, len(articles)), minlength=n).astype("int64"),
        first_date=_date_bound(place, dates, n, np.minimum, _NO_DATE),
        last_date=_date_bound(place, dates, n, np.maximum, -1),
    )[list(PLACE_FIELDS)]
    out["precision_m"] = pd.to_numeric(out["precision_m"], errors="coerce").astype("float64")
    shapes = results.shapes
    geoms = [shapes.get(p) for p in pid]
    return gpd.GeoDataFrame(out, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"), crs="EPSG:4326")


_NO_DATE = np.iinfo(np.int64).max


def _date_bound(place: np.ndarray, dates: tuple, n: int, pick: np.ufunc, empty: int) -> pd.Series:
    """Each place's earliest (``np.minimum``) or latest (``np.maximum``) date, None where it has none. ``dates``
    is the date column factorized in sorted order: ISO text, whose order is time's."""
    codes, uniques = dates
    dated = codes >= 0
    bound = np.full(n, empty, dtype=np.int64)
    pick.at(bound, place[dated], codes[dated])
    values = uniques.tolist() if hasattr(uniques, "tolist") else list(uniques)
    # object, as before: a str column would hold NaN, not None, where a place has no date
    return pd.Series([values[c] if c != empty else None for c in bound.tolist()], dtype=object)
