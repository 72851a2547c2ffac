"""Borders (mapapp.zones.borders) on one-sentence literal texts: the band two named areas share."""
from shapely.geometry import Point, box

from mapapp.model import Article, Place
from mapapp.zones import describe_zones
from test_zones_describe import FACTS, LAND, PLACES, SEA, mention, run


def test_border_phrase_keeps_the_place_mentions():
    text = "Landia's border with Seaside was closed."
    out = run(text, ("Landia", LAND), ("Seaside", SEA))
    border = [m for m in out if m.kind == "border"]
    assert border and border[0].surface == "border" and border[0].phrase == "Landia's border with Seaside"
    assert border[0].basis.split(",") == [m.place_id for m in out if not m.rule]
    assert border[0].geometry.contains(Point(36.0, 30.5))
    assert {m.surface for m in out if not m.rule} == {"Landia", "Seaside"}


def test_a_border_between_outlines_that_do_not_touch_follows_the_finer_one():
    # A fine outline (300 m) and a coarse one (5 km) 1.9 km apart, as a country's Natural Earth outline lies
    # off the Gaza Strip's: they share a border, drawn on the fine outline's edge that faces the other.
    fine = Place("t:fine", "Finia", "region", 30.25, 35.25, geometry=box(35.0, 30.0, 35.5, 30.5), precision_m=300.0)
    coarse = Place("t:coarse", "Coarsia", "country", 30.25, 35.75, geometry=box(35.52, 29.9, 36.0, 30.6),
                   precision_m=5000.0)
    far = Place("t:far", "Farland", "country", 30.25, 36.75, geometry=box(36.5, 30.0, 37.0, 30.5), precision_m=5000.0)
    for p in (fine, coarse, far):
        PLACES[p.id] = p
    out = [m for m in run("Coarsia's border with Finia was shut.", ("Coarsia", coarse), ("Finia", fine)) if m.kind == "border"]
    assert len(out) == 1
    band = out[0].geometry
    assert band.contains(Point(35.5, 30.25)) and not band.intersects(Point(35.52, 30.25).buffer(0.001))
    minx, miny, maxx, maxy = band.bounds
    # along the whole facing edge; round the corners only as far as the gap and the usual tolerance (3.4 km)
    assert 35.46 < minx and maxx < 35.51 and maxy - miny > 0.49
    # 45 km apart is no border, whatever the outlines' precision
    assert [m for m in run("Finia's border with Farland was shut.", ("Finia", fine), ("Farland", far)) if m.kind == "border"] == []


def test_the_border_with_a_place_is_the_border_of_the_area_the_article_is_about():
    text = "Shelling hit Landia again. Troops massed along the border with Seaside."
    out = [m for m in run(text, ("Landia", LAND), ("Seaside", SEA)) if m.kind == "border"]
    assert [(m.surface, m.name, m.phrase) for m in out] == [
        ("border", "Border between Landia and Seaside", "the border with Seaside")]
    assert out[0].geometry.contains(Point(36.0, 30.5))
    # no area spoken of before it, or only the place on the other side: no border to draw
    assert [m for m in run("Troops massed along the border with Seaside.", ("Seaside", SEA)) if m.kind == "border"] == []
    text = "Seaside voted. Troops massed along the border with Seaside."
    both = [mention(text, "Seaside", SEA), mention(text, "Seaside", SEA, nth=1)]
    out = describe_zones(Article(id="a", doc="a", path="a", text=text), both, PLACES.get, FACTS)
    assert [m for m in out if m.kind == "border"] == []


def test_a_direction_before_border_keeps_the_phrase():
    out = [m for m in run("Landia's southern border with Seaside was shut.", ("Landia", LAND), ("Seaside", SEA))
           if m.kind == "border"]
    assert [(m.surface, m.phrase) for m in out] == [("border", "Landia's southern border with Seaside")]


def test_a_border_crossing_between_two_places_is_no_border_band():
    out = run("Aid waits at the Landia-Seaside border crossing.", ("Landia", LAND), ("Seaside", SEA))
    assert [m for m in out if m.kind == "border"] == []
    out = run("Aid waits at the Landia-Seaside border.", ("Landia", LAND), ("Seaside", SEA))
    assert [m.surface for m in out if m.kind == "border"] == ["border"]


def test_the_same_border_in_another_article_is_the_same_band_drawn_once():
    first = [m for m in run("Landia's border with Seaside was closed.", ("Landia", LAND), ("Seaside", SEA))
             if m.kind == "border"]
    second = [m for m in run("Trucks waited at Landia's border with Seaside.", ("Landia", LAND), ("Seaside", SEA))
              if m.kind == "border"]
    assert first[0].geometry is second[0].geometry
    assert first[0].place_id == second[0].place_id
