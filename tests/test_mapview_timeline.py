"""Zones through time: when a named zone held, which held on a day or in a range, where play stops."""
from __future__ import annotations

import datetime as dt

import geopandas as gpd
from shapely.geometry import LineString, box

from mapapp.mapview import build_layers, build_map
from mapapp.mapview.timeline import held, in_force, parse_day, periods_of, steps
from mapframes import PAYLOAD, articles_frame, mentions_frame

D = dt.date


def zones() -> gpd.GeoDataFrame:
    rows = [
        ("zone:corridor", "Corridor", "corridor", "2023-11", "2025-02-09",
         [{"from": "2023-11", "to": "2025-02-09"}, {"from": "2025-03-19", "to": "2025-10-10"}], box(34.3, 31.4, 34.5, 31.45)),
        ("zone:line", "Line", "line", "2025-10-10", None, None, LineString([(34.5, 31.6), (34.3, 31.3)])),
        ("zone:undated", "Buffer", "area", None, None, None, box(34.2, 31.2, 34.3, 31.3)),
        ("gz:gov", "A governorate", "governorate", "2000-01-01", None, None, box(34.2, 31.2, 34.6, 31.6)),
    ]
    return gpd.GeoDataFrame([dict(zip(["place_id", "name", "kind", "valid_from", "valid_to", "periods", "geometry"], r))
                             for r in rows], geometry="geometry", crs="EPSG:4326")


def test_days_and_months_parse_and_a_month_ends_on_its_last_day():
    assert parse_day("2025-02-09") == D(2025, 2, 9)
    assert parse_day("2025-04") == D(2025, 4, 1) and parse_day("2024-02", end=True) == D(2024, 2, 29)
    assert parse_day(None) is None and parse_day("soon") is None and parse_day(float("nan")) is None


def test_periods_win_over_the_single_span_and_undated_has_none():
    assert periods_of("2023-11", "2025-02-09", [{"from": "2025-03-19", "to": None}]) == [(D(2025, 3, 19), None)]
    assert periods_of("2025-10-10", None) == [(D(2025, 10, 10), None)]
    assert periods_of(None, None, None) == [] and periods_of(None, None, [{"x": 1}]) == []
    assert held([(None, D(2025, 2, 9))], D(2025, 2, 9), D(2025, 2, 9))
    assert not held([(None, D(2025, 2, 9))], D(2025, 2, 10), D(2025, 3, 1))


def test_the_zones_in_force_change_with_the_day():
    z = zones()
    assert list(in_force(z, D(2025, 2, 1), D(2025, 2, 1))["place_id"]) == ["zone:corridor"]
    assert list(in_force(z, D(2025, 2, 20), D(2025, 2, 20))["place_id"]) == []  # between its two periods
    assert list(in_force(z, D(2025, 11, 1), D(2025, 11, 1))["place_id"]) == ["zone:line"]
    assert list(in_force(z, D(2025, 10, 1), D(2025, 10, 31))["place_id"]) == ["zone:corridor", "zone:line"]
    assert "2025-03-19" in in_force(z, D(2025, 4, 1), D(2025, 4, 1))["held"].iloc[0]
    assert in_force(None, D(2025, 1, 1), D(2025, 1, 1)).empty


def test_play_stops_on_article_days_and_zone_changes_inside_the_span():
    days = steps(["2025-01-20", "2025-02-11", None, "2025-11-24"], zones(), (D(2025, 1, 20), D(2025, 11, 24)))
    assert days == [D(2025, 1, 20), D(2025, 2, 10), D(2025, 2, 11), D(2025, 3, 19), D(2025, 10, 10),
                    D(2025, 10, 11), D(2025, 11, 24)]


def test_a_day_draws_its_zones_with_their_names_and_the_date_on_the_map():
    z = zones()
    z.loc[0, "name"] = PAYLOAD
    layers = build_layers(mentions_frame(), articles_frame(), named_zones=z, when=(D(2025, 2, 1), D(2025, 2, 1)))
    names = [layer.layer_name for layer in layers]
    assert "Zones in force on 2025-02-01" in names
    html = build_map(mentions_frame(), articles_frame(), z, when=(D(2025, 2, 1), D(2025, 2, 1))).get_root().render()
    assert "mapapp-inforce-zone-corridor" in html and "mapapp-inforce-zone-line" not in html
    assert "2025-02-01" in html and "<script>alert" not in html
    later = build_map(mentions_frame(), articles_frame(), z, when=(D(2025, 11, 1), D(2025, 11, 1))).get_root().render()
    assert "mapapp-inforce-zone-line" in later and "mapapp-inforce-zone-corridor" not in later
    assert "Zones in force" not in build_map(mentions_frame(), articles_frame(), z).get_root().render()
