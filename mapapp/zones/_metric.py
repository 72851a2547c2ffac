"""WGS84 <-> a metric CRS, the space all zone geometry is built in.

Distances, buffers and areas only mean metres in a projected CRS. Around Gaza,
Israel, Lebanon and Sinai that is UTM zone 36N (EPSG:32636, under 0.1% scale
error); elsewhere ("southern Mexico", "the US-Mexico border") a Lambert
azimuthal equal-area projection centred on the shape, which stays sound for
shapes of any size anywhere, where one UTM zone would fail far from its meridian.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import shapely
from pyproj import CRS, Transformer

METRIC_EPSG = 32636
_UTM36 = f"EPSG:{METRIC_EPSG}"
_CACHE_SIZE = 256
_cache: dict[tuple[int, str], tuple[object, object]] = {}


def crs_for(*geoms_wgs84) -> str:
    """The metric CRS for shapes: UTM 36N when they lie in its zone, else LAEA centred on them."""
    box = shapely.union_all([shapely.box(*g.bounds) for g in geoms_wgs84 if g is not None and not g.is_empty])
    if box.is_empty:
        return _UTM36
    minx, miny, maxx, maxy = box.bounds
    if 27.0 <= minx and maxx <= 39.0 and 0.0 <= miny and maxy <= 60.0:
        return _UTM36
    c = box.centroid
    return _LAEA.format(lat=c.y, lon=c.x)


# Each shape outside UTM 36N has a projection of its own, so a corpus meets hundreds. Transformer.from_crs
# searches PROJ's database for each (6 ms); the equal-area projection's pipeline is known, and
# Transformer.from_pipeline builds the same operation from it in 0.05 ms (the same coordinates to the bit).
_LAEA = "+proj=laea +lat_0={lat:.4f} +lon_0={lon:.4f} +datum=WGS84 +units=m +no_defs"
_LAEA_PARAMS = re.compile(r"\+proj=laea \+lat_0=(\S+) \+lon_0=(\S+) \+datum=WGS84 \+units=m \+no_defs")
_LAEA_STEP = "+proj=laea +lat_0={} +lon_0={} +x_0=0 +y_0=0 +ellps=WGS84"


@lru_cache(maxsize=1024)
def _forward(crs: str) -> Transformer:
    laea = _LAEA_PARAMS.fullmatch(crs)
    if laea:
        return Transformer.from_pipeline(
            f"+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step {_LAEA_STEP.format(*laea.groups())}")
    return Transformer.from_crs(CRS.from_user_input(4326), CRS.from_user_input(crs), always_xy=True)


@lru_cache(maxsize=1024)
def _inverse(crs: str) -> Transformer:
    laea = _LAEA_PARAMS.fullmatch(crs)
    if laea:
        return Transformer.from_pipeline(
            f"+proj=pipeline +step +inv {_LAEA_STEP.format(*laea.groups())} +step +proj=unitconvert +xy_in=rad +xy_out=deg")
    return Transformer.from_crs(CRS.from_user_input(crs), CRS.from_user_input(4326), always_xy=True)


def to_metric(geom, crs: str = _UTM36):
    """A WGS84 (lon, lat) shapely geometry in metres. Gazetteer shapes recur in every article,
    so their projections are kept (by identity, holding the shape so the id stays its own)."""
    key = (id(geom), crs)
    hit = _cache.get(key)
    if hit is not None and hit[0] is geom:
        return hit[1]
    out = shapely.transform(geom, lambda xy: _stack(_forward(crs).transform(xy[:, 0], xy[:, 1])))
    if len(_cache) >= _CACHE_SIZE:
        _cache.pop(next(iter(_cache), None), None)  # (a Dask worker's threads share it: another may have taken it first)
    _cache[key] = (geom, out)
    return out


def to_wgs84(geom, crs: str = _UTM36):
    """A metric shapely geometry back in WGS84 (lon, lat)."""
    return shapely.transform(geom, lambda xy: _stack(_inverse(crs).transform(xy[:, 0], xy[:, 1])))


def metric_point(lat: float, lon: float, crs: str = _UTM36) -> shapely.Point:
    x, y = _forward(crs).transform(lon, lat)
    return shapely.Point(x, y)


def area_km2(geom_wgs84) -> float:
    crs = crs_for(geom_wgs84)
    return to_metric(geom_wgs84, crs).area / 1e6


def length_km(geom_wgs84) -> float:
    crs = crs_for(geom_wgs84)
    return to_metric(geom_wgs84, crs).length / 1e3


def _stack(xy):
    return np.column_stack(xy)
