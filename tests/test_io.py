"""mapapp.io: every format follows the output model (mentions as points, places each shape once), atomically."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pandas as pd
import pyogrio
import pytest
import shapely

from mapapp.io import OutputError, places_path_for, read_table, write_results
from mapapp.output import GEOJSON_POINT_FIELDS, MENTION_FIELDS, PLACE_FIELDS, from_mentions
from test_output import corpus

FORMATS = [".geojson", ".csv", ".jsonl", ".gpkg", ".parquet"]


def _layers(path):
    """(mentions, places) as written: a GeoPackage's two layers, else the file and the one beside it."""
    if path.suffix == ".gpkg":
        return read_table(path, layer="mentions"), read_table(path, layer="places")
    return read_table(path), read_table(places_path_for(path))


def dated_corpus():
    """corpus() with a.txt dated by a "Published" line and b.txt undated."""
    return [replace(m, date=dt.date(2025, 3, 3), date_source="published") if m.article_id == "a.txt" else m
            for m in corpus()]


@pytest.mark.parametrize("ext", FORMATS)
def test_each_format_writes_mentions_as_points_and_each_place_shape_once(tmp_path, ext):
    results = from_mentions(dated_corpus())
    written = write_results(results, tmp_path / f"m{ext}")
    expected = [tmp_path / "m.gpkg"] if ext == ".gpkg" else [tmp_path / f"m{ext}", tmp_path / f"m.places{ext}"]
    assert written == expected and sorted(tmp_path.iterdir()) == sorted(expected)  # nothing else, no temporary file
    if ext == ".gpkg":
        assert dict(pyogrio.list_layers(written[0])) == {"mentions": "Point", "places": "Unknown"}
    mentions, places = _layers(written[0])
    fields = GEOJSON_POINT_FIELDS if ext == ".geojson" else MENTION_FIELDS  # GeoJSON: the point is the geometry
    assert len(mentions) == len(results) and set(fields) <= set(mentions.columns)
    assert list(mentions.geometry.x) == list(results.rows["lon"]) and list(mentions.geometry.y) == list(results.rows["lat"])
    assert set(mentions.geom_type) == {"Point"}
    assert list(mentions["surface"]) == list(results.rows["surface"])
    # How each article's date was found, beside the date: a stated date is told from a guess or none.
    assert list(mentions["date_source"]) == ["published"] * 3 + ["none"] * 3
    assert [None if pd.isna(d) else str(d)[:10] for d in mentions["date"]] == ["2025-03-03"] * 3 + [None] * 3
    assert set(PLACE_FIELDS) <= set(places.columns) and places["place_id"].is_unique
    assert set(mentions["place_id"]) == set(places["place_id"])  # every mention's place finds its shape
    shapes = dict(zip(places["place_id"], places.geometry))
    for pid, geom in results.shapes.items():
        assert shapes[pid].equals_exact(geom, 1e-6), pid  # CSV keeps 6 decimals of a degree (~0.1 m)


