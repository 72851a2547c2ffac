"""The output model and tables written to files by format (`mapapp.formats`), each through `atomic_path`.

`write_results` writes the output model (`mapapp.output`): the mentions, each with
its place's point (or, with ``geometry="shape"``, its place's shape simplified as the
map draws it), and the places, each shape once:

    .gpkg      layers "mentions" and "places" in one file
    .parquet   GeoParquet: mentions in the file named, places beside it (NAME.places.parquet)
    .geojson   FeatureCollection of the mentions (the point is the geometry); places beside it (NAME.places.geojson)
    .csv       the mentions with lat/lon; places beside it with their shape as wkt
    .jsonl     one JSON object per mention with lat/lon; places beside it with a GeoJSON geometry
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shapely

from mapapp import formats, geojson
from mapapp.errors import OutputError
from mapapp.io.atomic import atomic_path
from mapapp.rows import GEOMETRY_MODES

if TYPE_CHECKING:  # pandas and geopandas load where a table is written or read: a parse checks its -o first
    import geopandas as gpd
    import pandas as pd

    from mapapp.output import Results


def output_format(path: str | Path) -> str:
    """The path's extension if mapapp writes it, else an OutputError naming the ones it does."""
    return formats.format_of(path, "data").suffix


def places_path_for(path: str | Path) -> Path:
    """Where the places go beside a mentions file: ``mentions.geojson`` -> ``mentions.places.geojson``
    (a folder of parts ``out/`` -> ``out.places.parquet``)."""
    path = Path(path)
    if not path.suffix:
        return path.with_name(f"{path.name}.places.parquet")
    return path.with_name(f"{path.stem}.places{path.suffix}")


def write_results(results: Results, path: str | Path, *, geometry: str = "point",
                  places: str | Path | bool = True) -> list[Path]:
    """Write the mentions to ``path`` and the places (a GeoPackage's second layer, else ``places``: a path,
    True for the file beside ``path``, False for none). Returns the files written."""
    from mapapp.output import places_table

    path = Path(path)
    fmt = formats.format_of(path, "data")
    if geometry not in GEOMETRY_MODES:
        raise ValueError(f"geometry must be one of {GEOMETRY_MODES}, not {geometry!r}")
    places_file = None
    if places is not False and not fmt.both_layers:
        places_file = places_path_for(path) if places is True else Path(places)
    elif places not in (True, False):
        places_file = Path(places)
    if places_file is not None:
        output_format(places_file)
        if places_file.resolve() == path.resolve():
            raise OutputError(f"{path.name}: the places would overwrite the mentions; give --places another name")
    written = []
    if fmt.both_layers:
        written.append(write_layers({"mentions": mentions_geodata(results, geometry),
                                     "places": places_table(results)}, path))
    else:
        written.append(write_mentions(results, path, geometry=geometry))
    if places_file is not None:
        written.append(write_places(results, places_file))
    return written


def write_mentions(results: Results, path: str | Path, *, geometry: str = "point") -> Path:
    """The mentions alone, one row each, by the path's extension."""
    from mapapp.output import GEOJSON_POINT_FIELDS, mentions_table, zone_rows

    path = Path(path)
    writer = formats.format_of(path, "data").writer
    table = mentions_table(results)
    with atomic_path(path) as tmp:
        if writer == "geojson":
            if geometry == "point":  # the geometry is the point: lat/lon are not written twice
                geoms = geojson.point_geometries(table["lon"].to_numpy(), table["lat"].to_numpy())
                zones = zone_rows(table)
                for i, shape in zip(zones, geojson.geometries(_display_shapes(results, table.iloc[zones]))):
                    geoms[i] = shape
                table = table[list(GEOJSON_POINT_FIELDS)]
            else:
                geoms = geojson.geometries(_display_shapes(results, table))
            _write_bytes(tmp, geojson.feature_collection(table, geoms, utf8=True))
        elif writer == "jsonl":
            _write_bytes(tmp, geojson.json_lines(table, None if geometry == "point" else
                                                 geojson.geometries(_display_shapes(results, table)), utf8=True))
        elif writer == "csv":
            flat = _plain(table)
            if geometry == "shape":
                flat["wkt"] = [None if g is None else shapely.geometry.shape(g).wkt for g in _display_shapes(results, table)]
            flat.to_csv(tmp, index=False)
        else:
            _write_geodata(mentions_geodata(results, geometry), tmp, writer, "mentions")
    return path


def write_places(results: Results, path: str | Path) -> Path:
    """The places alone, each shape once, by the path's extension (CSV: the shape as wkt)."""
    from mapapp.output import places_table

    return write_table(places_table(results), path, layer="places")


