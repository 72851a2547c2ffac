"""Great-circle distance: the one formula every stage that measures between two points uses.

Shapes are measured in a metric projection (``mapapp.zones._metric``, pyproj);
two points are compared on the sphere, which is exact enough for the
kilometre thresholds resolution and scoring use and costs a microsecond.
"""
from __future__ import annotations

import math

EARTH_RADIUS_M = 6_371_008.8  # the IUGG mean radius, as GeoNames-based tools and the project scorer use
EARTH_RADIUS_KM = EARTH_RADIUS_M / 1000


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Kilometres between two points (degrees) along the sphere."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
