"""Shapes for the browser: simplified in metres for the zoom they are seen at, coordinates rounded.

A shape is looked at when it fills the view: a ~1000-pixel-wide map showing a
shape D metres across shows D/1000 metres per pixel, so dropping vertices
that move the outline by less than D/400 (2.5 pixels there) changes nothing
anyone can see. That is ~100 m for the Gaza Strip, ~20 m for a corridor, and
1-2 km for a country (never more than :data:`MAX_TOLERANCE_M`); islands
smaller than the tolerance are dropped, the largest part always kept.
Simplification runs in metres (UTM 36N near Gaza, equal-area centred on the
shape elsewhere), so a tolerance means the same on the ground at any latitude. Results are kept by the shape's
bytes: a filter change re-uses them.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely
from pyproj import Proj
from shapely.geometry import mapping


SCREEN_FRACTION = 400  # tolerance = shape size / this
MIN_TOLERANCE_M = 10.0
MAX_TOLERANCE_M = 2000.0
_CACHE = 4096


@lru_cache(maxsize=256)
def _projection(spec: str) -> Proj:
    return Proj(spec)


def _metric_projection(geom) -> Proj:
    """UTM 36N around Gaza (as the zone rules use); elsewhere equal-area centred on the shape.
    A bare Proj, not a CRS-to-CRS Transformer: set-up is ~0.1 ms instead of ~4 ms, per shape."""
    minx, miny, maxx, maxy = geom.bounds
    if 27.0 <= minx and maxx <= 39.0 and 0.0 <= miny and maxy <= 60.0:
        return _projection("+proj=utm +zone=36 +ellps=WGS84 +units=m")
    # +over: a buffer grown past the 180th meridian keeps going east instead of wrapping to -180.
    return _projection(f"+proj=laea +lat_0={(miny + maxy) / 2:.2f} +lon_0={(minx + maxx) / 2:.2f} +ellps=WGS84 +units=m +over")


def _to_metric(geom, proj: Proj):
    return shapely.transform(geom, lambda c: np.column_stack(proj(c[:, 0], c[:, 1])))


def _to_wgs84(geom, proj: Proj):
    return shapely.transform(geom, lambda c: np.column_stack(proj(c[:, 0], c[:, 1], inverse=True)))


def tolerance_m(metric_geom) -> float:
    """Metres a vertex may move for a shape of this size (its bounding-box diagonal)."""
    minx, miny, maxx, maxy = metric_geom.bounds
    diagonal = float(np.hypot(maxx - minx, maxy - miny))
    return float(np.clip(diagonal / SCREEN_FRACTION, MIN_TOLERANCE_M, MAX_TOLERANCE_M))


def _drop_specks(geom, tolerance: float):
    """Polygon parts smaller than a tolerance-sized square go; the largest part stays."""
    if geom.geom_type != "MultiPolygon":
        return geom
    parts = list(geom.geoms)
    areas = np.array([p.area for p in parts])
    keep = [p for p, a in zip(parts, areas) if a >= tolerance * tolerance] or [parts[int(areas.argmax())]]
    return shapely.MultiPolygon(keep) if len(keep) > 1 else keep[0]


def _decimals(tolerance: float) -> int:
    """Decimals of a degree worth keeping: 1e-3 degrees is ~110 m, 1e-5 ~1 m; a tenth of the tolerance is plenty."""
    return 3 if tolerance >= 1000 else 4 if tolerance >= 100 else 5


def _round(geom, decimals: int):
    return shapely.transform(geom, lambda c: np.round(c, decimals))


def _sides(geom) -> list:
    """The shape, or its western and eastern parts when it spans the antimeridian (Russia, Fiji, "eastern Russia").

    One projection centred on such a shape puts both sides of the 180th meridian at the
    same place: simplifying or buffering there joins them into a band around the world.
    """
    minx, _, maxx, _ = geom.bounds
    if maxx - minx <= 180 or not hasattr(geom, "geoms"):
        return [geom]
    parts = list(geom.geoms)
    west = [p for p in parts if p.centroid.x < 0]
    east = [p for p in parts if p.centroid.x >= 0]
    return [type(geom)(side) for side in (west, east) if side]


def _joined(shapes: list):
    if len(shapes) == 1:
        return shapes[0]
    parts = [p for s in shapes for p in shapely.get_parts(s)]
    if all(p.geom_type == "Polygon" for p in parts):
        return shapely.MultiPolygon(parts)
    return shapely.GeometryCollection(parts)


def _simplified(geom):
    proj = _metric_projection(geom)
    metric = _to_metric(geom, proj)
    tol = tolerance_m(metric)
    metric = _drop_specks(metric.simplify(tol, preserve_topology=True), tol)
    return _round(_to_wgs84(metric, proj), _decimals(tol))


@lru_cache(maxsize=_CACHE)
def _display(wkb: bytes) -> dict | None:
    geom = shapely.from_wkb(wkb)
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in ("Point", "MultiPoint"):
        return mapping(_round(geom, 5))
    return mapping(_joined([_simplified(side) for side in _sides(geom)]))


# The same shape objects come back on every filter change (filters select rows, they do not copy
# shapes): found by identity first, which spares serialising a country to find it by its bytes.
_by_identity: dict[tuple[int, float], tuple[object, dict | None]] = {}


def _remembered(geom, metres: float, make):
    key = (id(geom), metres)
    hit = _by_identity.get(key)
    if hit is not None and hit[0] is geom:  # holding the shape keeps its id from being reused
        return hit[1]
    out = make(shapely.to_wkb(geom))
    if len(_by_identity) >= _CACHE:
        _by_identity.pop(next(iter(_by_identity)))
    _by_identity[key] = (geom, out)
    return out


def display_geometry(geom) -> dict | None:
    """The GeoJSON geometry (a dict) to draw for a WGS84 shape, or None for a missing/empty one."""
    if geom is None or geom.is_empty:
        return None
    return _remembered(geom, 0.0, _display)


def _band(geom, metres: float):
    proj = _metric_projection(geom)
    band = _to_metric(geom, proj).buffer(metres, quad_segs=4)
    tol = max(tolerance_m(band), metres / 10)
    band = band.simplify(tol, preserve_topology=True)
    return _round(_to_wgs84(band, proj), _decimals(tol))


@lru_cache(maxsize=_CACHE)
def _uncertainty(wkb: bytes, metres: float) -> dict | None:
    geom = shapely.from_wkb(wkb)
    return mapping(_joined([_band(side, metres) for side in _sides(geom)]))


def uncertainty_geometry(geom, metres: float) -> dict | None:
    """The shape grown by its uncertainty (``metres``), as GeoJSON, simplified like the shape."""
    if geom is None or geom.is_empty or not np.isfinite(metres) or metres <= 0:
        return None
    return _remembered(geom, float(metres), lambda wkb: _uncertainty(wkb, float(metres)))
