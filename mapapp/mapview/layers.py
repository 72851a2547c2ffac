"""The filter-dependent part of the map: places as markers, areas as a choropleth, zones as shapes.

Input is a mentions GeoDataFrame (mapapp.model.MENTION_COLUMNS + geometry);
every row is one mention, so things are aggregated by place first. Each
place's tooltip ends with ``id: <place_id>`` so a click on the map can be
mapped back to the place (see :func:`place_id_from_tooltip`).
"""
from __future__ import annotations

import re

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from folium.plugins import FastMarkerCluster, MarkerCluster

from mapapp import assets
from mapapp.mapview import style
from mapapp.mapview.elements import SafePopup
from mapapp.mapview.escape import safe_html
from mapapp import reader  # module import: reader itself uses mapview.escape

POPUP_MENTIONS = 8
# Past this many places, markers are built in the browser from one data array
# (FastMarkerCluster) instead of one folium element each; popups are left out there.
FAST_CLUSTER_AT = 1500
CLUSTER_OPTIONS = {"maxClusterRadius": 40, "disableClusteringAtZoom": 13, "showCoverageOnHover": False}
_POLYGONAL = ("Polygon", "MultiPolygon")
_TOOLTIP_ID = re.compile(r"id: (\S+)\s*$")


def place_id_from_tooltip(text: str | None) -> str | None:
    """The place id a clicked tooltip belongs to (streamlit-folium returns its text)."""
    if not text:
        return None
    m = _TOOLTIP_ID.search(str(text))
    return m.group(1) if m else None


