"""Reading back what the writers wrote (for tests, the cache and the app)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from mapapp import formats

if TYPE_CHECKING:
    import geopandas as gpd


def read_table(path: str | Path, *, layer: str | None = None) -> gpd.GeoDataFrame:
    """Read back what write_table or write_results wrote (for tests, the cache and the app).

    A CSV without ``wkt`` or a JSON-lines file without ``geometry`` gets points from ``lat``/``lon``."""
    import geopandas as gpd
    import pandas as pd

    path = Path(path)
    fmt = formats.BY_SUFFIX.get(path.suffix.lower())
    writer = fmt.writer if fmt is not None and fmt.writes == "data" else None
    if writer == "parquet":
        return gpd.read_parquet(path)
    if writer == "csv":
        df = pd.read_csv(path)
        if "wkt" in df.columns:
            return gpd.GeoDataFrame(df.drop(columns=["wkt"]), geometry=gpd.GeoSeries.from_wkt(df["wkt"]), crs="EPSG:4326")
        return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs="EPSG:4326")
    if writer == "jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        features = []
        for r in rows:
            geom = r.pop("geometry", None)
            if geom is None and r.get("lat") is not None and r.get("lon") is not None:
                geom = {"type": "Point", "coordinates": [r["lon"], r["lat"]]}
            features.append({"type": "Feature", "geometry": geom, "properties": r})
        return gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    return gpd.read_file(path, engine="pyogrio", layer=layer)
