"""Where the map opens: the densest cluster of mentions, and never a box Leaflet cannot draw."""
from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mapframes import articles_frame, mentions_frame
from shapely.geometry import Point

from mapapp.mapview import WORLD_BOUNDS, build_base_map, build_layers, checked_bounds, default_bounds
from mapapp.mapview.view import densest_cluster
from mapapp.snapshot import view_from_map_state


def points(rows) -> gpd.GeoDataFrame:
    """(lat, lon, kind) rows as a mentions frame with just what the view reads."""
    return gpd.GeoDataFrame(
        {"lat": [r[0] for r in rows], "lon": [r[1] for r in rows], "kind": [r[2] for r in rows]},
        geometry=[Point(r[1], r[0]) if all(map(math.isfinite, r[:2])) else None for r in rows], crs="EPSG:4326")


def contains(bounds, lat, lon) -> bool:
    (south, west), (north, east) = bounds
    return south <= lat <= north and west <= lon <= east


def test_world_news_with_nothing_at_the_median_still_gets_a_box():
    # The cause of the blank map on world news: no city lies near the median of the latitudes
    # and the median of the longitudes, and the quantiles of nothing were NaN.
    world = points([(51.5, -0.1, "city"), (40.7, -74.0, "city"), (-33.9, 151.2, "city"),
                    (35.7, 139.7, "city"), (-1.3, 36.8, "city"), (55.8, 37.6, "city")])
    bounds = default_bounds(world)
    assert checked_bounds(bounds) == bounds
    assert contains(bounds, 51.5, -0.1) and contains(bounds, 35.7, 139.7)


def test_a_regional_story_opens_on_its_cluster_not_on_far_capitals():
    gaza = [(31.5 + i / 100, 34.45 + i / 200, "city") for i in range(10)]
    story = points(gaza + [(38.9, -77.0, "city"), (51.5, -0.1, "city"), (25.3, 51.5, "city")])
    (south, west), (north, east) = default_bounds(story)
    assert 31 < south < north < 32 and 34 < west < east < 35


def test_local_places_outweigh_countries():
    story = points([(31.5, 34.45, "city"), (31.3, 34.25, "camp"),
                    (39.0, 35.0, "country"), (39.0, 35.0, "country"), (39.0, 35.0, "country")])
    (south, west), (north, east) = default_bounds(story)
    assert north < 33


@pytest.mark.parametrize("rows", [
    [],
    [(float("nan"), float("nan"), "city")],
    [(float("inf"), 34.4, "city"), (float("nan"), 10.0, "country")],
    [(200.0, 500.0, "city")],  # not a coordinate at all
])
def test_no_usable_point_shows_the_world(rows):
    assert default_bounds(points(rows)) == WORLD_BOUNDS


def test_bad_points_are_ignored_beside_good_ones():
    bounds = default_bounds(points([(float("nan"), 34.4, "city"), (float("inf"), 0.0, "city"),
                                    (31.5, 34.45, "city")]))
    assert contains(bounds, 31.5, 34.45) and checked_bounds(bounds) == bounds


def test_one_place_is_not_zoomed_to_street_level():
    (south, west), (north, east) = default_bounds(points([(31.5, 34.45, "city")]))
    assert north - south >= 0.4 and east - west >= 0.4


def test_none_and_empty_frames_agree():
    assert default_bounds(None) == default_bounds(mentions_frame().iloc[0:0]) == WORLD_BOUNDS


@pytest.mark.parametrize("box,expected", [
    ([[31.2, 34.2], [31.6, 34.6]], [[31.2, 34.2], [31.6, 34.6]]),
    ([[-89.0, -200.0], [89.0, 200.0]], [[-85.0511287798, -180.0], [85.0511287798, 180.0]]),
    ([[float("nan"), 0.0], [1.0, 1.0]], None),
    ([[0.0, 0.0], [0.0, 1.0]], None),  # no height
    ([[1.0, 0.0], [0.0, 1.0]], None),  # upside down
    ([[0.0, 0.0]], None),
    (None, None),
    ("not a box", None),
])
def test_checked_bounds(box, expected):
    assert checked_bounds(box) == expected


