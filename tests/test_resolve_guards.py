import pytest

from mapapp.gazetteer import Gazetteer
from mapapp.resolve.guards import Guards
from mapapp.match import Matcher
from mapapp.model import Match, Place

PLACES = [
    Place("gz:rafah", "Rafah", "city", 31.297, 34.244, names=("Rafah",), layer="local", country="PS"),
    Place("gz:khan-younis", "Khan Younis", "city", 31.34, 34.30, names=("Khan Younis",), layer="local", country="PS"),
    Place("gn:248816", "Jordan", "country", 31.0, 36.0, names=("Jordan",), country="JO"),
    Place("gn:4", "Police", "town", 53.56, 14.57, names=("Police",), population=7000, country="PL"),
    Place("gn:5", "Police", "village", 49.1, 17.2, names=("Police",), population=300, country="CZ"),
    Place("gn:14", "Poland", "country", 52.0, 20.0, names=("Poland",), population=38_000_000, country="PL"),
    Place("gn:15", "Tarrow", "city", 32.35, -95.3, names=("Tarrow",), population=100_000, country="US"),
]


@pytest.fixture()
def setup():
    gaz = Gazetteer(PLACES)
    return Matcher(gaz), Guards(gaz, frozenset())


def kept(setup, text, surface):
    matcher, guards = setup
    m = next(m for m in matcher.find(text) if m.surface == surface)
    return [p.id for p in guards.places(text, m)]


def test_a_person_is_not_a_place(setup):
    assert kept(setup, "Author Jordan Peterson spoke.", "Jordan") == []
    assert kept(setup, "Jordan closed its border.", "Jordan") == ["gn:248816"]


def test_a_curated_name_of_several_words_stays_before_a_capitalised_word(setup):
    assert kept(setup, "Khan Younis Governor spoke.", "Khan Younis") == ["gz:khan-younis"]


def test_a_common_word_keeps_only_places_large_enough_unless_a_comma_says_where(setup):
    assert kept(setup, "Police said the man fled.", "Police") == []
    assert kept(setup, "He was born in Police, Poland.", "Police") == ["gn:4"]  # the containment cue keeps it


def test_what_a_name_alone_decides_is_worked_out_once_per_key(setup):
    matcher, guards = setup
    first = matcher.find("Police said.")[0]
    again = matcher.find("Police came.")[0]
    assert guards.facts(first) is guards.facts(again)
    # a Match made elsewhere, with other ids under the same key, is not answered from the old facts
    other = Match(first.start, first.end, first.surface, first.key, ("gn:5",))
    assert [p.id for p in guards.facts(other).places] == ["gn:5"]


def test_a_subdivision_named_by_a_common_word_is_weighed_by_its_people():
    places = [
        Place("gn:2096633", "Gulf", "admin1", -8.06, 145.93, names=("Gulf",), population=14_248, country="PG"),
        Place("gn:4155751", "Florida", "admin1", 28.6, -82.4, names=("Florida",), country="US"),
        Place("gn:3", "Centre", "admin1", 47.5, 1.75, names=("Centre",), population=2_500_000, country="FR"),
    ]
    gaz = Gazetteer(places)
    setup = Matcher(gaz), Guards(gaz, frozenset())
    assert kept(setup, "Tankers crossed the Gulf at dawn.", "Gulf") == []
    assert kept(setup, "Storms hit Florida again.", "Florida") == ["gn:4155751"]  # a US state has no population figure
    assert kept(setup, "Tours is in Centre, France.", "Centre") == ["gn:3"]


def test_a_clergy_or_military_title_makes_the_name_after_it_a_person(setup):
    assert kept(setup, "Cardinal Jordan led the Mass.", "Jordan") == []
    assert kept(setup, "Colonel Jordan said the unit had left.", "Jordan") == []
    assert kept(setup, "The cardinal flew to Jordan.", "Jordan") == ["gn:248816"]


