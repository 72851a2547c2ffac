"""Names on the map itself: places, areas and zones labelled without hovering, none over another.

The layout runs in the browser (``labels.js``: one engine per map, an RBush index
from npm for the collisions) because which labels fit depends on the zoom and the
screen. Python says what may be labelled and how much it matters:

1. the :data:`TOP_PLACES` most-mentioned places, so they are named at every zoom;
2. zones, named along a line or inside their shape when it is large enough on screen;
3. the other places and areas by mentions, more of them fitting as one zooms in;
4. the basemap's own places (see :mod:`mapapp.mapview.localmap`), last and quietest.

Names are article-derived, so every label is escaped here with :func:`safe_html`
and travels inside a JSON string (:func:`js_string`).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import FastMarkerCluster
from folium.template import Template as FoliumTemplate
from jinja2 import Template

from mapapp.mapview.escape import js_string, safe_html

ENGINE_JS = (Path(__file__).with_name("labels.js")).read_text(encoding="utf-8")
TOP_PLACES = 8  # named at every zoom, before anything else
MAX_ZONE_LABELS = 200  # of thousands of described zones, the most-mentioned are worth a name
TIER = 1_000_000  # priorities: tier * TIER + mentions
TOP, ZONE, PLACE, BASE = 4, 3, 2, 1

LABEL_CSS = """
.leaflet-mapappLabels-pane { pointer-events: none; }
.mapapp-label-anchor { position: absolute; left: 0; top: 0; width: 0; height: 0; }
.mapapp-label { position: absolute; left: 0; top: 0; white-space: nowrap; pointer-events: none;
  font: 600 12px/1.25 system-ui, sans-serif; color: #1f2937;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
.mapapp-label.top { font-weight: 700; font-size: 13px; color: #111827; }
.mapapp-label .more { font-weight: 400; color: #4b5563; }
.mapapp-label.area { font-weight: 600; font-size: 11px; text-transform: uppercase; letter-spacing: 1px; color: #4b5563; }
.mapapp-label.zone { font-style: italic; }
.mapapp-label.zone-corridor { color: #9a3412; }
.mapapp-label.zone-line { color: #5b21b6; }
.mapapp-label.zone-area { color: #9d174d; }
.mapapp-label.base-region { font-weight: 600; font-size: 11px; text-transform: uppercase; letter-spacing: 2px; color: #a8a29e; }
.mapapp-label.base-place { font-weight: 400; font-size: 11px; color: #78716c; }
.mapapp-label.base-road { font-weight: 400; font-style: italic; font-size: 10px; color: #a16207; }
"""


class LabelEngine(JSCSSMixin, MacroElement):
    """The map's label engine (``map.mapappLabels``); goes on the base map, once."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.engine_js }}
        {{ this._parent.get_name() }}.mapappLabels = L.mapappLabels().addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )
    default_js = [("rbush", "node_modules/rbush/rbush.min.js")]

    def __init__(self):
        super().__init__()
        self._name = "LabelEngine"
        self.engine_js = ENGINE_JS


class LabelSource(MacroElement):
    """Labels of one layer (``spec``: ``points`` and/or ``shapes``, see labels.js), added with it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.mapappLabelSource({{ this.spec_js }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, spec: dict):
        super().__init__()
        self._name = "LabelSource"
        self.spec_js = js_string(spec, compact=True)


class LabelledMarkerCluster(FastMarkerCluster):
    """folium's FastMarkerCluster whose markers also name themselves (the callback sets ``mapappLabel``)."""

    _template = FoliumTemplate(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function(){
                {{ this.callback }}
                var data = {{ this.data|tojson }};
                var cluster = L.markerClusterGroup({{ this.options|tojavascript }});
                cluster.addLayers(data.map(function (row) { return callback(row); }));
                cluster.addTo({{ this._parent.get_name() }});
                L.mapappLabelSource({}, cluster).addTo({{ this._parent.get_name() }});
                return cluster;
            })();
        {% endmacro %}"""
    )


def place_priorities(mentions: pd.Series) -> np.ndarray:
    """Label priority of each place from its mentions: the top :data:`TOP_PLACES` first, then by mentions."""
    counts = mentions.to_numpy(dtype=np.int64)
    tier = np.full(len(counts), PLACE, dtype=np.int64)
    if len(counts):
        order = np.argsort(-counts, kind="stable")
        tier[order[:TOP_PLACES]] = TOP
    return tier * TIER + counts


def area_points(areas: pd.DataFrame) -> list[list]:
    """Countries and regions named at their point, as ordinary places of their mentions."""
    out = []
    for area in areas.to_dict("records"):
        lat, lon = float(area["lat"]), float(area["lon"])
        if np.isfinite(lat) and np.isfinite(lon):
            out.append([round(lat, 4), round(lon, 4), safe_html(area["name"]), PLACE * TIER + int(area["mentions"]),
                        0, 0, "area", str(area["place_id"])])
    return out


def _axis(geom) -> list | None:
    """The long axis of an elongated shape (a corridor), for a name written along it; None for a round one."""
    rect = shapely.minimum_rotated_rectangle(geom)
    if rect.geom_type != "Polygon":
        return None
    corners = np.asarray(rect.exterior.coords)[:4]
    sides = np.hypot(*(np.roll(corners, -1, axis=0) - corners).T)
    long_side = int(np.argmax(sides))
    if sides[long_side] < 2.5 * sides[(long_side + 1) % 4]:
        return None
    start = (corners[long_side] + corners[(long_side + 3) % 4]) / 2  # the middles of the two short sides
    end = (corners[(long_side + 1) % 4] + corners[(long_side + 2) % 4]) / 2
    return [[round(start[1], 5), round(start[0], 5)], [round(end[1], 5), round(end[0], 5)]]


def zone_shapes(zones: pd.DataFrame, displayed: list[dict | None], *, tint: str | None = None) -> list[dict]:
    """Zone labels: a line's name along its middle, a shape's name inside it (along it when elongated)."""
    if not len(zones):
        return []
    ranked = np.argsort(-zones["mentions"].to_numpy(), kind="stable")[:MAX_ZONE_LABELS]
    out = []
    for i in ranked.tolist():
        zone, geometry = zones.iloc[i], displayed[i]
        if geometry is None:
            continue
        kind = str(zone["kind"])
        cls = "zone " + ("zone-corridor" if kind == "corridor" else "zone-line" if kind in ("line", "border") else "zone-area")
        label = {"html": safe_html(zone["name"]), "priority": ZONE * TIER + int(zone["mentions"]),
                 "cls": cls + (" tinted" if tint else ""), "id": str(zone["place_id"]) + "|" + str(zone["name"])}  # one name once, however many rules drew it
        if geometry["type"] == "LineString":
            label["line"] = [[lat, lon] for lon, lat in geometry["coordinates"]]
        else:
            shape = shapely.geometry.shape(geometry)
            point = shapely.point_on_surface(shape)
            label["at"] = [round(point.y, 5), round(point.x, 5)]
            axis = _axis(shape)
            if axis is not None:
                label["axis"] = axis
            else:
                west, south, east, north = shape.bounds
                label["span"] = [[round(south, 5), round(west, 5)], [round(north, 5), round(east, 5)]]
        out.append(label)
    return out
