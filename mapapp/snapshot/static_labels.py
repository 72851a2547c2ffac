"""Labels and the local basemap in the static picture (PDF, SVG, PNG without a browser).

The same candidates and priorities as the browser's labels (:mod:`mapapp.mapview.labels`):
the most-mentioned places first, then zones, other places and areas, then the basemap's
towns and governorates when the picture is close enough in. Each name takes the first
free side of its point; one that would cover another or leave the picture is dropped.
Text goes to matplotlib as text (it is never parsed as markup), so names are not escaped here.
"""
from __future__ import annotations

import html
import math

import geopandas as gpd
import numpy as np
import shapely

from mapapp.mapview import style, summarise
from mapapp.mapview.labels import BASE, PLACE, TIER, ZONE, place_priorities
from mapapp.mapview.localmap import ROAD_STYLE, local_detail
from mapapp.mapview.timeline import in_force

_WORLD_M = 40_075_016.686  # Web Mercator's width of the world, metres
_SIDES = ((1, 0, "left", "center"), (-1, 0, "right", "center"), (0, 1, "center", "bottom"), (0, -1, "center", "top"))
_STYLES = {  # class -> matplotlib text properties, after LABEL_CSS
    "top": {"fontsize": 10, "fontweight": "bold", "color": "#111827"},
    "place": {"fontsize": 9, "color": "#1f2937"},
    "area": {"fontsize": 8, "color": "#4b5563"},
    "zone": {"fontsize": 9, "fontstyle": "italic", "color": "#5b21b6"},
    "base-place": {"fontsize": 8, "color": "#78716c"},
    "base-region": {"fontsize": 8, "color": "#a8a29e"},
}


def picture_zoom(extent, width_px: int) -> float:
    """The Leaflet zoom a picture of this extent and width corresponds to."""
    return math.log2(width_px * _WORLD_M / (256 * max(extent[2] - extent[0], 1e-9)))


def draw_local_basemap(ax) -> None:
    """The basemap's roads and place dots (governorates are drawn with the named zones)."""
    roads, dots, _labels = local_detail()
    if roads["features"]:
        gpd.GeoDataFrame.from_features(roads["features"], crs=4326).to_crs(3857).plot(
            ax=ax, color=ROAD_STYLE["color"], linewidth=1.4, zorder=1.5)
    if dots["features"]:
        gpd.GeoDataFrame.from_features(dots["features"], crs=4326).to_crs(3857).plot(
            ax=ax, color="#8a837a", markersize=5, zorder=1.6)


def draw_in_force(ax, named_zones, when) -> None:
    """The named zones that held in the picture's dates, lightly, under the mentions' zones."""
    if when is None:
        return
    zones = in_force(named_zones, *when)
    for zone in zones.to_crs(3857).itertuples():
        s = style.zone_style(str(zone.kind), False)
        geoms = gpd.GeoSeries([zone.geometry], crs=3857)
        if zone.geometry.geom_type in ("Polygon", "MultiPolygon"):
            geoms.plot(ax=ax, facecolor=s["fillColor"], alpha=0.12, edgecolor="none", zorder=2)
            geoms.boundary.plot(ax=ax, color=s["color"], linewidth=1.4, zorder=2)
        else:
            geoms.plot(ax=ax, color=s["color"], linewidth=2, zorder=2)


def _candidates(snap, zoom: float) -> list[tuple[float, float, float, str, str, float]]:
    """(priority, x, y, text, class, radius px) in EPSG:3857, best first."""
    out = []
    summary = summarise(snap.mentions, None, examples=0)
    if len(summary):
        summary = summary[np.isfinite(summary["lat"]) & np.isfinite(summary["lon"])]
        places = summary[summary["how"] == "place"]
        for (_, place), priority in zip(places.iterrows(), place_priorities(places["mentions"])):
            cls = "top" if priority // TIER > PLACE else "place"
            out.append((priority, place["lon"], place["lat"], place["name"], cls, style.marker_diameter(place["mentions"]) / 2))
        for _, row in summary[summary["how"] != "place"].iterrows():
            zone = row["how"] == "zone"
            point = shapely.point_on_surface(row["geometry"]) if zone and row["geometry"] is not None else None
            lon, lat = (point.x, point.y) if point is not None else (row["lon"], row["lat"])
            out.append(((ZONE if zone else PLACE) * TIER + row["mentions"], lon, lat, row["name"],
                        "zone" if zone else "area", 0))
    if snap.when is not None:
        for _, zone in in_force(snap.named_zones, *snap.when).iterrows():
            point = shapely.point_on_surface(zone["geometry"])
            out.append((ZONE * TIER, point.x, point.y, zone["name"], "zone", 0))
    for lat, lon, text, priority, min_zoom, radius, cls, _id in local_detail()[2]["points"]:
        if zoom >= min_zoom:
            out.append((BASE * TIER + priority % TIER, lon, lat, html.unescape(text), cls, radius))
    out.sort(key=lambda c: -c[0])
    return out


def draw_labels(ax, fig, snap, extent, width_px: int) -> int:
    """Names at their points, best first, none over another; returns how many were drawn."""
    from pyproj import Transformer

    to_mercator = Transformer.from_crs(4326, 3857, always_xy=True)
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed, named = [], set()
    for _priority, lon, lat, text, cls, radius in _candidates(snap, picture_zoom(extent, width_px)):
        if cls.startswith("base") and text in named:
            continue  # the data's label of the same place was placed or tried first
        named.add(text)
        x, y = to_mercator.transform(lon, lat)
        if not (extent[0] <= x <= extent[2] and extent[1] <= y <= extent[3]):
            continue
        props = _STYLES.get(cls, _STYLES["place"])
        sides = ((0, 0, "center", "center"),) if cls in ("zone", "base-region") else _SIDES
        for dx, dy, ha, va in sides:
            gap = (radius + 3) * 0.75  # pixels to points at 100 dpi
            text_ = ax.annotate(text, (x, y), xytext=(dx * gap, dy * gap), textcoords="offset points", ha=ha, va=va,
                                zorder=19, path_effects=_halo(), **props)
            box = text_.get_window_extent(renderer).expanded(1.04, 1.1)
            if frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1) and not any(box.overlaps(b) for b in placed):
                placed.append(box)
                break
            text_.remove()
    return len(placed)


def _halo():
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=2.5, foreground="white")]
