"""Small folium elements of our own: popups without jQuery, a TopoJSON basemap, a legend.

folium's Popup builds its content with jQuery (``$(`...`)``); ours passes the
HTML to Leaflet as a JSON string, so no jQuery is needed and nothing in the
content can break out of a template literal.
"""
from __future__ import annotations

from branca.element import Element, MacroElement
from jinja2 import Template

from mapapp.mapview.escape import js_string


class SafePopup(MacroElement):
    """``parent.bindPopup(html)`` with the HTML as a JSON string (build it with safe_html)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindPopup({{ this.html_js }}, {{ this.options_js }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, max_width: int = 420, max_height: int = 320):
        super().__init__()
        self._name = "SafePopup"
        self.html_js = js_string(html)
        self.options_js = js_string({"maxWidth": max_width, "maxHeight": max_height})


# Decodes TopoJSON (arcs delta-encoded and quantised, see the TopoJSON spec) to
# GeoJSON in the browser, so the page loads world-atlas's compact file as is.
TOPOJSON_DECODE_JS = """
function mapappTopoFeatures(topo, objectName) {
  var tf = topo.transform;
  var arcs = topo.arcs.map(function (arc) {
    var x = 0, y = 0;
    return arc.map(function (p) {
      if (!tf) return [p[0], p[1]];
      x += p[0]; y += p[1];
      return [x * tf.scale[0] + tf.translate[0], y * tf.scale[1] + tf.translate[1]];
    });
  });
  // Rings that cross the antimeridian (Chukotka, Fiji) jump from 180 to -180 in the data; Leaflet
  // draws such a jump as a band around the world, so each ring is kept continuous past 180 instead.
  // A ring around a pole (Antarctica) crosses once and never comes back: it is drawn as it is.
  function unwrap(points) {
    var shift = 0, previous = null;
    var out = points.map(function (p) {
      var x = p[0] + shift;
      if (previous !== null && x - previous > 180) { shift -= 360; x -= 360; }
      else if (previous !== null && x - previous < -180) { shift += 360; x += 360; }
      previous = x;
      return [x, p[1]];
    });
    return shift === 0 ? out : points;
  }
  function ring(indexes) {
    var points = [];
    indexes.forEach(function (i) {
      var a = arcs[i < 0 ? ~i : i].slice();
      if (i < 0) a.reverse();
      if (points.length) points.pop();
      for (var k = 0; k < a.length; k++) points.push(a[k]);
    });
    return unwrap(points);
  }
  function geometry(o) {
    switch (o.type) {
      case "Polygon": return {type: "Polygon", coordinates: o.arcs.map(ring)};
      case "MultiPolygon": return {type: "MultiPolygon", coordinates: o.arcs.map(function (p) { return p.map(ring); })};
      case "LineString": return {type: "LineString", coordinates: ring(o.arcs)};
      case "MultiLineString": return {type: "MultiLineString", coordinates: o.arcs.map(ring)};
      default: return null;
    }
  }
  var object = topo.objects[objectName];
  var members = object.type === "GeometryCollection" ? object.geometries : [object];
  return {
    type: "FeatureCollection",
    features: members.map(function (o) {
      return {type: "Feature", id: o.id, properties: o.properties || {}, geometry: geometry(o)};
    }).filter(function (f) { return f.geometry !== null; })
  };
}
"""


class TopoJsonLayer(MacroElement):
    """Non-interactive shapes from a TopoJSON object, fetched from a local URL or inlined.

    Drawn in Leaflet's tilePane so they sit under every overlay, like tiles would.
    A failed fetch is logged with console.error, which the browser tests treat as a failure.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group) {
          {{ this.decoder }}
          var style = {{ this.style_js }};
          function draw(topo) {
            L.geoJSON(mapappTopoFeatures(topo, {{ this.object_js }}), {
              style: function () { return style; }, interactive: false, pane: "tilePane"
            }).addTo(group);
          }
          {% if this.inline_js %}
          draw({{ this.inline_js }});
          {% else %}
          fetch({{ this.url_js }})
            .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
            .then(draw)
            .catch(function (e) { console.error("mapapp basemap " + {{ this.url_js }} + ": " + e); });
          {% endif %}
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, object_name: str, style: dict, url: str | None = None, topology: dict | None = None):
        super().__init__()
        if (url is None) == (topology is None):
            raise ValueError("give exactly one of url or topology")
        self._name = "TopoJsonLayer"
        self.decoder = TOPOJSON_DECODE_JS
        self.object_js = js_string(object_name)
        self.style_js = js_string(style)
        self.url_js = js_string(url) if url else ""
        self.inline_js = js_string(topology) if topology is not None else ""


