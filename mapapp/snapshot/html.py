"""One self-contained HTML file of a map: opens offline, from a USB stick, in any browser.

The page is mapapp's folium map (:func:`mapapp.mapview.build_map`) with

- Leaflet, markercluster and their stylesheets inlined from the npm packages
  under ``mapapp/app/static/node_modules`` (images in the CSS as data: URIs),
  and the Natural Earth basemap inlined as TopoJSON, so nothing is fetched;
- a caption (title, filters, dates), the credits, the scale bar and legend;
- element ids numbered in tree order instead of folium's random UUIDs, so the
  same inputs give the same bytes (diffable, cacheable, testable).

``for_image=True`` makes the page the PNG renderer loads: no animations,
fractional zoom (a bbox fills the picture), no interactive controls.
"""
from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from mapapp import assets
from mapapp.mapview import build_map, default_bounds, js_string, safe_html
from mapapp.snapshot.view import Snapshot, credits

# A prefix no real URL has, so every asset link in the rendered page is ours to inline.
ASSET_PREFIX = "mapapp-inline:/static"
_SCRIPT_LINK = re.compile(r'<script src="([^"]+)"></script>')
_CSS_LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)"\s*/>')
_CSS_URL = re.compile(r"url\((['\"]?)([^)'\"#][^)'\"]*)\1\)")
_FOLIUM_UUID = re.compile(r"(?<=_)[0-9a-f]{32}(?![0-9a-f])")
# A view narrower than this (degrees) gets the detailed 1:10m coastline in pictures.
_DETAILED_BELOW_DEG = 12.0

SNAPSHOT_CSS = """
.mapapp-caption { background: rgba(255,255,255,.93); padding: 6px 10px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); font: 12px/1.4 system-ui, sans-serif; max-width: 420px; }
.mapapp-caption h1 { font-size: 16px; margin: 0 0 3px 0; line-height: 1.25; }
.mapapp-caption div { color: #333; }
.leaflet-control-attribution { font-size: 11px; }
"""
IMAGE_CSS = """
.leaflet-control-zoom, .leaflet-control-layers { display: none !important; }
*, *::before, *::after { transition: none !important; animation: none !important; }
.mapapp-caption h1 { font-size: 20px; }
.mapapp-caption { font-size: 13px; }
"""


