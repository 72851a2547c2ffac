"""The filter-dependent part of the map: places as markers, areas as a choropleth, zones as shapes.

Input is a mentions GeoDataFrame (mapapp.model.MENTION_COLUMNS + geometry);
:func:`mapapp.mapview.aggregate.summarise` turns it into one row per thing
drawn, so the page grows with the number of places, not of mentions. Places
go to the browser as one data array that a marker-cluster callback turns into
markers; areas and zones as one GeoJSON collection per layer. Tooltip and
popup HTML is escaped here, in Python (safe_html), and travels as JSON
strings. Each tooltip ends with ``id: <place_id>`` so a click on the map can
be mapped back to the place (see :func:`place_id_from_tooltip`).
"""
from __future__ import annotations

import datetime as dt
import re

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from mapapp import assets
from mapapp.mapview import style
from mapapp.mapview.aggregate import classify, summarise
from mapapp.mapview.elements import ShapesLayer
from mapapp.mapview.controls import DateBadge, FitTarget
from mapapp.mapview.heat import heat_group
from mapapp.mapview.labels import LabelledMarkerCluster, LabelSource, area_points, place_priorities, zone_shapes
from mapapp.mapview.escape import js_string, safe_html
from mapapp.simplify import display_geometry, uncertainty_geometry
from mapapp.mapview.timeline import in_force_group, window_text
from mapapp.mapview.view import default_bounds

__all__ = ["build_layers", "classify", "place_id_from_tooltip", "popup_html", "tooltip_html", "examples_for"]

CLUSTER_OPTIONS = {"maxClusterRadius": 40, "disableClusteringAtZoom": 13, "showCoverageOnHover": False}
POPUP_OPTIONS = {"maxWidth": 420, "maxHeight": 320}
POPUP_OPTIONS_KW = {"max_width": POPUP_OPTIONS["maxWidth"], "max_height": POPUP_OPTIONS["maxHeight"]}
_TOOLTIP_ID = re.compile(r"id: (\S+)\s*$")


def examples_for(places: int) -> int:
    """Example sentences per popup: fewer when there are many places, so the page stays small."""
    return 3 if places <= 2000 else 1 if places <= 10000 else 0


def place_id_from_tooltip(text: str | None) -> str | None:
    """The place id a clicked tooltip belongs to (streamlit-folium returns its text)."""
    if not text:
        return None
    m = _TOOLTIP_ID.search(str(text))
    return m.group(1) if m else None


def _precision_text(value) -> str:
    try:
        metres = float(value)
    except (TypeError, ValueError):
        return ""
    if not np.isfinite(metres) or metres <= 0:
        return ""
    return f"± {metres / 1000:.1f} km" if metres >= 1000 else f"± {metres:.0f} m"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _counts_html(place) -> str:
    return f"{_plural(int(place['mentions']), 'mention')} in {_plural(int(place['articles']), 'article')}"


def _tip_extra(place) -> str:
    """The tooltip lines some things have: the rule that built a described zone, the uncertainty."""
    extra = ""
    if place["rule"]:
        extra += f"<br>described zone: {safe_html(place['rule'])}"
    precision = _precision_text(place["precision_m"])
    if precision:
        extra += f"<br>uncertainty {safe_html(precision)}"
    return extra


def _phrase_html(place) -> str:
    return f"<br><i>“{safe_html(place['phrase'])}”</i>" if place["phrase"] else ""


def _examples_html(place) -> str:
    return "".join(f'<li>{sentence}<br><span class="src">{source}</span></li>' for sentence, source in place["examples"])


def tooltip_html(place) -> str:
    """Name, kind, counts, uncertainty and id of one summary row (see :func:`summarise`).

    Markers get the same tooltip from :data:`_MARKER_CALLBACK`, assembled in the browser.
    """
    return (f'<div class="mapapp-tip"><b>{safe_html(place["name"])}</b> · {safe_html(place["kind"])}'
            f'<br>{_counts_html(place)}{_tip_extra(place)}'
            f'<br><span class="pid">id: {safe_html(place["place_id"])}</span></div>')


