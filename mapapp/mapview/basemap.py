"""The constant part of the map: basemaps, the reference layer of named zones, legend, styles.

The default basemap works offline: Natural Earth countries from the npm
package world-atlas, served by the app (or inlined for exports), with the
Gaza Strip and its governorates from mapapp's named zones drawn on top for
local detail. OpenStreetMap and CartoDB tiles are offered as other base
layers for users who are online; they start hidden, so Leaflet requests no
tile until someone picks them.
"""
from __future__ import annotations

import json

import folium
import geopandas as gpd

from mapapp import assets
from mapapp.mapview import style
from mapapp.mapview.controls import CONTROLS_CSS, FitControl
from mapapp.mapview.elements import Legend, StaticGeoJson, TopoJsonLayer, style_element
from mapapp.mapview.escape import safe_html
from mapapp.mapview.labels import LABEL_CSS, LabelEngine
from mapapp.mapview.localmap import add_local_detail
from mapapp.mapview.view import WORLD_BOUNDS, checked_bounds

BASEMAPS = ("offline", "osm", "carto")
BASEMAP_NAMES = {
    "offline": "Offline map (Natural Earth)",
    "osm": "OpenStreetMap (online)",
    "carto": "CartoDB Positron (online)",
}
# Named zones that belong to the basemap (land, not things the news says).
BASEMAP_ZONE_KINDS = frozenset({"region", "governorate"})
# Spelled out: xyzservices' "CartoDB positron" warns about an API key on every build.
CARTO_POSITRON_URL = "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png"
CARTO_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors '
    '&copy; <a href="https://carto.com/attributions">CARTO</a>'
)

MAP_OPTIONS = {
    "zoom_start": 10, "control_scale": True,
    # folium passes min/max_zoom only to tiles; markercluster needs the map to know them.
    "minZoom": 2, "maxZoom": 18,
    # Quarter steps: a fitted view is at most 1.19x the box asked for, not up to 2x with whole zoom levels.
    "zoomSnap": 0.25,
}
MAP_CSS = f"""
div.leaflet-container {{ background: {style.BASEMAP_SEA}; font: 12px/1.4 system-ui, sans-serif; }}
.mapapp-marker {{ background: transparent; border: none; }}
.mapapp-dot {{ border-radius: 50%; border: 1.5px solid #fff; box-shadow: 0 0 2px rgba(0,0,0,.6);
  opacity: .88; box-sizing: border-box; }}
.mapapp-legend summary {{ cursor: pointer; font-weight: bold; }}
.mapapp-legend {{ background: rgba(255,255,255,.92); padding: 5px 8px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); font-size: 11px; line-height: 1.35; max-width: 260px; }}
.mapapp-legend .items {{ display: grid; grid-template-columns: auto auto; column-gap: 8px; }}
.mapapp-legend i {{ display: inline-block; width: 11px; height: 11px; margin-right: 5px;
  vertical-align: -1px; border-radius: 50%; }}
.mapapp-legend i.box {{ border-radius: 0; }}
.mapapp-legend i.line {{ height: 0; border-radius: 0; border-top: 3px solid; vertical-align: 3px; }}
.mapapp-legend i.dashed {{ border-top-style: dashed; }}
.mapapp-popup ol {{ padding-left: 18px; margin: 4px 0; }}
.mapapp-popup li {{ margin-bottom: 4px; }}
.mapapp-popup .src {{ color: #555; font-size: 11px; }}
.mapapp-tip .pid {{ color: #777; font-size: 10px; }}
"""


def legend_html(open_: bool = True) -> str:
    """The legend, in a <details> so that on a small map it folds away to one line."""
    return f'<details{" open" if open_ else ""}><summary>Legend</summary>{_legend_body()}</details>'


def _legend_body() -> str:
    places = [
        f'<span><i style="background:{colour}"></i>{safe_html(label)}</span>'
        for label, (colour, _kinds) in style.KIND_GROUPS.items()
        if label not in ("Zones", "Countries and regions")
    ]
    ramp = "".join(f'<i class="box" style="background:{c}"></i>' for c in style.CHOROPLETH_COLOURS)
    zones = []
    for label, kind, described in (
        ("corridor", "corridor", False),
        ("area", "region_part", False),
        ("line / border", "line", False),
        ("described in text", "region_part", True),
    ):
        colour = style.zone_style(kind, described)["color"]
        cls = "line dashed" if described else "line"
        zones.append(f'<span><i class="{cls}" style="border-color:{colour}"></i>{label}</span>')
    zones.append('<span><i class="box" style="background:#6b7280;opacity:.3"></i>uncertainty</span>')
    return (
        "<b>Places</b> (size: mentions)"
        f'<div class="items">{"".join(places)}</div>'
        f"<b>Countries, areas</b><div>{ramp} fewer → more</div>"
        f'<b>Zones</b><div class="items">{"".join(zones)}</div>'
    )


