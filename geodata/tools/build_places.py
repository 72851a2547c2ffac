"""Build the conflict-area place layers from the reviewable table next to this script.

    python geodata/tools/build_places.py            # rewrite geodata/*-places.geojson
    python geodata/tools/build_places.py --check    # exit 1 if the committed files are stale

``places.csv`` has one row per feature; its ``file`` column says which layer the
feature goes to (``gaza`` -> gaza-places.geojson, ``west-bank`` ->
west-bank-places.geojson). Points take ``lat``/``lon``; roads leave them empty and
list, in ``via``, the ids of features in the table whose (sourced) points the
road runs through, so a road never carries a coordinate of its own.

The output is deterministic (table order, fixed key order, no timestamps) so a
review diff shows exactly what changed.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

TOOLS_DIR = Path(__file__).resolve().parent
GEODATA_DIR = TOOLS_DIR.parent
TABLE = TOOLS_DIR / "places.csv"
LAYER_FILES = {"gaza": "gaza-places.geojson", "west-bank": "west-bank-places.geojson"}

# Properties in the order they are written; optional ones are left out when empty.
REQUIRED_KEYS = ("id", "name", "kind", "alt_names", "name_ar", "name_he", "parent", "country",
                 "source", "licence", "precision_m")
OPTIONAL_KEYS = ("geonames_id", "population", "valid_from", "valid_to", "via", "note")
INTEGER_KEYS = ("precision_m", "geonames_id", "population")


def read_table(path: Path = TABLE) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _properties(row: dict[str, str]) -> dict:
    props: dict = {}
    for key in REQUIRED_KEYS + OPTIONAL_KEYS:
        value = row.get(key, "").strip()
        if key == "alt_names":
            props[key] = [name for name in value.split("|") if name]
        elif key == "via":
            if value:
                props[key] = value.split("|")
        elif key in ("name_ar", "name_he"):
            props[key] = value or None  # "where known": null says unknown, not empty
        elif key in INTEGER_KEYS:
            if value:
                props[key] = int(value)
            elif key in REQUIRED_KEYS:
                raise ValueError(f"{row['id']}: {key} is required")
        elif value or key in REQUIRED_KEYS:
            props[key] = value
    return props


def _point(row: dict[str, str]) -> list[float]:
    return [round(float(row["lon"]), 6), round(float(row["lat"]), 6)]


def build_features(rows: list[dict[str, str]]) -> dict[str, list[dict]]:
    """Return the features of each layer file, keyed by the table's ``file`` value."""
    points = {r["id"]: _point(r) for r in rows if r["lat"].strip()}
    layers: dict[str, list[dict]] = {name: [] for name in LAYER_FILES}
    for row in rows:
        if row["via"].strip():
            vertices = [points[place_id] for place_id in row["via"].split("|")]
            geometry = {"type": "LineString", "coordinates": vertices}
        else:
            geometry = {"type": "Point", "coordinates": _point(row)}
        layers[row["file"]].append({"type": "Feature", "properties": _properties(row), "geometry": geometry})
    return layers


def render(features: list[dict]) -> str:
    # One feature per line keeps diffs readable without a pretty-printer's bulk.
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether the files are up to date")
    parser.add_argument("--out", type=Path, default=GEODATA_DIR, help="folder to write the GeoJSON files to")
    args = parser.parse_args(argv)
    layers = build_features(read_table())
    stale = []
    for layer, file_name in LAYER_FILES.items():
        text = render(layers[layer])
        target = args.out / file_name
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(file_name)
        else:
            target.write_text(text, encoding="utf-8")
    if stale:
        print("stale: " + ", ".join(stale) + " (run geodata/tools/build_places.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
