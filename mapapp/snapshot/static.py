"""A static picture of a snapshot with geopandas + matplotlib: PNG without a browser, PDF and SVG.

Drawn like the Leaflet map (same colours, sizes and zone styles from
:mod:`mapapp.mapview.style`) in Web Mercator, over the Natural Earth countries
from npm world-atlas (read with GDAL's TopoJSON driver) and mapapp's own
governorates. Tiles are never fetched here, so the credits name only the data drawn.
"""
from __future__ import annotations

import io
import math

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot
import matplotlib.pyplot as plt  # noqa: E402
import shapely  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.offsetbox import AnchoredOffsetbox, TextArea, VPacker  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from pyproj import Geod, Transformer  # noqa: E402
from shapely.geometry import box  # noqa: E402

from mapapp import assets  # noqa: E402
from mapapp.mapview import classify, default_bounds, style  # noqa: E402
from mapapp.mapview.basemap import BASEMAP_ZONE_KINDS  # noqa: E402
from mapapp.snapshot.static_labels import draw_in_force, draw_labels, draw_local_basemap  # noqa: E402
from mapapp.snapshot.view import Snapshot, credits  # noqa: E402

DPI = 100
_TO_MERCATOR = Transformer.from_crs(4326, 3857, always_xy=True)
_FROM_MERCATOR = Transformer.from_crs(3857, 4326, always_xy=True)
_GEOD = Geod(ellps="WGS84")
_PT_PER_PX = 72 / DPI


def _extent(snap: Snapshot, size: tuple[int, int]) -> tuple[float, float, float, float]:
    """(xmin, ymin, xmax, ymax) in EPSG:3857 holding the view's box at the picture's aspect ratio."""
    if snap.view is not None and snap.view.bounds is not None:
        (south, west), (north, east) = snap.view.bounds
    else:
        (south, west), (north, east) = default_bounds(snap.mentions)
    south, north = max(south, -85.0), min(north, 85.0)
    x0, y0 = _TO_MERCATOR.transform(west, south)
    x1, y1 = _TO_MERCATOR.transform(east, north)
    cx, cy, w, h = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0
    aspect = size[0] / size[1]
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def _countries(lonlat_box, detailed: bool) -> gpd.GeoDataFrame:
    path = assets.STATIC_DIR / assets.WORLD_TOPOJSON["10m" if detailed else "50m"]
    world = gpd.read_file(path, layer="countries", engine="pyogrio").set_crs(4326, allow_override=True)
    geoms = world.geometry.values
    world = world[~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)].copy()
    world = world[world.intersects(lonlat_box)]  # before make_valid: it is the slow part on 1:10m shapes
    world["geometry"] = world.geometry.make_valid()
    return gpd.clip(world, lonlat_box).to_crs(3857)


def _mpl_style(leaflet: dict) -> dict:
    out = {
        "edgecolor": leaflet.get("color", "#333"),
        "facecolor": leaflet.get("fillColor", "none"),
        "linewidth": leaflet.get("weight", 1) * _PT_PER_PX * 1.3,
    }
    if leaflet.get("dashArray"):
        out["linestyle"] = (0, (4, 3))
    return out


def _draw_shapes(ax, geoms: gpd.GeoSeries, leaflet: dict) -> None:
    s = _mpl_style(leaflet)
    polys = geoms[geoms.geom_type.isin(["Polygon", "MultiPolygon"])]
    lines = geoms[geoms.geom_type.isin(["LineString", "MultiLineString"])]
    points = geoms[geoms.geom_type.isin(["Point", "MultiPoint"])]
    if len(polys):
        polys.plot(ax=ax, facecolor=s["facecolor"], alpha=leaflet.get("fillOpacity", 0.2), edgecolor="none")
        polys.boundary.plot(ax=ax, color=s["edgecolor"], linewidth=s["linewidth"], linestyle=s.get("linestyle", "-"))
    if len(lines):
        lines.plot(ax=ax, color=s["edgecolor"], linewidth=s["linewidth"] * 1.2, linestyle=s.get("linestyle", "-"))
    if len(points):
        points.plot(ax=ax, color=s["facecolor"], edgecolor=s["edgecolor"], markersize=60)


