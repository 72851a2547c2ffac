import pytest
from shapely.geometry import box

from mapapp.gazetteer import Gazetteer
from mapapp.match import Matcher
from mapapp.model import Article, Place
from mapapp.resolve import Resolver
from mapapp.resolve.confidence import place_prior

PLACES = [
    Place("gz:gaza-strip", "Gaza Strip", "region", 31.42, 34.37, names=("Gaza Strip", "Gaza"), layer="local",
          geometry=box(34.2, 31.2, 34.57, 31.6), country="PS"),
    Place("gz:gaza-city", "Gaza City", "city", 31.50, 34.46, names=("Gaza City",), layer="local", country="PS"),
    Place("gz:rafah", "Rafah", "city", 31.297, 34.244, names=("Rafah",), layer="local", country="PS"),
    Place("gn:350350", "Rafah", "town", 31.282, 34.239, names=("Rafah",), population=1000, country="EG"),
    Place("gn:248816", "Jordan", "country", 31.0, 36.0, names=("Jordan",), country="JO"),
    Place("gn:294640", "Israel", "country", 31.5, 34.75, names=("Israel",), country="IL"),
    Place("gn:1", "Paris", "city", 48.85, 2.35, names=("Paris",), population=2_100_000, country="FR"),
    Place("gn:2", "Paris", "town", 33.66, -95.55, names=("Paris",), population=25_000, country="US", admin1="TX"),
    Place("gn:3", "Texas", "admin1", 31.25, -99.25, names=("Texas",), country="US", admin1="TX"),
    Place("gn:4", "Police", "town", 53.56, 14.57, names=("Police",), population=7000, country="PL"),
]


def runner(places):
    """text -> [(surface, place_id)] with a gazetteer of these places."""
    gaz = Gazetteer(places)
    matcher, resolver = Matcher(gaz), Resolver(gaz)

    def run(text):
        art = Article(id="a", doc="a.txt", path="a.txt", text=text)
        return [(m.surface, m.place_id) for m in resolver.resolve(art, matcher.find(text))]

    return run


@pytest.fixture(scope="module")
def parse():
    return runner(PLACES)


def test_local_layer_wins_over_world(parse):
    assert parse("Troops entered Rafah.") == [("Rafah", "gz:rafah")]


def test_gaza_is_the_strip_unless_the_city_is_meant(parse):
    assert parse("Aid reached Gaza.") == [("Gaza", "gz:gaza-strip")]
    assert parse("The mayor of Gaza said.") == [("Gaza", "gz:gaza-city")]
    assert parse("Strikes hit Gaza City.") == [("Gaza City", "gz:gaza-city")]


def test_people_are_not_places(parse):
    assert parse("Defence minister Israel Katz said.") == []
    assert parse("Author Jordan Peterson spoke.") == []
    assert parse("Jordan closed its border with Israel.") == [("Jordan", "gn:248816"), ("Israel", "gn:294640")]


def test_common_words_need_an_important_place(parse):
    assert parse("Police said the man fled.") == []


def test_population_and_containment(parse):
    assert parse("She lives in Paris.") == [("Paris", "gn:1")]
    assert parse("She lives in Paris, Texas.") == [("Paris", "gn:2"), ("Texas", "gn:3")]


MORE = PLACES + [
    Place("gn:10", "Kingsley", "town", 43.0, -85.0, names=("Kingsley",), population=20_000, country="US"),
    Place("gn:11", "Salisbury", "town", 51.07, -1.8, names=("Salisbury",), population=44_748, country="GB"),
    Place("gn:12", "Harare", "city", -17.83, 31.05, names=("Harare", "Salisbury"), population=1_542_813, country="ZW"),
    Place("gn:13", "Centre", "admin1", 47.5, 1.75, names=("Centre",), country="FR"),
    Place("gn:14", "Poland", "country", 52.0, 20.0, names=("Poland",), population=38_000_000, country="PL"),
    Place("gn:15", "Poland", "town", 44.06, -70.39, names=("Poland",), population=5_000, country="US"),
    Place("gn:16", "Portland", "city", 43.66, -70.26, names=("Portland",), population=66_000, country="US"),
]


