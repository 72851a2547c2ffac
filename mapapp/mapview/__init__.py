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

import datetime as dt

import folium
import geopandas as gpd
import pandas as pd

from mapapp import assets
from mapapp.mapview.basemap import BASEMAP_NAMES, BASEMAPS, build_base_map
from mapapp.mapview.escape import js_string, safe_html
from mapapp.mapview.aggregate import summarise
from mapapp.mapview.layers import build_layers, classify, place_id_from_tooltip
from mapapp.mapview.view import WORLD_BOUNDS, checked_bounds, default_bounds

__all__ = [
    "BASEMAPS",
    "BASEMAP_NAMES",
    "build_base_map",
    "build_layers",
    "WORLD_BOUNDS",
    "build_map",
    "checked_bounds",
    "classify",
    "default_bounds",
    "js_string",
    "place_id_from_tooltip",
    "safe_html",
    "summarise",
]

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
    when: tuple[dt.date, dt.date] | None = None,
    heat: bool = False,
) -> folium.Map:
    """The whole map in one folium.Map (base + layers + layer control), e.g. for HTML/PNG exports.

    For a self-contained file pass ``inline_basemap=True`` and inline the
    scripts/styles found by :func:`mapapp.assets.link_urls` via :func:`mapapp.assets.local_path`.
    ``when`` (first and last day) draws the named zones in force then; ``heat`` shows the heat layer.
    """
    m = build_base_map(
        bounds=bounds or default_bounds(mentions),
        named_zones=named_zones,
        basemap=basemap,
        base_url=base_url,
        inline_basemap=inline_basemap,
        world_resolution=world_resolution,
    )
    for layer in build_layers(mentions, articles, base_url=base_url, named_zones=named_zones, when=when, heat=heat):
        layer.add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    return assets.localize(m, base_url)
