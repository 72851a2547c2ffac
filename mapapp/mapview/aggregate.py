"""Mentions -> one row per thing drawn: a place, an area or a zone, with its counts and a few examples.

The map shows places, not mentions: 100,000 mentions of 700 places become 700
markers, each knowing how often and in how many articles it was named and a
few example sentences (the full list is the app's table, filtered to the place
on a click). Everything here is pandas over whole columns; only the handful of
example sentences per place is built row by row.
"""
from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from mapapp import reader
from mapapp.corpus import date_label
from mapapp.mapview import style
from mapapp.mapview.escape import safe_html

_POLYGONAL_TYPE_IDS = (3, 6)  # shapely type ids of Polygon and MultiPolygon
# Sentences in a popup are shorter than in the reader: a popup is a glance, the reader is for reading.
EXAMPLE_CHARS = 220
# Example candidates per place: a few more than shown, so repeated sentences (syndicated copies) can be skipped.
_CANDIDATES_PER_EXAMPLE = 3
SUMMARY_COLUMNS = [
    "how", "key", "place_id", "name", "kind", "rule", "phrase", "precision_m",
    "mentions", "articles", "lat", "lon", "examples", "geometry",
]


def classify(mentions: gpd.GeoDataFrame) -> pd.Series:
    """'zone', 'area' or 'place' for each mention row: how it is drawn."""
    kind = mentions["kind"].astype(str).to_numpy(dtype=object)
    described = mentions["rule"].fillna("").astype(str).str.len().to_numpy() > 0
    polygonal = np.isin(shapely.get_type_id(mentions.geometry.to_numpy()), _POLYGONAL_TYPE_IDS)
    out = np.full(len(mentions), "place", dtype=object)
    out[np.isin(kind, list(style.AREA_KINDS)) & polygonal] = "area"
    # Named "area" zones (e.g. a buffer zone) are shapes the news draws, not land to colour.
    out[np.isin(kind, list(style.ZONE_KINDS)) | described | ((kind == "area") & polygonal)] = "zone"
    return pd.Series(out, index=mentions.index, dtype=object)


def group_key(mentions: gpd.GeoDataFrame, how: pd.Series) -> pd.Series:
    """Named things group by place id; a described zone is one shape per rule and geometry."""
    key = mentions["place_id"].fillna("").astype(str).to_numpy(dtype=object)
    rule = mentions["rule"].fillna("").astype(str).to_numpy(dtype=object)
    described = (np.asarray(how) == "zone") & (rule != "")
    if described.any():
        # The shape's fingerprint (type, vertices, bounds, area, length) stands for its bytes:
        # equal for the same shape, and serialising thousands of shapes per filter change is slow.
        geoms = mentions.geometry.to_numpy()[described]
        parts = [shapely.get_type_id(geoms), shapely.get_num_coordinates(geoms),
                 *shapely.bounds(geoms).T, shapely.area(geoms), shapely.length(geoms)]
        prints = np.array(["|".join(map(repr, values)) for values in zip(*(p.tolist() for p in parts))], dtype=object)
        key = key.copy()
        key[described] = key[described] + "|" + rule[described] + "|" + prints
    return pd.Series(key, index=mentions.index, dtype=object)


def _groups(how: np.ndarray, key: np.ndarray) -> np.ndarray:
    """An integer per (how, key), numbered in order of first appearance."""
    how_codes = pd.factorize(how)[0]
    key_codes = pd.factorize(key)[0]
    return pd.factorize(key_codes * 3 + how_codes)[0]


def _first_rows(gid: np.ndarray, limit: int) -> np.ndarray:
    """Positions of each group's first ``limit`` rows, grouped, each group's rows in corpus order."""
    order = np.argsort(gid, kind="stable")
    starts = np.concatenate([[0], np.cumsum(np.bincount(gid))[:-1]])
    rank = np.arange(len(gid)) - starts[gid[order]]
    return order[rank < limit]


@lru_cache(maxsize=16384)
def _sentence(text: str, start: int, end: int) -> str:
    # Filter changes show the same places again: their sentences are found once.
    return reader.sentence_html(text, start, end, EXAMPLE_CHARS)


