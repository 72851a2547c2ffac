"""The article's geography settles same-named towns (mapapp.resolve.context)."""
from mapapp.gazetteer import Gazetteer
from mapapp.match import Matcher
from mapapp.model import Article, Place
from mapapp.resolve import Resolver
from mapapp.resolve.article import listed_with_states
from mapapp.resolve.resolver import _Scored

PLACES = [
    Place("gn:1", "Shelby", "town", 35.29, -81.54, names=("Shelby",), population=20_000, country="US", admin1="NC"),
    Place("gn:2", "Shelby", "town", 48.51, -111.86, names=("Shelby",), population=3_200, country="US", admin1="MT"),
    Place("gn:3", "Montana", "admin1", 47.0, -109.6, names=("Montana",), country="US", admin1="MT"),
    Place("gn:4", "Carlow", "town", 52.84, -6.93, names=("Carlow",), population=24_000, country="IE"),
    Place("gn:5", "Carlow", "town", 43.9, -79.2, names=("Carlow",), population=25_000, country="CA", admin1="08"),
    Place("gn:6", "Ireland", "country", 53.0, -8.0, names=("Ireland",), country="IE"),
    Place("gn:7", "Canada", "country", 60.0, -96.0, names=("Canada",), country="CA"),
]


def run(text):
    gaz = Gazetteer(PLACES)
    art = Article(id="a", doc="a.txt", path="a.txt", text=text)
    return {m.surface: m.place_id for m in Resolver(gaz).resolve(art, Matcher(gaz).find(text))}


def test_a_state_the_article_names_settles_a_town_in_it():
    assert run("The prison in Shelby reopened.")["Shelby"] == "gn:1"  # alone: the larger town
    assert run("Montana will close the prison in Shelby.")["Shelby"] == "gn:2"


def test_the_country_of_the_other_names_settles_a_town():
    assert run("Floods hit Carlow. Ireland sent help. Ireland is wet.")["Carlow"] == "gn:4"
    assert run("Floods hit Carlow. Canada sent help.")["Carlow"] == "gn:5"


def test_a_repeated_name_does_not_vote_for_itself():
    # five mentions of Carlow do not make the article Canadian; the one mention of Ireland decides
    assert run("Carlow. Carlow. Carlow. Carlow. Carlow is in Ireland.")["Carlow"] == "gn:4"


def test_a_fairly_sure_first_choice_is_part_of_the_article_geography():
    # Dunkeel is the Irish town by a margin worth 0.68 by itself; that is enough to settle Dunmoor,
    # whose Irish and American towns are nearly equal by themselves
    places = [
        Place("gn:20", "Dunmoor", "town", 39.27, -76.50, names=("Dunmoor",), population=63_597, country="US", admin1="MD"),
        Place("gn:21", "Dunmoor", "town", 54.0, -6.40, names=("Dunmoor",), population=43_112, country="IE", admin1="L"),
        Place("gn:22", "Dunkeel", "town", 53.29, -6.25, names=("Dunkeel",), population=12_152, country="IE", admin1="L"),
        Place("gn:23", "Dunkeel", "town", 54.27, -5.84, names=("Dunkeel",), population=1_090, country="GB", admin1="NIR"),
    ]
    gaz = Gazetteer(places)
    text = "A fair opened in Dunmoor. Its stalls came from Dunkeel."
    got = {m.surface: m.place_id for m in Resolver(gaz).resolve(Article(id="a", doc="a", path="a", text=text),
                                                                Matcher(gaz).find(text))}
    assert got == {"Dunmoor": "gn:21", "Dunkeel": "gn:22"}


def test_a_name_listed_with_a_state_is_the_state():
    places = [
        Place("gn:30", "Arlow", "city", 38.9, -77.0, names=("Arlow",), population=3_000_000, country="US", admin1="DC",
              extra={"capital": True}),
        Place("gn:31", "Arlow", "admin1", 47.4, -120.5, names=("Arlow",), country="US", admin1="WA"),
        Place("gn:32", "Westmark", "admin1", 37.2, -119.5, names=("Westmark",), country="US", admin1="CA"),
        Place("gn:33", "Capitol District", "admin1", 38.9, -77.0, names=("Capitol District",), country="US",
              admin1="DC"),
    ]
    gaz = Gazetteer(places)

    def got(text):
        art = Article(id="a", doc="a", path="a", text=text)
        return [(m.surface, m.place_id) for m in Resolver(gaz).resolve(art, Matcher(gaz).find(text))]

    assert ("Arlow", "gn:31") in got("Firms moved to states like Westmark or Arlow last year.")
    assert ("Arlow", "gn:30") in got("Talks in Arlow ended last year.")
    # a place and the state it lies in ("Arlow, Capitol District") are not two items of a list
    text = "Teams came from Westmark, Arlow, Capitol District and abroad."
    resolver = Resolver(gaz)
    items = [_Scored(m, list(resolver._guards.places(text, m))) for m in Matcher(gaz).find(text)]
    for it in items:
        it.best, it.confidence = (it.candidates[0], 0.95) if len(it.candidates) == 1 else (None, 0.0)
    assert listed_with_states(text, items) == {}


def test_closeness_to_the_article_s_other_points_counts_within_reach_only():
    from collections import Counter

    from mapapp.resolve.context import DocContext

    def at(lat, lon):
        return Place(f"x:{lat}", "X", "town", lat, lon, country="ZZ")

    # points of other mentions (1 and 2), and one of the weighed mention's own (0), which never counts
    ctx = DocContext(Counter(), {(10.0, 0.0): {1}, (13.0, 0.0): {2}, (10.1, 0.0): {0}})
    assert ctx.bonus(at(10.2, 0.0), 0) == 1.5  # 22 km from (10, 0)
    assert ctx.bonus(at(12.0, 0.0), 0) == 1.0  # 111 km from (13, 0)
    assert ctx.bonus(at(16.5, 0.0), 0) == 0.0  # 389 km: beyond reach
    assert ctx.bonus(at(-60.0, 0.0), 0) == 0.0  # no point within 2.75 degrees of latitude
