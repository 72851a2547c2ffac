"""GeoJSON and JSON-lines text for many rows, made fast.

A mentions file has ~10^5 rows whose values repeat (a document's name, a place's
id and name, a section, a date): each distinct value is encoded once, and each
row is one ``%`` format of a template with its encoded values, so the work per
row is a C-level format instead of a dict and a trip through the JSON encoder
(86,000 mentions: ~0.3 s instead of ~1.2 s). The text is what ``json.dumps`` with
``ensure_ascii=False`` and compact separators gives: strings through the encoder,
floats as ``repr`` (as the encoder writes them), NaN and None as ``null``.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

_CHUNK = 20_000  # rows per piece of text handed to the file


def _default(v):
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, np.generic):
        return v.item()
    return str(v)


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=_default)


def _float(v: float) -> str:
    return "null" if v != v or v in (float("inf"), float("-inf")) else repr(v)


def _value(v) -> str:
    return _float(v) if isinstance(v, float) else dumps(v)


def encode_column(s: pd.Series) -> list[str]:
    """Each value of a column as JSON text; each distinct value is encoded once (pandas' factorize finds them)."""
    if s.dtype.kind in "iu":
        return list(map(str, s.tolist()))
    one_by_one = [_value(v) for v in s.astype(object).where(s.notna(), None).tolist()] if _equal_but_not_same(s) else None
    if one_by_one is not None:
        return one_by_one
    import pandas as pd

    try:
        codes, uniques = pd.factorize(s, use_na_sentinel=True)
    except TypeError:  # unhashable values (lists): each encoded on its own
        return [_value(v) for v in s.astype(object).where(s.notna(), None).tolist()]
    texts = [_value(v.item() if isinstance(v, np.generic) else v) for v in uniques] + ["null"]  # code -1: missing
    return np.array(texts, dtype=object)[codes].tolist()


def _equal_but_not_same(s: pd.Series) -> bool:
    """Whether factorize would merge values JSON tells apart: 0.0 and -0.0, True and 1 (equal in Python)."""
    if s.dtype.kind == "f":
        values = s.to_numpy()
        return bool(np.signbit(values[values == 0]).any())
    if s.dtype == object:
        kinds = {type(v) for v in s.dropna().tolist()}
        return bool(kinds & {bool, np.bool_}) and bool(kinds - {bool, np.bool_}) or float in kinds
    return False


def point_geometries(lon: Sequence[float], lat: Sequence[float]) -> list[str]:
    """Point geometries as JSON text ('null' where a coordinate is missing).

    A corpus's mentions name a few hundred places: each point is written once and reused (``repr`` of two
    floats per row was a third of writing the mentions). A zero is not reused: 0.0 and -0.0 are one key."""
    made: dict[tuple[float, float], str] = {}
    out = []
    for x, y in zip(lon, lat):
        text = made.get((x, y))
        if text is None:
            text = "null" if x != x or y != y else f'{{"type":"Point","coordinates":[{x!r},{y!r}]}}'
            if x and y:
                made[(x, y)] = text
        out.append(text)
    return out


def geometries(geoms: Iterable) -> list[str]:
    """Shapely geometries (or GeoJSON dicts) as JSON text; an object shared by many rows is encoded once.

    Shapely's own GeoJSON writer (GEOS, in C) is ~5x faster than converting coordinates in Python; its
    numbers read back to the same floats."""
    import shapely

    made: dict[int, tuple[object, str]] = {}
    out = []
    for g in geoms:
        hit = made.get(id(g))
        if hit is None or hit[0] is not g:
            if g is None:
                text = "null"
            elif isinstance(g, dict):
                text = dumps(g)
            else:
                text = shapely.to_geojson(g) if not g.is_empty else dumps(g.__geo_interface__)
            hit = made[id(g)] = (g, text)
        out.append(hit[1])
    return out


def _template(names: Sequence[str]) -> str:
    return ",".join(dumps(str(n)).replace("%", "%%") + ":%s" for n in names)


def feature_collection(props: pd.DataFrame, geoms: Sequence[str]) -> Iterator[str]:
    """A FeatureCollection, in pieces: one Feature per row of ``props``, with ``geoms`` (JSON text) as geometry."""
    row = '{"type":"Feature","properties":{' + _template(props.columns) + '},"geometry":%s}'
    yield '{"type":"FeatureCollection","features":['
    yield from _rows(row, props, geoms, ",")
    yield "]}"


def json_lines(props: pd.DataFrame, geoms: Sequence[str] | None = None) -> Iterator[str]:
    """One JSON object per row (with a "geometry" member when ``geoms`` is given), each ending in a newline."""
    names = list(props.columns) + (["geometry"] if geoms is not None else [])
    row = "{" + _template(names) + "}"
    for piece in _rows(row, props, geoms, "\n"):
        yield piece
    if len(props):
        yield "\n"


def _rows(template: str, props: pd.DataFrame, geoms: Sequence[str] | None, sep: str) -> Iterator[str]:
    columns = [encode_column(props[c]) for c in props.columns]
    if geoms is not None:
        columns.append(list(geoms))
    for lo in range(0, len(props), _CHUNK):
        piece = sep.join(map(template.__mod__, zip(*(c[lo:lo + _CHUNK] for c in columns))))
        yield (sep if lo else "") + piece
