"""Labels: what may be named on the map and how much it matters; names escaped like tooltips."""
from __future__ import annotations

import json

import pandas as pd
from mapframes import PAYLOAD, articles_frame, mentions_frame
from shapely.geometry import LineString, Point, box

from mapapp.mapview import build_layers, build_map, summarise
from mapapp.mapview.labels import PLACE, TIER, TOP, TOP_PLACES, ZONE, area_points, place_priorities, zone_shapes
from mapapp.simplify import display_geometry


def test_the_most_mentioned_places_come_first_then_by_mentions():
    counts = pd.Series([1, 50, 3, 7, 2, 9, 4, 8, 6, 5, 11])
    priority = place_priorities(counts)
    top = set(counts.sort_values(ascending=False).index[:TOP_PLACES])
    assert all(priority[i] // TIER == TOP for i in top)
    assert all(priority[i] // TIER == PLACE for i in set(counts.index) - top)
    assert priority[1] == max(priority) and priority[0] == min(priority)
    assert place_priorities(pd.Series([], dtype=int)).size == 0


def _zones(rows):
    frame = pd.DataFrame(rows, columns=["name", "kind", "place_id", "rule", "mentions", "geometry"])
    return frame, [display_geometry(g) for g in frame["geometry"]]


def test_a_line_is_named_along_it_a_corridor_along_its_axis_a_round_zone_inside_it():
    zones, displayed = _zones([
        ("Yellow line", "line", "zone:yellow-line", "", 3, LineString([(34.5, 31.6), (34.3, 31.3)])),
        ("Corridor", "corridor", "zone:c", "", 5, box(34.30, 31.46, 34.50, 31.48)),
        ("North of Gaza", "region_part", "gz:gaza-strip", "part", 2, box(34.4, 31.5, 34.55, 31.6)),
    ])
    labels = zone_shapes(zones, displayed)
    assert [z["html"] for z in labels] == ["Corridor", "Yellow line", "North of Gaza"]  # by mentions
    corridor, line, area = labels
    assert line["line"][0] == [31.6, 34.5] and "at" not in line  # [lat, lon], in the line's order
    assert corridor["priority"] > line["priority"] > area["priority"] and corridor["priority"] // TIER == ZONE
    (lat0, lon0), (lat1, lon1) = corridor["axis"]
    assert abs(lat0 - lat1) < 0.01 and abs(lon0 - lon1) > 0.15  # runs east-west, like the corridor
    assert "axis" not in area and area["span"] == [[31.5, 34.4], [31.6, 34.55]]
    assert 31.5 < area["at"][0] < 31.6 and "zone-area" in area["cls"] and "zone-corridor" in corridor["cls"]


def test_label_text_is_escaped():
    zones, displayed = _zones([(PAYLOAD, "corridor", "zone:x", "", 1, box(34.3, 31.4, 34.5, 31.42))])
    (label,) = zone_shapes(zones, displayed)
    assert "<script>" not in label["html"] and "&lt;script&gt;" in label["html"] and "${" not in label["html"]
    areas = pd.DataFrame([{"name": PAYLOAD, "place_id": "gn:1", "lat": 30.0, "lon": 31.0, "mentions": 2}])
    (point,) = area_points(areas)
    assert "<img" not in point[2] and "&#36;{" in point[2]


def test_area_without_a_point_is_not_labelled():
    areas = pd.DataFrame([{"name": "Nowhere", "place_id": "x", "lat": float("nan"), "lon": 1.0, "mentions": 1}])
    assert area_points(areas) == []


def test_layers_carry_labels_for_places_areas_and_zones():
    mentions, articles = mentions_frame(), articles_frame()
    mentions.loc[0, "name"] = PAYLOAD  # Jabalia
    html = build_map(mentions, articles).get_root().render()
    assert "L.mapappLabelSource(" in html and "mapappLabels = L.mapappLabels()" in html
    assert "marker.mapappLabel = [row[7], row[13], d, row[8]]" in html
    places = next(layer for layer in build_layers(mentions, articles) if layer.layer_name == "Places")
    (cluster,) = [c for c in places._children.values() if hasattr(c, "data")]
    rows = {row[8]: row for row in cluster.data}
    assert rows["gn:281102"][13] > rows["gz:jabalia"][13]  # Rafah, named three times, before Jabalia
    assert "<script>" not in json.dumps(cluster.data)
    summary = summarise(mentions, articles)
    assert set(summary["how"]) == {"place", "area", "zone"}
