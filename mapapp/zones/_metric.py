"""WGS84 <-> UTM zone 36N (EPSG:32636), the metric CRS all zone geometry is built in.

Distances, buffers and areas only mean metres in a projected CRS; UTM 36N
covers Gaza, Israel, Lebanon and Sinai with under 0.1% scale error.
"""
from __future__ import annotations

from functools import lru_cache

import shapely
from pyproj import Transformer

METRIC_EPSG = 32636


@lru_cache(maxsize=1)
def _forward() -> Transformer:
    return Transformer.from_crs(4326, METRIC_EPSG, always_xy=True)


@lru_cache(maxsize=1)
def _inverse() -> Transformer:
    return Transformer.from_crs(METRIC_EPSG, 4326, always_xy=True)


def to_metric(geom):
    """A WGS84 (lon, lat) shapely geometry in UTM 36N metres."""
    return shapely.transform(geom, lambda xy: _stack(_forward().transform(xy[:, 0], xy[:, 1])))


def to_wgs84(geom):
    """A UTM 36N shapely geometry back in WGS84 (lon, lat)."""
    return shapely.transform(geom, lambda xy: _stack(_inverse().transform(xy[:, 0], xy[:, 1])))


def metric_point(lat: float, lon: float) -> shapely.Point:
    x, y = _forward().transform(lon, lat)
    return shapely.Point(x, y)


def area_km2(geom_wgs84) -> float:
    return to_metric(geom_wgs84).area / 1e6


def length_km(geom_wgs84) -> float:
    return to_metric(geom_wgs84).length / 1e3


def _stack(xy):
    import numpy as np

    return np.column_stack(xy)