def test_geojson_points_carry_lat_lon_and_the_scorer_reads_them(tmp_path):
    path = write_results(from_mentions(corpus()), tmp_path / "m.geojson")[0]
    doc = json.loads(path.read_text(encoding="utf-8"))
    first = doc["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [30.0, 26.0]}
    assert list(first["properties"]) == list(GEOJSON_POINT_FIELDS)
    assert first["properties"]["literal"] is None and first["properties"]["date"] is None


def test_shape_mode_gives_each_mention_its_place_shape_simplified(tmp_path):
    path = write_results(from_mentions(corpus()), tmp_path / "m.geojson", geometry="shape", places=False)[0]
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    assert [f["geometry"]["type"] for f in features] == ["Polygon", "Point", "Polygon", "Polygon", "Polygon", "LineString"]
    egypt = shapely.geometry.shape(features[0]["geometry"])
    assert egypt.symmetric_difference(corpus()[0].geometry).area < 0.01 * egypt.area
    assert not (tmp_path / "m.places.geojson").exists()


def test_the_places_go_where_asked(tmp_path):
    results = from_mentions(corpus())
    written = write_results(results, tmp_path / "m.csv", places=tmp_path / "shapes" / "p.gpkg")
    assert written == [tmp_path / "m.csv", tmp_path / "shapes" / "p.gpkg"]
    assert len(read_table(written[1])) == len(results.shapes)
    csv_places = write_results(results, tmp_path / "n.csv")[1]
    assert "wkt" in csv_places.read_text(encoding="utf-8").splitlines()[0].split(",")


def test_unknown_formats_fail_before_anything_is_written(tmp_path):
    results = from_mentions(corpus())
    with pytest.raises(OutputError, match="unknown output format"):
        write_results(results, tmp_path / "m.xlsx")
    with pytest.raises(OutputError, match="unknown output format"):
        write_results(results, tmp_path / "m.geojson", places=tmp_path / "p.shp")
    with pytest.raises(ValueError):
        write_results(results, tmp_path / "m.geojson", geometry="blob")
    with pytest.raises(OutputError, match="overwrite"):
        write_results(results, tmp_path / "m.geojson", places=tmp_path / "m.geojson")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("ext", [".geojson", ".csv", ".jsonl"])  # GeoPackage and Parquet carry write times
def test_writing_twice_gives_the_same_bytes(tmp_path, ext):
    results = from_mentions(corpus())
    a = [p.read_bytes() for p in write_results(results, tmp_path / f"a{ext}")]
    b = [p.read_bytes() for p in write_results(from_mentions(corpus()), tmp_path / f"b{ext}")]
    assert a == b


def test_places_path_for_files_and_folders(tmp_path):
    assert places_path_for(tmp_path / "m.geojson") == tmp_path / "m.places.geojson"
    assert places_path_for(tmp_path / "out") == tmp_path / "out.places.parquet"


def test_prune_builds_keeps_the_newest_and_the_one_in_use(tmp_path):
    import os
    import time

    from mapapp.io import prune_builds

    folders = [tmp_path / f"compiled-{i}" for i in range(5)]
    for i, f in enumerate(folders):
        f.mkdir()
        os.utime(f, (time.time() - 100 + i, time.time() - 100 + i))
    stale, fresh = tmp_path / ".compiled-old", tmp_path / ".compiled-new"
    stale.mkdir(), fresh.mkdir()
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    (tmp_path / "matcher-0").mkdir()
    prune_builds(tmp_path, "compiled", keep=folders[0], builds=3)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [".compiled-new", "compiled-0", "compiled-3", "compiled-4", "matcher-0"]


def test_a_sealed_folder_checks_each_file_as_it_is_read_and_the_unread_ones_on_demand(tmp_path):
    from mapapp.io import atomic_folder, open_sealed, seal_folder

    target = tmp_path / "built"
    with atomic_folder(target) as tmp:
        (tmp / "a.bin").write_bytes(b"alpha")
        (tmp / "b.bin").write_bytes(b"beta")
        seal_folder(tmp, {"format": 1})
    sealed = open_sealed(target, 1)
    assert sealed.read_bytes("a.bin") == b"alpha"
    sealed.check_unread()  # b.bin is read and matches
    (target / "b.bin").write_bytes(b"bets")  # same size, other bytes
    sealed = open_sealed(target, 1)
    assert sealed.read_bytes("a.bin") == b"alpha"
    with pytest.raises(ValueError, match="b.bin"):
        sealed.check_unread()
    with pytest.raises(ValueError, match="b.bin"):
        open_sealed(target, 1).read_bytes("b.bin")
    with pytest.raises(ValueError, match="not one of"):
        open_sealed(target, 1).read_bytes("meta.json")
    with pytest.raises(ValueError, match="format"):
        open_sealed(target, 2)