def _draw_mentions(ax, mentions: gpd.GeoDataFrame) -> tuple[set[str], set[str], bool]:
    """Areas, zones, places; returns the legend groups used (place groups, zone labels, choropleth)."""
    if mentions is None or mentions.empty:
        return set(), set(), False
    frame = mentions[mentions.geometry.notna()].to_crs(4326)
    how = classify(frame)
    areas = frame[how == "area"]
    top = areas.groupby("place_id").size().max() if len(areas) else 1
    for _pid, rows in areas.groupby("place_id", sort=True):
        fill = style.choropleth_colour(len(rows), int(top))
        gpd.GeoSeries([rows.geometry.iloc[0]], crs=4326).to_crs(3857).plot(
            ax=ax, facecolor=fill, alpha=0.55, edgecolor="#166534", linewidth=0.6)
    zone_labels: set[str] = set()
    zones = frame[how == "zone"]
    for _key, rows in zones.groupby([zones["place_id"].astype(str), zones["rule"].fillna("").astype(str),
                                     zones.geometry.to_wkb()], sort=True):
        first = rows.iloc[0]
        described = bool(str(first["rule"] or ""))
        zone_labels.add(_zone_label(str(first["kind"]), described))
        _draw_shapes(ax, gpd.GeoSeries([first.geometry], crs=4326).to_crs(3857), style.zone_style(str(first["kind"]), described))
    places = frame[how == "place"]
    groups: set[str] = set()
    if len(places):
        counts = places.groupby("place_id", sort=True).agg(
            lat=("lat", "first"), lon=("lon", "first"), kind=("kind", "first"), n=("place_id", "size"))
        counts = counts.sort_values("n", ascending=False)  # big dots under small ones
        xs, ys = _TO_MERCATOR.transform(counts["lon"].astype(float).values, counts["lat"].astype(float).values)
        sizes = [(style.marker_diameter(int(n)) * _PT_PER_PX) ** 2 for n in counts["n"]]
        colours = [style.kind_colour(k) for k in counts["kind"]]
        ax.scatter(xs, ys, s=sizes, c=colours, edgecolors="white", linewidths=1.2, alpha=0.9, zorder=5)
        groups = {label for label, (_c, kinds) in style.KIND_GROUPS.items() if set(counts["kind"]) & set(kinds)}
    return groups, zone_labels, len(areas) > 0


_ZONE_LEGEND = {  # label -> (kind, described) as in the map's legend
    "corridor": ("corridor", False),
    "area": ("region_part", False),
    "line / border": ("line", False),
    "described in text": ("region_part", True),
}


def _zone_label(kind: str, described: bool) -> str:
    if described:
        return "described in text"
    return {"corridor": "corridor", "line": "line / border", "border": "line / border"}.get(kind, "area")


def _legend(ax, groups: set[str], zone_labels: set[str], choropleth: bool) -> None:
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=colour,
               markeredgecolor="white", label=label)
        for label, (colour, _k) in style.KIND_GROUPS.items() if label in groups
    ]
    for label, (kind, described) in _ZONE_LEGEND.items():
        if label in zone_labels:
            s = style.zone_style(kind, described)
            handles.append(Line2D([], [], color=s["color"], linewidth=2.5,
                                  linestyle="--" if described else "-", label=f"zone: {label}"))
    if choropleth:
        handles.append(Patch(facecolor=style.CHOROPLETH_COLOURS[3], edgecolor="#166534", alpha=0.55,
                             label="countries, areas (darker: more mentions)"))
    if handles:
        legend = ax.legend(handles=handles, loc="lower left", fontsize=9, framealpha=0.92,
                           title="Places (size: mentions)", title_fontsize=9, borderpad=0.7)
        legend.set_zorder(20)


def _nice(length: float) -> float:
    exp = 10 ** math.floor(math.log10(length))
    return max(m * exp for m in (1, 2, 5) if m * exp <= length)


