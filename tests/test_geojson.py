"""mapapp.geojson: the text json.dumps would give, row for row, for awkward values and names."""
from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, Polygon

from mapapp.geojson import feature_collection, geometries, json_lines, point_geometries


def _reference(records, geoms):
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": r, "geometry": g} for r, g in zip(records, geoms)]},
        ensure_ascii=False, separators=(",", ":"))


def test_awkward_values_and_names_come_out_as_json_dumps_writes_them():
    props = pd.DataFrame({
        "50%": ["a\"b\\c", "${x} <script>", "غزة", None],
        "n": [1, 2, 3, 4],
        "x": [0.1, float("nan"), 1e-7, 12345678.5],
        "zero": [0.0, -0.0, 0.0, -0.0],
        "mixed": pd.Series([True, 1, None, 0.0], dtype=object),
        "literal": [True, False, None, True],
        "date": [dt.date(2025, 2, 11), None, "2025-02-12", None],
        "i64": np.array([5, 6, 7, 8], dtype="int64"),
    })
    shape = Polygon([(0, 0), (1, 0), (1, 1)])
    geoms = geometries([Point(1.5, 2.25), shape, None, shape])
    text = "".join(feature_collection(props, geoms))
    records = [
        {"50%": "a\"b\\c", "n": 1, "x": 0.1, "zero": 0.0, "mixed": True, "literal": True, "date": "2025-02-11", "i64": 5},
        {"50%": "${x} <script>", "n": 2, "x": None, "zero": -0.0, "mixed": 1, "literal": False, "date": None, "i64": 6},
        {"50%": "غزة", "n": 3, "x": 1e-7, "zero": 0.0, "mixed": None, "literal": None, "date": "2025-02-12", "i64": 7},
        {"50%": None, "n": 4, "x": 12345678.5, "zero": -0.0, "mixed": 0.0, "literal": True, "date": None, "i64": 8},
    ]
    ref_geoms = [{"type": "Point", "coordinates": [1.5, 2.25]}, shape.__geo_interface__, None, shape.__geo_interface__]
    assert json.loads(text) == json.loads(_reference(records, ref_geoms))


def test_json_lines_are_one_object_a_line():
    props = pd.DataFrame({"doc": ["a", "b"], "lat": [1.0, float("nan")]})
    lines = "".join(json_lines(props, point_geometries([2.0, 3.0], [1.0, float("nan")]))).splitlines()
    assert [json.loads(line) for line in lines] == [
        {"doc": "a", "lat": 1.0, "geometry": {"type": "Point", "coordinates": [2.0, 1.0]}},
        {"doc": "b", "lat": None, "geometry": None},
    ]
    assert "".join(json_lines(props.iloc[:0])) == ""


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.text(), st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)),
                          st.integers(-2**40, 2**40)), max_size=30))
def test_any_rows_match_json_dumps(rows):
    props = pd.DataFrame(rows, columns=["s", "f", "i"]).astype({"f": "float64"}) if rows else \
        pd.DataFrame({"s": [], "f": [], "i": []})
    text = "".join(feature_collection(props, ["null"] * len(props)))
    records = [{"s": s, "f": f, "i": i} for s, f, i in rows]
    assert text == _reference(records, [None] * len(rows))


def test_points_written_once_a_place_read_as_each_row_on_its_own():
    nan = float("nan")
    lon = [34.45, 34.45, 0.0, -0.0, -0.0, nan, 34.45, 1e-07, 2.5]
    lat = [31.5, 31.5, 5.0, 5.0, 5.0, 1.0, nan, 3.0, -0.0]
    plain = ["null" if x != x or y != y else json.dumps({"type": "Point", "coordinates": [x, y]}, separators=(",", ":"))
             for x, y in zip(lon, lat)]
    assert point_geometries(lon, lat) == plain
    assert '"coordinates":[-0.0,5.0]' in point_geometries(lon, lat)[3]


def _joined(pieces) -> bytes:
    return b"".join(bytes(p) for p in pieces)


def test_utf8_pieces_are_the_same_text_encoded_for_rows_short_or_long():
    props = pd.DataFrame({"doc": ["غزة", "b", "c"], "n": [1, 2, 3]})
    ring = [(float(i), float(i % 7)) for i in range(200)] + [(0.0, 0.0)]
    shape = Polygon(ring)  # its text is thousands of characters: such rows are put together another way
    for geoms in (geometries([Point(1.5, 2.0), None, Point(-0.0, 0.0)]), geometries([shape, shape, None])):
        text = "".join(feature_collection(props, geoms))
        assert _joined(feature_collection(props, geoms, utf8=True)) == text.encode()
        assert json.loads(text)["features"][1] == {"type": "Feature", "properties": {"doc": "b", "n": 2},
                                                   "geometry": json.loads(geoms[1])}
        lines = "".join(json_lines(props, geoms))
        assert _joined(json_lines(props, geoms, utf8=True)) == lines.encode()
        assert [json.loads(line)["doc"] for line in lines.splitlines()] == ["غزة", "b", "c"]
    assert _joined(feature_collection(props.iloc[:0], [], utf8=True)) == b'{"type":"FeatureCollection","features":[]}'
