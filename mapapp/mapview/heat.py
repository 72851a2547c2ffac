"""Mentions as heat: an optional layer that shows where mentions concentrate when markers are too many.

Each place and zone counts by its mentions (square-root scaled, so the one place every
article names does not leave the rest invisible); countries and regions are left out,
as their shading already says how often they are named and their point is not where
anything happened. Drawn by leaflet.heat, installed from npm like markercluster.
"""
from __future__ import annotations

import folium
import numpy as np
import pandas as pd
from folium.plugins import HeatMap

HEAT_OPTIONS = {"radius": 22, "blur": 18, "min_opacity": 0.3, "max_zoom": 12}
LAYER_NAME = "Mentions heat"


def heat_points(summary: pd.DataFrame) -> list[list[float]]:
    """[lat, lon, weight 0..1] for each place and zone with a finite point."""
    rows = summary[summary["how"].isin(["place", "zone"])]
    lat = rows["lat"].to_numpy(dtype=float)
    lon = rows["lon"].to_numpy(dtype=float)
    counts = rows["mentions"].to_numpy(dtype=float)
    ok = np.isfinite(lat) & np.isfinite(lon) & (counts > 0)
    if not ok.any():
        return []
    weight = np.sqrt(counts[ok] / counts[ok].max())
    return np.round(np.column_stack([lat[ok], lon[ok], weight]), 5).tolist()


def heat_group(summary: pd.DataFrame, *, show: bool = False) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=LAYER_NAME, overlay=True, show=show)
    points = heat_points(summary)
    if points:
        HeatMap(points, control=False, **HEAT_OPTIONS).add_to(group)
    return group