def _scale_bar(ax, extent) -> None:
    """A bar of a round ground length, measured on the ellipsoid at the bar's latitude."""
    x0, y0, x1, y1 = extent
    width = x1 - x0
    bar_y = y0 + (y1 - y0) * 0.09
    start_x = x1 - width * 0.04
    lon_a, lat = _FROM_MERCATOR.transform(start_x - width * 0.2, bar_y)
    lon_b, _ = _FROM_MERCATOR.transform(start_x, bar_y)
    metres_for_fifth = _GEOD.inv(lon_a, lat, lon_b, lat)[2]
    metres = _nice(metres_for_fifth)
    bar_w = width * 0.2 * metres / metres_for_fifth
    label = f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"
    ax.plot([start_x - bar_w, start_x], [bar_y, bar_y], color="#222", linewidth=3, solid_capstyle="butt", zorder=21)
    ax.text(start_x - bar_w / 2, bar_y + (y1 - y0) * 0.012, label, ha="center", va="bottom", fontsize=10,
            zorder=21, bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 1.5})


def _caption(ax, snap: Snapshot) -> None:
    """Title (bold) over the filter lines, in a box at the top left like the HTML's caption."""
    parts = [TextArea(snap.title, textprops={"fontsize": 14, "fontweight": "bold"})]
    if snap.caption:
        parts.append(TextArea("\n".join(snap.caption), textprops={"fontsize": 10, "linespacing": 1.5}))
    box_ = AnchoredOffsetbox(loc="upper left", child=VPacker(children=parts, pad=0, sep=5), pad=0.5,
                             borderpad=0.8, frameon=True)
    box_.patch.set_boxstyle("round,pad=0.2")
    box_.patch.set_facecolor("white")
    box_.patch.set_alpha(0.93)
    box_.patch.set_edgecolor("#bbb")
    box_.set_zorder(22)
    ax.add_artist(box_)


def render_static(snap: Snapshot, size: tuple[int, int], fmt: str = "png") -> bytes:
    """The snapshot drawn by matplotlib as ``fmt`` ('png', 'pdf' or 'svg'), ``size`` pixels at 100 dpi."""
    plt.rcParams["svg.hashsalt"] = "mapapp"  # stable element ids in SVG
    extent = _extent(snap, size)
    lon0, lat0 = _FROM_MERCATOR.transform(extent[0], extent[1])
    lon1, lat1 = _FROM_MERCATOR.transform(extent[2], extent[3])
    lonlat_box = box(lon0 - 0.5, lat0 - 0.5, lon1 + 0.5, lat1 + 0.5)

    fig = plt.figure(figsize=(size[0] / DPI, size[1] / DPI), dpi=DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    try:
        fig.set_facecolor(style.BASEMAP_SEA)  # the axes are switched off, so the figure is the sea
        land = _countries(lonlat_box, detailed=max(lon1 - lon0, lat1 - lat0) < 12)
        if len(land):
            land.plot(ax=ax, facecolor=style.BASEMAP_LAND["fillColor"], edgecolor=style.BASEMAP_LAND["color"], linewidth=0.5)
        if snap.named_zones is not None and len(snap.named_zones):
            local = snap.named_zones[snap.named_zones["kind"].isin(BASEMAP_ZONE_KINDS)]
            if len(local):
                local.to_crs(3857).plot(ax=ax, facecolor=style.BASEMAP_LOCAL["fillColor"],
                                        edgecolor=style.BASEMAP_LOCAL["color"], linewidth=0.9)
        draw_local_basemap(ax)
        draw_in_force(ax, snap.named_zones, snap.when)
        legend_parts = _draw_mentions(ax, snap.mentions)
        ax.set_xlim(extent[0], extent[2])
        ax.set_ylim(extent[1], extent[3])
        ax.set_axis_off()
        draw_labels(ax, fig, snap, extent, size[0])

        _caption(ax, snap)
        _legend(ax, *legend_parts)
        _scale_bar(ax, extent)
        ax.text(0.995, 0.005, " · ".join(credits(snap.basemap, tiles_drawn=False)), transform=ax.transAxes,
                ha="right", va="bottom", fontsize=8, color="#333", zorder=22,
                bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 2})
        out = io.BytesIO()
        metadata = {"png": {"Software": None}, "pdf": {"CreationDate": None, "Producer": None},
                    "svg": {"Date": None}}[fmt]
        fig.savefig(out, format=fmt, dpi=DPI, metadata=metadata)
        return out.getvalue()
    finally:
        plt.close(fig)
