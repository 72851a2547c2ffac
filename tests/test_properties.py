"""Properties (hypothesis): normalisation keeps a way back, matching finds inserted names at exact
offsets whatever surrounds them, and the spatial rules put parts, corridors and discs where they say."""
from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from shapely.geometry import MultiPoint, Point, box

from mapapp.gazetteer import Gazetteer
from mapapp.match import Matcher
from mapapp.model import Place
from mapapp.normalize import _INVISIBLE, fold, name_key, normalise
from mapapp.zones import geometry as rules

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = ("Khan Younis", "Deir al-Balah", "Beit Lahia", "Nuseirat", "Shuja'iyya", "Bureij", "Mawasi")
ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufeff")


@pytest.fixture(scope="module")
def matcher():
    places = [Place(id=f"t:{i}", name=n, kind="town", lat=31.4, lon=34.3, names=(n,), layer="local")
              for i, n in enumerate(NAMES)]
    return Matcher(Gazetteer(places))


# -- normalisation --------------------------------------------------------------------------------------------

@FAST
@given(st.text(max_size=200))
def test_every_normalised_character_maps_back_to_its_original(text):
    norm = normalise(text)
    kept = [i for i, c in enumerate(text) if c not in _INVISIBLE]
    assert len(norm.text) == len(kept)
    for j in range(len(norm.text)):
        start, end = norm.span(j, j + 1)
        assert (start, end) == (kept[j], kept[j] + 1)
    if norm.text:
        start, end = norm.span(0, len(norm.text))
        assert 0 <= start <= end <= len(text)


@FAST
@given(st.text(max_size=80))
def test_fold_is_idempotent_and_ignores_invisibles(text):
    assert fold(fold(text)) == fold(text)
    assert fold("\u200b".join(text)) == fold(text)


# -- matching -------------------------------------------------------------------------------------------------

def _variant(name: str, data) -> str:
    """The name as news might write it: case, dashes, accents and invisible characters changed."""
    forms = [name, name.upper() if len(name.replace(" ", "")) > 5 else name, name.replace("-", " "),
             name.replace("al-", "Al-"), name.replace("'", "\u2019"), name.replace("u", "\u00fa", 1)]
    out = data.draw(st.sampled_from(forms))
    chars = list(out)
    for _ in range(data.draw(st.integers(0, 3))):
        at = data.draw(st.integers(1, max(1, len(chars) - 1)))
        chars.insert(at, data.draw(st.sampled_from(ZERO_WIDTH)))
    return "".join(chars)


FILLER = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@FAST
@given(data=st.data(), before=FILLER, after=FILLER, name=st.sampled_from(NAMES))
def test_an_inserted_name_is_found_at_its_exact_offsets(matcher, data, before, after, name):
    written = _variant(name, data)
    text = f"{before} {written} {after}"
    start = len(before) + 1
    end = start + len(written)
    matches = matcher.find(text)
    for m in matches:
        assert text[m.start:m.end] == m.surface
    # The name is found: exactly, or inside a longer name the filler completes; never cut.
    covering = [m for m in matches if m.start <= start and m.end >= end]
    assert covering, (text, matches)
    assert not [m for m in matches if (m.start < start < m.end < end) or (start < m.start < end < m.end)]
    exact = [m for m in covering if (m.start, m.end) == (start, end)]
    if exact:
        assert exact[0].key == name_key(name)


# -- spatial rules (metres) ------------------------------------------------------------------------------------

coords = st.floats(-50_000, 50_000, allow_nan=False)
areas = st.lists(st.tuples(coords, coords), min_size=3, max_size=12).map(lambda pts: MultiPoint(pts).convex_hull)


@FAST
@given(area=areas, fraction=st.floats(0.05, 0.95), direction=st.sampled_from(["north", "south", "east", "west"]))
def test_a_directional_part_lies_beyond_its_split_line_and_within_the_area(area, fraction, direction):
    assume(area.geom_type == "Polygon" and area.area > 1e6)
    part = rules.directional_part(area, direction, fraction)
    minx, miny, maxx, maxy = area.bounds
    axis, lo, hi, sign = {"north": (1, miny, maxy, 1), "south": (1, miny, maxy, -1),
                          "east": (0, minx, maxx, 1), "west": (0, minx, maxx, -1)}[direction]
    cut = hi - fraction * (hi - lo) if sign > 0 else lo + fraction * (hi - lo)
    assert not part.is_empty
    assert area.buffer(1e-6 * (hi - lo) + 1e-3).contains(part)
    tol = 1e-6 * (hi - lo) + 1e-3
    for x, y in (c for g in getattr(part, "geoms", [part]) for c in g.exterior.coords):
        assert sign * ((x, y)[axis] - cut) >= -tol


@FAST
@given(ax=coords, ay=coords, bx=coords, by=coords, width=st.floats(50, 5000))
def test_a_corridor_between_two_points_holds_their_segment_and_has_the_width_asked(ax, ay, bx, by, width):
    a, b = Point(ax, ay), Point(bx, by)
    assume(a.distance(b) > 10)
    band = rules.corridor_between(a, b, width)
    assert band.buffer(1e-6).contains(a) and band.buffer(1e-6).contains(b)
    length = a.distance(b)
    expected = length * width + math.pi * (width / 2) ** 2  # a rectangle with round caps
    assert abs(band.area - expected) / expected < 0.02
    mid = Point((ax + bx) / 2, (ay + by) / 2)
    assert abs(band.exterior.distance(mid) - width / 2) < 0.02 * width


@FAST
@given(area=areas, bx=coords, by=coords, width=st.floats(100, 3000))
def test_a_corridor_from_an_area_to_a_point_holds_their_nearest_segment(area, bx, by, width):
    from shapely.geometry import LineString
    from shapely.ops import nearest_points

    b = Point(bx, by)
    assume(area.geom_type == "Polygon" and area.area > 1e6 and not area.intersects(b) and area.distance(b) > 10)
    pa, pb = nearest_points(area, b)
    band = rules.corridor_between(area, b, width)
    assert band.buffer(1e-3).contains(LineString([pa, pb]))


@FAST
@given(x=coords, y=coords, distance=st.floats(500, 50_000), direction=st.sampled_from(sorted(rules.BEARINGS)))
def test_an_offset_disc_sits_at_the_distance_and_bearing_given(x, y, distance, direction):
    disc = rules.offset_disc(box(x - 100, y - 100, x + 100, y + 100), distance, direction)
    c = disc.centroid
    assert abs(math.hypot(c.x - x, c.y - y) - distance) < 1e-3 * distance + 1
    bearing = math.degrees(math.atan2(c.x - x, c.y - y)) % 360
    assert min(abs(bearing - rules.BEARINGS[direction]), 360 - abs(bearing - rules.BEARINGS[direction])) < 0.5
