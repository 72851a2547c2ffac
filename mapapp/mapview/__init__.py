"""The folium map of mentions and zones.

- :func:`build_base_map` -- the constant part (basemaps, reference zones, legend, view);
- :func:`build_layers` -- the filter-dependent feature groups (give them to
  streamlit-folium's ``feature_group_to_add`` so a filter change keeps pan and zoom),
  drawn from :func:`summarise` (one row per place, area or zone);
- :func:`build_map` -- both together with a layer control, for exports.

Every script and stylesheet is local (see :mod:`mapapp.assets`); untrusted text
goes through :func:`safe_html`.
"""
from __future__ import annotations

import folium
import geopandas as gpd
import pandas as pd

from mapapp import assets
from mapapp.mapview.basemap import BASEMAP_NAMES, BASEMAPS, DEFAULT_BOUNDS, build_base_map
from mapapp.mapview.escape import js_string, safe_html
from mapapp.mapview.aggregate import summarise
from mapapp.mapview.layers import build_layers, classify, place_id_from_tooltip

__all__ = [
    "BASEMAPS",
    "BASEMAP_NAMES",
    "build_base_map",
    "build_layers",
    "build_map",
    "classify",
    "default_bounds",
    "js_string",
    "place_id_from_tooltip",
    "safe_html",
    "summarise",
]

# Kinds that say where a story happens; countries and continents say little about the view.
_LOCAL_KINDS = frozenset({
    "city", "town", "village", "camp", "neighbourhood", "crossing", "facility", "road",
    "settlement", "corridor", "line", "region_part", "governorate", "border", "area",
})


def default_bounds(mentions: gpd.GeoDataFrame | None, pad: float = 0.15, reach_deg: float = 3.0) -> list[list[float]]:
    """[[south, west], [north, east]] around where the story happens.

    Takes the mentions of local places (cities, camps, zones...; countries say
    little about the view) within ``reach_deg`` degrees of their median point, so
    one far-away city does not zoom the map out to the whole world, and fits the
    middle 90% of them. Falls back to all mentions, then to the Gaza Strip.
    """
    if mentions is None or mentions.empty:
        return DEFAULT_BOUNDS
    lat = pd.to_numeric(mentions["lat"], errors="coerce")
    lon = pd.to_numeric(mentions["lon"], errors="coerce")
    ok = lat.notna() & lon.notna()
    local = ok & mentions["kind"].astype(str).isin(_LOCAL_KINDS)
    use = local if local.any() else ok
    if not use.any():
        return DEFAULT_BOUNDS
    mid_lat, mid_lon = lat[use].median(), lon[use].median()
    near = use & ((lat - mid_lat).abs() <= reach_deg) & ((lon - mid_lon).abs() <= reach_deg)
    # Where most of the story's mentions are (every mention counts, so the places the
    # articles keep returning to fill the view; a place named once is a zoom-out away).
    south, north = lat[near].quantile(0.05), lat[near].quantile(0.95)
    west, east = lon[near].quantile(0.05), lon[near].quantile(0.95)
    dlat, dlon = max(north - south, 0.4), max(east - west, 0.4)
    mid_lat, mid_lon = (south + north) / 2, (west + east) / 2
    return [[mid_lat - dlat * (0.5 + pad), mid_lon - dlon * (0.5 + pad)],
            [mid_lat + dlat * (0.5 + pad), mid_lon + dlon * (0.5 + pad)]]


def build_map(
    mentions: gpd.GeoDataFrame,
    articles: pd.DataFrame | None = None,
    named_zones: gpd.GeoDataFrame | None = None,
    *,
    basemap: str = "offline",
    bounds: list[list[float]] | None = None,
    base_url: str = assets.STATIC_URL_PREFIX,
    inline_basemap: bool = False,
    world_resolution: str = "50m",
) -> folium.Map:
    """The whole map in one folium.Map (base + layers + layer control), e.g. for HTML/PNG exports.

    For a self-contained file pass ``inline_basemap=True`` and inline the
    scripts/styles found by :func:`mapapp.assets.link_urls` via :func:`mapapp.assets.local_path`.
    """
    m = build_base_map(
        bounds=bounds or default_bounds(mentions),
        named_zones=named_zones,
        basemap=basemap,
        base_url=base_url,
        inline_basemap=inline_basemap,
        world_resolution=world_resolution,
    )
    for layer in build_layers(mentions, articles, base_url=base_url):
        layer.add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    return assets.localize(m, base_url)
