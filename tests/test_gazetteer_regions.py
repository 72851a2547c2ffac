"""The authored regions layer (geodata/world-regions.geojson): news names for regions, rivers and seas resolve to it,
and river names never take a country's or a state's own name."""
from __future__ import annotations

import pytest

from mapapp.gazetteer._regions import read_region_features
from mapapp.model import Article

# Words that would steal other places' (or a company's) mentions if a region carried them as a name.
FORBIDDEN_NAMES = {"Amazon", "Jordan", "Niger", "Congo", "Mississippi", "Missouri", "Colorado", "Don", "Dnipro",
                   "Yarmouk", "Delta", "Valley", "Gulf", "Peninsula", "River", "Sea", "Kurdistan",
                   "Hudson", "Iberia", "Rio Grande"}


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
    ("Surfers flocked to Oahu.", "Oahu", "rg:oahu"),
    ("Hikers crossed the Appalachians.", "Appalachians", "rg:appalachian-mountains"),
    ("Barges waited on the Mississippi River.", "Mississippi River", "rg:mississippi-river"),
    ("Farmers in the Nile Delta lost their crops.", "Nile Delta", "rg:nile-delta"),
    ("Pilgrims were baptised in the River Jordan.", "River Jordan", "rg:jordan-river"),
    ("Armenians call the region Artsakh.", "Artsakh", "rg:nagorno-karabakh"),
    ("Talks on Upper Karabakh stalled.", "Upper Karabakh", "rg:nagorno-karabakh"),
    ("Snow fell across the Alps.", "Alps", "rg:alps"),
    ("Wildfires spread in the Rockies.", "Rockies", "rg:rocky-mountains"),
    ("Glaciers in the Andes are shrinking.", "Andes", "rg:andes"),
    ("Ice formed on the Great Lakes.", "Great Lakes", "rg:great-lakes"),
    ("Commuters on Long Island were delayed.", "Long Island", "rg:long-island"),
    ("Ranchers in Patagonia sheared their sheep.", "Patagonia", "rg:patagonia"),
    ("Drought gripped the Iberian Peninsula.", "Iberian Peninsula", "rg:iberian-peninsula"),
    ("Start-ups in Silicon Valley laid off staff.", "Silicon Valley", "rg:silicon-valley"),
    ("A plane landed in the Hudson River.", "Hudson River", "rg:hudson-river"),
    ("Tankers waited in the Shatt al-Arab.", "Shatt al-Arab", "rg:shatt-al-arab"),
    ("Archaeologists dug in Mesopotamia.", "Mesopotamia", "rg:mesopotamia"),
    ("France withdrew from Indochina.", "Indochina", "rg:indochina"),
])
def test_news_names_resolve_to_the_region(parser, text, surface, place_id):
    assert resolved(parser, text).get(surface) == place_id


def test_river_forms_do_not_take_the_countries_names(parser):
    got = resolved(parser, "Jordan and Niger closed their borders as the Nile flooded; Dnipro was shelled.")
    assert got["Jordan"] == "gn:248816"  # the country
    assert got["Niger"] == "gn:2440476"  # the country
    assert got["Nile"] == "rg:nile"
    assert got["Dnipro"].startswith("gn:")  # the city, not the river


def test_qualified_river_names_leave_the_bare_names_to_states_and_countries(parser):
    got = resolved(parser, "Mississippi and Jordan sent envoys to the Mississippi River and the River Jordan.")
    assert got["Mississippi"] == "gn:4436296"  # the state
    assert got["Jordan"] == "gn:248816"  # the country
    assert got["Mississippi River"] == "rg:mississippi-river"
    assert got["River Jordan"] == "rg:jordan-river"


def test_the_nile_delta_point_is_on_land_in_the_delta():
    by_id = {f["properties"]["id"]: f for f in read_region_features()}
    lon, lat = by_id["rg:nile-delta"]["geometry"]["coordinates"]
    assert (lat, lon) == (30.9, 31.11667)  # 30°54′N 31°7′E, near Tanta, not in the sea off the coast
    assert 30.0 < lat < 31.5 and 29.9 < lon < 32.3


def test_the_desert_does_not_take_the_territory_names_around_it(parser):
    got = resolved(parser, "Morocco claims Western Sahara, at the edge of the Sahara.")
    assert got["Western Sahara"].startswith("gn:")
    assert got["Sahara"] == "rg:sahara"  # "the Sahara", written without its "the"
    # "West Sahara" is the territory, never the desert's western part
    assert "Sahara" not in resolved(parser, "Voters in West Sahara went to the polls.")
