"""The cues around a matched name (mapapp.resolve.cues): the words the guards read once may be handed in."""
from mapapp.gazetteer import Gazetteer
from mapapp.match import Matcher
from mapapp.model import Place
from mapapp.resolve.cues import after_first_name, inside_larger_name, is_person, names_a_structure
from mapapp.resolve.text import next_word, prev_word

PLACES = [
    Place("gn:1", "Tarrow", "town", 32.35, -95.3, names=("Tarrow",), population=3_000, country="US"),
]


def _match(text):
    gaz = Gazetteer(PLACES)
    return gaz, next(m for m in Matcher(gaz).find(text) if m.surface == "Tarrow")


def test_the_words_around_a_name_handed_in_answer_as_the_words_read_from_the_text():
    for text, person, surname, structure in (
        ("Coach James Tarrow said no.", True, True, False),
        ("The road to Tarrow Bridge closed.", False, False, True),
        ("Floods reached Tarrow again.", False, False, False),
    ):
        gaz, m = _match(text)
        prev, nxt = prev_word(text, m.start), next_word(text, m.end)
        assert is_person(gaz, text, m) == is_person(gaz, text, m, prev=prev, nxt=nxt) == person
        assert after_first_name(gaz, text, m) == after_first_name(gaz, text, m, prev=prev) == surname
        assert names_a_structure(text, m) == names_a_structure(text, m, prev=prev, nxt=nxt) == structure
        assert inside_larger_name(gaz, text, m) == inside_larger_name(gaz, text, m, prev=prev)


def test_the_word_before_a_name_is_the_last_word_before_its_spaces():
    assert prev_word("met (James Tarrow", 11) == "James"
    assert prev_word("met James,Tarrow", 10) == ""  # no space before the name
    assert next_word("Tarrow Bridge", 6) == "Bridge"


def test_a_full_stop_before_a_name_is_read_only_where_the_words_before_hold_one():
    from mapapp.resolve.text import after_full_stop

    assert after_full_stop("He left. Tarrow", 9) and after_full_stop('He said." Tarrow', 10)
    assert not after_full_stop("He left Tarrow", 8) and not after_full_stop("U.S.-led Tarrow", 9)