@pytest.fixture(scope="module")
def parse_more():
    return runner(MORE)


def test_streets_and_buildings_named_after_places_are_not_the_place(parse_more):
    assert parse_more("He lives on Kingsley Road near the park.") == []
    assert parse_more("He lives in Kingsley near the park.") == [("Kingsley", "gn:10")]


def test_a_place_by_its_own_name_beats_a_city_by_an_old_name(parse_more):
    assert parse_more("The cathedral in Salisbury was full.") == [("Salisbury", "gn:11")]


def test_a_common_word_after_a_capitalised_word_ends_a_longer_name(parse_more):
    assert parse_more("Patients at the Northwest Cancer Centre waited.") == []


def test_a_name_in_capitals_after_a_capitalised_word_is_a_dateline_not_part_of_a_longer_name(parse_more):
    assert parse_more("By Jane Roe, Associated Press SALISBURY (AP) - Talks ended.") == [("SALISBURY", "gn:11")]


def test_a_capitalised_function_word_does_not_start_a_longer_name(parse_more):
    # a missing full stop leaves "After" capitalised mid-sentence; it is still not part of a name
    assert parse_more("The train was six minutes late After Paris, it stopped.") == [("Paris", "gn:1")]


def test_a_country_outweighs_a_town_even_in_the_towns_neighbourhood(parse_more):
    assert parse_more("From Portland she flew to Poland.") == [("Portland", "gn:16"), ("Poland", "gn:14")]


def test_a_state_after_a_comma_contains_the_town_before_it():
    places = [
        Place("gn:20", "Tacoma", "city", 47.25, -122.44, names=("Tacoma",), population=217_000, country="US", admin1="WA"),
        Place("gn:21", "Washington", "city", 38.9, -77.04, names=("Washington",), population=689_545, country="US", admin1="DC"),
        Place("gn:22", "Washington", "admin1", 47.5, -120.5, names=("Washington",), country="US", admin1="WA"),
    ]
    assert runner(places)("Mary from Tacoma, Washington shares tips.") == [("Tacoma", "gn:20"), ("Washington", "gn:22")]


def test_a_list_of_places_is_not_a_place_and_its_container():
    places = [
        Place("gn:23", "New York City", "city", 40.71, -74.0, names=("New York City", "New York"), population=8_804_190,
              country="US", admin1="NY"),
        Place("gn:24", "New York", "admin1", 42.9, -75.5, names=("New York",), country="US", admin1="NY"),
        Place("gn:25", "Washington", "town", 43.0, -73.4, names=("Washington",), population=600, country="US", admin1="NY"),
        Place("gn:21", "Washington", "city", 38.9, -77.04, names=("Washington",), population=689_545, country="US", admin1="DC"),
        Place("gn:26", "Boston", "city", 42.36, -71.06, names=("Boston",), population=675_647, country="US", admin1="MA"),
    ]
    run = runner(places)
    # "Washington, New York" alone reads as town and state; with "and Boston" after it, it is a list of cities
    assert run("He stopped in Washington, New York and Boston.") == [
        ("Washington", "gn:21"), ("New York", "gn:23"), ("Boston", "gn:26")]
    assert run("He stopped in Boston, Washington, New York.") == [
        ("Boston", "gn:26"), ("Washington", "gn:21"), ("New York", "gn:23")]
    assert run("He was born in Washington, New York.") == [("Washington", "gn:25"), ("New York", "gn:24")]