def test_a_title_written_out_that_ends_a_sentence_leaves_the_next_name_a_place(setup):
    assert kept(setup, "He met the Prime Minister. Jordan said it would help.", "Jordan") == ["gn:248816"]
    assert kept(setup, "Talks with the President. Rafah was quiet.", "Rafah") == ["gz:rafah"]
    assert kept(setup, "The unit was led by Gen. Jordan for a year.", "Jordan") == []


def test_an_office_after_a_place_name_makes_the_place_its_modifier_not_a_first_name(setup):
    assert kept(setup, "At dawn, Jordan Archbishop Paul Mendes urged calm.", "Jordan") == ["gn:248816"]
    assert kept(setup, "At dawn, Police Archbishop Paul Mendes urged calm.", "Police") == []  # still a common word
    assert kept(setup, "Author Jordan Peterson spoke.", "Jordan") == []


def test_a_name_right_after_a_word_for_a_relative_is_that_person(setup):
    assert kept(setup, "Last week her brother Tarrow flew home.", "Tarrow") == []
    assert kept(setup, "The brothers moved to Tarrow last spring.", "Tarrow") == ["gn:15"]
    assert kept(setup, "Her son Jordan flew home.", "Jordan") == ["gn:248816"]  # a country keeps its name


def test_a_common_word_dropped_for_its_frequency_is_still_remembered_as_a_surname(setup):
    # the first "Police" keeps no place either way; after "James" it names a man, and so does the later one
    matcher, guards = setup
    text = "James Police spoke. Later Police, Poland was quiet."
    matches = matcher.find(text)
    guards.new_article(text, matches)
    first, later = [m for m in matches if m.surface == "Police"]
    assert guards.places(text, first) == []
    assert guards.places(text, later) == []
    guards.new_article(text, matches)
    assert [p.id for p in guards.places(text, later)] == ["gn:4"]  # without the first: the comma keeps the town


def test_a_small_town_of_a_common_word_stays_in_a_state_the_article_names():
    places = [
        Place("gn:30", "Shelby", "town", 48.5, -111.86, names=("Shelby",), population=3_000, country="US", admin1="MT"),
        Place("gn:31", "Shelby", "town", 35.3, -81.5, names=("Shelby",), population=2_000, country="US", admin1="NC"),
        Place("gn:32", "Montana", "admin1", 47.0, -109.5, names=("Montana",), country="US", admin1="MT"),
    ]
    gaz = Gazetteer(places)
    matcher, guards = Matcher(gaz), Guards(gaz, frozenset())
    for text, expected in (("Snow fell on Montana. The prison in Shelby closed.", ["gn:30"]),
                           ("Snow fell. The prison in Shelby closed.", [])):
        matches = matcher.find(text)
        guards.new_article(text, matches)
        shelby = next(m for m in matches if m.surface == "Shelby")
        assert [p.id for p in guards.places(text, shelby)] == expected


def test_a_surname_is_read_for_a_common_word_only_where_some_match_of_it_can_keep_a_place(setup):
    matcher, guards = setup
    text = "Police said the road was shut. He was born in Police, Poland."
    matches = matcher.find(text)
    guards.new_article(text, matches)
    assert "police" in guards._surnames  # "Police said": a man, and so the later one too
    assert [guards.places(text, m) for m in matches if m.surface == "Police"] == [[], []]
    text = "Police said the road was shut."  # no match of it keeps a place: nothing to ask
    guards.new_article(text, matcher.find(text))
    assert "police" not in guards._surnames


def test_a_name_that_keeps_no_place_anywhere_in_the_article_is_not_remembered_as_a_surname(setup):
    matcher, guards = setup
    text = "James Police spoke. Police came."  # neither keeps a place, whoever "Police" is
    matches = matcher.find(text)
    guards.new_article(text, matches)
    assert [guards.places(text, m) for m in matches if m.surface == "Police"] == [[], []]
    assert "police" not in guards._surnames
