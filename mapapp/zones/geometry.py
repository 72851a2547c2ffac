"""Geometry helpers for described zones, on shapely geometries in metres (see mapapp.zones._metric).

Each helper takes metric geometries and returns a metric geometry; callers
convert with mapapp.zones._metric. Nothing here knows about text or places;
:func:`mainland` alone works in any units (WGS84 degrees included).
"""
from __future__ import annotations

import math

import shapely
from shapely.geometry import LineString, Point, box
from shapely.ops import nearest_points, split, unary_union

# Bearings in degrees clockwise from north.
BEARINGS = {
    "north": 0, "north-east": 45, "northeast": 45, "east": 90, "south-east": 135, "southeast": 135,
    "south": 180, "south-west": 225, "southwest": 225, "west": 270, "north-west": 315, "northwest": 315,
}


def _unit(bearing_deg: float) -> tuple[float, float]:
    r = math.radians(bearing_deg)
    return math.sin(r), math.cos(r)


def mainland(area, hop: float):
    """The largest part of a multipolygon and every part reachable from it in steps of at most ``hop``.

    "Southern France" is not Réunion, nor "western US" Hawaii: a country's far islands and
    overseas lands are left out of its directional parts, while islands close to the rest
    (Corsica, Sicily, an archipelago of near neighbours) stay.
    """
    if area.geom_type != "MultiPolygon":
        return area
    parts = list(area.geoms)
    near, other = shapely.STRtree(parts).query(parts, predicate="dwithin", distance=hop)
    neighbours: dict[int, list[int]] = {}
    for i, j in zip(near.tolist(), other.tolist()):
        neighbours.setdefault(i, []).append(j)
    start = max(range(len(parts)), key=lambda i: parts[i].area)
    reached, todo = {start}, [start]
    while todo:
        for j in neighbours.get(todo.pop(), ()):
            if j not in reached:
                reached.add(j)
                todo.append(j)
    kept = [parts[i] for i in sorted(reached)]
    return kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept)


def directional_part(area, direction: str, fraction: float = 1 / 3):
    """The part of `area` on the `direction` side of a split line `fraction` of its extent in.

    direction is a BEARINGS key or "centre" (the middle band between two such lines)."""
    if direction == "centre":
        minx, miny, maxx, maxy = area.bounds
        h = maxy - miny
        return area.intersection(box(minx, miny + h * fraction, maxx, maxy - h * fraction))
    ux, uy = _unit(BEARINGS[direction])
    coords = [c for g in getattr(area, "geoms", [area]) for c in g.exterior.coords]
    proj = [x * ux + y * uy for x, y in coords]
    lo, hi = min(proj), max(proj)
    cut = hi - fraction * (hi - lo)
    return _beyond(area, ux, uy, cut)


def part_beyond(area, direction: str, cut_value: float):
    """The part of `area` whose projection on the direction exceeds cut_value (metres)."""
    ux, uy = _unit(BEARINGS[direction])
    return _beyond(area, ux, uy, cut_value)


def _beyond(area, ux, uy, cut):
    if area.is_empty:  # e.g. a country without a shape in the gazetteer
        return area
    minx, miny, maxx, maxy = area.bounds
    span = 4 * max(maxx - minx, maxy - miny) + 1
    # A huge half-plane polygon on the far side of the cut line, centred on the area.
    c = area.centroid
    shift = cut - (c.x * ux + c.y * uy)
    cx, cy = c.x + ux * shift, c.y + uy * shift
    px, py = -uy, ux
    half = LineString([(cx - px * span, cy - py * span), (cx + px * span, cy + py * span)])
    plane = half.buffer(span, single_sided=True)
    if Point(cx + ux * 1, cy + uy * 1).within(plane) is False:
        plane = half.buffer(-span, single_sided=True)
    return area.intersection(plane)


def side_of_line(area, line, direction: str):
    """The pieces of `area` that lie on the `direction` side of a line or zone crossing it."""
    cutter = line if line.geom_type in ("LineString", "MultiLineString") else line.boundary
    pieces = split(area, cutter).geoms if line.geom_type.endswith("LineString") else [area.difference(line)]
    pieces = [g for p in pieces for g in getattr(p, "geoms", [p])]
    ux, uy = _unit(BEARINGS[direction])
    c = line.centroid
    ref = c.x * ux + c.y * uy
    return unary_union([p for p in pieces if p.centroid.x * ux + p.centroid.y * uy > ref])


def shared_border(a, b, width_m: float = 500.0, near_m: float = 1000.0):
    """The boundary of `a` that runs along `b` (within near_m), buffered to width_m."""
    edge = a.boundary.intersection(b.buffer(near_m))
    if edge.is_empty:
        return edge
    return edge.buffer(width_m / 2)


def corridor_between(a, b, width_m: float, clip=None):
    """A band width_m wide joining geometries a and b (nearest points; a point stays a point)."""
    pa, pb = nearest_points(a, b) if not (a.intersects(b)) else (a.representative_point(), b.representative_point())
    if pa.distance(pb) < 1:
        pa, pb = a.representative_point(), b.representative_point()
    band = LineString([pa, pb]).buffer(width_m / 2, cap_style="round")
    return band.intersection(clip) if clip is not None else band


def offset_disc(origin, distance_m: float, direction: str, radius_m: float | None = None):
    """A disc distance_m from origin's centre towards direction; radius = the stated uncertainty."""
    c = origin.centroid
    ux, uy = _unit(BEARINGS[direction])
    r = radius_m if radius_m is not None else max(500.0, 0.2 * distance_m)
    return Point(c.x + ux * distance_m, c.y + uy * distance_m).buffer(r)


def outskirts(area, direction: str, band_m: float = 2000.0):
    """The band just outside `area` on its `direction` side."""
    ring = area.buffer(band_m).difference(area)
    c = area.centroid
    ux, uy = _unit(BEARINGS[direction])
    return _beyond(ring, ux, uy, c.x * ux + c.y * uy)


def share(part, whole) -> float:
    return part.intersection(whole).area / whole.area if whole.area else 0.0
