"""People named with words that are also small places, read over the whole article (mapapp.resolve.people)."""
from mapapp.gazetteer import Gazetteer
from mapapp.match import Matcher
from mapapp.model import Article, Place
from mapapp.resolve import Resolver

PLACES = [
    Place("gn:1", "Tarvin", "town", 53.19, -2.77, names=("Tarvin",), population=2_500, country="GB"),
    Place("gn:2", "Wexcombe", "town", 51.3, -1.6, names=("Wexcombe",), population=900, country="GB"),
    Place("gn:3", "Dunmore", "town", 53.6, -8.7, names=("Dunmore",), population=1_500, country="IE"),
    Place("gn:4", "Victoria", "admin1", -37.0, 144.0, names=("Victoria",), population=6_000_000, country="AU"),
    Place("gn:5", "Bern", "city", 46.95, 7.45, names=("Bern", "Ben"), population=120_000, country="CH"),
    Place("gn:6", "Israel", "country", 31.5, 34.75, names=("Israel",), country="IL"),
]


def run(text):
    gaz = Gazetteer(PLACES)
    art = Article(id="a", doc="a.txt", path="a.txt", text=text)
    return [(m.surface, m.place_id) for m in Resolver(gaz).resolve(art, Matcher(gaz).find(text))]


def test_a_speech_verb_makes_a_person_of_a_small_place_for_the_whole_article():
    # the first use says nothing; the later "Tarvin said" does, and counts for the first one too
    assert run("The plan was Tarvin's idea. Tarvin said it would work.") == []
    assert run('"It will work," said Tarvin.') == []


def test_a_town_whose_people_speak_stays_a_town():
    assert run("Residents in Tarvin said the road flooded.") == [("Tarvin", "gn:1")]
    assert run("Israel said it would respond.") == [("Israel", "gn:6")]  # a country stands for its government


def test_a_name_particle_after_a_given_name_makes_a_surname():
    assert run("Trainer Mike de Wexcombe saddled the winner.") == []
    assert run("Sheikh Hamdan bin Dunmore attended.") == []
    assert run("The ferry from Dunmore sailed.") == [("Dunmore", "gn:3")]


def test_a_first_name_that_is_a_large_place_still_makes_a_person_of_a_small_one():
    assert run("The series was created by Victoria Wexcombe last year.") == []
    assert run("Bushfires spread across Victoria on Sunday.") == [("Victoria", "gn:4")]


def test_a_first_name_that_is_only_another_name_of_a_large_place_is_a_person():
    assert run("Ben Cousins was named captain.") == []
    assert run("Talks were held in Bern again.") == [("Bern", "gn:5")]


def test_the_particle_check_reads_the_same_second_word_as_the_two_word_pattern():
    import random

    from mapapp.resolve.people import _WORDS_BEFORE, _last_word

    rng = random.Random(3)
    pieces = ["Mike", "de", "van", "bin", " ", "  ", "\t", "\n", "x-y", "O'", ".", "3", "é"]
    for _ in range(3000):
        chunk = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        hit = _WORDS_BEFORE.search(chunk)
        if hit:  # wherever the pattern finds two words, its second is the last word
            assert hit.group(2) == _last_word(chunk)


def test_a_word_between_two_name_particles_links_a_family_name():
    # "Tarvin" is a town, so the name before the second "de" is no given name; it follows a particle itself
    assert run("The land of Pierre de Tarvin de Wexcombe was sold.") == []
    assert run("The road from Tarvin to Wexcombe was closed.") == [("Tarvin", "gn:1"), ("Wexcombe", "gn:2")]