def _text(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    return str(value)


def classify(mentions: gpd.GeoDataFrame) -> pd.Series:
    """'zone', 'area' or 'place' for each mention row: how it is drawn."""
    kind = mentions["kind"].astype(str)
    described = mentions["rule"].fillna("").astype(str).str.len() > 0
    polygonal = mentions.geometry.geom_type.isin(_POLYGONAL)
    out = pd.Series("place", index=mentions.index)
    out[kind.isin(style.AREA_KINDS) & polygonal] = "area"
    # Named "area" zones (e.g. a buffer zone) are shapes the news draws, not land to colour.
    out[kind.isin(style.ZONE_KINDS) | described | ((kind == "area") & polygonal)] = "zone"
    return out


def _group_key(mentions: gpd.GeoDataFrame, how: pd.Series) -> pd.Series:
    # Named things group by place id; a described zone is one shape per rule and geometry.
    key = mentions["place_id"].fillna("").astype(str)
    described = (how == "zone") & (mentions["rule"].fillna("").astype(str) != "")
    if described.any():
        wkb = mentions.geometry[described].apply(lambda g: g.wkb_hex if g is not None else "")
        key = key.copy()
        key[described] = key[described] + "|" + mentions.loc[described, "rule"].astype(str) + "|" + wkb
    return key


def _light(geom, tolerance: float):
    """Fewer, rounded vertices: the browser gets kilobytes, not megabytes, per country."""
    if tolerance > 0:
        geom = geom.simplify(tolerance, preserve_topology=True)
    return shapely.transform(geom, lambda c: np.round(c, 5))


def _precision_text(value) -> str:
    try:
        metres = float(value)
    except (TypeError, ValueError):
        return ""
    if not np.isfinite(metres) or metres <= 0:
        return ""
    return f"± {metres / 1000:.1f} km" if metres >= 1000 else f"± {metres:.0f} m"


def tooltip_html(rows: pd.DataFrame) -> str:
    first = rows.iloc[0]
    n, docs = len(rows), rows["article_id"].nunique()
    parts = [f"<b>{safe_html(first['name'])}</b> · {safe_html(first['kind'])}"]
    parts.append(f"{n} mention{'s' if n != 1 else ''} in {docs} article{'s' if docs != 1 else ''}")
    rule = _text(first.get("rule"))
    if rule:
        parts.append(f"described zone: {safe_html(rule)}")
    precision = _precision_text(first.get("precision_m"))
    if precision:
        parts.append(f"uncertainty {safe_html(precision)}")
    parts.append(f'<span class="pid">id: {safe_html(first["place_id"])}</span>')
    return '<div class="mapapp-tip">' + "<br>".join(parts) + "</div>"


def popup_html(rows: pd.DataFrame, articles: pd.DataFrame | None, limit: int = POPUP_MENTIONS) -> str:
    """The mentions of one place: each with its sentence (mention in bold) and article title."""
    first = rows.iloc[0]
    head = f"<b>{safe_html(first['name'])}</b> ({safe_html(first['kind'])})"
    phrase = _text(first.get("phrase"))
    if phrase:
        head += f"<br><i>“{safe_html(phrase)}”</i>"
    items = []
    for row in rows.head(limit).itertuples():
        article = articles.loc[row.article_id] if articles is not None and row.article_id in articles.index else None
        title = _text(article["title"]) if article is not None else ""
        date = _text(row.date)
        src = safe_html(title or row.doc) + (f" · {safe_html(date)}" if date else "")
        if article is not None and isinstance(article["text"], str):
            sentence = reader.sentence_html(article["text"], int(row.start), int(row.end))
        else:
            sentence = f"<b>{safe_html(row.surface)}</b>"
        items.append(f'<li>{sentence}<br><span class="src">{src}</span></li>')
    more = len(rows) - limit
    tail = f"<br>… and {more} more mention{'s' if more != 1 else ''}" if more > 0 else ""
    return f'<div class="mapapp-popup">{head}<ol>{"".join(items)}</ol>{tail}</div>'


def _articles_by_id(articles: pd.DataFrame | None) -> pd.DataFrame | None:
    if articles is None or articles.empty:
        return None
    return articles.drop_duplicates("article_id").set_index("article_id", drop=False)


def _marker_icon(count: int, kind: str) -> folium.DivIcon:
    d = style.marker_diameter(count)
    dot = f'<div class="mapapp-dot" style="width:{d}px;height:{d}px;background:{style.kind_colour(kind)}"></div>'
    return folium.DivIcon(html=dot, icon_size=(d, d), icon_anchor=(d // 2, d // 2), class_name="mapapp-marker")


def _point_of(rows: pd.DataFrame) -> tuple[float, float] | None:
    first = rows.iloc[0]
    lat, lon = pd.to_numeric(first.get("lat"), errors="coerce"), pd.to_numeric(first.get("lon"), errors="coerce")
    if pd.notna(lat) and pd.notna(lon):
        return float(lat), float(lon)
    geom = first.geometry
    if geom is None or geom.is_empty:
        return None
    p = geom.representative_point()
    return p.y, p.x


def _places_group(groups: list[pd.DataFrame], articles: pd.DataFrame | None) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="Places", overlay=True)
    located = [(rows, _point_of(rows)) for rows in groups]
    located = [(rows, p) for rows, p in located if p is not None]
    if len(located) >= FAST_CLUSTER_AT:
        data = [
            [lat, lon, style.marker_diameter(len(rows)), style.kind_colour(rows.iloc[0]["kind"]), tooltip_html(rows)]
            for rows, (lat, lon) in located
        ]
        FastMarkerCluster(data, callback=_FAST_MARKER_JS, options=CLUSTER_OPTIONS).add_to(group)
        return group
    cluster = MarkerCluster(options=CLUSTER_OPTIONS).add_to(group)
    for rows, (lat, lon) in located:
        marker = folium.Marker([lat, lon], icon=_marker_icon(len(rows), rows.iloc[0]["kind"]))
        folium.Tooltip(tooltip_html(rows)).add_to(marker)
        SafePopup(popup_html(rows, articles)).add_to(marker)
        marker.add_to(cluster)
    return group


_FAST_MARKER_JS = """
function (row) {
  var d = row[2];
  var icon = L.divIcon({
    html: '<div class="mapapp-dot" style="width:' + d + 'px;height:' + d + 'px;background:' + row[3] + '"></div>',
    iconSize: [d, d], iconAnchor: [d / 2, d / 2], className: "mapapp-marker"
  });
  return L.marker(new L.LatLng(row[0], row[1]), {icon: icon}).bindTooltip(row[4]);
}
"""


def _areas_group(groups: list[pd.DataFrame], articles: pd.DataFrame | None) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="Countries and areas", overlay=True)
    top = max((len(rows) for rows in groups), default=1)
    for rows in groups:
        fill = style.choropleth_colour(len(rows), top)
        shape = folium.GeoJson(
            _light(rows.iloc[0].geometry, 0.01).__geo_interface__,
            style_function=lambda _f, c=fill: {"color": "#166534", "weight": 1, "fillColor": c, "fillOpacity": 0.55},
            highlight_function=lambda _f: {"weight": 3},
        )
        folium.Tooltip(tooltip_html(rows)).add_to(shape)
        SafePopup(popup_html(rows, articles)).add_to(shape)
        shape.add_to(group)
    return group


def _uncertainty(geom, metres: float):
    shape = gpd.GeoSeries([geom], crs=4326)
    return shape.to_crs(shape.estimate_utm_crs()).buffer(metres).to_crs(4326).iloc[0]


def _zones_group(groups: list[pd.DataFrame], articles: pd.DataFrame | None) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="Zones", overlay=True)
    for rows in groups:
        first = rows.iloc[0]
        geom = first.geometry
        if geom is None or geom.is_empty:
            continue
        described = bool(_text(first.get("rule")))
        metres = pd.to_numeric(first.get("precision_m"), errors="coerce")
        if pd.notna(metres) and metres > 0 and geom.geom_type != "Point":
            folium.GeoJson(
                _light(_uncertainty(geom, float(metres)), 0.0005).__geo_interface__,
                style_function=lambda _f: dict(style.UNCERTAINTY_STYLE),
                interactive=False,
            ).add_to(group)
        zone_style = style.zone_style(str(first["kind"]), described)
        shape = folium.GeoJson(
            _light(geom, 0.0).__geo_interface__,
            style_function=lambda _f, s=zone_style: s,
            highlight_function=lambda _f: {"weight": 5},
            marker=folium.CircleMarker(radius=7, **zone_style),
        )
        folium.Tooltip(tooltip_html(rows)).add_to(shape)
        SafePopup(popup_html(rows, articles)).add_to(shape)
        shape.add_to(group)
    return group


def build_layers(
    mentions: gpd.GeoDataFrame,
    articles: pd.DataFrame | None = None,
    *,
    base_url: str = assets.STATIC_URL_PREFIX,
) -> list[folium.FeatureGroup]:
    """Feature groups for the mentions: countries/areas, zones, places (bottom to top).

    ``articles`` (article_id, title, text) supplies the sentence and title of each
    mention in popups; without it popups show the mention's text and document.
    """
    by_id = _articles_by_id(articles)
    if mentions is None or mentions.empty:
        groups = {"area": [], "zone": [], "place": []}
    else:
        frame = mentions.to_crs(4326) if mentions.crs is not None else mentions
        frame = frame[frame.geometry.notna() | frame["lat"].notna()]
        how = classify(frame)
        key = _group_key(frame, how)
        groups = {"area": [], "zone": [], "place": []}
        for (kind_of_drawing, _k), rows in frame.groupby([how, key], sort=False):
            groups[kind_of_drawing].append(rows.sort_values(["article_id", "start"]))
    layers = [
        _areas_group(groups["area"], by_id),
        _zones_group(groups["zone"], by_id),
        _places_group(groups["place"], by_id),
    ]
    for layer in layers:
        assets.localize(layer, base_url)
    return layers
