"""Spatial rules on tiny literal geometries (metres)."""
from shapely.geometry import LineString, Point, box

from mapapp.zones import geometry as rules


def test_north_part_lies_north_of_the_split_line():
    part = rules.directional_part(box(0, 0, 10_000, 10_000), "north", 0.4)
    assert [round(v, 6) for v in part.bounds] == [0, 6000, 10_000, 10_000]


def test_south_and_east_parts_and_centre_band():
    sq = box(0, 0, 10_000, 10_000)
    assert abs(rules.directional_part(sq, "south", 0.25).bounds[3] - 2500) < 1e-6
    assert abs(rules.directional_part(sq, "east", 0.5).bounds[0] - 5000) < 1e-6
    centre = rules.directional_part(sq, "centre")
    assert 3000 < centre.bounds[1] < centre.bounds[3] < 7000


def test_part_beyond_works_far_from_the_origin():
    far = box(700_000, 3_600_000, 800_000, 3_700_000)  # UTM-sized coordinates
    part = rules.part_beyond(far, "south", -3_650_000)
    assert [round(v, 3) for v in part.bounds] == [700_000, 3_600_000, 800_000, 3_650_000]


def test_border_between_touching_squares_is_their_shared_edge_buffered():
    band = rules.shared_border(box(0, 0, 10_000, 10_000), box(10_000, 0, 20_000, 10_000), width_m=500, near_m=10)
    assert band.contains(Point(10_000, 5_000))
    assert abs(band.bounds[0] - 9_750) <= 11 and abs(band.bounds[2] - 10_250) <= 11  # near_m bleeds round the corners
    assert not band.contains(Point(5_000, 5_000))


def test_border_of_squares_that_do_not_touch_uses_the_near_part():
    band = rules.shared_border(box(0, 0, 10_000, 10_000), box(10_300, 0, 20_000, 10_000), width_m=500, near_m=1000)
    assert band.contains(Point(10_000, 5_000))
    assert rules.shared_border(box(0, 0, 1, 1), box(50, 50, 51, 51), near_m=10).is_empty


def test_corridor_between_two_points_has_the_width_and_is_clipped():
    band = rules.corridor_between(Point(0, 0), Point(10_000, 0), 4000)
    assert abs(band.intersection(LineString([(5000, -9000), (5000, 9000)])).length - 4000) < 1
    clipped = rules.corridor_between(Point(0, 0), Point(10_000, 0), 4000, clip=box(-1, -1000, 20_000, 20_000))
    assert clipped.bounds[1] == -1000


def test_offset_of_10_km_lies_10_km_away():
    disc = rules.offset_disc(Point(0, 0), 10_000, "north", radius_m=500)
    assert abs(disc.centroid.distance(Point(0, 0)) - 10_000) < 1
    assert abs(disc.centroid.y - 10_000) < 1
    east = rules.offset_disc(Point(0, 0), 10_000, "east")
    assert east.centroid.x > 9_990


def test_outskirts_are_outside_on_the_named_side():
    town = box(0, 0, 2000, 2000)
    band = rules.outskirts(town, "east", 1000)
    assert band.intersection(town).area < 1
    assert band.centroid.x > 2000
    assert band.bounds[2] <= 3000.001


def test_side_of_line_and_share():
    sq = box(0, 0, 10_000, 10_000)
    north = rules.side_of_line(sq, LineString([(-1, 4000), (10_001, 4000)]), "north")
    assert abs(north.area - 60_000_000) < 1
    assert abs(rules.share(north, sq) - 0.6) < 1e-9


def test_mainland_keeps_near_islands_and_drops_far_ones():
    from shapely.geometry import MultiPolygon

    land = box(0, 0, 10, 10)
    near = box(11, 0, 12, 1)  # 1 unit off the coast
    next_to_near = box(13, 0, 14, 1)  # 1 unit beyond that: reached through it
    far = box(50, 50, 52, 52)
    kept = rules.mainland(MultiPolygon([far, near, land, next_to_near]), hop=1.5)
    assert kept.equals(MultiPolygon([near, land, next_to_near]))
    assert rules.mainland(land, hop=1.5) is land