class StaticGeoJson(MacroElement):
    """Non-interactive GeoJSON drawn in the tilePane (local basemap detail: governorates, roads, place dots)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (style) {
          L.geoJSON({{ this.data_js }}, {
            style: function () { return style; }, interactive: false, pane: "tilePane",
            pointToLayer: function (f, latlng) {
              return L.circleMarker(latlng, Object.assign({interactive: false, pane: "tilePane"}, style));
            }
          }).addTo({{ this._parent.get_name() }});
        })({{ this.style_js }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict, style: dict):
        super().__init__()
        self._name = "StaticGeoJson"
        self.data_js = js_string(data)
        self.style_js = js_string(style)


class Legend(MacroElement):
    """A Leaflet control holding fixed legend HTML (built by us, no user text in it)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
          var legend = L.control({position: {{ this.position_js }}});
          legend.onAdd = function () {
            var div = L.DomUtil.create("div", "mapapp-legend");
            div.innerHTML = {{ this.html_js }};
            L.DomEvent.disableClickPropagation(div);
            return div;
          };
          legend.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, position: str = "bottomleft"):
        super().__init__()
        self._name = "Legend"
        self.html_js = js_string(html)
        self.position_js = js_string(position)


def style_element(css: str) -> Element:
    """A <style> block for the page header (streamlit-folium keeps header styles)."""
    return Element(f"<style>{css}</style>")


class ShapesLayer(MacroElement):
    """Many GeoJSON features in one Leaflet layer, each with its own style, tooltip and popup.

    Each feature's ``properties`` carry ``style`` (Leaflet path options), and
    optionally ``tip`` and ``popup``: HTML already escaped with safe_html. The
    whole collection travels as one JSON string (:func:`js_string`), so no
    text in it can end the script or a template literal.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group) {
          var popupOptions = {{ this.popup_js }};
          var highlight = {{ this.highlight_js }};
          L.geoJSON({{ this.data_js }}, {
            interactive: {{ this.interactive_js }},
            style: function (f) { return f.properties.style; },
            pointToLayer: function (f, latlng) {
              return L.circleMarker(latlng, Object.assign({radius: 7}, f.properties.style));
            },
            onEachFeature: function (f, layer) {
              var p = f.properties;
              // Leaflet reads className when it creates the path, not from a style: set it before that.
              if (p.style && p.style.className) { layer.options.className = p.style.className; }
              if (p.tip) { layer.bindTooltip(p.tip, {sticky: true}); }
              if (p.popup) { layer.bindPopup(p.popup, popupOptions); }
              if (highlight && layer.setStyle) {
                layer.on("mouseover", function () { layer.setStyle(highlight); });
                layer.on("mouseout", function () { layer.setStyle(p.style); });
              }
            }
          }).addTo(group);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, features: list[dict], *, interactive: bool = True, highlight: dict | None = None,
                 max_width: int = 420, max_height: int = 320):
        super().__init__()
        self._name = "ShapesLayer"
        self.data_js = js_string({"type": "FeatureCollection", "features": features}, compact=True)
        self.interactive_js = "true" if interactive else "false"
        self.highlight_js = js_string(highlight)
        self.popup_js = js_string({"maxWidth": max_width, "maxHeight": max_height})
