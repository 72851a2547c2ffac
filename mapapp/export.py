"""The filtered data for download: mentions and the zones among them, as GeoJSON, CSV or GeoPackage.

GeoJSON and CSV hold one layer per file; a GeoPackage holds both layers
(``mentions`` and ``zones``). CSV files carry ``lat``/``lon`` and the
geometry as ``wkt``. Everything is written through :mod:`mapapp.io`, so
files appear whole or not at all.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

from mapapp import filters
from mapapp.io import OutputError, write_layers, write_table
from mapapp.mapview import classify

EXPORT_FORMATS = {"geojson": "application/geo+json", "csv": "text/csv", "gpkg": "application/geopackage+sqlite3"}
LAYERS = ("mentions", "zones")
ZONE_COLUMNS = ["place_id", "name", "kind", "rule", "basis", "phrase", "precision_m", "mentions", "articles",
                "first_date", "last_date", "article_ids", "lat", "lon"]


def zones_frame(mentions: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per zone the mentions draw (named or described), with how often and when it was mentioned.

    Zones are what the map draws as zones (:func:`mapapp.mapview.classify`);
    a described zone is one shape per rule and geometry, like on the map.
    """
    empty = gpd.GeoDataFrame(columns=[*ZONE_COLUMNS, "geometry"], geometry="geometry", crs="EPSG:4326")
    if mentions is None or mentions.empty:
        return empty
    frame = mentions[mentions.geometry.notna()]
    zones = frame[classify(frame) == "zone"]
    if zones.empty:
        return empty
    dates = filters.mention_dates(zones)
    key = zones["place_id"].astype(str) + "|" + zones["rule"].fillna("").astype(str) + "|" + zones.geometry.to_wkb(hex=True)
    rows = []
    for _k, group in zones.groupby(key, sort=False):
        first = group.iloc[0]
        seen = sorted(d for d in dates[group.index] if d is not None)
        point = first.geometry.representative_point()
        rows.append({
            "place_id": first["place_id"], "name": first["name"], "kind": first["kind"],
            "rule": first["rule"] or "", "basis": first["basis"] or "", "phrase": first["phrase"] or "",
            "precision_m": first["precision_m"], "mentions": len(group),
            "articles": group["article_id"].nunique(),
            "first_date": seen[0].isoformat() if seen else None, "last_date": seen[-1].isoformat() if seen else None,
            "article_ids": ";".join(dict.fromkeys(group["article_id"].astype(str))),
            "lat": round(point.y, 6), "lon": round(point.x, 6), "geometry": first.geometry,
        })
    out = gpd.GeoDataFrame(rows, columns=[*ZONE_COLUMNS, "geometry"], geometry="geometry", crs=mentions.crs or "EPSG:4326")
    out["precision_m"] = pd.to_numeric(out["precision_m"], errors="coerce")
    return out.to_crs(4326)


def export_layers(mentions: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    return {"mentions": mentions.to_crs(4326) if mentions.crs is not None else mentions, "zones": zones_frame(mentions)}


def write_export(mentions: gpd.GeoDataFrame, path: str | Path, *, layer: str = "mentions") -> Path:
    """Write the export by extension: .gpkg holds both layers; .geojson/.csv hold ``layer``."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in EXPORT_FORMATS:
        raise OutputError(f"{path.name}: unknown export format .{fmt}; use one of .geojson, .csv, .gpkg")
    if layer not in LAYERS:
        raise OutputError(f"unknown layer {layer!r}; use one of {', '.join(LAYERS)}")
    layers = export_layers(mentions)
    if fmt == "gpkg":
        return write_layers(layers, path)
    return write_table(layers[layer], path)


def export_bytes(mentions: gpd.GeoDataFrame, fmt: str, *, layer: str = "mentions") -> bytes:
    """The export as bytes (for a download button); ``fmt`` is 'geojson', 'csv' or 'gpkg'."""
    with tempfile.TemporaryDirectory(prefix="mapapp-export-") as tmp:
        out = write_export(mentions, Path(tmp) / f"{layer}.{fmt}", layer=layer)
        return out.read_bytes()