def test_a_first_name_before_a_place_makes_a_person():
    places = [
        Place("gn:248816", "Jordan", "country", 31.0, 36.0, names=("Jordan",), country="JO"),
        Place("gn:294640", "Israel", "country", 31.5, 34.75, names=("Israel",), country="IL"),
        Place("gn:9782185", "Michael", "admin1", 54.29, -4.59, names=("Michael",), country="IM"),
        Place("gn:1814991", "China", "country", 35.0, 105.0, names=("China",), country="CN"),
        Place("gn:2331447", "Maiduguri", "city", 11.85, 13.16, names=("Maiduguri",), population=1_112_449, country="NG"),
        Place("gn:2346794", "Borno", "admin1", 11.76, 13.19, names=("Borno", "Borno State"), population=1_500_000,
              country="NG"),
    ]
    run = runner(places)
    assert run("Michael Jordan scored again.") == []
    assert run("He raced against Andrew Jordan last year.") == []
    # a first name that is a large place is that place; function words in the census lists are not names
    assert run("Trade along the Jordan Israel border.") == [("Jordan", "gn:248816"), ("Israel", "gn:294640")]
    assert run("Prices rose. In China, the state acted.") == [("China", "gn:1814991")]
    assert run("Troops in Maiduguri Borno State rested.") == [("Maiduguri", "gn:2331447"), ("Borno State", "gn:2346794")]


def test_a_surname_stays_a_person_for_the_rest_of_the_article():
    places = [Place("gn:3", "Bautista", "town", 14.8, 120.4, names=("Bautista",), population=20_000, country="PH")]
    run = runner(places)
    assert run("Jose Bautista hit a home run. Later, Bautista said he was tired.") == []
    # the next article did not name him: there Bautista is the town
    assert run("Floods reached Bautista on Monday.") == [("Bautista", "gn:3")]


def test_a_name_after_a_full_stop_starts_a_sentence():
    places = [
        Place("gz:beit-lahia", "Beit Lahia", "town", 31.55, 34.50, names=("Beit Lahia",), layer="local"),
        Place("gn:30", "Jabalia", "town", 31.53, 34.48, names=("Jabalia",), population=170_000, country="PS"),
    ]
    got = runner(places)("Tanks moved into Beit Lahia. Jabalia was shelled.")
    assert [surface for surface, _ in got] == ["Beit Lahia", "Jabalia"]


def test_a_small_town_set_aside_for_a_common_name_comes_back_beside_a_place_near_it():
    # "Nelson" is common enough in English that a town of 10,000 is set aside for it; next to Castlegar,
    # 35 km away, it is that town, not the New Zealand region of the same name.
    run = runner([
        Place("gn:2186313", "Nelson", "admin1", -41.3, 173.2, names=("Nelson",), population=98_650, country="NZ"),
        Place("gn:6085772", "Nelson", "town", 49.49, -117.29, names=("Nelson",), population=10_664, country="CA"),
        Place("gn:5919815", "Castlegar", "town", 49.30, -117.67, names=("Castlegar",), population=7_800, country="CA"),
    ])
    assert run("Nelson residents will no longer drive to Castlegar.")[0] == ("Nelson", "gn:6085772")
    assert run("Nelson residents cheered the new office.") == [("Nelson", "gn:2186313")]


def test_a_town_beyond_the_strongest_candidates_of_a_name_comes_back_beside_a_place_near_it():
    many = [Place(f"gn:{100 + i}", "Springfield", "town", 10.0 + i, 20.0, names=("Springfield",),
                  population=300_000 - i, country="XX") for i in range(14)]
    small = Place("gn:99", "Springfield", "village", 49.35, -117.60, names=("Springfield",), population=900, country="CA")
    run = runner(many + [small, Place("gn:5919815", "Castlegar", "town", 49.30, -117.67, names=("Castlegar",),
                                      population=7_800, country="CA")])
    assert run("Springfield residents drove to Castlegar.")[0] == ("Springfield", "gn:99")


def test_a_place_beyond_the_strongest_candidates_in_a_state_the_article_names_is_weighed():
    # fourteen larger counties of the name elsewhere; the article names the state that holds the small one
    many = [Place(f"gn:{200 + i}", "Aldmoor County", "admin2", 40.0, -80.0 + i, names=("Aldmoor County",),
                  population=500_000 - i, country="US", admin1=f"S{i}") for i in range(14)]
    small = Place("gn:199", "Aldmoor County", "admin2", 41.0, -95.2, names=("Aldmoor County",), population=10_000,
                  country="US", admin1="IA")
    state = Place("gn:198", "Westmark", "admin1", 42.0, -93.5, names=("Westmark",), country="US", admin1="IA")
    run = runner(many + [small, state])
    assert run("Voters in Westmark met. The Aldmoor County board spoke.")[1] == ("Aldmoor County", "gn:199")
    assert run("The Aldmoor County board spoke.")[0][1] != "gn:199"


