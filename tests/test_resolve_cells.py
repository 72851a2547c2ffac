"""mapapp.resolve.cells: the cells around a few points hold every place within 50 km of them."""
from __future__ import annotations

from mapapp.geo import haversine_km
from mapapp.model import Place
from mapapp.resolve.cells import PlacesByCell, cells_around


def test_every_place_within_50_km_is_in_the_cells_around_the_points():
    points = [(31.5, 34.45), (59.9, 10.75), (78.2, 15.6), (-33.9, 151.2), (0.2, -179.9)]
    cells = cells_around(points)
    for lat, lon in points:
        for dlat in (-0.44, 0.0, 0.44):
            for dlon in (-2.4, -1.2, -0.5, 0.0, 0.5, 1.2, 2.4):
                q_lat, q_lon = lat + dlat, lon + dlon
                if -180 <= q_lon < 180 and haversine_km(lat, lon, q_lat, q_lon) <= 50:
                    assert (int(q_lat // 1), int(q_lon // 1)) in cells, (lat, lon, q_lat, q_lon)


def test_the_places_of_a_name_in_given_cells_keep_the_name_s_order_and_are_remembered_per_list():
    places = [
        Place("gn:51", "Middletown", "town", 41.5, -74.4, names=("Middletown",), population=28_000, country="US"),
        Place("gn:52", "Middletown", "village", 53.7, -1.6, names=("Middletown",), population=900, country="GB"),
        Place("gn:53", "Middletown", "town", 39.5, -84.4, names=("Middletown",), population=50_000, country="US"),
        Place("gn:54", "Middletown", "village", 53.2, -1.9, names=("Middletown",), population=300, country="GB"),
    ]
    by_cell = PlacesByCell()
    full = list(places)
    assert [p.id for p in by_cell.within("middletown", full, {(53, -2), (41, -75), (53, -1)})] == [
        "gn:51", "gn:52", "gn:54"]
    assert by_cell.within("middletown", full, {(0, 0)}) == []
    fewer = full[:2]  # another list under the same key is not answered from the first
    assert [p.id for p in by_cell.within("middletown", fewer, {(53, -2), (41, -75), (53, -1), (0, 0)})] == [
        "gn:51", "gn:52"]


def test_the_cells_around_points_are_the_union_of_each_point_s_and_a_fresh_set_each_time():
    gaza, oslo, svalbard = (31.5, 34.45), (59.9, 10.75), (78.2, 15.6)
    assert cells_around([gaza]) == {(lat, lon) for lat in (30, 31, 32) for lon in (33, 34, 35)}
    assert len(cells_around([svalbard])) == 3 * 7  # a degree of longitude is short that far north
    assert cells_around([gaza, oslo, gaza]) == cells_around([gaza]) | cells_around([oslo])
    cells_around([gaza]).add((0, 0))  # the points' remembered cells are not changed through an answer
    assert (0, 0) not in cells_around([gaza])
