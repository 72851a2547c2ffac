"""The authored regions layer (geodata/world-regions.geojson): news names for regions, rivers and seas resolve to it,
and river names never take a country's or a state's own name."""
from __future__ import annotations

import pytest

from mapapp.gazetteer._regions import read_region_features
from mapapp.model import Article

# Words that would steal other places' (or a company's) mentions if a region carried them as a name.
FORBIDDEN_NAMES = {"Amazon", "Jordan", "Niger", "Congo", "Mississippi", "Missouri", "Colorado", "Don", "Dnipro",
                   "Yarmouk", "Delta", "Valley", "Gulf", "Peninsula", "River", "Sea", "Kurdistan"}


def resolved(parser, text: str) -> dict[str, str]:
    """Surface -> place id for one sentence parsed with the real gazetteer."""
    frame = parser.parse([Article(id="t.txt", doc="t.txt", path="/t.txt", text=text)])
    return dict(zip(frame["surface"], frame["place_id"]))


def test_no_region_carries_an_ambiguous_bare_name():
    for f in read_region_features():
        props = f["properties"]
        names = {props["name"], *props["alt_names"]}
        assert not names & FORBIDDEN_NAMES, props["id"]


def test_rivers_are_points_at_their_cited_mouths():
    by_id = {f["properties"]["id"]: f for f in read_region_features()}
    lon, lat = by_id["rg:euphrates"]["geometry"]["coordinates"]
    assert (round(lat, 3), round(lon, 3)) == (31.005, 47.442)  # Al-Qurnah, 31°0′18″N 47°26′31″E
    assert by_id["rg:nile"]["properties"]["kind"] == "water"
    assert by_id["rg:nile"]["properties"]["precision_m"] >= 1_000_000


@pytest.mark.parametrize("text, surface, place_id", [
    ("Rockets were fired at communities in the Negev on Monday.", "Negev", "rg:negev"),
    ("Shelling hit Eastern Ghouta overnight.", "Eastern Ghouta", "rg:ghouta"),
    ("Fighters withdrew north of the Litani River.", "Litani River", "rg:litani-river"),
    ("Aid convoys reached Darfur.", "Darfur", "rg:darfur"),
    ("The Kurdistan Region held elections.", "Kurdistan Region", "rg:kurdistan-region"),
    ("Tankers waited in the Strait of Gibraltar.", "Strait of Gibraltar", "rg:strait-of-gibraltar"),
    ("Tensions on the Korean Peninsula rose.", "Korean Peninsula", "rg:korean-peninsula"),
    ("Troops dug in along the Dnieper.", "Dnieper", "rg:dnieper"),
    ("The Yarmouk River marks the border.", "Yarmouk River", "rg:yarmouk-river"),
])
def test_news_names_resolve_to_the_region(parser, text, surface, place_id):
    assert resolved(parser, text).get(surface) == place_id


def test_river_forms_do_not_take_the_countries_names(parser):
    got = resolved(parser, "Jordan and Niger closed their borders as the Nile flooded; Dnipro was shelled.")
    assert got["Jordan"] == "gn:248816"  # the country
    assert got["Niger"] == "gn:2440476"  # the country
    assert got["Nile"] == "rg:nile"
    assert got["Dnipro"].startswith("gn:")  # the city, not the river


def test_the_desert_does_not_take_the_territory_names_around_it(parser):
    got = resolved(parser, "Morocco claims Western Sahara, at the edge of the Sahara.")
    assert got["Western Sahara"].startswith("gn:")
    assert got["Sahara"] == "rg:sahara"  # "the Sahara", written without its "the"
    # "West Sahara" is the territory, never the desert's western part
    assert "Sahara" not in resolved(parser, "Voters in West Sahara went to the polls.")