def test_a_small_town_no_other_place_of_the_article_backs_is_dropped():
    run = runner([
        Place("gn:40", "Dorrington", "city", 30.0, -90.0, names=("Dorrington",), population=400_000, country="US"),
        Place("gn:41", "Wexcombe", "town", 30.3, -90.1, names=("Wexcombe",), population=20_000, country="US"),
        Place("gn:42", "Lanvale", "admin1", 31.0, -92.0, names=("Lanvale",), country="US", admin1="LV"),
        Place("gn:43", "Chastel", "town", 48.4, 1.5, names=("Chastel",), population=38_000, country="FR"),
    ])
    text = "Dorrington, Wexcombe and Lanvale grew. The Chastel intersection is busy."
    assert [s for s, _ in run(text)] == ["Dorrington", "Wexcombe", "Lanvale"]
    # an article with too few places of its own to say where it is keeps the town
    assert [s for s, _ in run("Dorrington grew. The Chastel intersection is busy.")] == ["Dorrington", "Chastel"]


STRAY_PLACES = [
    Place("gn:40", "Dorrington", "city", 30.0, -90.0, names=("Dorrington",), population=400_000, country="US", admin1="LV"),
    Place("gn:41", "Wexcombe", "town", 30.3, -90.1, names=("Wexcombe",), population=20_000, country="US", admin1="LV"),
    Place("gn:42", "Lanvale", "admin1", 31.0, -92.0, names=("Lanvale",), country="US", admin1="LV"),
    Place("gn:43", "Chastel", "town", 48.4, 1.5, names=("Chastel",), population=38_000, country="FR"),
    Place("gn:44", "Bramois", "town", 48.9, 2.6, names=("Bramois",), population=27_000, country="FR"),
    Place("gn:45", "Elmvale", "town", 44.3, -93.7, names=("Elmvale",), population=700, country="US", admin1="MT"),
    Place("gn:46", "Pinehurst", "town", 32.5, -91.0, names=("Pinehurst",), population=900, country="US", admin1="MP"),
]


def test_two_small_towns_of_a_far_country_do_not_vouch_for_each_other():
    run = runner(STRAY_PLACES)
    got = run("Dorrington, Wexcombe and Lanvale grew. The Chastel and Bramois streets are busy.")
    assert [s for s, _ in got] == ["Dorrington", "Wexcombe", "Lanvale"]


def test_a_small_town_in_a_state_the_article_does_not_name_far_from_its_towns_is_dropped():
    run = runner(STRAY_PLACES)
    got = run("Dorrington, Wexcombe and Lanvale grew. The Elmvale field flooded. Pinehurst voted.")
    # Elmvale lies 1,600 km from the article's towns; Pinehurst, in another state too, lies 300 km away
    assert [s for s, _ in got] == ["Dorrington", "Wexcombe", "Lanvale", "Pinehurst"]


def test_a_name_repeated_does_not_make_an_article_sure_of_its_country():
    run = runner(STRAY_PLACES)
    got = run("Dorrington grew. Dorrington voted. Dorrington won. The Chastel intersection is busy.")
    assert [s for s, _ in got][-1] == "Chastel"


def test_a_stray_town_gives_way_to_a_city_of_the_same_name():
    run = runner(STRAY_PLACES + [
        Place("gn:47", "Colbury", "town", 44.5, -73.1, names=("Colbury",), population=17_000, country="US", admin1="VT"),
        Place("gn:48", "Colbury", "city", 51.9, 0.9, names=("Colbury",), population=130_000, country="GB"),
    ])
    got = dict(run("Dorrington, Wexcombe and Lanvale grew. He trained in Colbury."))
    assert got["Colbury"] == "gn:48"
    # without the article's own country to make the small town a stray, the town stands
    assert dict(run("Dorrington grew. He trained in Colbury."))["Colbury"] == "gn:47"


