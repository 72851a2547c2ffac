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
import shapely

Bounds = list[list[float]]  # [[south, west], [north, east]]

# The lived-on world as Web Mercator shows it: Antarctica and the Arctic would only push the view out.
WORLD_BOUNDS: Bounds = [[-56.0, -170.0], [75.0, 180.0]]
MAX_LAT = 85.0511287798  # Web Mercator's edge: Leaflet cannot fit a box past it
MIN_SPAN_DEG = 0.4  # a town and its surroundings: a single place is not zoomed in to street level
# Clusters are found on grids of these sizes, coarse to fine; a cluster is a 3x3 block of cells
# (9 degrees: a region or a small country; down to 1/3 degree: a city and its suburbs).
CELLS_DEG = (3.0, 1.0, 1 / 3, 1 / 9)
CELL_DEG = CELLS_DEG[0]
MOST = 0.5  # the densest cluster is the view when it holds at least this share of the mentions
KEEP = 0.8  # and a finer cluster inside it when that holds this share of the cluster's mentions
GROW = 2.0  # a shape named in the cluster widens the view when it is at most this much larger than it
PAD = 0.1  # margin around the view, as a share of its size on each side

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


def _focus(lat: pd.Series, lon: pd.Series) -> np.ndarray | None:
    """The points of the densest cluster, narrowed while a finer one keeps most of them; None when spread out.

    Coarse to fine, so a story about a city in a region that is also in the news
    opens on the city when most mentions are there, and on the region when they are not.
    """
    inside = np.ones(len(lat), dtype=bool)
    for level, cell in enumerate(CELLS_DEG):
        block = densest_cluster(lat[inside], lon[inside], cell)
        if block.sum() < (MOST if level == 0 else KEEP) * inside.sum():
            if level == 0:
                return None
            break
        inside[np.flatnonzero(inside)[~block]] = False
    return inside


def _with_shapes(box: Bounds, mentions: pd.DataFrame) -> Bounds:
    """``box`` widened to hold the shapes named inside it that are not much larger than it.

    The points of a story about the Gaza Strip lie in its towns; the Strip's own outline,
    named as often, belongs in the view; the large region next to it does not.
    """
    geoms = mentions.geometry.to_numpy() if hasattr(mentions, "geometry") else None
    if geoms is None or not len(geoms):
        return box
    (south, west), (north, east) = box
    bounds = shapely.bounds(geoms)  # NaN for missing shapes: the comparisons below drop them
    lat = pd.to_numeric(mentions["lat"], errors="coerce").to_numpy()
    lon = pd.to_numeric(mentions["lon"], errors="coerce").to_numpy()
    with np.errstate(invalid="ignore"):
        named_here = (south <= lat) & (lat <= north) & (west <= lon) & (lon <= east)
        small = ((bounds[:, 2] - bounds[:, 0]) <= GROW * (east - west)) & ((bounds[:, 3] - bounds[:, 1]) <= GROW * (north - south))
    chosen = bounds[named_here & small]
    if not len(chosen):
        return box
    return checked_bounds([[min(south, chosen[:, 1].min()), min(west, chosen[:, 0].min())],
                           [max(north, chosen[:, 3].max()), max(east, chosen[:, 2].max())]]) or box


def _padded(box: Bounds | None, pad: float) -> Bounds | None:
    if box is None:
        return None
    (south, west), (north, east) = box
    dlat, dlon = (north - south) * pad, (east - west) * pad
    return checked_bounds([[south - dlat, west - dlon], [north + dlat, east + dlon]])


def default_bounds(mentions: pd.DataFrame | None, pad: float = PAD) -> Bounds:
    """[[south, west], [north, east]] around where the story happens.

    Uses the mentions of local places (cities, camps, zones...) when there are any,
    since countries say little about the view. When the densest cluster holds most
    of them (a story about one region, with a few far-away capitals), the view fits
    the middle 90% of that cluster, narrowed to a finer cluster while that keeps most
    of them, and widened to the shapes named there that are not much larger (the
    territory whose towns they are); when the mentions are spread over the world
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
    inside = _focus(lat, lon)
    if inside is not None:
        cluster = _box(lat[inside], lon[inside], 0.0)
        if cluster is not None:
            return _padded(_with_shapes(cluster, mentions[ok]), pad) or cluster
    return _box(lat, lon, pad) or WORLD_BOUNDS