def popup_html(place) -> str:
    """A summary row's examples: each sentence (mention in bold, already escaped) with its source."""
    more = int(place["mentions"]) - len(place["examples"])
    tail = f"<br>… and {_plural(more, 'more mention')}" if more > 0 else ""
    return (f'<div class="mapapp-popup"><b>{safe_html(place["name"])}</b> ({safe_html(place["kind"])})'
            f'{_phrase_html(place)}<div class="src">{_counts_html(place)}</div>'
            f'<ol>{_examples_html(place)}</ol>{tail}</div>')


# Markers are made in the browser from compact rows (see _marker_row); tooltip and popup are
# assembled there from pieces escaped in Python, in the same shape as tooltip_html/popup_html.
# The popup is built when opened; the tooltip at once, as streamlit-folium reads it on click.
_MARKER_CALLBACK = """(function () {
  var palette = %(palette)s, kinds = %(kinds)s, popupOptions = %(popup)s;
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  return function (row) {
    var d = row[2], kind = kinds[row[6]];
    var counts = plural(row[3], "mention") + " in " + plural(row[4], "article");
    var icon = L.divIcon({
      html: '<div class="mapapp-dot" style="width:' + d + 'px;height:' + d + 'px;background:' + palette[row[5]] + '"></div>',
      iconSize: [d, d], iconAnchor: [d / 2, d / 2], className: "mapapp-marker"
    });
    var marker = L.marker(new L.LatLng(row[0], row[1]), {icon: icon});
    marker.mapappLabel = [row[7], row[13], d, row[8]];
    marker.bindTooltip('<div class="mapapp-tip"><b>' + row[7] + '</b> · ' + kind + '<br>' + counts + row[9]
      + '<br><span class="pid">id: ' + row[8] + '</span></div>', {sticky: true});
    marker.bindPopup(function () {
      return '<div class="mapapp-popup"><b>' + row[7] + '</b> (' + kind + ')' + row[10]
        + '<div class="src">' + counts + '</div><ol>' + row[11] + '</ol>'
        + (row[12] > 0 ? '<br>… and ' + plural(row[12], "more mention") : '') + '</div>';
    }, popupOptions);
    return marker;
  };
})()"""


def _marker_row(place, colour_index: dict, kind_index: dict) -> list:
    """[lat, lon, diameter, mentions, articles, colour, kind, name, id, tooltip extra, phrase, examples, more,
    label priority]: numbers and HTML escaped here, nothing else."""
    mentions = int(place["mentions"])
    return [round(float(place["lat"]), 5), round(float(place["lon"]), 5), style.marker_diameter(mentions),
            mentions, int(place["articles"]), colour_index[style.kind_colour(place["kind"])],
            kind_index.setdefault(str(place["kind"]), len(kind_index)), safe_html(place["name"]),
            safe_html(place["place_id"]), _tip_extra(place), _phrase_html(place), _examples_html(place),
            mentions - len(place["examples"]), int(place["priority"])]


def _places_group(places: pd.DataFrame, tint: str | None = None) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="Places", overlay=True)
    palette = list(dict.fromkeys([*style.KIND_COLOURS.values(), style.OTHER_COLOUR]))
    colour_index = {colour: (0 if tint else i) for i, colour in enumerate(palette)}
    palette = [tint] if tint else palette
    kind_index: dict[str, int] = {}
    # A NaN or infinite corner stops Leaflet from drawing anything: such a place is left out, not the map.
    drawable = np.isfinite(places["lat"].to_numpy(dtype=float)) & np.isfinite(places["lon"].to_numpy(dtype=float))
    places = places[drawable].assign(priority=place_priorities(places.loc[drawable, "mentions"]))
    rows = [_marker_row(p, colour_index, kind_index) for p in places.to_dict("records")]
    kinds = [safe_html(kind) for kind in kind_index]
    callback = _MARKER_CALLBACK % {"palette": js_string(palette), "kinds": js_string(kinds),
                                   "popup": js_string(POPUP_OPTIONS)}
    LabelledMarkerCluster(rows, callback=callback, options=CLUSTER_OPTIONS).add_to(group)
    return group