def test_a_name_that_opens_a_two_part_country_the_article_names_is_that_country():
    run = runner([
        Place("gn:50", "Norland and Skerry", "country", 10.7, -61.2, names=("Norland and Skerry",), country="NS"),
        Place("gn:51", "Norland", "town", -14.8, -64.9, names=("Norland",), population=84_000, country="BO"),
    ])
    assert dict(run("Norland and Skerry voted. Turnout in Norland was high."))["Norland"] == "gn:50"
    assert dict(run("Turnout in Norland was high."))["Norland"] == "gn:51"


def test_a_name_a_crossing_shares_with_a_village_is_the_crossing_in_a_sentence_about_passage():
    places = [Place("t:village", "Tel Nahar", "kibbutz", 31.23, 34.28, names=("Tel Nahar",), layer="local"),
              Place("t:crossing", "Tel Nahar crossing", "crossing", 31.22, 34.27,
                    names=("Tel Nahar crossing", "Tel Nahar"), layer="local")]
    gaz = Gazetteer(places)
    matcher, resolver = Matcher(gaz), Resolver(gaz)

    def place_of(text):
        art = Article(id="a", doc="a.txt", path="a.txt", text=text)
        return [m.place_id for m in resolver.resolve(art, matcher.find(text))]

    assert place_of("Aid trucks entered through Tel Nahar on Monday.") == ["t:crossing"]
    assert place_of("Tel Nahar reopened after a week. Families in the village were told.") == ["t:crossing"]
    assert place_of("Residents of Tel Nahar returned home.") == ["t:village"]
    # the cue is the sentence's: aid named in the next sentence leaves the village a village
    assert place_of("Residents of Tel Nahar returned. Aid trucks waited.") == ["t:village"]


def test_a_given_name_and_a_family_name_with_the_arabic_article_make_a_person():
    places = [
        Place("gn:40", "Ismail", "town", 45.35, 28.83, names=("Ismail",), population=70_000, country="UA"),
        Place("gn:41", "Sadr", "city", 33.39, 44.46, names=("Sadr",), population=60_000, country="IQ"),
        Place("gz:jab", "Jabalia", "town", 31.53, 34.48, names=("Jabalia",), layer="local", country="PS"),
        Place("gz:naz", "al-Nazla", "neighbourhood", 31.53, 34.48, names=("al-Nazla",), layer="local", country="PS"),
    ]
    run = runner(places)
    assert run("Ismail al-Thawabta of the media office said it.") == []
    assert run("Cleric Moqtada al-Sadr rallied his followers.") == []
    # a curated place before a place named with the article is no given name
    assert run("Residents of Jabalia al-Nazla fled.") == [("Jabalia", "gz:jab"), ("al-Nazla", "gz:naz")]
    # the town itself, named as a town, stays
    assert run("Ferries left Ismail for the delta.") == [("Ismail", "gn:40")]


def test_a_mention_s_confidence_comes_from_the_prior_remembered_per_name_and_place():
    gaz = Gazetteer(PLACES)
    resolver = Resolver(gaz)
    police = gaz.get("gn:4")
    assert resolver._prior("police", police) == place_prior("police", police)
    assert ("police", "gn:4") in resolver._priors


def test_a_name_after_a_comma_is_read_only_where_a_comma_follows_the_spaces():
    from mapapp.model import Match
    from mapapp.resolve.containment import names_after_comma

    def after(text):
        return names_after_comma(text, Match(0, 5, "Rafah", "rafah", ()))

    assert after("Rafah, in Egypt") and after("Rafah , Egypt") and after("Rafah\u00a0, Egypt")
    assert not after("Rafah in Gaza") and not after("Rafah. Gaza") and not after("Rafah")
