"""Site names no gazetteer holds: streets, buildings, roads and headlands (mapapp.resolve.site_names)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from mapapp.resolve.site_names import find_site_spans


def spans(text):
    return [(text[s:e], kind) for s, e, kind in find_site_spans(text)]


def test_a_capitalised_name_ending_in_a_street_or_building_word_is_a_site():
    assert spans("Crowds gathered on Omar al-Mukhtar Street near the Great Mosque.") == [
        ("Omar al-Mukhtar Street", "road"), ("Great Mosque", "facility")]
    assert spans("She was taken to Saint Mary's Children's Hospital by ambulance.") == [
        ("Saint Mary's Children's Hospital", "facility")]
    assert spans("Fire broke out at 1200 North Fourth Street and at the No. 3 Detention Centre.") == [
        ("1200 North Fourth Street", "road"), ("No. 3 Detention Centre", "facility")]
    assert spans("They rented a flat on Rue de la Paix.") == [("Rue de la Paix", "road")]
    assert spans("The office, at 333 Victoria St., opened.") == [("333 Victoria St.", "road")]
    assert spans("Pilgrims filled St. Peter's Basilica and the Percy French Hotel.") == [
        ("St. Peter's Basilica", "facility"), ("Percy French Hotel", "facility")]
    assert spans("Three were arrested on 14th St. Thursday.") == []  # "St." before a name is Saint
    assert spans("Protesters left City Hall for Ainsworth Parade.") == [("City Hall", "facility"),
                                                                          ("Ainsworth Parade", "road")]


def test_lower_case_words_sentence_starts_titles_and_lists_are_not_part_of_the_name():
    assert spans("the street was closed") == []
    assert spans("It rained in 1990. Market Square flooded.") == [("Market Square", "road")]
    assert spans("At the Station Road depot.") == [("Station Road", "road")]
    assert spans("The Vice Chancellor of the Northern Hospital spoke.") == [("Northern Hospital", "facility")]
    assert spans("President Park spoke.") == []
    assert spans("the Leeds Police Federation Hall") == []  # an institution's name


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Aa Éé_1'-.Zzß")), max_size=30))
def test_capitalised_words_are_found_at_word_edges_only(text):
    import re

    from mapapp.resolve.site_names import _CAP_WORD

    plain = re.compile(r"\b[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+\b")
    assert [m.span() for m in _CAP_WORD.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_headland_is_a_site_of_kind_other_named_by_its_prefix_or_its_head():
    assert spans("Whales were seen off Cape Moreton in summer.") == [("Cape Moreton", "other")]
    assert spans("Works at the Hallow Point plant went on.") == [("Hallow Point", "other")]
    # after a capitalised word the headland word ends that name and starts none
    assert spans("Officers of the Western Cape Police said so.") == []


def test_a_centre_that_is_an_institution_is_no_site():
    assert spans("said the Al Mezan Center for Human Rights in Gaza") == []
    assert spans("according to the Pew Research Center, and the Jaffa Policy Centre") == []
    assert spans("treated at the Northwest Cancer Centre for weeks") == [("Northwest Cancer Centre", "facility")]


def test_a_capitalised_name_before_a_lower_case_word_for_a_part_of_a_town_is_read():
    from mapapp.resolve.site_names import parts_of_town

    text = "Tanks near the Brazil neighbourhood, the Tel Sultan Canada camp and the Saudi quarter; the McDonald district."
    assert [(text[s:e], k) for s, e, k in parts_of_town(text)] == [
        ("Brazil neighbourhood", "neighbourhood"), ("Tel Sultan Canada camp", "camp"), ("Saudi quarter", "neighbourhood"),
        ("McDonald district", "neighbourhood")]
    assert parts_of_town("a refugee camp and the old quarter") == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ABaz- \tcampdistrictneighbourhoodquarter'", max_size=60))
def test_parts_of_town_reads_back_what_one_forward_pattern_finds(text):
    import re

    from mapapp.resolve.site_names import parts_of_town

    forward = re.compile(r"(?<![\w\-])[A-Z][\w'\u2019\-]*(?:[ \t]+[A-Z][\w'\u2019\-]*){0,2}[ \t]+"
                         r"(?:neighbou?rhood|district|quarter|camp)\b")
    assert [(s, e) for s, e, _k in parts_of_town(text)] == [m.span() for m in forward.finditer(text)]


_PIECES = ["Street", "Streets", "Hall", "Hallway", "Hôtel", "Rue", "Cape", "St", "Ave", "Royal", "Ö", "ÉStreet", "xHall",
           "_", "÷", "×", "'", "-", ".", " ", "\t", "\n", "Road", "Gate", "Point", "a", "1"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
def test_site_words_are_the_capitalised_words_that_open_or_end_a_site_name(text):
    from mapapp.resolve.site_names import _ABBREVIATED, _CAP_WORD, _PREFIX_WORDS, HEADS, site_words

    def is_site_word(w):
        return w in _PREFIX_WORDS or w.lower() in HEADS or w in _ABBREVIATED

    expected = [m.span() for m in _CAP_WORD.finditer(text) if is_site_word(m.group(0))]
    assert [m.span() for m in site_words(text)] == expected


def test_site_words_are_read_in_text_order_with_each_occurrence():
    from mapapp.resolve.site_names import site_words

    text = "Rue Hallway, Hall Street and Hall÷Street: Street."
    assert [(m.group(0), m.start()) for m in site_words(text)] == [
        ("Rue", 0), ("Hall", 13), ("Street", 18), ("Street", 34), ("Street", 42)]  # "Hall÷" is one word


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["camp", "camps", "district", "quarter", "neighbourhood", "neighborhood", "neighbor",
                                 "Brazil", " ", "-", "en"]), max_size=12).map("".join))
def test_part_of_town_heads_are_what_one_alternation_finds(text):
    import re

    from mapapp.resolve.site_names import _PART_OF_TOWN_HEADS, _START

    one = re.compile(r"(?:neighbou?rhood|district|quarter|camp)\b")
    found = sorted((h for opening, p in _PART_OF_TOWN_HEADS if opening in text for h in p.finditer(text)), key=_START)
    assert [m.span() for m in found] == [m.span() for m in one.finditer(text)]