def _feature(geometry: dict, shape_style: dict, place=None) -> dict:
    properties = {"style": shape_style}
    if place is not None:
        properties.update(tip=tooltip_html(place), popup=popup_html(place))
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _areas_group(areas: pd.DataFrame, tint: str | None = None) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="Countries and areas", overlay=True)
    top = int(areas["mentions"].max()) if len(areas) else 1
    features = []
    for area in areas.to_dict("records"):
        geometry = display_geometry(area["geometry"])
        if geometry is not None:
            fill = style.choropleth_colour(int(area["mentions"]), top)
            shape_style = style.tinted({"color": "#166534", "weight": 1, "fillColor": fill, "fillOpacity": 0.4}, tint, 0.1)
            features.append(_feature(geometry, shape_style, area))
    ShapesLayer(features, highlight={"weight": 3}, **POPUP_OPTIONS_KW).add_to(group)
    LabelSource({"points": area_points(areas)}).add_to(group)
    return group


def _zones_group(zones: pd.DataFrame, tint: str | None = None) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="Zones", overlay=True)
    bands, shapes, displayed = [], [], []
    for zone in zones.to_dict("records"):
        geom = zone["geometry"]
        geometry = display_geometry(geom)
        displayed.append(geometry)
        if geometry is None:
            continue
        if geom.geom_type != "Point":
            band = uncertainty_geometry(geom, float(zone["precision_m"]))
            if band is not None:
                bands.append(_feature(band, dict(style.UNCERTAINTY_STYLE)))
        shapes.append(_feature(geometry, style.tinted(style.zone_style(str(zone["kind"]), bool(zone["rule"])), tint), zone))
    # Bands under shapes: the uncertainty is the backdrop, the zone what people point at.
    ShapesLayer(bands, interactive=False).add_to(group)
    ShapesLayer(shapes, highlight={"weight": 5}, **POPUP_OPTIONS_KW).add_to(group)
    LabelSource({"shapes": zone_shapes(zones, displayed)}).add_to(group)
    return group


def build_layers(
    mentions: gpd.GeoDataFrame,
    articles: pd.DataFrame | None = None,
    *,
    base_url: str = assets.STATIC_URL_PREFIX,
    named_zones: gpd.GeoDataFrame | None = None,
    when: tuple[dt.date, dt.date] | None = None,
    heat: bool = False,
    tint: str | None = None,
) -> list[folium.FeatureGroup]:
    """Feature groups for the mentions: countries/areas, zones in force, zones, places, heat (bottom to top).

    ``articles`` (article_id, title, text) supplies the example sentences and titles
    in popups; without it popups show the mention's text and document. ``when`` (first
    and last day) draws the ``named_zones`` that held then and shows the date on the map;
    ``heat`` shows the mentions-heat layer (it is in the layer list either way); ``tint``
    draws everything in one colour (two articles compared side by side).
    """
    places_n = 0 if mentions is None or mentions.empty else int(mentions["place_id"].nunique())
    summary = summarise(mentions, articles, examples=examples_for(places_n))
    layers = [_areas_group(summary[summary["how"] == "area"], tint)]
    if when is not None:
        layers.append(in_force_group(named_zones, *when))
    places = _places_group(summary[summary["how"] == "place"], tint)
    layers += [_zones_group(summary[summary["how"] == "zone"], tint), places]
    if heat:  # only when asked: streamlit-folium shows every group it is given, hidden or not
        layers.append(heat_group(summary, show=True))
    FitTarget(default_bounds(mentions)).add_to(places)
    if when is not None:
        DateBadge(safe_html(window_text(*when))).add_to(places)
    for layer in layers:
        assets.localize(layer, base_url)
    return layers