def _local_basemap_geojson(named_zones: gpd.GeoDataFrame | None) -> dict | None:
    if named_zones is None or named_zones.empty:
        return None
    local = named_zones[named_zones["kind"].isin(BASEMAP_ZONE_KINDS)]
    local = local[local.geometry.notna() & local.geom_type.isin(["Polygon", "MultiPolygon"])]
    if local.empty:
        return None
    shapes = gpd.GeoDataFrame(geometry=local.geometry.values, crs=local.crs).to_crs(4326)
    return json.loads(shapes.to_json(drop_id=True))


def _reference_zones(named_zones: gpd.GeoDataFrame | None) -> folium.FeatureGroup | None:
    if named_zones is None or named_zones.empty:
        return None
    group = folium.FeatureGroup(name="Named zones (reference)", overlay=True, show=False)
    for row in named_zones.to_crs(4326).itertuples():
        if row.geometry is None or row.geometry.is_empty:
            continue
        layer = folium.GeoJson(
            row.geometry.__geo_interface__,
            style_function=lambda _f, s=style.zone_style(str(row.kind), False): {**s, "fillOpacity": 0.08},
        )
        folium.Tooltip(f"{safe_html(row.name)} ({safe_html(row.kind)})").add_to(layer)
        layer.add_to(group)
    return group


def build_base_map(
    *,
    bounds: list[list[float]] | None = None,
    named_zones: gpd.GeoDataFrame | None = None,
    basemap: str = "offline",
    world_resolution: str = "50m",
    base_url: str = assets.STATIC_URL_PREFIX,
    inline_basemap: bool = False,
    legend_open: bool = True,
    into: folium.Map | None = None,
) -> folium.Map:
    """A folium.Map with the basemaps, the reference zones, legend and styles, and nothing else.

    ``bounds`` ([[south, west], [north, east]]) is the initial view; a box that is
    missing or not finite shows the world (Leaflet draws nothing at all after a NaN).
    ``inline_basemap`` embeds the world TopoJSON in the page instead of fetching it
    from ``base_url`` (for self-contained HTML exports). ``into`` dresses a map made
    elsewhere (one side of a :class:`folium.plugins.DualMap`) instead of a new one.
    """
    if basemap not in BASEMAPS:
        raise ValueError(f"basemap must be one of {BASEMAPS}, not {basemap!r}")
    (south, west), (north, east) = view = checked_bounds(bounds) or WORLD_BOUNDS
    m = into or folium.Map(tiles=None, location=[(south + north) / 2, (west + east) / 2], **MAP_OPTIONS)
    # Always ship markercluster: the layers added later on the page may need it,
    # and streamlit-folium loads scripts only when it first creates the map.
    m.default_js = [*m.default_js, ("markerclusterjs", ""), ("leaflet-heat.js", "")]
    m.default_css = [*m.default_css, ("markerclustercss", ""), ("markerclusterdefaultcss", "")]
    LabelEngine().add_to(m)  # first: every layer after it brings labels

    offline = folium.FeatureGroup(name=BASEMAP_NAMES["offline"], overlay=False, show=basemap == "offline")
    world_file = assets.WORLD_TOPOJSON[world_resolution]
    if inline_basemap:
        topology = json.loads((assets.STATIC_DIR / world_file).read_text(encoding="utf-8"))
        TopoJsonLayer("countries", style.BASEMAP_LAND, topology=topology).add_to(offline)
    else:
        TopoJsonLayer("countries", style.BASEMAP_LAND, url=assets.asset_url(world_file, base_url)).add_to(offline)
    local = _local_basemap_geojson(named_zones)
    if local is not None:
        StaticGeoJson(local, style.BASEMAP_LOCAL).add_to(offline)
    add_local_detail(offline)
    offline.add_to(m)
    folium.TileLayer("OpenStreetMap", name=BASEMAP_NAMES["osm"], show=basemap == "osm").add_to(m)
    folium.TileLayer(
        CARTO_POSITRON_URL, attr=CARTO_ATTRIBUTION, name=BASEMAP_NAMES["carto"], show=basemap == "carto"
    ).add_to(m)

    reference = _reference_zones(named_zones)
    if reference is not None:
        reference.add_to(m)
    Legend(legend_html(legend_open)).add_to(m)
    FitControl(view).add_to(m)
    m.get_root().header.add_child(style_element(MAP_CSS + LABEL_CSS + CONTROLS_CSS), name="mapapp_css")
    m.fit_bounds(view)
    return assets.localize(m, base_url)
