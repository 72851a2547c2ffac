"""England's split ceremonial counties (mapapp/gazetteer/_counties.py) in the world layer."""
from __future__ import annotations

import pytest

from mapapp.geo import haversine_km as km
from mapapp.gazetteer import _counties
from mapapp.normalize import name_key


# Each county's people live around its main town, so its point lies near that town's GeoNames point.
@pytest.mark.parametrize("county, town, within_km", [
    ("Berkshire", "Reading", 25), ("Cheshire", "Chester", 40), ("Northamptonshire", "Northampton", 25),
    ("Yorkshire", "Leeds", 40), ("Greater Manchester", "Manchester", 15),
])
def test_split_counties_are_places_where_their_people_are(world_by_key, county, town, within_km):
    rows = [p for p in world_by_key[name_key(county)] if p.id.startswith("gn-county:")]
    assert len(rows) == 1
    p = rows[0]
    assert p.country == "GB" and p.kind == "admin2" and p.source.startswith("Lieutenancies Act 1997")
    seat = max((c for c in world_by_key[name_key(town)] if c.country == "GB" and c.kind in ("city", "town")),
               key=lambda c: c.population)
    assert km(p.lat, p.lon, seat.lat, seat.lon) < within_km
    assert p.precision_m >= 2000


def test_a_missing_member_unit_is_an_error_not_a_smaller_county(monkeypatch):
    subs = [["Reading", "", "GB.ENG.P8", "1", "Unitary authority", "", "2", "", ""]]
    monkeypatch.setattr(_counties, "COUNTIES", {"Berkshire": ("Reading", "Slough")})
    with pytest.raises(RuntimeError, match="Berkshire: no GeoNames admin2 unit named Slough"):
        _counties.county_groups(subs)


def test_cities_are_counted_once_per_county_they_lie_in():
    groups = {"A": [0, 1], "B": [1]}
    cities = [["x", "1", "1", "GB", "10", "0", "0"], ["y", "2", "2", "GB", "10", "0", "0"],
              ["z", "3", "3", "GB", "10", "0", "0"], ["w", "4", "", "GB", "10", "0", "0"]]
    assert _counties.remap_cities(cities, groups) == [
        ["x", "1", "1", "GB", "10", "0", "0"], ["y", "2", "1|2", "GB", "10", "0", "0"]]
