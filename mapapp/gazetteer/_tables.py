"""The world layer's facts about particular countries, read from sourced tables in geodata/.

No country or place is named in the code that builds the world layer: which
countries' subdivisions geodata/ authors, whose counties news names, the
English forms of country names, the state abbreviations news writes, the
ceremonial counties and the Natural Earth units without an ISO number are all
rows of a CSV file whose header comment and ``source`` column say where each
fact comes from. The build reads them here, so a new country's rule is a new
row, not a new branch.
"""
from __future__ import annotations

import csv
import hashlib
from functools import lru_cache
from pathlib import Path

GEODATA = Path(__file__).resolve().parents[2] / "geodata"
TABLES = ("country-names.csv", "country-rules.csv", "admin1-forms.csv", "ceremonial-counties.csv",
          "natural-earth-units.csv")
RULES = frozenset({"dissolved", "arabic_hebrew_names", "authored_subdivisions", "admin2_in_news",
                   "admin1_census_shapes"})


@lru_cache(maxsize=None)
def rows(filename: str) -> tuple[dict[str, str], ...]:
    """A table's rows (``#`` lines are its header comment)."""
    with open(GEODATA / filename, encoding="utf-8", newline="") as fh:
        out = tuple(csv.DictReader(line for line in fh if not line.startswith("#")))
    if any(not r.get("source") for r in out):
        raise ValueError(f"geodata/{filename}: every row needs a source")
    return out


def digest() -> str:
    """The tables' bytes, for the world layer's version key."""
    h = hashlib.sha256()
    for name in TABLES:
        h.update((GEODATA / name).read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=None)
def countries_with(rule: str) -> frozenset[str]:
    """ISO2 codes of the countries geodata/country-rules.csv gives ``rule``."""
    if rule not in RULES:
        raise KeyError(f"unknown country rule {rule!r} (geodata/country-rules.csv knows {sorted(RULES)})")
    return frozenset(r["iso2"] for r in rows("country-rules.csv") if r["rule"] == rule)


def the_country_with(rule: str) -> str:
    """The one country a rule is written for (the US Census shapes are of one country's states)."""
    found = sorted(countries_with(rule))
    if len(found) != 1:
        raise ValueError(f"geodata/country-rules.csv: {rule} is one country's rule, found {found or 'none'}")
    return found[0]


@lru_cache(maxsize=None)
def country_forms() -> dict[str, tuple[str, ...]]:
    """ISO2 -> English forms of the country's name beyond GeoNames' own, in file order."""
    out: dict[str, tuple[str, ...]] = {}
    for r in rows("country-names.csv"):
        out[r["iso2"]] = out.get(r["iso2"], ()) + (r["form"],)
    return out


@lru_cache(maxsize=None)
def admin1_forms() -> dict[tuple[str, str], tuple[str, ...]]:
    """(country ISO2, GeoNames admin1 code) -> forms news uses beyond the subdivision's name, in file order."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for r in rows("admin1-forms.csv"):
        key = (r["country"], r["admin1"])
        out[key] = out.get(key, ()) + (r["form"],)
    return out


@lru_cache(maxsize=None)
def ceremonial_counties() -> tuple[str, dict[str, tuple[str, ...]]]:
    """(GeoNames admin1 code they lie in, county -> member admin2 names in file order)."""
    members: dict[str, tuple[str, ...]] = {}
    admin1 = {r["admin1"] for r in rows("ceremonial-counties.csv")}
    if len(admin1) != 1:
        raise ValueError(f"geodata/ceremonial-counties.csv: one admin1 expected, found {sorted(admin1)}")
    for r in rows("ceremonial-counties.csv"):
        members[r["county"]] = members.get(r["county"], ()) + (r["member"],)
    return admin1.pop(), members


def _bound(text: str) -> float | None:
    return float(text) if text else None


@lru_cache(maxsize=None)
def natural_earth_units() -> dict[str, tuple[tuple[str, float | None, float | None], ...]]:
    """Natural Earth unit name -> (ISO2, part longitude above, part longitude up to) for each country it joins."""
    out: dict[str, tuple] = {}
    for r in rows("natural-earth-units.csv"):
        out[r["ne_name"]] = out.get(r["ne_name"], ()) + ((r["iso2"], _bound(r["part_lon_above"]),
                                                          _bound(r["part_lon_upto"])),)
    return out


@lru_cache(maxsize=None)
def natural_earth_regions() -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Natural Earth unit name -> (region id, name, alternate names) for units kept as regions of their own."""
    return {r["ne_name"]: (r["region_id"], r["region_name"], tuple(a for a in r["region_alt_names"].split("|") if a))
            for r in rows("natural-earth-units.csv") if r["region_id"]}
