"""Authored world regions, seas and historical polities (geodata/world-regions.geojson) as world-layer rows.

A feature either has a Point (coordinates from the public source it names) or
``members``: ISO2 codes of countries whose Natural Earth polygons' union is the
region's shape. With members and no Point, the place's point is a point inside
that union; with both, the named point is kept and the union is the shape.
"""
from __future__ import annotations

import json
from pathlib import Path

from shapely.geometry import shape as to_shape

from mapapp.npm import STATIC_DIR
from mapapp.gazetteer._natural_earth import UNNUMBERED_AS_REGIONS, country_shapes, representative_point, union
from mapapp.errors import RegionError

REGIONS_FILE = Path(__file__).resolve().parents[2] / "geodata" / "world-regions.geojson"
REQUIRED = ("id", "name", "kind", "alt_names", "source", "licence", "precision_m")
KINDS = {"region", "water", "continent"}
NE_REGION_SOURCE = "Natural Earth 1:50m map unit without an ISO code (npm world-atlas), point inside it"


def read_region_features(path: Path = REGIONS_FILE) -> list[dict]:
    """The file's features, checked: required properties, a known kind, and a Point or members (or both)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    features, seen = data.get("features", []), set()
    for f in features:
        props = f.get("properties") or {}
        missing = [k for k in REQUIRED if props.get(k) in (None, "")]
        label = props.get("id", "?")
        if missing:
            raise RegionError(f"{label}: missing {', '.join(missing)}")
        if not str(props["id"]).startswith("rg:") or props["id"] in seen:
            raise RegionError(f"{label}: ids must be unique and start with rg:")
        seen.add(props["id"])
        if props["kind"] not in KINDS:
            raise RegionError(f"{label}: kind {props['kind']!r} not one of {sorted(KINDS)}")
        geom = f.get("geometry")
        if geom is not None and geom.get("type") != "Point":
            raise RegionError(f"{label}: geometry must be a Point (shapes come from members)")
        if geom is None and not props.get("members"):
            raise RegionError(f"{label}: needs a Point or members")
    return features


def region_rows(static_dir: Path = STATIC_DIR, countries: list[dict] | None = None,
                path: Path = REGIONS_FILE) -> list[dict]:
    """World-layer rows for the authored regions (shapes from the country rows' polygons) and NE extra units."""
    if countries is None:
        from mapapp.gazetteer._world_geonames import country_rows

        countries = country_rows(static_dir)
    polygons = {r["country"]: r["geometry"] for r in countries if r["geometry"] is not None}
    rows = []
    for f in read_region_features(path):
        p = f["properties"]
        members = list(p.get("members") or [])
        unknown = [m for m in members if m not in polygons]
        if unknown:
            raise RegionError(f"{p['id']}: no country polygon for {', '.join(unknown)}")
        geometry = union([polygons[m] for m in members]) if members else None
        if f.get("geometry"):
            point = to_shape(f["geometry"])
        else:
            point = representative_point(geometry)
        names = tuple(dict.fromkeys([p["name"], *p["alt_names"]]))
        rows.append({"id": p["id"], "name": p["name"], "kind": p["kind"], "lat": point.y, "lon": point.x,
                     "names": names, "country": p.get("country") or "", "admin1": "", "population": 0,
                     "parent": p.get("parent") or "", "layer": "world", "source": p["source"],
                     "licence": p["licence"], "precision_m": float(p["precision_m"]), "geometry": geometry,
                     "geonames_id": p.get("geonames_id"), "valid_from": p.get("valid_from"),
                     "valid_to": p.get("valid_to")})
    _, _, ne_regions = country_shapes(static_dir)
    for s in ne_regions:
        alt = next(v[2] for v in UNNUMBERED_AS_REGIONS.values() if v[0] == s.key)
        point = representative_point(s.geometry)
        rows.append({"id": s.key, "name": s.name, "kind": "region", "lat": point.y, "lon": point.x,
                     "names": (s.name, *alt), "country": "", "admin1": "", "population": 0, "parent": "",
                     "layer": "world", "source": NE_REGION_SOURCE, "licence": "Public domain (Natural Earth)",
                     "precision_m": 5000.0, "geometry": s.geometry, "geonames_id": None,
                     "valid_from": None, "valid_to": None})
    return rows