@settings(deadline=None)  # a timed check would flake on a busy machine; this one is about the answer
@given(st.lists(st.tuples(st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True, allow_infinity=True),
                          st.sampled_from(["city", "country", "camp"])), max_size=30))
def test_default_bounds_is_always_drawable(rows):
    bounds = default_bounds(points(rows))
    assert checked_bounds(bounds) == bounds


def test_densest_cluster_is_the_block_with_most_points():
    import pandas as pd

    lat = pd.Series([31.5, 31.6, 32.0, 51.5, -33.9])
    lon = pd.Series([34.4, 34.5, 35.0, -0.1, 151.2])
    assert densest_cluster(lat, lon).tolist() == [True, True, True, False, False]


def test_a_nan_box_makes_a_map_of_the_world_not_a_blank_one():
    page = build_base_map(bounds=[[float("nan"), float("nan")], [float("nan"), float("nan")]]).get_root().render()
    assert "NaN" not in page.split("fitBounds(")[-1][:200]
    assert str(WORLD_BOUNDS[0][0]) in page.split("fitBounds(")[-1][:200]


def test_places_without_a_finite_point_are_left_out_of_the_markers():
    mentions = mentions_frame()
    mentions.loc[0, "lat"] = np.inf  # Jabalia
    layers = build_layers(mentions, articles_frame())
    places = next(layer for layer in layers if layer.layer_name == "Places")
    (cluster,) = [c for c in places._children.values() if hasattr(c, "data")]
    ids = {row[8] for row in cluster.data}
    assert "gz:jabalia" not in ids and "gn:281102" in ids


def test_a_returned_view_with_a_nan_centre_keeps_its_box():
    state = {"bounds": {"_southWest": {"lat": 31.2, "lng": 34.2}, "_northEast": {"lat": 31.6, "lng": 34.6}},
             "center": {"lat": float("nan"), "lng": 34.4}, "zoom": 10}
    view = view_from_map_state(state)
    assert view.bounds == ((31.2, 34.2), (31.6, 34.6)) and view.center is None and not view.exact
    state["bounds"]["_southWest"]["lat"] = float("nan")
    assert view_from_map_state(state) is None


def test_a_story_about_a_city_opens_on_the_city_not_its_region():
    # Most mentions in one city, a few in towns of the same region: the finer cluster keeps most of them.
    city = [(48.85 + i / 500, 2.35 + i / 400, "neighbourhood") for i in range(20)]
    region = [(47.2, 1.5, "town"), (49.9, 2.3, "town"), (48.1, 4.1, "town")]
    (south, west), (north, east) = default_bounds(points(city + region))
    assert north - south < 1.0 and east - west < 1.0
    assert contains(((south, west), (north, east)), 48.86, 2.36)


def test_an_even_spread_over_a_region_keeps_the_region():
    towns = [(31.0 + i / 4, 34.0 + (i % 4) / 2, "town") for i in range(12)]
    (south, west), (north, east) = default_bounds(points(towns))
    assert south <= 31.25 and north >= 33.5


def test_the_territory_named_with_its_towns_is_in_the_view_and_a_large_neighbour_is_not():
    from shapely.geometry import box

    towns = points([(31.30, 34.25, "city"), (31.34, 34.30, "city"), (31.50, 34.46, "city"), (31.52, 34.47, "camp")])
    extra = gpd.GeoDataFrame({"lat": [31.42, 30.6], "lon": [34.38, 34.86], "kind": ["region", "region_part"]},
                             geometry=[box(34.22, 31.22, 34.57, 31.60), box(34.2, 29.5, 35.5, 31.5)], crs="EPSG:4326")
    story = gpd.GeoDataFrame(pd.concat([towns, extra], ignore_index=True), crs="EPSG:4326")
    (south, west), (north, east) = default_bounds(story)
    assert south < 31.22 and west < 34.22 and north > 31.60 and east > 34.57  # the territory
    assert south > 31.1 and east < 34.7  # not the large region beside it