class _SnapshotHooks(MacroElement):
    """Caption, credits and view, plus ``window.mapappSnapshot`` for renderers and tests to ask
    whether the map has settled and how many place markers it holds."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
          var caption = L.control({position: "topright"});
          caption.onAdd = function () {
            var div = L.DomUtil.create("div", "mapapp-caption");
            div.innerHTML = {{ this.caption_js }};
            L.DomEvent.disableClickPropagation(div);
            return div;
          };
          caption.addTo(map);
          if (map.attributionControl) { map.attributionControl.addAttribution({{ this.credits_js }}); }
          var center = {{ this.center_js }};
          if (center) { map.setView(center, {{ this.zoom_js }}, {animate: false}); }
          window.mapappSnapshot = {
            map: map,
            settled: function () {
              var busy = !!(map._animatingZoom || (map._panAnim && map._panAnim._inProgress));
              map.eachLayer(function (l) { if (l instanceof L.GridLayer && l._loading) { busy = true; } });
              if (map.mapappLabels && map.mapappLabels.pending()) { busy = true; }  // names not laid out yet
              return !busy;
            },
            labels: function () {
              return Array.prototype.map.call(map.getContainer().querySelectorAll(".mapapp-label-anchor"),
                                              function (el) { return el.textContent; });
            },
            markers: function () {
              var n = 0;
              map.eachLayer(function (l) {
                if (L.MarkerClusterGroup && l instanceof L.MarkerClusterGroup) { n += l.getLayers().length; }
              });
              return n;
            }
          };
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, caption_html: str, credits_html: str, center, zoom):
        super().__init__()
        self._name = "SnapshotHooks"
        self.caption_js = js_string(caption_html)
        self.credits_js = js_string(credits_html)
        self.center_js = js_string(list(center) if center is not None else None)
        self.zoom_js = js_string(zoom)


def caption_html(snap: Snapshot) -> str:
    lines = "".join(f"<div>{safe_html(line)}</div>" for line in snap.caption)
    return f"<h1>{safe_html(snap.title)}</h1>{lines}"


def _bounds(snap: Snapshot) -> list[list[float]]:
    if snap.view is not None and snap.view.bounds is not None:
        return [list(snap.view.bounds[0]), list(snap.view.bounds[1])]
    return default_bounds(snap.mentions)


def build_snapshot_map(snap: Snapshot, *, for_image: bool = False) -> folium.Map:
    """The folium map of a snapshot, links still pointing at :data:`ASSET_PREFIX`."""
    bounds = _bounds(snap)
    span = max(bounds[1][0] - bounds[0][0], bounds[1][1] - bounds[0][1])
    m = build_map(
        snap.mentions, snap.articles, snap.named_zones,
        basemap=snap.basemap, bounds=bounds, base_url=ASSET_PREFIX, inline_basemap=True,
        world_resolution="10m" if for_image and span < _DETAILED_BELOW_DEG else "50m",
        when=snap.when, heat=snap.heat,
    )
    if for_image:
        m.options.update(zoomAnimation=False, fadeAnimation=False, markerZoomAnimation=False, zoomSnap=0)
    view = snap.view
    exact = view is not None and view.center is not None and view.zoom is not None
    credit_text = " · ".join(safe_html(c) for c in credits(snap.basemap, tiles_drawn=False))
    _SnapshotHooks(
        caption_html(snap), credit_text,
        view.center if exact else None, view.zoom if exact else None,
    ).add_to(m)
    css = SNAPSHOT_CSS + (IMAGE_CSS if for_image else "")
    m.get_root().header.add_child(Element(f"<style>{css}</style>"), name="mapapp_snapshot_css")
    m.get_root().header.add_child(Element(f"<title>{safe_html(snap.title)}</title>"), name="mapapp_title")
    return m


def number_ids(root: Element) -> None:
    """Give every element a tree-order id in place of folium's uuid4 (same map, same names)."""
    counter = 0

    def walk(element: Element) -> None:
        nonlocal counter
        counter += 1
        element._id = f"{counter:08x}"
        for child in list(element._children.values()):
            walk(child)

    walk(root)


def _stable_leftovers(html: str) -> str:
    # Elements created while rendering keep uuid4 ids; number them by first appearance.
    mapping: dict[str, str] = {}
    return _FOLIUM_UUID.sub(lambda m: mapping.setdefault(m.group(0), f"r{len(mapping):07x}"), html)


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _local_file(url: str) -> Path:
    path = assets.local_path(url, ASSET_PREFIX)
    if path is None:
        raise assets.MissingAssets(f"cannot inline {url}: not an installed local asset. Run `mapapp setup` once while online.")
    return path


def _inline_css(path: Path) -> str:
    css = path.read_text(encoding="utf-8")

    def to_data(match: re.Match) -> str:
        ref = match.group(2)
        if ref.startswith(("data:", "http:", "https:", "//")):
            return match.group(0)
        target = (path.parent / ref).resolve()
        return f"url({_data_uri(target)})" if target.is_file() else match.group(0)

    return _CSS_URL.sub(to_data, css).replace("</style", "<\\/style")


def inline_assets(html: str) -> str:
    """Replace each local <script src>/<link rel=stylesheet> with the file's contents."""

    def script(match: re.Match) -> str:
        js = _local_file(match.group(1)).read_text(encoding="utf-8")
        return "<script>" + re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE) + "</script>"

    def stylesheet(match: re.Match) -> str:
        return "<style>" + _inline_css(_local_file(match.group(1))) + "</style>"

    html = _SCRIPT_LINK.sub(script, html)
    return _CSS_LINK.sub(stylesheet, html)


def render_html(snap: Snapshot, *, for_image: bool = False) -> str:
    """The snapshot as one HTML document with every script, style and basemap inside it."""
    assets.require_assets()
    m = build_snapshot_map(snap, for_image=for_image)
    root = m.get_root()
    number_ids(root)
    return inline_assets(_stable_leftovers(root.render()))
