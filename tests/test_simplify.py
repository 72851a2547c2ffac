"""Shapes for the browser: simplified in metres by their size, rounded, remembered; uncertainty bands."""
from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Point, Polygon, shape

from mapapp.simplify import MAX_TOLERANCE_M, display_geometry, uncertainty_geometry

M_PER_DEG_LAT = 111_000


def wiggly(cx: float, cy: float, radius_deg: float, n: int = 4000, wiggle: float = 0.002) -> Polygon:
    """A circle-ish outline with many small wiggles: lots of vertices a screen cannot show."""
    return Polygon([
        (cx + radius_deg * (1 + wiggle * math.sin(40 * t)) * math.cos(t) / math.cos(math.radians(cy)),
         cy + radius_deg * (1 + wiggle * math.sin(40 * t)) * math.sin(t))
        for t in (2 * math.pi * i / n for i in range(n))
    ])


def _moved_m(original, drawn) -> float:
    """How far (metres) the drawn outline strays from the original's, measured on an equidistant
    projection centred on the shape."""
    c = original.centroid
    to_m = Transformer.from_crs(4326, f"+proj=aeqd +lat_0={c.y} +lon_0={c.x} +datum=WGS84", always_xy=True)
    a, b = (shapely.transform(g.boundary, lambda xy: np.column_stack(to_m.transform(xy[:, 0], xy[:, 1])))
            for g in (original, drawn))
    return shapely.hausdorff_distance(a, b)


def test_gaza_sized_shape_keeps_about_100_m_of_detail():
    strip = wiggly(34.4, 31.4, 0.2)  # ~45 km across, like the Gaza Strip
    drawn = shape(display_geometry(strip))
    assert shapely.get_num_coordinates(drawn) < shapely.get_num_coordinates(strip) / 4
    assert _moved_m(strip, drawn) < 200  # ~110 m tolerance plus rounding


def test_country_sized_shape_is_simplified_to_at_most_a_couple_of_km():
    country = wiggly(30.0, 26.0, 6.0, wiggle=0.01)  # ~1,300 km across, like Egypt
    drawn = shape(display_geometry(country))
    assert shapely.get_num_coordinates(drawn) < 400
    assert _moved_m(country, drawn) < MAX_TOLERANCE_M * 1.5
    assert shape(display_geometry(country)).area == pytest.approx(country.area, rel=0.01)


def test_same_tolerance_on_the_ground_far_north():
    # A degree of longitude is half as long at 60N: the metric simplification still keeps the outline within bounds.
    north = wiggly(30.0, 60.0, 0.2)
    assert _moved_m(north, shape(display_geometry(north))) < 200


def test_coordinates_are_rounded_and_points_pass_through():
    point = display_geometry(Point(34.123456789, 31.987654321))
    assert point == {"type": "Point", "coordinates": (34.12346, 31.98765)}
    drawn = display_geometry(wiggly(30.0, 26.0, 6.0))
    xs = [x for ring in drawn["coordinates"] for x, _ in ring]
    assert all(round(x, 3) == x for x in xs)  # ~100 m of rounding once vertices may move 1 km or more


def test_specks_smaller_than_the_tolerance_are_dropped_but_not_the_main_land():
    land = wiggly(30.0, 26.0, 6.0)
    speck = Point(45.0, 26.0).buffer(0.001)  # ~100 m across, far under a 2 km tolerance
    drawn = shape(display_geometry(shapely.MultiPolygon([land, speck])))
    assert drawn.geom_type == "Polygon"
    lone = shape(display_geometry(shapely.MultiPolygon([speck, Point(46.0, 26.0).buffer(0.0005)])))
    assert not lone.is_empty  # a shape made only of specks keeps its largest part


def test_missing_and_empty_shapes_draw_nothing():
    assert display_geometry(None) is None and display_geometry(Polygon()) is None
    assert uncertainty_geometry(None, 100.0) is None
    assert uncertainty_geometry(Point(34.4, 31.4).buffer(0.01), float("nan")) is None


def test_uncertainty_band_surrounds_the_shape_by_about_its_metres():
    corridor = Polygon([(34.30, 31.46), (34.50, 31.42), (34.50, 31.43), (34.30, 31.47)])
    band = shape(uncertainty_geometry(corridor, 1000.0))
    assert band.contains(corridor)
    grown = (band.bounds[3] - corridor.bounds[3]) * M_PER_DEG_LAT
    assert 800 < grown < 1200


def test_the_same_shape_is_simplified_once():
    from mapapp import simplify as shapes

    strip = wiggly(34.41, 31.39, 0.19)  # a shape no other test draws
    before = shapes._display.cache_info().misses
    first = display_geometry(strip)
    again = display_geometry(shapely.from_wkb(shapely.to_wkb(strip)))  # equal bytes, another object
    assert again is first and shapes._display.cache_info().misses == before + 1


# Chukotka on both sides of the 180th meridian, as Natural Earth splits it, and Russia's west.
ACROSS_180 = MultiPolygon([
    Polygon([(170, 64), (180, 64), (180, 70), (170, 70)]),
    Polygon([(-180, 64), (-170, 64), (-170, 68), (-180, 68)]),
    Polygon([(30, 55), (40, 55), (40, 65), (30, 65)]),
])


def _widest_part(geometry: dict) -> float:
    return max(p.bounds[2] - p.bounds[0] for p in shapely.get_parts(shape(geometry)))


def test_a_shape_across_the_antimeridian_is_not_joined_into_a_band_around_the_world():
    drawn = display_geometry(ACROSS_180)
    band = uncertainty_geometry(ACROSS_180, 5000.0)
    assert _widest_part(drawn) < 20 and _widest_part(band) < 20
    assert shape(band).contains(shape(drawn).representative_point())
    assert shape(drawn).bounds[0] <= -169 and shape(drawn).bounds[2] >= 179  # both sides still there
