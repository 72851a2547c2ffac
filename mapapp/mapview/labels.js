/* mapapp labels: names on the map, most important first, none over another or over a dot.
 *
 * One engine per map (map.mapappLabels) lays out the candidates of every label source on
 * the map after each move or zoom: candidates are sorted by priority and each takes the
 * first of its positions whose box is free in an RBush index of what is already there
 * (marker dots and cluster icons first). Sources are Leaflet layers, so a filter change
 * that swaps the feature groups swaps their labels with them. Label text arrives as HTML
 * already escaped in Python (mapapp.mapview.escape.safe_html).
 */
(function () {
  if (window.L === undefined || L.mapappLabels) { return; }
  var GAP = 3;
  var SIDES = ["right", "left", "above", "below"];

  function corner(side, x, y, r, w, h) {
    if (side === "right") { return [x + r + GAP, y - h / 2]; }
    if (side === "left") { return [x - r - GAP - w, y - h / 2]; }
    if (side === "above") { return [x - w / 2, y - r - GAP - h]; }
    if (side === "below") { return [x - w / 2, y + r + GAP]; }
    return [x - w / 2, y - h / 2];
  }

  // The screen point at a share of the way along a line and the line's angle there (degrees, text kept upright).
  function alongLine(map, latlngs, share) {
    var pts = latlngs.map(function (ll) { return map.latLngToContainerPoint(ll); });
    var total = 0, i;
    for (i = 1; i < pts.length; i++) { total += pts[i].distanceTo(pts[i - 1]); }
    var half = total * share;
    for (i = 1; i < pts.length; i++) {
      var step = pts[i].distanceTo(pts[i - 1]);
      if (step > 0 && half <= step) {
        var a = pts[i - 1], b = pts[i], t = half / step;
        return {point: L.point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t), angle: upright(a, b), length: total};
      }
      half -= step;
    }
    return null;
  }

  // A rotated label as a row of squares along its text, so a slanted name takes only the room it covers.
  function slanted(cx, cy, w, h, rad) {
    var n = Math.max(1, Math.ceil(w / h)), step = w / n, boxes = [];
    for (var i = 0; i < n; i++) {
      var d = -w / 2 + step * (i + 0.5), x = cx + d * Math.cos(rad), y = cy + d * Math.sin(rad);
      boxes.push({minX: x - h / 2, minY: y - h / 2, maxX: x + h / 2, maxY: y + h / 2});
    }
    return boxes;
  }

  function upright(a, b) {
    var deg = Math.atan2(b.y - a.y, b.x - a.x) * 180 / Math.PI;
    if (deg > 90) { deg -= 180; } else if (deg < -90) { deg += 180; }
    return deg;
  }

  var Engine = L.Layer.extend({
    initialize: function () {
      this._sources = [];
      this._shown = {};
      this._sizes = {};
      this._frame = null;
    },

    onAdd: function (map) {
      this._pane = map.getPane("mapappLabels") || map.createPane("mapappLabels");
      this._measure = L.DomUtil.create("div", "mapapp-label", this._pane);
      this._measure.style.visibility = "hidden";
      map.on("zoomstart", this._hide, this);
      map.on("moveend zoomend resize", this.schedule, this);
      this.schedule();
    },

    onRemove: function (map) {
      map.off("zoomstart", this._hide, this);
      map.off("moveend zoomend resize", this.schedule, this);
      L.DomUtil.empty(this._pane);
      this._shown = {};
    },

    addSource: function (source) { this._sources.push(source); this.schedule(); },

    removeSource: function (source) {
      this._sources = this._sources.filter(function (s) { return s !== source; });
      this.schedule();
    },

    // True while a layout is waiting: picture renderers wait for it (mapapp.snapshot).
    pending: function () { return this._frame !== null; },

    shown: function () { return Object.keys(this._shown).length; },

    schedule: function () {
      if (this._frame !== null || !this._map) { return; }
      var self = this;
      this._frame = L.Util.requestAnimFrame(function () { self._frame = null; self._layout(); });
    },

    _hide: function () { this._pane.style.visibility = "hidden"; },

    _size: function (cls, html) {
      var key = cls + "\u0000" + html, size = this._sizes[key];
      if (!size) {
        this._measure.className = "mapapp-label " + cls;
        this._measure.innerHTML = html;
        size = this._sizes[key] = {w: this._measure.offsetWidth, h: this._measure.offsetHeight};
      }
      return size;
    },

    _obstacles: function (map) {
      var origin = map.getContainer().getBoundingClientRect(), boxes = [];
      var icons = map.getPane("markerPane").children;
      for (var i = 0; i < icons.length; i++) {
        var r = icons[i].getBoundingClientRect();
        if (r.width > 0) {
          boxes.push({minX: r.left - origin.left, minY: r.top - origin.top,
                      maxX: r.right - origin.left, maxY: r.bottom - origin.top});
        }
      }
      return boxes;
    },

    _layout: function () {
      var map = this._map;
      if (!map) { return; }
      var size = map.getSize(), zoom = map.getZoom(), candidates = [], self = this;
      this._sources.forEach(function (s) { s.collect(map, zoom, candidates); });
      candidates.sort(function (a, b) { return b.priority - a.priority; });
      var tree = new RBush();
      tree.load(this._obstacles(map));
      var seen = {}, placed = {};
      candidates.forEach(function (c) {
        if (c.id && seen[c.id]) { return; }
        if (c.id) { seen[c.id] = true; }  // a data label shadows the basemap's label of the same place
        var s = self._size(c.cls, c.html);
        if (c.fit !== undefined && s.w > c.fit) {
          if (c.fit < 8) { return; }  // a zone that is a speck on screen goes unnamed
          // Too small to hold its name: the name goes beside it, level, like a place's.
          c.angle = 0; c.spots = null; c.sides = ["above", "below", "right", "left"]; c.r = c.fit / 2;
        }
        var spots = c.spots || [{point: c.point, angle: c.angle || 0}], sides = c.sides || SIDES;
        for (var k = 0; k < spots.length; k++) {
          var rad = spots[k].angle * Math.PI / 180, p = spots[k].point;
          var w = Math.abs(s.w * Math.cos(rad)) + Math.abs(s.h * Math.sin(rad));
          var h = Math.abs(s.w * Math.sin(rad)) + Math.abs(s.h * Math.cos(rad));
          for (var i = 0; i < sides.length; i++) {
            var xy = corner(sides[i], p.x, p.y, c.r || 0, w, h);
            var box = {minX: xy[0] - 1, minY: xy[1] - 1, maxX: xy[0] + w + 1, maxY: xy[1] + h + 1};
            if (box.minX < 0 || box.minY < 0 || box.maxX > size.x || box.maxY > size.y) { continue; }
            var parts = rad ? slanted(xy[0] + w / 2, xy[1] + h / 2, s.w + 2, s.h + 2, rad) : [box];
            if (parts.some(function (b) { return tree.collides(b); })) { continue; }
            parts.forEach(function (b) { tree.insert(b); });
            placed[c.key] = {c: c, angle: spots[k].angle, x: xy[0] + w / 2, y: xy[1] + h / 2};
            return;
          }
        }
      });
      this._draw(map, placed);
    },

    _draw: function (map, placed) {
      var key;
      for (key in this._shown) {
        if (!placed[key]) { L.DomUtil.remove(this._shown[key]); delete this._shown[key]; }
      }
      for (key in placed) {
        var p = placed[key], el = this._shown[key];
        if (!el) {
          el = this._shown[key] = L.DomUtil.create("div", "mapapp-label-anchor", this._pane);
          el.appendChild(L.DomUtil.create("div", "mapapp-label"));
        }
        var inner = el.firstChild, cls = "mapapp-label " + p.c.cls;
        if (inner.className !== cls) { inner.className = cls; }
        if (inner.innerHTML !== p.c.html) { inner.innerHTML = p.c.html; }
        inner.style.transform = "translate(-50%, -50%)" + (p.angle ? " rotate(" + p.angle + "deg)" : "");
        L.DomUtil.setPosition(el, map.containerPointToLayerPoint([p.x, p.y]));
      }
      this._pane.style.visibility = "";
    }
  });

  // A source of labels: {points: [[lat, lng, html, priority, minZoom, radius, cls, id]],
  //   shapes: [{html, priority, cls, id, minZoom, and one of: line: [[lat, lng], ...];
  //             at: [lat, lng] with axis: [[lat, lng], [lat, lng]] (elongated) or span: [[s, w], [n, e]]}]} and/or a marker cluster whose markers
  // carry mapappLabel = [html, priority, diameter, id] (a cluster icon shows its top member's name).
  var Source = L.Layer.extend({
    initialize: function (spec, cluster) {
      this._spec = spec || {};
      this._cluster = cluster || null;
    },

    onAdd: function (map) {
      this._engine = map.mapappLabels = map.mapappLabels || L.mapappLabels().addTo(map);
      if (this._cluster) { this._cluster.on("animationend", this._engine.schedule, this._engine); }
      this._engine.addSource(this);
    },

    onRemove: function () {
      if (!this._engine) { return; }
      if (this._cluster) { this._cluster.off("animationend", this._engine.schedule, this._engine); }
      this._engine.removeSource(this);
    },

    collect: function (map, zoom, out) {
      var bounds = map.getBounds().pad(0.1), self = this;
      (this._spec.points || []).forEach(function (p, i) {
        if (zoom < p[4] || !bounds.contains([p[0], p[1]])) { return; }
        out.push({key: L.stamp(self) + ":p" + i, point: map.latLngToContainerPoint([p[0], p[1]]), html: p[2],
                  priority: p[3], r: p[5], cls: p[6], id: p[7]});
      });
      (this._spec.shapes || []).forEach(function (z, i) {
        if (zoom < (z.minZoom || 0)) { return; }
        var c = {key: L.stamp(self) + ":z" + i, html: z.html, priority: z.priority, cls: z.cls, id: z.id,
                 sides: ["centre"]};
        if (z.line) {
          // The middle first; further along when something is already there.
          c.spots = [0.5, 0.35, 0.65, 0.2, 0.8].map(function (share) { return alongLine(map, z.line, share); })
            .filter(function (spot) { return spot && bounds.contains(map.containerPointToLatLng(spot.point)); });
          if (!c.spots.length) { return; }
          c.point = c.spots[0].point; c.angle = c.spots[0].angle; c.fit = c.spots[0].length;
        } else {
          if (!bounds.contains(z.at)) { return; }
          c.point = map.latLngToContainerPoint(z.at);
          if (z.axis) {
            var a = map.latLngToContainerPoint(z.axis[0]), b = map.latLngToContainerPoint(z.axis[1]);
            c.angle = upright(a, b);
            c.fit = 1.5 * a.distanceTo(b);  // a name may run a little past a corridor's ends
          } else if (z.span) {
            c.fit = map.latLngToContainerPoint(z.span[1]).x - map.latLngToContainerPoint(z.span[0]).x;
          }
        }
        out.push(c);
      });
      if (this._cluster) { this._collectCluster(map, bounds, out); }
    },

    _collectCluster: function (map, bounds, out) {
      var best = {}, cluster = this._cluster;
      cluster.getLayers().forEach(function (m) {
        var label = m.mapappLabel;
        if (!label || !bounds.contains(m.getLatLng())) { return; }
        var parent = cluster.getVisibleParent(m);
        if (!parent) { return; }
        var key = "m" + L.stamp(parent);
        if (!best[key] || best[key].label[1] < label[1]) { best[key] = {label: label, parent: parent}; }
      });
      Object.keys(best).forEach(function (key) {
        var label = best[key].label, parent = best[key].parent, own = parent.mapappLabel === label;
        var more = own ? 0 : parent.getChildCount() - 1;
        out.push({key: key, point: map.latLngToContainerPoint(parent.getLatLng()), priority: label[1],
                  html: label[0] + (more > 0 ? ' <span class="more">+' + more + "</span>" : ""),
                  r: own ? label[2] / 2 : 20, cls: "place", id: label[3]});
      });
    }
  });

  L.mapappLabels = function () { return new Engine(); };
  L.mapappLabelSource = function (spec, cluster) { return new Source(spec, cluster); };
})();
