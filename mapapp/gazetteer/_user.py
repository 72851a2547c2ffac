"""User layers: the user's own gazetteers, and GeoNames dumps.

A layer is checked in full before it is installed (a malformed one is
rejected naming the line or feature at fault, and nothing changes); installed
layers live in the cache folder and are loaded before the built-in ones.
"""
from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

from mapapp.gazetteer._local import LayerError, read_layer_file
from mapapp.model import Place

# GeoNames dump columns (allCountries.txt, XX.txt): see the dump's readme.
_GN_COLUMNS = 19
_GN_KIND = {"PCLI": "country", "PCLD": "country", "PCLS": "country", "ADM1": "admin1", "CONT": "continent"}


def user_layers_dir(cache_dir: Path) -> Path:
    return Path(cache_dir) / "layers"


def installed_layers(cache_dir: Path) -> list[Path]:
    d = user_layers_dir(cache_dir)
    if not d.is_dir():
        return []
    return sorted(p for p in d.iterdir() if p.suffix.lower() in (".geojson", ".json", ".csv", ".txt"))


def install_user_layer(file: Path, *, name: str | None = None, cache_dir: Path | None = None) -> tuple[Path, int]:
    """Validate a layer file and copy it into the cache's layers folder."""
    from mapapp.gazetteer import default_cache_dir

    file = Path(file)
    places = read_user_layer(file)
    if not places:
        raise LayerError(f"{file.name}: no places in the layer")
    dest_dir = user_layers_dir(cache_dir or default_cache_dir())
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / f"{name or file.stem}{file.suffix.lower()}"
    tmp = dest.with_name("." + dest.name + ".tmp")
    shutil.copyfile(file, tmp)
    tmp.replace(dest)
    return dest, len(places)


def read_user_layer(file: Path) -> list[Place]:
    file = Path(file)
    if file.suffix.lower() == ".txt":
        return list(read_geonames_dump(file))
    return read_layer_file(file, layer=f"user:{file.stem}")


def read_geonames_dump(path: Path, *, min_population: int = 0) -> Iterator[Place]:
    """Places from a GeoNames dump (allCountries.txt or a country file such as PS.txt)."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as fh:
        for line_no, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not row or row[0].startswith("#"):
                continue
            if len(row) != _GN_COLUMNS:
                raise LayerError(f"{path.name}: line {line_no}: expected {_GN_COLUMNS} tab-separated columns, found {len(row)}")
            try:
                gid, lat, lon, pop = int(row[0]), float(row[4]), float(row[5]), int(row[14] or 0)
            except ValueError as exc:
                raise LayerError(f"{path.name}: line {line_no}: {exc}") from None
            if row[6] not in ("P", "A", "L", "H", "T", "S") or pop < min_population:
                continue
            names = [row[1], row[2]] + [a for a in row[3].split(",") if _usable_alternate(a)]
            yield Place(
                id=f"gn:{gid}", name=row[1], kind=_kind(row[6], row[7], pop), lat=lat, lon=lon,
                names=tuple(dict.fromkeys(n for n in names if n)), country=row[8], admin1=row[10],
                population=pop, layer=f"user:{path.stem}", source=f"GeoNames {gid}",
                licence="CC BY 4.0 (GeoNames)", precision_m=2000.0, geonames_id=gid,
                extra={"capital": True} if row[7] == "PPLC" else {},
            )


def _kind(fclass: str, fcode: str, pop: int) -> str:
    if fcode in _GN_KIND:
        return _GN_KIND[fcode]
    if fclass == "P":
        return "city" if pop >= 100_000 or fcode == "PPLC" else "town"
    if fclass == "H":
        return "water"
    if fclass in ("L", "T"):
        return "region"
    if fclass == "S":
        return "facility"
    return "other"


def _usable_alternate(name: str) -> bool:
    letters = sum(c.isalpha() for c in name)
    return letters >= 3 and not name.islower() and not any(c.isdigit() for c in name) and "http" not in name
