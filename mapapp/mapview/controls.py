"""Map controls that follow the filters: "fit to filter" and the date shown on the map.

The base map is built once per corpus (a new one would reset pan and zoom), so a
control on it cannot know the current filter. Each filter's layers therefore carry
small layers of their own (:class:`FitTarget`, :class:`DateBadge`) that tell the
map, when added, what to fit and which date to show; they go with their layers.
"""
from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from mapapp.mapview.escape import js_string

CONTROLS_CSS = """
.mapapp-fit a { font-size: 17px; line-height: 30px; text-align: center; font-weight: bold; cursor: pointer; }
.mapapp-date { background: rgba(255,255,255,.93); padding: 3px 10px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); font: 600 14px/1.3 system-ui, sans-serif; color: #111827; }
.mapapp-date small { font-weight: 400; color: #4b5563; margin-left: 6px; }
"""


class FitControl(MacroElement):
    """A button under the zoom buttons that fits the map to what the filters show (or the first view)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
          var first = {{ this.bounds_js }};
          var control = L.control({position: "topleft"});
          control.onAdd = function () {
            var div = L.DomUtil.create("div", "leaflet-bar mapapp-fit");
            var a = L.DomUtil.create("a", "", div);
            a.innerHTML = "\u2922";
            a.href = "#";
            a.title = "Fit the map to what the filters show";
            a.setAttribute("role", "button");
            a.setAttribute("aria-label", a.title);
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.on(a, "click", function (e) {
              L.DomEvent.preventDefault(e);
              map.fitBounds(map.mapappFitBounds || first);
            });
            return div;
          };
          control.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]]):
        super().__init__()
        self._name = "FitControl"
        self.bounds_js = js_string(bounds)


class FitTarget(MacroElement):
    """What "fit to filter" fits while the layer holding this is on the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (new (L.Layer.extend({
          onAdd: function (map) { map.mapappFitBounds = {{ this.bounds_js }}; },
          onRemove: function (map) { map.mapappFitBounds = null; }
        }))()).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]]):
        super().__init__()
        self._name = "FitTarget"
        self.bounds_js = js_string(bounds)


class DateBadge(MacroElement):
    """The chosen day or range at the top of the map (also in pictures), while its layer is shown."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (new (L.Layer.extend({
          onAdd: function (map) {
            this._control = L.control({position: "topright"});
            var html = {{ this.html_js }};
            this._control.onAdd = function () {
              var div = L.DomUtil.create("div", "mapapp-date");
              div.innerHTML = html;
              return div;
            };
            this._control.addTo(map);
          },
          onRemove: function (map) { map.removeControl(this._control); }
        }))()).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str):
        super().__init__()
        self._name = "DateBadge"
        self.html_js = js_string(html)
