"""The optional mentions-heat layer: places and zones weighted by mentions, countries left out."""
from __future__ import annotations

from mapframes import articles_frame, mentions_frame

from mapapp.assets import link_urls
from mapapp.mapview import build_map, summarise
from mapapp.mapview.heat import heat_points


def test_heat_weighs_places_and_zones_by_mentions_and_leaves_countries_out():
    points = heat_points(summarise(mentions_frame(), articles_frame()))
    assert len(points) == 5  # Jabalia, Rafah, Washington, the corridor, south of Rafah; not Egypt
    weights = sorted(p[2] for p in points)
    assert weights[-1] == 1.0 and 0 < weights[0] < 1  # Rafah (2 mentions) the most
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon, _ in points)


def test_heat_uses_leaflet_heat_from_npm_not_a_cdn():
    m = build_map(mentions_frame(), articles_frame(), heat=True)
    urls = link_urls(m)
    assert any(u.endswith("node_modules/leaflet.heat/dist/leaflet-heat.js") for u in urls)
    assert not any(u.startswith(("http:", "https:", "//")) for u in urls)
    assert "L.heatLayer(" in m.get_root().render()
