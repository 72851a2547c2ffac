"""Two articles, or two dates, side by side: one map each, in its own colour, moving together.

A :class:`folium.plugins.DualMap` (Leaflet.Sync from npm keeps the two views
together) whose sides are dressed like the main map (offline basemap, labels,
legend) and hold one side's places and zones, drawn in that side's colour, with
its title above it. Both open on the same view: where the two sides' mentions are.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import folium
import geopandas as gpd
import pandas as pd
from folium.plugins import DualMap

from mapapp import assets
from mapapp.mapview.basemap import MAP_OPTIONS, build_base_map
from mapapp.mapview.elements import Legend
from mapapp.mapview.escape import safe_html
from mapapp.mapview.layers import build_layers
from mapapp.mapview.view import default_bounds

COLOURS = ("#1d4ed8", "#c2410c")  # blue and orange: told apart by most colour-blind readers too


@dataclasses.dataclass(frozen=True)
class Side:
    """One side of a comparison: its title, its mentions and, for a date, the days it covers."""

    title: str
    mentions: gpd.GeoDataFrame
    when: tuple[dt.date, dt.date] | None = None


def _title_html(side: Side, colour: str, letter: str) -> str:
    return (f'<b style="color:{colour}">{letter}</b> {safe_html(side.title)}'
            f'<br><span style="color:#555">{len(side.mentions)} mentions of '
            f'{side.mentions["place_id"].nunique() if len(side.mentions) else 0} places</span>')


def compare_bounds(sides: list[Side]) -> list[list[float]]:
    frames = [s.mentions for s in sides if s.mentions is not None and len(s.mentions)]
    return default_bounds(pd.concat(frames) if frames else None)


def build_compare_map(
    sides: list[Side],
    articles: pd.DataFrame | None = None,
    named_zones: gpd.GeoDataFrame | None = None,
    *,
    base_url: str = assets.STATIC_URL_PREFIX,
) -> DualMap:
    """Two synced maps, ``sides[0]`` on the left in blue, ``sides[1]`` on the right in orange."""
    if len(sides) != 2:
        raise ValueError("a comparison has two sides")
    bounds = compare_bounds(sides)
    (south, west), (north, east) = bounds
    dual = DualMap(location=[(south + north) / 2, (west + east) / 2], layout="horizontal", tiles=None, **MAP_OPTIONS)
    for m, side, colour, letter in zip((dual.m1, dual.m2), sides, COLOURS, "AB"):
        build_base_map(into=m, bounds=bounds, named_zones=named_zones, base_url=base_url, legend_open=False)
        for layer in build_layers(side.mentions, articles, base_url=base_url, named_zones=named_zones,
                                  when=side.when, tint=colour):
            layer.add_to(m)
        Legend(_title_html(side, colour, letter), position="topright").add_to(m)
        folium.LayerControl(collapsed=True).add_to(m)
    assets.localize(dual.get_root(), base_url)  # the two maps are the figure's children, not the DualMap's
    return dual
