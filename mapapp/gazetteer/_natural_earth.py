"""Country shapes from Natural Earth (npm world-atlas) and US state shapes (npm us-atlas).

Both packages ship TopoJSON, which GDAL's TopoJSON driver reads (through
pyogrio) into one polygon per feature. world-atlas features carry ``id`` = ISO
3166-1 numeric and ``properties.name``; a few Natural Earth units have no ISO
number and are folded into the country GeoNames counts them in.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
import shapely.affinity
from pyproj import CRS, Geod, Transformer
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.ops import polylabel

from mapapp.gazetteer import _tables
from mapapp.npm import STATIC_DIR, package_file, package_version

WORLD_ATLAS_FILE = ("world-atlas", "countries-50m.json")
US_ATLAS_FILE = ("us-atlas", "states-10m.json")

# Natural Earth units without an ISO numeric id: the GeoNames country each joins (a split unit: by each
# part's longitude), and those also kept as regions of their own (geodata/natural-earth-units.csv).
UNNUMBERED = _tables.natural_earth_units()
UNNUMBERED_AS_REGIONS = _tables.natural_earth_regions()

_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Shape:
    key: str  # ISO numeric (zero-padded, as in world-atlas), ISO2 for folded units, or a FIPS code for US states
    name: str
    geometry: object  # shapely (Multi)Polygon, WGS84 lon/lat


def _unwrap(coords) -> list[tuple[float, float]] | None:
    """The ring with longitudes made continuous across the antimeridian, or None if it circles a pole."""
    out, offset, prev = [], 0.0, None
    for x, y in coords:
        if prev is not None and x - prev > 180:
            offset -= 360
        elif prev is not None and prev - x > 180:
            offset += 360
        out.append((x + offset, y))
        prev = x
    return out if abs(out[-1][0] - out[0][0]) < 1e-9 else None


def _fix_antimeridian(geom):
    """Split polygons that world-atlas draws across the antimeridian (Russia, Fiji) into two valid halves.

    world-atlas is made for d3's spherical geometry, so a ring may jump from
    +180 to -180 and back; read as planar lon/lat that ring cuts across the
    whole map. Unwrapping its longitudes and cutting at +-180 restores it.
    """
    pieces = []
    for part in getattr(geom, "geoms", [geom]):
        shell = _unwrap(part.exterior.coords)
        if shell is None or all(-180 <= x <= 180 for x, _ in shell):
            pieces.append(part)
            continue
        holes = [h for h in (_unwrap(i.coords) for i in part.interiors) if h]
        whole = shapely.make_valid(Polygon(shell, holes))
        for k in (-1, 0, 1):
            piece = whole.intersection(shapely.box(-180 + 360 * k, -90, 180 + 360 * k, 90))
            if not piece.is_empty:
                pieces.append(shapely.affinity.translate(piece, xoff=-360 * k))
    flat = [p for g in pieces for p in getattr(g, "geoms", [g]) if isinstance(p, Polygon)]
    return MultiPolygon(flat) if len(flat) > 1 else flat[0]


def _valid(geom):
    geom = shapely.make_valid(geom) if not geom.is_valid else geom
    polys = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, (Polygon, MultiPolygon))]
    parts = [p for g in polys for p in getattr(g, "geoms", [g])]
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _read_topojson(path: Path, layer: str) -> list[tuple[str | None, str, object]]:
    import pyogrio

    df = pyogrio.read_dataframe(path, layer=layer)
    out = []
    for key, name, geom in zip(df["id"], df["name"], df.geometry):
        if geom is None or geom.is_empty:
            continue
        key = None if key is None or (isinstance(key, float) and math.isnan(key)) else str(key)
        out.append((key, str(name), _valid(_fix_antimeridian(geom))))
    return out


def country_shapes(static_dir: Path = STATIC_DIR) -> tuple[dict[str, Shape], dict[str, Shape], list[Shape]]:
    """Natural Earth countries: (by ISO numeric, by ISO2 for units without a number, extra regions)."""
    rows = _read_topojson(package_file(*WORLD_ATLAS_FILE, static_dir=static_dir), "countries")
    by_num: dict[str, list] = {}
    names: dict[str, str] = {}
    by_iso2: dict[str, list] = {}
    regions: list[Shape] = []
    for key, name, geom in rows:
        if key is not None:
            by_num.setdefault(key, []).append(geom)  # e.g. Australia + Ashmore and Cartier Is. share 036
            names.setdefault(key, name)
        elif name in UNNUMBERED:
            for iso2, part in _joined_parts(UNNUMBERED[name], geom):
                by_iso2.setdefault(iso2, []).append(part)
            if name in UNNUMBERED_AS_REGIONS:
                rid, label, _ = UNNUMBERED_AS_REGIONS[name]
                regions.append(Shape(rid, label, geom))
    numbered = {k: Shape(k, names[k], _union(v)) for k, v in by_num.items()}
    folded = {k: Shape(k, k, _union(v)) for k, v in by_iso2.items()}
    return numbered, folded, regions


def _joined_parts(joins, geom):
    """(ISO2, shape) for a unit joining one country whole, or for each part of a unit split by longitude."""
    if len(joins) == 1 and joins[0][1] is None and joins[0][2] is None:
        yield joins[0][0], geom
        return
    for part in getattr(geom, "geoms", [geom]):
        x = part.centroid.x
        yield next(iso2 for iso2, above, upto in joins
                   if (above is None or x > above) and (upto is None or x <= upto)), part


def us_state_shapes(static_dir: Path = STATIC_DIR) -> dict[str, Shape]:
    """US states and DC from us-atlas (Census Bureau cartographic boundaries), keyed by state FIPS code."""
    rows = _read_topojson(package_file(*US_ATLAS_FILE, static_dir=static_dir), "states")
    return {key: Shape(key, name, geom) for key, name, geom in rows if key}


def shape_sources_version(static_dir: Path = STATIC_DIR) -> str:
    return f"world-atlas@{package_version('world-atlas', static_dir)},us-atlas@{package_version('us-atlas', static_dir)}"


def _union(geoms: list) -> object:
    return geoms[0] if len(geoms) == 1 else _valid(shapely.union_all(geoms))


def union(geoms: list) -> object:
    """The union of (Multi)Polygons, as one valid (Multi)Polygon."""
    return _union(list(geoms))


def geodesic_area_km2(geom) -> float:
    return abs(_GEOD.geometry_area_perimeter(geom)[0]) / 1e6


def representative_point(geom) -> Point:
    """A point well inside the shape: the pole of inaccessibility of its largest part, found in metres.

    Working in an equal-area projection centred on the part keeps the answer
    honest at high latitudes, where degrees of longitude shrink; the largest
    part (by geodesic area) keeps a country's point on its mainland.
    """
    parts = list(getattr(geom, "geoms", [geom]))
    part = max(parts, key=geodesic_area_km2)
    c = part.centroid
    laea = CRS.from_proj4(f"+proj=laea +lat_0={c.y} +lon_0={c.x} +datum=WGS84 +units=m")
    fwd = Transformer.from_crs("EPSG:4326", laea, always_xy=True)
    back = Transformer.from_crs(laea, "EPSG:4326", always_xy=True).transform
    projected = shapely.transform(part, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))
    tolerance = max(500.0, math.sqrt(projected.area) / 200)
    label = polylabel(projected, tolerance=tolerance)
    lon, lat = back(label.x, label.y)
    return Point(lon, lat)
