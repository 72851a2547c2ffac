"""Load authored layers (geodata/*.geojson, user GeoJSON/CSV files) into Places."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

from shapely import wkt as shapely_wkt
from shapely.geometry import shape
from shapely.errors import ShapelyError

from mapapp.model import Division, Place
from mapapp.errors import LayerError

GEODATA_DIR = Path(__file__).resolve().parents[2] / "geodata"
# Built into the world layer instead (its regions are unions of world countries).
WORLD_BUILT_FILES = {"world-regions.geojson"}


DIVISIONS_FILE = "divisions.csv"
# Feature properties the zone rules and the map read (docs/architecture.md, "geodata/ feature properties").
EXTRA_PROPERTIES = ("note", "display_min_width_m", "members", "periods", "bare_name", "common_phrase", "bounded_by")


def _names(props: dict) -> tuple[str, ...]:
    names = [props.get("name") or ""]
    alt = props.get("alt_names") or []
    if isinstance(alt, str):
        alt = [a.strip() for a in alt.replace(";", "|").split("|")]
    names.extend(alt)
    for key in ("name_ar", "name_he"):
        if props.get(key):
            names.append(props[key])
    seen: dict[str, None] = {}
    for n in names:
        n = str(n).strip()
        if n:
            seen.setdefault(n, None)
    return tuple(seen)


def place_from_feature(feature: dict, *, layer: str, where: str) -> Place:
    """One GeoJSON feature -> Place; raises LayerError naming `where` on bad input."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise LayerError(f"{where}: not a GeoJSON Feature")
    props = feature.get("properties") or {}
    name = str(props.get("name") or "").strip()
    if not name:
        raise LayerError(f"{where}: feature has no name")
    try:
        geom = shape(feature["geometry"]) if feature.get("geometry") else None
    except (KeyError, TypeError, ValueError, ShapelyError, AttributeError) as exc:
        raise LayerError(f"{where} ({name}): invalid geometry: {exc}") from None
    if geom is None or geom.is_empty:
        raise LayerError(f"{where} ({name}): feature has no geometry")
    if not geom.is_valid:
        geom = geom.buffer(0)
    pt = geom if geom.geom_type == "Point" else geom.centroid
    if not geom.intersects(pt.buffer(1e-9)):
        pt = geom.representative_point()
    if not (-90 <= pt.y <= 90 and -180 <= pt.x <= 180):
        raise LayerError(f"{where} ({name}): coordinates out of range")
    pid = str(props.get("id") or "").strip() or f"user:{layer}:{name}"
    gid = props.get("geonames_id")
    try:  # numbers a user typed: a word there is the feature's fault, said as such, not a traceback
        population = int(props.get("population") or 0)
        precision_m = float(props["precision_m"]) if props.get("precision_m") not in (None, "") else None
        gid = int(gid) if gid not in (None, "") else None
    except (TypeError, ValueError) as exc:
        raise LayerError(f"{where} ({name}): population, precision_m and geonames_id must be numbers: {exc}") from None
    return Place(
        id=pid,
        name=name,
        kind=str(props.get("kind") or "other"),
        lat=float(pt.y),
        lon=float(pt.x),
        names=_names(props),
        country=str(props.get("country") or ""),
        population=population,
        parent=str(props.get("parent") or ""),
        layer=layer,
        source=str(props.get("source") or ""),
        licence=str(props.get("licence") or ""),
        precision_m=precision_m,
        geometry=None if geom.geom_type == "Point" else geom,
        geonames_id=gid,
        valid_from=props.get("valid_from"),
        valid_to=props.get("valid_to"),
        extra={k: v for k, v in props.items() if k in EXTRA_PROPERTIES},
    )


def read_geojson_layer(data: str | bytes, *, layer: str, source_name: str) -> list[Place]:
    try:
        doc = json.loads(data)
    except json.JSONDecodeError as exc:
        raise LayerError(f"{source_name}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise LayerError(f"{source_name}: not a GeoJSON FeatureCollection")
    return [
        place_from_feature(f, layer=layer, where=f"{source_name}: feature {i + 1}")
        for i, f in enumerate(doc["features"])
    ]


_LAT = ("lat", "latitude", "y")
_LON = ("lon", "lng", "long", "longitude", "x")


def read_csv_layer(data: str, *, layer: str, source_name: str) -> list[Place]:
    """CSV with name, optional alt_names (| separated), kind, and lat/lon or wkt columns."""
    reader = csv.DictReader(io.StringIO(data))
    cols = {c.lower().strip(): c for c in (reader.fieldnames or [])}
    if "name" not in cols:
        raise LayerError(f"{source_name}: no 'name' column (found: {', '.join(cols) or 'none'})")
    lat_c = next((cols[c] for c in _LAT if c in cols), None)
    lon_c = next((cols[c] for c in _LON if c in cols), None)
    wkt_c = cols.get("wkt") or cols.get("geometry")
    if not ((lat_c and lon_c) or wkt_c):
        raise LayerError(f"{source_name}: needs lat/lon columns or a wkt column")
    places = []
    for line_no, row in enumerate(reader, start=2):
        where = f"{source_name}: line {line_no}"
        props = {k.lower().strip(): v for k, v in row.items() if k}
        try:
            if wkt_c and row.get(wkt_c):
                geom = shapely_wkt.loads(row[wkt_c])
            else:
                geom = {"type": "Point", "coordinates": [float(row[lon_c]), float(row[lat_c])]}
                geom = shape(geom)
        except (TypeError, ValueError, ShapelyError) as exc:
            raise LayerError(f"{where}: bad coordinates: {exc}") from None
        feature = {"type": "Feature", "geometry": geom.__geo_interface__, "properties": props}
        places.append(place_from_feature(feature, layer=layer, where=where))
    return places


def read_layer_file(path: Path, *, layer: str | None = None) -> list[Place]:
    path = Path(path)
    layer = layer or path.stem
    try:
        data = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LayerError(f"{path.name}: cannot read: {exc}") from None
    if path.suffix.lower() == ".csv":
        return read_csv_layer(data, layer=layer, source_name=path.name)
    return read_geojson_layer(data, layer=layer, source_name=path.name)


def load_geodata(directory: Path = GEODATA_DIR) -> list[Place]:
    """The conflict-area layer and named zones authored in geodata/."""
    places: list[Place] = []
    for path in sorted(Path(directory).glob("*.geojson")):
        if path.name in WORLD_BUILT_FILES:
            continue
        places.extend(read_layer_file(path, layer="local"))
    return places


def iter_layer_files(paths: Iterable[Path]) -> Iterable[Path]:
    for p in paths:
        p = Path(p)
        if p.is_dir():
            yield from sorted(q for q in p.iterdir() if q.suffix.lower() in (".geojson", ".json", ".csv"))
        else:
            yield p


def load_divisions(directory: Path = GEODATA_DIR) -> dict[tuple[str, str], Division]:
    """geodata/divisions.csv: (area id, direction) -> how news divides that area (see model.Division)."""
    path = Path(directory) / DIVISIONS_FILE
    if not path.exists():
        return {}
    out = {}
    for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))):
        members = tuple(m for m in (row.get("members") or "").split("|") if m)
        boundary = row.get("boundary_lat") or None
        out[(row["area_id"], row["direction"])] = Division(
            area_id=row["area_id"], direction=row["direction"], name=row["name"], members=members,
            boundary_lat=float(boundary) if boundary else None, source=row["source"], licence=row["licence"],
            precision_m=float(row.get("precision_m") or 5000.0))
    return out

