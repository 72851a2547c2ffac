"""Every file format mapapp writes, declared once: the CLI, the app and the writers all read this table.

A format is its suffix, the name users know it by, its media type (what a
browser download says it is), and what writes it: ``data`` (the output model's
mentions and places, `mapapp.io`) or ``snapshot`` (a picture or page of the
map, `mapapp.snapshot`), and which of that module's writers does it. ``both_layers`` says one file holds the mentions and
the places together (a GeoPackage's two layers); every other data format holds
one table a file, the places beside the mentions. ``download`` says the app
offers the filtered data in it.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from mapapp.errors import OutputError, SnapshotError


class Format(NamedTuple):
    suffix: str
    name: str
    media_type: str
    writes: str  # "data" (mapapp.io) or "snapshot" (mapapp.snapshot)
    writer: str  # which of its writers: formats sharing one (.geojson, .json) are written alike
    both_layers: bool = False
    download: bool = False


FORMATS: tuple[Format, ...] = (
    # suffix       name          media type                          writes      writer       both   download
    Format(".geojson", "GeoJSON",    "application/geo+json",           "data",     "geojson",   False, True),
    Format(".json",    "GeoJSON",    "application/geo+json",           "data",     "geojson"),
    Format(".csv",     "CSV",        "text/csv",                       "data",     "csv",       False, True),
    Format(".jsonl",   "JSON lines", "application/jsonl",              "data",     "jsonl"),
    Format(".gpkg",    "GeoPackage", "application/geopackage+sqlite3", "data",     "gpkg",      True,  True),
    Format(".parquet", "GeoParquet", "application/vnd.apache.parquet", "data",     "parquet"),
    Format(".html",    "HTML",       "text/html",                      "snapshot", "html"),
    Format(".png",     "PNG",        "image/png",                      "snapshot", "png"),
    Format(".pdf",     "PDF",        "application/pdf",                "snapshot", "matplotlib"),
    Format(".svg",     "SVG",        "image/svg+xml",                  "snapshot", "matplotlib"),
)
BY_SUFFIX = {f.suffix: f for f in FORMATS}
DATA = tuple(f.suffix for f in FORMATS if f.writes == "data")
SNAPSHOT = tuple(f.suffix for f in FORMATS if f.writes == "snapshot")
DOWNLOADS = tuple(f for f in FORMATS if f.download)
_ERRORS = {"data": (OutputError, "output"), "snapshot": (SnapshotError, "snapshot")}


def suffixes(writes: str) -> str:
    """The suffixes of one kind, for help texts: ".geojson .json .csv ..."."""
    return " ".join(f.suffix for f in FORMATS if f.writes == writes)


def format_of(path: str | Path, writes: str) -> Format:
    """The format a path's suffix names, if it is one of the ``writes`` kind; else the kind's error naming those."""
    path = Path(path)
    ext = path.suffix.lower()
    fmt = BY_SUFFIX.get(ext)
    if fmt is None or fmt.writes != writes:
        error, what = _ERRORS[writes]
        known = ", ".join(f.suffix for f in FORMATS if f.writes == writes)
        raise error(f"{path.name}: unknown {what} format {ext or '(none)'}; use one of {known}")
    return fmt


def media_type(suffix: str) -> str:
    """The media type of a suffix (with or without its dot)."""
    return BY_SUFFIX["." + suffix.lstrip(".").lower()].media_type
