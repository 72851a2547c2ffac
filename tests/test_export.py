"""mapapp.export: the filtered mentions (points) and the places they name (shapes once), read back by their readers."""
from __future__ import annotations

import io

import pandas as pd
import pyogrio

from mapapp.kinds import ZONE_KINDS
import pytest
import shapely

from mapapp import filters
from mapapp.export import LAYERS, export_bytes, export_layers, write_export
from mapapp.io import OutputError
from mapapp.output import GEOJSON_POINT_FIELDS, MENTION_FIELDS, PLACE_FIELDS
from mapframes import EGYPT, mentions_frame


def test_places_are_one_row_per_place_with_its_shape_and_counts():
    places = export_layers(mentions_frame())["places"]
    assert list(places.columns) == [*PLACE_FIELDS, "geometry"]
    assert list(places["place_id"]) == ["gz:jabalia", "zone:netzarim-corridor", "gn:357994", "gn:281102", "gn:4140963",
                                        "zone:south-of-rafah"]
    egypt = places.set_index("place_id").loc["gn:357994"]
    assert egypt["mentions"] == 2 and egypt["articles"] == 2 and egypt.geometry.equals(EGYPT)
    assert egypt["first_date"] == egypt["last_date"] == "2025-02-11"  # b.txt is undated
    described = places.set_index("place_id").loc["zone:south-of-rafah"]
    assert described["rule"] == "south_of" and described["basis"] == "gn:281102" and pd.isna(described["first_date"])


def test_geojson_mentions_are_points_and_places_hold_the_shapes(tmp_path):
    mentions = mentions_frame()
    back = pyogrio.read_dataframe(write_export(mentions, tmp_path / "m.geojson"))
    assert len(back) == len(mentions) and list(back["surface"]) == list(mentions["surface"])
    assert set(GEOJSON_POINT_FIELDS) <= set(back.columns)
    assert list(back["date_source"]) == list(mentions["date_source"])
    # Places are points; a zone (the corridor, "south of Rafah") keeps its shape: it has no point of its own.
    assert list(back.geom_type != "Point") == list(mentions["kind"].isin(ZONE_KINDS))
    places = pyogrio.read_dataframe(write_export(mentions, tmp_path / "p.geojson", layer="places"))
    assert set(PLACE_FIELDS) <= set(places.columns) and places["place_id"].is_unique
    assert set(back["place_id"]) == set(places["place_id"])
    assert set(places.geom_type) == {"Point", "Polygon"}


def test_geopackage_holds_mentions_and_places_layers(tmp_path):
    mentions = mentions_frame()
    path = write_export(mentions, tmp_path / "out.gpkg")
    layers = dict(pyogrio.list_layers(path))
    assert set(layers) == set(LAYERS) == {"mentions", "places"}
    back = pyogrio.read_dataframe(path, layer="mentions")
    assert list(back.geom_type != "Point") == list(mentions["kind"].isin(ZONE_KINDS))
    assert len(back) == len(mentions) and set(MENTION_FIELDS) <= set(back.columns)
    assert list(back["date_source"]) == list(mentions["date_source"])  # a stated date, or none
    assert back.crs.to_epsg() == 4326
    places = pyogrio.read_dataframe(path, layer="places")
    assert len(places) == 6 and set(back["place_id"]) <= set(places["place_id"])


def test_csv_mentions_have_lat_lon_and_places_their_shape_as_wkt():
    mentions = mentions_frame()
    table = pd.read_csv(io.BytesIO(export_bytes(mentions, "csv")))
    assert {"lat", "lon", "place_id"} <= set(table.columns) and "wkt" not in table.columns
    assert list(table["date_source"]) == ["header"] * 4 + ["none"] * 4
    assert len(table) == len(mentions)
    for geom, lat, lon in zip(mentions.geometry, table["lat"], table["lon"]):
        assert geom.buffer(1e-6).contains(shapely.Point(lon, lat))  # the place's point is on its shape
    places = pd.read_csv(io.BytesIO(export_bytes(mentions, "csv", layer="places")))
    corridor = places.set_index("place_id").loc["zone:netzarim-corridor"]
    assert shapely.from_wkt(corridor["wkt"]).equals(mentions.geometry[1])


def test_export_follows_the_filters_and_an_empty_selection_still_writes_both_layers(tmp_path):
    cities = filters.apply_filters(mentions_frame(), filters.FilterState(kinds=("city",)))
    path = write_export(cities, tmp_path / "cities.gpkg")
    assert len(pyogrio.read_dataframe(path, layer="mentions")) == 3
    assert pyogrio.read_info(path, layer="places")["features"] == 2
    empty = write_export(mentions_frame().iloc[:0], tmp_path / "empty.gpkg")
    assert {name for name, _ in pyogrio.list_layers(empty)} == {"mentions", "places"}


def test_bad_format_or_layer_is_an_output_error(tmp_path):
    with pytest.raises(OutputError):
        write_export(mentions_frame(), tmp_path / "m.xlsx")
    with pytest.raises(OutputError):
        write_export(mentions_frame(), tmp_path / "m.csv", layer="zones")
    assert not list(tmp_path.iterdir())
