"""Where the map opens: around the densest cluster of mentions, never on an impossible box.

Leaflet throws on a NaN corner (``Invalid LatLng object``) and then draws nothing
at all, so every box that reaches the map goes through :func:`checked_bounds`,
and :func:`default_bounds` falls back from the story's cluster to the data's
extent to the world instead of ever returning a box it could not compute.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd

Bounds = list[list[float]]  # [[south, west], [north, east]]

# The lived-on world as Web Mercator shows it: Antarctica and the Arctic would only push the view out.
WORLD_BOUNDS: Bounds = [[-56.0, -170.0], [75.0, 180.0]]
MAX_LAT = 85.0511287798  # Web Mercator's edge: Leaflet cannot fit a box past it
MIN_SPAN_DEG = 0.4  # a town and its surroundings: a single place is not zoomed in to street level
CELL_DEG = 3.0  # clusters are found on a grid of this size; a story's area (a region, a small country) fits 3x3 cells
MOST = 0.5  # the densest cluster is the view when it holds at least this share of the mentions

# Kinds that say where a story happens; countries and continents say little about the view.
LOCAL_KINDS = frozenset({
    "city", "town", "village", "camp", "neighbourhood", "crossing", "facility", "road",
    "settlement", "corridor", "line", "region_part", "governorate", "border", "area",
})


def checked_bounds(bounds: Sequence | None) -> Bounds | None:
    """``bounds`` as plain floats if they are a finite, ordered box (clamped to what Leaflet can show), else None."""
    try:
        (south, west), (north, east) = bounds  # type: ignore[misc]
        south, west, north, east = (float(v) for v in (south, west, north, east))
    except (TypeError, ValueError):
        return None
    if not all(math.isfinite(v) for v in (south, west, north, east)):
        return None
    south, north = max(south, -MAX_LAT), min(north, MAX_LAT)
    west, east = max(west, -180.0), min(east, 180.0)
    if not (south < north and west < east):
        return None
    return [[south, west], [north, east]]


def _box(lat: pd.Series, lon: pd.Series, pad: float, low: float = 0.05, high: float = 0.95) -> Bounds | None:
    """The box around the middle ``low``..``high`` of the points, at least MIN_SPAN_DEG wide, padded."""
    if lat.empty:
        return None
    south, north = lat.quantile(low), lat.quantile(high)
    west, east = lon.quantile(low), lon.quantile(high)
    dlat, dlon = max(north - south, MIN_SPAN_DEG), max(east - west, MIN_SPAN_DEG)
    mid_lat, mid_lon = (south + north) / 2, (west + east) / 2
    return checked_bounds([[mid_lat - dlat * (0.5 + pad), mid_lon - dlon * (0.5 + pad)],
                           [mid_lat + dlat * (0.5 + pad), mid_lon + dlon * (0.5 + pad)]])


def densest_cluster(lat: pd.Series, lon: pd.Series, cell_deg: float = CELL_DEG) -> np.ndarray:
    """Which points lie in the 3x3 block of grid cells holding the most points (every point counts once).

    A grid, not pairwise distances: linear in the number of mentions, so a corpus of
    100,000 mentions costs what a few hundred do.
    """
    rows = np.floor(lat.to_numpy() / cell_deg).astype(np.int64)
    cols = np.floor(lon.to_numpy() / cell_deg).astype(np.int64)
    cells = Counter(zip(rows.tolist(), cols.tolist()))
    around = [(dr, dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)]
    # Ties go to the first cell in sorted order, so the same mentions always give the same view.
    best = max(sorted(cells), key=lambda rc: sum(cells.get((rc[0] + dr, rc[1] + dc), 0) for dr, dc in around))
    return (np.abs(rows - best[0]) <= 1) & (np.abs(cols - best[1]) <= 1)


def default_bounds(mentions: pd.DataFrame | None, pad: float = 0.15, cell_deg: float = CELL_DEG) -> Bounds:
    """[[south, west], [north, east]] around where the story happens.

    Uses the mentions of local places (cities, camps, zones...) when there are any,
    since countries say little about the view. When the densest cluster holds most
    of them (a story about one region, with a few far-away capitals), the view fits
    the middle 90% of that cluster; when the mentions are spread over the world
    (world news), it fits the middle 90% of all of them. Each mention counts, so the
    places the articles keep returning to fill the view. Falls back to the data's
    extent, then to the world: never a box Leaflet cannot draw.
    """
    if mentions is None or len(mentions) == 0:
        return WORLD_BOUNDS
    lat = pd.to_numeric(mentions["lat"], errors="coerce")
    lon = pd.to_numeric(mentions["lon"], errors="coerce")
    ok = np.isfinite(lat) & np.isfinite(lon) & (lat.abs() <= 90) & (lon.abs() <= 180)
    if not ok.any():
        return WORLD_BOUNDS
    local = ok & mentions["kind"].astype(str).isin(LOCAL_KINDS)
    use = local if local.any() else ok
    lat, lon = lat[use], lon[use]
    inside = densest_cluster(lat, lon, cell_deg)
    cluster = _box(lat[inside], lon[inside], pad) if inside.sum() >= MOST * len(lat) else None
    return cluster or _box(lat, lon, pad) or WORLD_BOUNDS
