"""Measure geodata/gaza-zones.geojson against independent reference files (read-only).

    python geodata/tools/measure_zones.py [--reference ../shared/reference]

Prints figures only: IoU of the authored Strip with the union of the OSM
municipal polygons, the Hausdorff distance between the authored yellow line
and the inner (western) edge of the 19 October 2025 IDF-zone polygon, and the
ratio of the areas behind the line. It writes nothing: the reference files
are for measuring, never for copying, tracing or shipping.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from shapely.geometry import shape
from shapely.ops import linemerge, unary_union

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from mapapp.zones._metric import to_metric  # noqa: E402

ZONES = ROOT / "geodata" / "gaza-zones.geojson"


def load(path: Path):
    return [shape(f["geometry"]) for f in json.loads(path.read_text(encoding="utf-8"))["features"]]


def zones_by_id():
    fc = json.loads(ZONES.read_text(encoding="utf-8"))
    return {f["properties"]["id"]: to_metric(shape(f["geometry"])) for f in fc["features"]}


def inner_edge(zone_m, strip_outline_m, tolerance_m=300.0):
    """The reference zone's boundary minus what runs along the Strip's outer edge: its western edge.

    Where the zone's outer side strays a little from the OSM outline, short stray pieces
    remain; the inner edge is the longest connected piece."""
    rest = linemerge(zone_m.boundary.difference(strip_outline_m.boundary.buffer(tolerance_m)))
    return max(getattr(rest, "geoms", [rest]), key=lambda g: g.length)


def measure(ref_dir: Path) -> dict:
    zones = zones_by_id()
    strip = zones["gz:gaza-strip"]
    ref_strip = to_metric(unary_union(load(ref_dir / "gaza-municipalities-osm.geojson")).buffer(0))
    out = {
        "strip_km2": strip.area / 1e6,
        "ref_strip_km2": ref_strip.area / 1e6,
        "strip_iou": strip.intersection(ref_strip).area / strip.union(ref_strip).area,
    }
    idf = to_metric(unary_union(load(ref_dir / "idf-zone-2025-10-19.geojson")).buffer(0))
    edge = inner_edge(idf, ref_strip)
    line = zones["zone:yellow-line"]
    out["yellow_hausdorff_km"] = line.hausdorff_distance(edge) / 1e3
    behind = zones["zone:yellow-line-area"]
    out["behind_km2"] = behind.area / 1e6
    out["ref_behind_km2"] = idf.area / 1e6
    out["behind_area_ratio"] = behind.area / idf.area
    out["behind_share_of_strip"] = behind.area / strip.area
    out["behind_iou"] = behind.intersection(idf).area / behind.union(idf).area
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "reference")
    a = ap.parse_args(argv)
    for k, v in measure(a.reference).items():
        print(f"{k:24s} {v:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
