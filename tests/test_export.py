"""mapapp.export: filtered mentions and zones as GeoJSON, CSV and GeoPackage, read back by their readers."""
from __future__ import annotations

import io

import pandas as pd
import pyogrio
import pytest
import shapely

from mapapp import filters
from mapapp.export import ZONE_COLUMNS, export_bytes, write_export, zones_frame
from mapapp.io import OutputError
from mapapp.model import MENTION_COLUMNS
from mapframes import mentions_frame


def test_zones_are_the_zone_shapes_with_their_mention_counts():
    zones = zones_frame(mentions_frame())
    assert list(zones.columns) == [*ZONE_COLUMNS, "geometry"]
    assert sorted(zones["place_id"]) == ["zone:netzarim-corridor", "zone:south-of-rafah"]
    described = zones.set_index("place_id").loc["zone:south-of-rafah"]
    assert described["rule"] == "south_of" and described["basis"] == "gn:281102"
    assert described["mentions"] == 1 and described["article_ids"] == "b.txt"
    assert pd.isna(described["first_date"])  # b.txt is undated
    corridor = zones.set_index("place_id").loc["zone:netzarim-corridor"]
    assert corridor["first_date"] == corridor["last_date"] == "2025-02-11"
    assert set(zones.geom_type) == {"Polygon"}


def test_geojson_round_trips_through_pyogrio(tmp_path):
    mentions = mentions_frame()
    path = write_export(mentions, tmp_path / "m.geojson")
    back = pyogrio.read_dataframe(path)
    assert len(back) == len(mentions)
    assert set(MENTION_COLUMNS) <= set(back.columns)
    assert set(back.geom_type) == {"Point", "Polygon"}
    assert list(back["surface"]) == list(mentions["surface"])
    zones = pyogrio.read_dataframe(write_export(mentions, tmp_path / "z.geojson", layer="zones"))
    assert len(zones) == 2 and set(ZONE_COLUMNS) <= set(zones.columns)


def test_geopackage_holds_mentions_and_zones_layers(tmp_path):
    mentions = mentions_frame()
    path = write_export(mentions, tmp_path / "out.gpkg")
    layers = dict(pyogrio.list_layers(path))
    assert set(layers) == {"mentions", "zones"}
    assert layers["zones"] == "Polygon"
    back = pyogrio.read_dataframe(path, layer="mentions")
    assert len(back) == len(mentions)
    assert set(MENTION_COLUMNS) <= set(back.columns)
    assert set(back.geom_type) == {"Point", "Polygon"}
    assert back.crs.to_epsg() == 4326
    zones = pyogrio.read_dataframe(path, layer="zones")
    assert len(zones) == 2 and set(ZONE_COLUMNS) <= set(zones.columns)


def test_csv_has_lat_lon_and_wkt_matching_the_geometry():
    mentions = mentions_frame()
    table = pd.read_csv(io.BytesIO(export_bytes(mentions, "csv")))
    assert {"lat", "lon", "wkt"} <= set(table.columns)
    assert len(table) == len(mentions)
    for wkt, geom, lat, lon in zip(table["wkt"], mentions.geometry, table["lat"], table["lon"]):
        assert shapely.from_wkt(wkt).equals(geom)
        assert geom.buffer(1e-6).contains(shapely.Point(lon, lat))
    zones = pd.read_csv(io.BytesIO(export_bytes(mentions, "csv", layer="zones")))
    assert {"lat", "lon", "wkt"} <= set(zones.columns) and len(zones) == 2


def test_export_follows_the_filters_and_an_empty_selection_still_writes_both_layers(tmp_path):
    cities = filters.apply_filters(mentions_frame(), filters.FilterState(kinds=("city",)))
    path = write_export(cities, tmp_path / "cities.gpkg")
    assert len(pyogrio.read_dataframe(path, layer="mentions")) == 3
    assert pyogrio.read_info(path, layer="zones")["features"] == 0
    empty = write_export(mentions_frame().iloc[:0], tmp_path / "empty.gpkg")
    assert {name for name, _ in pyogrio.list_layers(empty)} == {"mentions", "zones"}


def test_bad_format_or_layer_is_an_output_error(tmp_path):
    with pytest.raises(OutputError):
        write_export(mentions_frame(), tmp_path / "m.xlsx")
    with pytest.raises(OutputError):
        write_export(mentions_frame(), tmp_path / "m.csv", layer="roads")
    assert not list(tmp_path.iterdir())
