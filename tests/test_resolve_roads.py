"""Roads by their number (mapapp.resolve.roads), and the sites they become."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mapapp.gazetteer import Gazetteer
from mapapp.match import Matcher
from mapapp.model import Article, Place
from mapapp.resolve import Resolver
from mapapp.resolve.roads import _CODE, find_road_numbers, road_codes


def roads(text):
    return [text[s:e] for s, e in find_road_numbers(text)]


def test_a_letter_and_number_after_the_is_a_road_where_the_sentence_speaks_of_roads():
    assert roads("Repairs shut the B1234 northbound lanes overnight.") == ["B1234"]
    assert roads("Drivers took the M12, A40 and A999(M) around the closed road.") == ["M12", "A40", "A999(M)"]


def test_the_same_codes_for_aircraft_rifles_or_paper_are_not_roads():
    assert roads("The A380 landed at dawn.") == []
    assert roads("He carried an M16 across the road.") == []  # no "the": not a road's number
    assert roads("Print it on A4 paper.") == []


def test_a_code_one_sentence_shows_to_be_a_road_is_that_road_elsewhere_in_the_article():
    text = "A bus broke down on the B1234. Police reopened the B1234 to traffic at noon."
    assert roads(text) == ["B1234", "B1234"]


def test_a_road_is_pinned_at_the_town_the_text_ties_it_to():
    places = [Place("gn:1", "Ashcombe", "town", 51.7, -1.9, names=("Ashcombe",), population=20_000, country="GB")]
    gaz = Gazetteer(places)
    text = "Police reopened the B1234 at Ashcombe after repairs to the road."
    got = {m.surface: m for m in Resolver(gaz).resolve(Article(id="a", doc="a", path="a", text=text),
                                                      Matcher(gaz).find(text))}
    assert got["B1234"].kind == "road" and got["B1234"].basis == "gn:1"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ABMNab1290-/ ()TM\n.,x", max_size=40))
def test_the_code_pattern_finds_what_a_look_behind_first_finds(text):
    plain = re.compile(r"(?<![\w\-/])[ABMN][1-9]\d{0,3}(?:\([MT]\))?(?![\w\-/])")
    assert [m.span() for m in _CODE.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ABMNab1290-/ ()TM\n.,x", max_size=40))
def test_the_four_letters_scans_find_what_one_pattern_finds_in_the_same_order(text):
    assert [m.span() for m in road_codes(text)] == [m.span() for m in _CODE.finditer(text)]
