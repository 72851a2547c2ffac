"""The offline basemap's local detail: governorates, towns, camps and main roads from geodata/.

Natural Earth has countries only; at the scale of the Gaza Strip a reader also
needs the places the news is about to find their way: the governorates'
names, the towns and camps as small grey dots with their names, the main roads
as thin lines. All of it is the project's own sourced layer
(``geodata/*.geojson``, read through :func:`mapapp.gazetteer.load_geodata`),
drawn quietly under the data: the data's labels are placed first and take the
place of the basemap's label for the same place.
"""
from __future__ import annotations

from functools import lru_cache

import shapely

from mapapp.mapview.elements import StaticGeoJson
from mapapp.mapview.escape import safe_html
from mapapp.mapview.labels import BASE, TIER, LabelSource

# Kind -> the zoom from which its name is shown, and its weight among basemap labels.
PLACE_KINDS = {"city": (9, 40), "town": (10, 30), "camp": (10, 30), "village": (11, 20),
               "kibbutz": (11, 10), "settlement": (11, 10)}
REGION_KINDS = {"governorate": (9, 50)}
ROAD_MIN_ZOOM = 11
ROAD_STYLE = {"color": "#c9b68a", "weight": 2.2, "opacity": 0.9}
PLACE_STYLE = {"radius": 2.5, "stroke": True, "color": "#ffffff", "weight": 1, "fillColor": "#8a837a",
               "fillOpacity": 0.9}


@lru_cache(maxsize=1)
def _features() -> tuple:
    from mapapp.gazetteer import load_geodata

    # A place that no longer exists (a settlement evacuated in 2005) is history, not basemap.
    return tuple(p for p in load_geodata() if not p.valid_to)


def _population(place) -> int:
    try:
        return int(place.population or 0)
    except (TypeError, ValueError):
        return 0


@lru_cache(maxsize=1)
def local_detail() -> tuple[dict, dict, dict]:
    """(roads GeoJSON, place dots GeoJSON, label spec) for the offline basemap; computed once."""
    roads, dots, points, shapes = [], [], [], []
    for place in _features():
        geom = place.geometry  # None for a point-only place: its lat/lon is the point
        if place.kind == "road" and geom is not None and geom.geom_type == "LineString":
            coords = [[round(x, 5), round(y, 5)] for x, y in geom.coords]
            roads.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": coords}, "properties": {}})
            shapes.append({"html": safe_html(place.name), "priority": BASE * TIER + 5, "cls": "base-road",
                           "line": [[y, x] for x, y in coords], "minZoom": ROAD_MIN_ZOOM})
        elif place.kind in PLACE_KINDS and (geom is None or geom.geom_type == "Point"):
            min_zoom, weight = PLACE_KINDS[place.kind]
            lon, lat = round(float(place.lon), 5), round(float(place.lat), 5)
            dots.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": {}})
            # Larger places first among equals: population when GeoNames gives one.
            priority = BASE * TIER + weight * 10_000 + min(_population(place) // 100, 9_999)
            points.append([lat, lon, safe_html(place.name), priority, min_zoom, 3, "base-place", place.id])
        elif place.kind in REGION_KINDS and geom is not None and geom.geom_type in ("Polygon", "MultiPolygon"):
            min_zoom, weight = REGION_KINDS[place.kind]
            at = shapely.point_on_surface(geom)
            points.append([round(at.y, 5), round(at.x, 5), safe_html(place.name.replace(" Governorate", "")),
                           BASE * TIER + weight * 10_000, min_zoom, 0, "base-region", place.id])
    collection = lambda features: {"type": "FeatureCollection", "features": features}  # noqa: E731
    return collection(roads), collection(dots), {"points": points, "shapes": shapes}


def add_local_detail(group) -> None:
    """Roads, place dots and their labels, added to the offline basemap's feature group."""
    roads, dots, labels = local_detail()
    if roads["features"]:
        StaticGeoJson(roads, ROAD_STYLE).add_to(group)
    if dots["features"]:
        StaticGeoJson(dots, PLACE_STYLE).add_to(group)
    LabelSource(labels).add_to(group)
