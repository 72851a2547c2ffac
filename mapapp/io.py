"""Writing mentions and zones to files, atomically.

Every writer goes through `atomic_path`: the data is written to a temporary
file beside the target and renamed over it only when complete, so a run killed
mid-write leaves the previous file as it was.
"""
from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd

FORMATS = {".geojson": "GeoJSON", ".json": "GeoJSON", ".csv": "CSV", ".jsonl": "JSONL", ".gpkg": "GPKG", ".parquet": "Parquet"}


class OutputError(ValueError):
    """An output the user asked for that cannot be written (bad extension, unwritable place)."""


@contextlib.contextmanager
def atomic_path(target: str | Path, suffix: str | None = None) -> Iterator[Path]:
    """A temporary path beside `target`; renamed over it when the block ends without error."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix or target.suffix, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    tmp_path.unlink()  # some drivers (GPKG) refuse to write over an existing file
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Columns every format can hold: dates as ISO strings, booleans with gaps as strings."""
    out = df.copy()
    geom_col = out.geometry.name if isinstance(out, gpd.GeoDataFrame) else None
    for col in out.columns:
        if col == geom_col:
            continue
        if out[col].dtype == object:
            out[col] = out[col].map(lambda v: v if v is None or isinstance(v, (str, int, float)) else str(v))
    if "literal" in out.columns:
        out["literal"] = out["literal"].map(lambda v: "" if v is None or v != v else ("true" if v else "false"))
    return out


def write_table(gdf: gpd.GeoDataFrame, path: str | Path, *, layer: str = "mentions") -> Path:
    """Write a GeoDataFrame by the path's extension: .geojson .csv .jsonl .gpkg .parquet."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in FORMATS:
        raise OutputError(f"{path.name}: unknown output format {ext or '(none)'}; use one of {', '.join(FORMATS)}")
    with atomic_path(path) as tmp:
        if ext in (".geojson", ".json"):
            tmp.write_text(to_geojson(gdf), encoding="utf-8")
        elif ext == ".csv":
            flat = _plain(pd.DataFrame(gdf.drop(columns=gdf.geometry.name)))
            flat["wkt"] = gdf.geometry.to_wkt().values
            flat.to_csv(tmp, index=False)
        elif ext == ".jsonl":
            with tmp.open("w", encoding="utf-8") as fh:
                for feat in json.loads(to_geojson(gdf))["features"]:
                    row = dict(feat["properties"])
                    row["geometry"] = feat["geometry"]
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif ext == ".gpkg":
            _plain(gdf).to_file(tmp, layer=layer, driver="GPKG", engine="pyogrio")
        elif ext == ".parquet":
            _plain(gdf).to_parquet(tmp, index=False)
    return path


def to_geojson(gdf: gpd.GeoDataFrame) -> str:
    """A FeatureCollection with properties as JSON types (literal stays a boolean or null)."""
    props = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    features = []
    geoms = gdf.geometry.values
    for i, rec in enumerate(props.to_dict(orient="records")):
        clean = {k: _json_value(v) for k, v in rec.items()}
        g = geoms[i]
        features.append({"type": "Feature", "properties": clean, "geometry": None if g is None else g.__geo_interface__})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def _json_value(v):
    if v is None:
        return None
    if isinstance(v, float) and v != v:
        return None
    if hasattr(v, "item"):
        return v.item()
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def read_table(path: str | Path) -> gpd.GeoDataFrame:
    """Read back what write_table wrote (for tests, the cache and the app)."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext == ".parquet":
        return gpd.read_parquet(path)
    if ext == ".csv":
        df = pd.read_csv(path)
        return gpd.GeoDataFrame(df.drop(columns=["wkt"]), geometry=gpd.GeoSeries.from_wkt(df["wkt"]), crs="EPSG:4326")
    if ext == ".jsonl":
        rows = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
        return gpd.GeoDataFrame.from_features(
            [{"type": "Feature", "geometry": r.pop("geometry"), "properties": r} for r in rows], crs="EPSG:4326"
        )
    return gpd.read_file(path, engine="pyogrio")


def write_layers(layers: dict[str, gpd.GeoDataFrame], path: str | Path) -> Path:
    """Several named layers in one GeoPackage, written atomically (all layers or none)."""
    path = Path(path)
    if path.suffix.lower() != ".gpkg":
        raise OutputError(f"{path.name}: several layers need a GeoPackage (.gpkg)")
    with atomic_path(path) as tmp:
        for name, gdf in layers.items():
            _plain(gdf).to_file(tmp, layer=name, driver="GPKG", engine="pyogrio")
    return path
