"""The filtered data for download, in the output model (`mapapp.output`): mentions and the places they name.

``mentions``: one row per mention with its place's point (``lat``/``lon``, a point
geometry) and ``place_id``; ``places``: one row per place or zone with its shape
once, how often and in how many articles it was named, first and last date.
GeoJSON and CSV hold one layer per file (CSV: mentions with ``lat``/``lon``,
places with the shape as ``wkt``); a GeoPackage holds both layers. Everything is
written through :mod:`mapapp.io`, so files appear whole or not at all.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import geopandas as gpd

from mapapp import formats
from mapapp.io import OutputError, mentions_geodata, write_layers, write_mentions, write_places
from mapapp.output import from_frame, places_table

# The app's downloads: the formats the registry marks ``download`` (mapapp.formats), by suffix without its dot.
EXPORT_FORMATS = {f.suffix[1:]: f for f in formats.DOWNLOADS}
LAYERS = ("mentions", "places")


def export_layers(mentions: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    """The two layers of the filtered mentions (the app's frame, each row with its place's shape)."""
    results = from_frame(mentions)
    return {"mentions": mentions_geodata(results), "places": places_table(results)}


def write_export(mentions: gpd.GeoDataFrame, path: str | Path, *, layer: str = "mentions") -> Path:
    """Write the export by extension: .gpkg holds both layers; .geojson/.csv hold ``layer``."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in EXPORT_FORMATS:
        known = ", ".join(f.suffix for f in formats.DOWNLOADS)
        raise OutputError(f"{path.name}: unknown export format .{fmt}; use one of {known}")
    if layer not in LAYERS:
        raise OutputError(f"unknown layer {layer!r}; use one of {', '.join(LAYERS)}")
    if EXPORT_FORMATS[fmt].both_layers:
        return write_layers(export_layers(mentions), path)
    results = from_frame(mentions)
    return write_mentions(results, path) if layer == "mentions" else write_places(results, path)


def export_bytes(mentions: gpd.GeoDataFrame, fmt: str, *, layer: str = "mentions") -> bytes:
    """The export as bytes (for a download button); ``fmt`` is a key of ``EXPORT_FORMATS`` ('geojson', 'csv', 'gpkg')."""
    with tempfile.TemporaryDirectory(prefix="mapapp-export-") as tmp:
        out = write_export(mentions, Path(tmp) / f"{layer}.{fmt}", layer=layer)
        return out.read_bytes()
