"""Each phrase pattern on one-sentence literal texts."""
from shapely.geometry import LineString, Point, box

from mapapp.model import Article, Mention, Place
from mapapp.gazetteer import load_divisions, load_geodata
from mapapp.zones import ZoneFacts, describe_zones
from mapapp.zones._metric import to_metric

ZONES = {p.id: p for p in load_geodata()}
# A made-up square country around 30-31 N, 35-36 E, and a town in it.
LAND = Place("t:land", "Landia", "country", 30.5, 35.5, geometry=box(35, 30, 36, 31))
SEA = Place("t:sea", "Seaside", "country", 30.5, 36.5, geometry=box(36, 30, 37, 31))
TOWN = Place("t:town", "Townsville", "city", 30.5, 35.5)
PLACES = {**ZONES, **{p.id: p for p in (LAND, SEA, TOWN)}}
GAZA = ZONES["gz:gaza-strip"]
FACTS = ZoneFacts.from_places(ZONES.values(), load_divisions())


def mention(text: str, surface: str, place: Place, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    geom = place.geometry if place.geometry is not None else Point(place.lon, place.lat)
    return Mention("a", "a", start, start + len(surface), surface, place.id, place.name, place.kind, geom,
                   precision_m=place.precision_m)


def run(text: str, *places_in_text) -> list[Mention]:
    ms = [mention(text, s, p) for s, p in places_in_text]
    return describe_zones(Article(id="a", doc="a", path="a", text=text), ms, PLACES.get, FACTS)


def zones_of(result):
    return [m for m in result if m.rule]


def test_northern_x_swallows_the_place_and_lies_in_its_north():
    text = "Fighting spread across northern Landia today."
    out = run(text, ("Landia", LAND))
    assert [m.surface for m in out] == ["northern Landia"]
    z = out[0]
    assert z.kind == "region_part" and z.basis == "t:land" and z.name == "Northern Landia"
    assert z.geometry.bounds[1] > 30.5 and text[z.start:z.end] == z.surface


def test_the_north_of_the_gaza_strip_uses_the_governorates():
    text = "Troops cut the north of the Gaza Strip from the rest."
    out = zones_of(run(text, ("Gaza Strip", GAZA)))
    assert out[0].surface == "the north of the Gaza Strip" and out[0].name == "Northern Gaza Strip"
    north = to_metric(out[0].geometry)
    assert north.contains(to_metric(Point(34.46672, 31.50161)))  # Gaza City
    assert not north.contains(to_metric(Point(34.30627, 31.34018)))  # Khan Younis


def test_possessive_and_centre_forms():
    out = zones_of(run("Landia's south was quiet.", ("Landia", LAND)))
    assert out[0].surface == "Landia's south" and out[0].geometry.bounds[3] < 30.5
    out = zones_of(run("Tanks sat in the center of the Strip.", ("Strip", GAZA)))
    assert out[0].surface == "the center of the Strip" and out[0].name == "Central Gaza Strip"


def test_anaphoric_north_follows_the_focus_area():
    text = "Aid reached southern Gaza. People in the war-battered north waited."
    out = zones_of(run(text, ("Gaza", GAZA)))
    assert [m.surface for m in out] == ["southern Gaza", "the war-battered north"]
    assert out[1].name == "Northern Gaza Strip" and out[1].rule == "part-anaphoric"
    out = zones_of(run("Aid reached Gaza. The north still waits.", ("Gaza", GAZA)))
    assert [(m.surface, m.name) for m in out] == [("The north", "Northern Gaza Strip")]


def test_bare_north_without_a_focus_area_is_left_alone():
    assert zones_of(run("They went to the north.")) == []


def test_from_to_attaches_to_a_named_corridor_in_the_sentence():
    nz = ZONES["zone:netzarim-corridor"]
    text = "The Netzarim Corridor stretches from the Gaza border with Landia to Seaside."
    out = run(text, ("Netzarim Corridor", nz), ("Gaza", GAZA), ("Landia", LAND), ("Seaside", SEA))
    corridor = [m for m in out if m.place_id == nz.id][0]
    assert "from the Gaza border with Landia to Seaside" in corridor.phrase
    assert not [m for m in out if m.rule in ("span", "border")]


def test_from_to_without_a_named_corridor_draws_one():
    text = "A new road runs from Landia to Seaside, 2 km wide."
    out = [m for m in run(text, ("Landia", LAND), ("Seaside", SEA)) if m.rule == "span"]
    assert out and out[0].kind == "corridor" and out[0].surface == "from Landia to Seaside"


def test_offset_and_outskirts():
    out = zones_of(run("Shells fell 10 km north of Townsville.", ("Townsville", TOWN)))
    assert out[0].surface == "10 km north of Townsville" and out[0].rule == "offset"
    d = to_metric(out[0].geometry).centroid.distance(to_metric(Point(35.5, 30.5)))
    assert abs(d - 10_000) < 50
    out = zones_of(run("Tanks reached the eastern outskirts of Townsville.", ("Townsville", TOWN)))
    assert out[0].rule == "outskirts" and out[0].geometry.centroid.x > 35.5


def test_bare_netzarim_becomes_the_corridor_in_a_military_sentence():
    village = Place("gz:netzarim", "Netzarim", "village", 31.48222, 34.41111)
    text = "Israeli troops withdrew from Netzarim on Sunday."
    out = describe_zones(Article(id="a", doc="a", path="a", text=text), [mention(text, "Netzarim", village)],
                         {**PLACES, village.id: village}.get, FACTS)
    assert out[0].place_id == "zone:netzarim-corridor" and out[0].kind == "corridor"


def test_yellow_line_span_takes_the_and_quotes_and_shares_link_to_its_area():
    text = "Troops stay behind the ‘yellow line’, holding 53 percent of the territory of Gaza."
    out = run(text, ("Gaza", GAZA))
    line = [m for m in out if m.place_id == "zone:yellow-line"][0]
    assert line.surface == "the ‘yellow line’"
    share = [m for m in out if m.rule == "share"][0]
    assert share.place_id == "zone:yellow-line-area" and "53% quoted" in share.name


# Zone facts are data, not names in code: the same rules work for made-up places.
OAKHAM = Place("t:oakham", "Oakham", "village", 30.5, 35.2, parent="t:land")
OAKHAM_CORRIDOR = Place("t:oakham-corridor", "Oakham Corridor", "corridor", 30.5, 35.5,
                        geometry=box(35.0, 30.45, 36.0, 30.55), extra={"bare_name": "t:oakham"})
GREEN_LINE = Place("t:green-line", "Green Line (Landia)", "line", 30.5, 35.3, names=("Green Line (Landia)", "green line"),
                   geometry=LineString([(35.3, 30.0), (35.3, 31.0)]), extra={"common_phrase": True})
BEHIND = Place("t:behind", "Area behind the green line", "area", 30.5, 35.15, parent="t:land",
               geometry=box(35.0, 30.0, 35.3, 31.0), extra={"bounded_by": "t:green-line"})
MADE_UP = {p.id: p for p in (LAND, SEA, TOWN, OAKHAM, OAKHAM_CORRIDOR, GREEN_LINE, BEHIND)}
MADE_UP_FACTS = ZoneFacts.from_places(MADE_UP.values())


def run_made_up(text: str, *places_in_text) -> list[Mention]:
    ms = [mention(text, s, p) for s, p in places_in_text]
    return describe_zones(Article(id="a", doc="a", path="a", text=text), ms, MADE_UP.get, MADE_UP_FACTS)


def test_a_bare_name_stands_for_the_zone_named_after_it_only_where_the_text_is_about_it():
    (m,) = run_made_up("Troops withdrew from Oakham on Sunday.", ("Oakham", OAKHAM))
    assert m.place_id == "t:oakham-corridor" and m.rule == "bare-name" and m.basis == "t:oakham"
    (m,) = run_made_up("Oakham's market reopened.", ("Oakham", OAKHAM))
    assert m.place_id == "t:oakham"


def test_a_common_phrase_zone_is_found_in_lower_case_and_a_share_of_its_area_is_checked():
    text = "Troops hold 30 percent of Landia, behind the “green line”."
    out = run_made_up(text, ("Landia", LAND))
    line = [m for m in out if m.place_id == "t:green-line"]
    assert [m.surface for m in line] == ["the “green line”"]
    (share,) = [m for m in out if m.rule == "share"]
    assert share.place_id == "t:behind" and share.surface == "30 percent of Landia" and "30% quoted" in share.name
    wrong = run_made_up("Troops hold 80 percent of Landia, behind the green line.", ("Landia", LAND))
    assert not [m for m in wrong if m.rule == "share"]  # the quoted share is read, not trusted
    no_line = run_made_up("Troops hold 30 percent of Landia.", ("Landia", LAND))
    assert not [m for m in no_line if m.rule == "share"]


def test_a_corridor_between_two_places_stays_inside_the_area_both_lie_in():
    west = Place("t:west", "Westham", "town", 30.5, 35.05, parent="t:land")
    east = Place("t:east", "Eastham", "town", 30.5, 35.95, parent="t:land")
    places = {**MADE_UP, west.id: west, east.id: east}
    text = "A new corridor runs from Westham to Eastham, 40 km wide."
    ms = [mention(text, "Westham", west), mention(text, "Eastham", east)]
    out = describe_zones(Article(id="a", doc="a", path="a", text=text), ms, places.get, MADE_UP_FACTS)
    (band,) = [m for m in out if m.rule == "span"]
    assert LAND.geometry.buffer(0.005).contains(band.geometry)  # 40 km wide, yet clipped to Landia (±500 m of projection)
    assert not LAND.geometry.buffer(0.005).contains(band.geometry.buffer(0.05))  # and it reaches its edges


def test_a_part_of_the_area_named_by_a_common_noun_follows_the_focus_area():
    text = "Strikes hit Gaza overnight. The north of the enclave saw the heaviest shelling; the centre of the territory was calm."
    out = zones_of(run(text, ("Gaza", GAZA)))
    assert [(m.surface, m.name) for m in out] == [("The north of the enclave", "Northern Gaza Strip"),
                                                  ("the centre of the territory", "Central Gaza Strip")]
    assert all(m.rule == "part-anaphoric" and m.basis == "gz:gaza-strip" for m in out)
    # the country's noun is only a country's: the Strip is not "the country"
    assert zones_of(run("Strikes hit Gaza. The north of the country was calm.", ("Gaza", GAZA))) == []
    out = zones_of(run("Landia voted. In the south-east of the country, roads closed.", ("Landia", LAND)))
    assert [m.surface for m in out] == ["the south-east of the country"] and out[0].geometry.bounds[3] < 30.75
    # no area spoken of before it: nothing to divide
    assert zones_of(run("The north of the enclave was calm.")) == []