def mentions_geodata(results: Results, geometry: str = "point") -> gpd.GeoDataFrame:
    """The mentions table with a geometry: the place's point (a zone: its shape), or its shape; shapes as the map draws them."""
    import geopandas as gpd

    from mapapp.output import mentions_table, zone_rows

    table = mentions_table(results)
    if geometry == "point":
        geoms = list(shapely.points(table["lon"].to_numpy(), table["lat"].to_numpy())) if len(table) else []
        zones = zone_rows(table)
        for i, shape in zip(zones, _display_shapes(results, table.iloc[zones])):
            geoms[i] = shapely.geometry.shape(shape) if shape is not None else geoms[i]
    else:
        from shapely.geometry import shape

        geoms = [None if g is None else shape(g) for g in _display_shapes(results, table)]
    return gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(list(geoms), index=table.index, crs="EPSG:4326"),
                            crs="EPSG:4326")


def _display_shapes(results: Results, table: pd.DataFrame) -> list[dict | None]:
    """Each row's place shape as GeoJSON, simplified to the map's tolerance (`mapapp.simplify`), made once per place."""
    from mapapp.simplify import display_geometry

    # Only the places these rows name: with point geometry, those are the zones, a few of hundreds of shapes.
    shapes = results.shapes
    made = {pid: display_geometry(shapes[pid]) for pid in dict.fromkeys(table["place_id"]) if pid in shapes}
    return [made.get(pid) for pid in table["place_id"]]


def write_table(gdf: gpd.GeoDataFrame, path: str | Path, *, layer: str = "mentions") -> Path:
    """Write a GeoDataFrame as it is (its own geometry) by the path's extension: .geojson .csv .jsonl .gpkg .parquet."""
    path = Path(path)
    writer = formats.format_of(path, "data").writer
    with atomic_path(path) as tmp:
        if writer == "geojson":
            _write_bytes(tmp, geojson.feature_collection(_properties(gdf), geojson.geometries(gdf.geometry.array), utf8=True))
        elif writer == "csv":
            flat = _plain(_properties(gdf))
            flat["wkt"] = gdf.geometry.to_wkt().values
            flat.to_csv(tmp, index=False)
        elif writer == "jsonl":
            _write_bytes(tmp, geojson.json_lines(_properties(gdf), geojson.geometries(gdf.geometry.array), utf8=True))
        else:
            _write_geodata(gdf, tmp, writer, layer)
    return path


def _write_geodata(gdf: gpd.GeoDataFrame, tmp: Path, writer: str, layer: str) -> None:
    if writer == "gpkg":
        _to_gpkg(_plain(gdf), tmp, layer)
    else:
        _plain(gdf).to_parquet(tmp, index=False)


def write_layers(layers: dict[str, gpd.GeoDataFrame], path: str | Path) -> Path:
    """Several named layers in one GeoPackage, written atomically (all layers or none)."""
    path = Path(path)
    if not formats.format_of(path, "data").both_layers:
        raise OutputError(f"{path.name}: several layers need a GeoPackage (.gpkg)")
    with atomic_path(path) as tmp:
        for name, gdf in layers.items():
            _to_gpkg(_plain(gdf), tmp, name)
    return path


def _to_gpkg(gdf: gpd.GeoDataFrame, tmp: Path, layer: str) -> None:
    # Through Arrow where GDAL can (>= 3.8): the same layer in less than half the time.
    try:
        gdf.to_file(tmp, layer=layer, driver="GPKG", engine="pyogrio", use_arrow=True)
    except (RuntimeError, ValueError, NotImplementedError, ImportError):
        gdf.to_file(tmp, layer=layer, driver="GPKG", engine="pyogrio")


def to_geojson(gdf: gpd.GeoDataFrame) -> str:
    """A FeatureCollection with properties as JSON types (literal stays a boolean or null)."""
    return "".join(geojson.feature_collection(_properties(gdf), geojson.geometries(gdf.geometry.array)))


def _properties(gdf: pd.DataFrame) -> pd.DataFrame:
    import geopandas as gpd
    import pandas as pd

    return pd.DataFrame(gdf.drop(columns=gdf.geometry.name)) if isinstance(gdf, gpd.GeoDataFrame) else gdf


def _write_bytes(tmp: Path, pieces) -> None:
    """UTF-8 text in bytes-like pieces (`mapapp.geojson`'s, ``utf8=True``) as the file."""
    with tmp.open("wb") as fh:
        fh.writelines(pieces)


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Columns every format can hold: dates as ISO strings, booleans with gaps as strings."""
    import geopandas as gpd

    out = df.copy()
    geom_col = out.geometry.name if isinstance(out, gpd.GeoDataFrame) else None
    for col in out.columns:
        if col == geom_col or col == "literal" or out[col].dtype != object:
            continue
        values = out[col]
        odd = ~values.map(_plain_value).astype(bool)
        if odd.any():  # most columns hold strings only: converted only where needed
            out[col] = values.where(~odd, values[odd].map(str))
    if "literal" in out.columns:
        out["literal"] = out["literal"].map(lambda v: "" if v is None or v != v else ("true" if v else "false"))
    return out


def _plain_value(v) -> bool:
    return v is None or isinstance(v, (str, int, float))