def _text(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


def _located(mentions: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    frame = mentions
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs(4326)
    geoms = frame.geometry.to_numpy()
    keep = (~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)) | pd.to_numeric(frame["lat"], errors="coerce").notna().to_numpy()
    return frame if keep.all() else frame[keep]  # a copy of 100,000 rows costs more than this check


_lookups: list = [None, None]  # the last articles frame and its lookups: the app passes the same one each run


def _article_lookup(articles: pd.DataFrame | None) -> tuple[dict, dict]:
    if articles is None or not len(articles):
        return {}, {}
    if _lookups[0] is not articles:
        unique = articles.drop_duplicates("article_id")
        _lookups[:] = [articles, (dict(zip(unique["article_id"], unique["text"])),
                                  dict(zip(unique["article_id"], unique["title"])))]
    return _lookups[1]


def _examples(frame: gpd.GeoDataFrame, gid: np.ndarray, articles: pd.DataFrame | None, per_place: int) -> dict:
    """{group: [(sentence HTML, source HTML), ...]}, the first distinct sentences in corpus order."""
    if per_place <= 0 or len(gid) == 0:
        return {}
    pos = _first_rows(gid, per_place * _CANDIDATES_PER_EXAMPLE)
    cand = frame.iloc[pos]
    texts, titles = _article_lookup(articles)
    chosen: dict[int, list[tuple[str, str]]] = {}
    columns = [cand[c].to_numpy(dtype=object) if c in cand else np.full(len(cand), None, dtype=object)
               for c in ("article_id", "doc", "date", "date_source", "start", "end", "surface")]
    # Sentences are built only until a place has its examples: usually `per_place` per place.
    for group, art, doc, date, source, start, end, surface in zip(gid[pos].tolist(), *columns):
        picked = chosen.setdefault(group, [])
        if len(picked) >= per_place:
            continue
        text = texts.get(art)
        if isinstance(text, str):
            sentence = _sentence(text, int(start), int(end))
        else:
            sentence = f"<b>{safe_html(surface)}</b>"
        if any(sentence == s for s, _ in picked):
            continue
        title, date, source = _text(titles.get(art)), _text(date), _text(source)
        if date and source:  # how the date was found: a reader must tell a stated date from a guess
            date = date_label(date, source)
        picked.append((sentence, safe_html(title or _text(doc)) + (f" · {safe_html(date)}" if date else "")))
    return chosen


def _distinct_per_group(gid: np.ndarray, values: pd.Series, groups: int) -> np.ndarray:
    codes = pd.factorize(values.to_numpy(dtype=object))[0].astype(np.int64)
    pairs = np.unique(gid.astype(np.int64) * (codes.max() + 1) + codes)
    return np.bincount(pairs // (codes.max() + 1), minlength=groups)


def summarise(mentions: gpd.GeoDataFrame | None, articles: pd.DataFrame | None = None, *,
              examples: int = 3) -> gpd.GeoDataFrame:
    """One row per place/area/zone drawn (columns :data:`SUMMARY_COLUMNS`), in corpus order.

    ``mentions``: how many times it is named; ``articles``: in how many articles;
    ``examples``: up to ``examples`` (sentence HTML, source HTML) pairs, escaped, the
    mention in bold (needs ``articles`` with article_id, title, text; else the mention's text).
    """
    if mentions is None or mentions.empty:
        return gpd.GeoDataFrame(columns=SUMMARY_COLUMNS, geometry="geometry", crs="EPSG:4326")
    frame = _located(mentions)
    how = classify(frame).to_numpy()
    key = group_key(frame, how).to_numpy()
    gid = _groups(how, key)
    first = np.unique(gid, return_index=True)[1]  # group numbers are in order of first appearance
    heads = frame.iloc[first]
    out = pd.DataFrame({
        "how": how[first], "key": key[first],
        "place_id": heads["place_id"].fillna("").astype(str).to_numpy(dtype=object),
        "name": heads["name"].to_numpy(dtype=object), "kind": heads["kind"].astype(str).to_numpy(dtype=object),
        "rule": heads["rule"].fillna("").astype(str).to_numpy(dtype=object),
        "phrase": heads["phrase"].fillna("").astype(str).to_numpy(dtype=object),
        "precision_m": pd.to_numeric(heads["precision_m"], errors="coerce").to_numpy(),
        "mentions": np.bincount(gid),
        "articles": _distinct_per_group(gid, frame["article_id"], len(first)),
        "lat": pd.to_numeric(heads["lat"], errors="coerce").to_numpy(),
        "lon": pd.to_numeric(heads["lon"], errors="coerce").to_numpy(),
    }, dtype=object).astype({"precision_m": float, "mentions": int, "articles": int, "lat": float, "lon": float})
    chosen = _examples(frame, gid, articles, examples)
    out["examples"] = [chosen.get(g, []) for g in range(len(first))]
    geometry = heads.geometry.to_numpy()
    missing = out["lat"].isna().to_numpy() | out["lon"].isna().to_numpy()
    if missing.any():  # no representative point stored: one on the shape itself
        points = shapely.point_on_surface(geometry[missing])
        out.loc[missing, "lat"], out.loc[missing, "lon"] = shapely.get_y(points), shapely.get_x(points)
    return gpd.GeoDataFrame(out, geometry=gpd.GeoSeries(geometry, crs="EPSG:4326"), crs="EPSG:4326")
