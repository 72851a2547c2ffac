"""Directional parts of any country the gazetteer has a shape for, cut from its own mainland."""
from __future__ import annotations

import pytest

from mapapp.model import Article


@pytest.fixture(scope="module")
def parser(gazetteer):
    from mapapp.pipeline import Parser

    return Parser(gazetteer)


def part_of(parser, text: str, surface: str):
    mentions = parser.mentions(Article(id="t", doc="t", path="t", text=text))
    (zone,) = [m for m in mentions if m.surface == surface]
    return zone, parser.gazetteer.get(zone.basis)


@pytest.mark.parametrize("text,surface,side", [
    ("Floods hit southern France on Monday.", "southern France", "south"),
    ("Fighting in northern Syria went on.", "northern Syria", "north"),
    ("Russia pressed its attack in the east of Ukraine.", "the east of Ukraine", "east"),
    ("Wildfires spread across western Canada.", "western Canada", "west"),
])
def test_a_directional_part_lies_inside_the_country_on_its_side(parser, text, surface, side):
    zone, country = part_of(parser, text, surface)
    assert zone.kind == "region_part" and zone.rule == "part"
    part, whole = zone.geometry, country.geometry
    assert part.difference(whole.buffer(0.01)).area < 1e-6 * whole.area  # inside the country
    # On its side: its centre past the country's point that way.
    cx, cy = part.centroid.x, part.centroid.y
    if side in ("north", "south"):
        assert (cy > country.lat) if side == "north" else (cy < country.lat)
    else:
        assert (cx > country.lon) if side == "east" else (cx < country.lon)


def test_southern_france_is_in_europe_not_an_overseas_department(parser):
    zone, _ = part_of(parser, "Floods hit southern France on Monday.", "southern France")
    minx, miny, maxx, maxy = zone.geometry.bounds
    assert 41 < miny and maxy < 46 and -5 < minx and maxx < 10  # the Midi and Corsica, not Réunion


def test_sourced_divisions_are_used_where_geodata_has_them(parser):
    zone, _ = part_of(parser, "Rockets were fired into southern Israel.", "southern Israel")
    assert zone.name == "Southern Israel" and zone.geometry.bounds[3] == pytest.approx(31.25, abs=0.02)
