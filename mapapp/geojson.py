"""GeoJSON and JSON-lines text for many rows, made fast.

A mentions file has ~10^5 rows whose values repeat (a document's name, a place's
id and name, a section, a date): each distinct value is encoded once, and the rows
are put together from the encoded values in C (Arrow's string kernels; rows that
carry whole shapes: one ``%`` format of a template each), instead of a dict and a
trip through the JSON encoder per row (86,000 mentions: ~0.15 s instead of ~1.2 s,
UTF-8 bytes straight to the file). The text is what ``json.dumps`` with
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


# What json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=_default) makes, without a new
# encoder per call (a column's distinct values are tens of thousands: making the encoder was half their cost)
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_default)


def dumps(obj) -> str:
    return _ENCODER.encode(obj)


def _float(v: float) -> str:
    return "null" if v != v or v in (float("inf"), float("-inf")) else repr(v)


def _value(v) -> str:
    return _float(v) if isinstance(v, float) else dumps(v)


def encode_column(s: pd.Series) -> tuple[list[str], np.ndarray | None]:
    """A column's values as JSON text: each distinct value's text once and each row's code into them (codes
    None: one text per row). pandas' factorize finds the distinct values."""
    if s.dtype.kind in "iu":
        return list(map(str, s.tolist())), None
    if _equal_but_not_same(s):
        return [_value(v) for v in s.astype(object).where(s.notna(), None).tolist()], None
    import pandas as pd

    try:
        codes, uniques = pd.factorize(s, use_na_sentinel=True)
    except TypeError:  # unhashable values (lists): each encoded on its own
        return [_value(v) for v in s.astype(object).where(s.notna(), None).tolist()], None
    texts = [_value(v.item() if isinstance(v, np.generic) else v) for v in uniques] + ["null"]  # code -1: missing
    return texts, np.where(codes < 0, len(texts) - 1, codes)


def _shared_texts(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """Texts many rows share (the same geometry's text object) as distinct texts and codes, told apart by
    identity: hashing a country's text would read all of it."""
    ids = np.fromiter(map(id, texts), dtype=np.int64, count=len(texts))
    _, first, codes = np.unique(ids, return_index=True, return_inverse=True)
    return [texts[i] for i in first.tolist()], codes


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
    floats per row was a third of writing the mentions). Points are told apart by their bits, so 0.0 and
    -0.0 (equal numbers, different text) stay apart."""
    import pandas as pd

    x, y = np.ascontiguousarray(lon, dtype=np.float64), np.ascontiguousarray(lat, dtype=np.float64)
    if not len(x):
        return []
    x_code, _ = pd.factorize(x.view(np.int64))
    y_code, _ = pd.factorize(y.view(np.int64))
    _, first, codes = np.unique(x_code.astype(np.int64) * len(x) + y_code, return_index=True, return_inverse=True)
    texts = ["null" if a != a or b != b else f'{{"type":"Point","coordinates":[{a!r},{b!r}]}}'
             for a, b in zip(x[first].tolist(), y[first].tolist())]
    return np.array(texts, dtype=object)[codes].tolist()


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


def _literals(head: str, names: Sequence[str], tail: str) -> list[str]:
    """The text around each value of a row: ``head`` and the first name, then each next name, then ``tail``."""
    keys = [dumps(str(n)) + ":" for n in names]
    return [head + ("".join(keys[:1]))] + ["," + k for k in keys[1:]] + [tail] if keys else [head + tail]


def feature_collection(props: pd.DataFrame, geoms: Sequence[str], *, utf8: bool = False) -> Iterator:
    """A FeatureCollection, in pieces: one Feature per row of ``props``, with ``geoms`` (JSON text) as geometry.
    ``utf8``: the pieces as UTF-8 bytes (bytes-like: for a file opened in binary), not str."""
    names = list(props.columns)
    literals = _literals('{"type":"Feature","properties":{', names, "")
    literals[-1] += '},"geometry":'
    literals.append("}")
    yield _text('{"type":"FeatureCollection","features":[', utf8)
    yield from _rows(literals, props, geoms, ",", utf8)
    yield _text("]}", utf8)


def json_lines(props: pd.DataFrame, geoms: Sequence[str] | None = None, *, utf8: bool = False) -> Iterator:
    """One JSON object per row (with a "geometry" member when ``geoms`` is given), each ending in a newline;
    ``utf8`` as in `feature_collection`."""
    names = list(props.columns) + (["geometry"] if geoms is not None else [])
    yield from _rows(_literals("{", names, "}"), props, geoms, "\n", utf8)
    if len(props):
        yield _text("\n", utf8)


def _text(text: str, utf8: bool):
    return text.encode() if utf8 else text


def _rows(literals: list[str], props: pd.DataFrame, geoms: Sequence[str] | None, sep: str, utf8: bool) -> Iterator:
    """Rows of ``literals`` with each column's text between them, joined by ``sep``, in pieces."""
    columns = [encode_column(props[c]) for c in props.columns]
    if geoms is not None:
        columns.append(_shared_texts(geoms) if len(geoms) else ([], None))
    if _chars(columns) <= _ARROW_ROW_CHARS * len(props):
        try:
            yield from _joined_in_arrow(literals, columns, len(props), sep, utf8)
            return
        except UnicodeEncodeError:  # text UTF-8 cannot hold (lone surrogates), met before any piece is yielded
            pass
    template = "%s".join(t.replace("%", "%%") for t in literals)
    rows = [texts if codes is None else np.array(texts, dtype=object)[codes].tolist() for texts, codes in columns]
    for lo in range(0, len(props), _CHUNK):
        piece = sep.join(map(template.__mod__, zip(*(c[lo:lo + _CHUNK] for c in rows))))
        yield _text((sep if lo else "") + piece, utf8)


# Arrow copies a row's text more often than a ``%`` format does: where rows carry whole shapes (geometry="shape"),
# copying is the cost and Python's format is the faster; for rows of short values (points), Arrow's C loop is.
_ARROW_ROW_CHARS = 1000


def _chars(columns: list) -> int:
    """How many characters the columns' texts fill, row by row."""
    total = 0
    for texts, codes in columns:
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        total += int(lengths.sum() if codes is None else lengths[codes].sum())
    return total


def _joined_in_arrow(literals: list[str], columns: list, n: int, sep: str, utf8: bool) -> Iterator:
    """The rows put together by Arrow's string kernels, in C: the same text as a ``%`` format row by row, in
    a fraction of the time (formatting 86,000 rows row by row was half of writing the mentions). With ``utf8``
    the text stays Arrow's UTF-8 bytes: decoding it to str for the file to encode again took as long."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pa.large_string()
    pieces = [pa.scalar(t, text) for t in literals]
    # each distinct text converted once; raises on text UTF-8 cannot hold, before a piece is yielded
    arrays = [pa.array(texts, text) if codes is None else pa.array(texts, text).take(pa.array(codes))
              for texts, codes in columns]
    for lo in range(0, n, _CHUNK):
        count = min(_CHUNK, n - lo)
        parts = [pieces[0]]
        for array, piece in zip(arrays, pieces[1:]):
            parts += [array.slice(lo, count), piece]
        rows = pc.binary_join_element_wise(*parts, pa.scalar("", text))
        joined = pc.binary_join(pa.LargeListArray.from_arrays(pa.array([0, count], pa.int64()), rows),
                                pa.scalar(sep, text))[0]
        if lo:
            yield _text(sep, utf8)
        yield joined.as_buffer() if utf8 else joined.as_py()
