from mapapp.model import Match
from mapapp.resolve.organisations import names_an_airline, names_an_organisation


def match(text: str, surface: str) -> Match:
    start = text.index(surface)
    return Match(start, start + len(surface), surface, surface.lower(), ())


def test_a_place_before_an_institutions_head_noun_names_the_institution():
    for text, surface in [
        ("The Ohio Department of Transport closed the bridge.", "Ohio"),
        ("Officers of the Kent County Sheriff's Office arrived.", "Kent County"),
        ("Leeds Chamber of Commerce backed the plan.", "Leeds"),
        ("Kenya Wildlife Service rangers found the calf.", "Kenya"),
    ]:
        assert names_an_organisation(text, match(text, surface)), text


def test_the_place_itself_is_not_an_institution():
    for text, surface in [
        ("Police in Ohio said the bridge was closed.", "Ohio"),
        ("He drove to Leeds. Police stopped him there.", "Leeds"),  # a full stop ends the name
        ("Kenya police said rangers found the calf.", "Kenya"),  # lower case: not part of a name
        ("The Benue State Commissioner for Health Services spoke.", "Benue"),  # a title, not an office
        ("The Kidney Foundation of Canada thanked donors.", "Canada"),  # the country the charity serves
    ]:
        assert not names_an_organisation(text, match(text, surface)), text


def test_air_before_a_country_is_an_airline():
    text = "She flew Air Malta to Valletta."
    assert names_an_airline(text, match(text, "Malta"))
    text = "Fresh air in Malta."
    assert not names_an_airline(text, match(text, "Malta"))


def test_the_word_after_the_name_handed_in_answers_as_the_text_does():
    from mapapp.resolve.text import next_word

    for text, surface in [
        ("The Ohio Department of Transport closed the bridge.", "Ohio"),
        ("Kenya police said rangers found the calf.", "Kenya"),
        ("He drove to Leeds. Police stopped him there.", "Leeds"),
        ("Air Canada flew in.", "Canada"),
    ]:
        m = match(text, surface)
        assert names_an_organisation(text, m) == names_an_organisation(text, m, nxt=next_word(text, m.end)), text


def test_an_airline_is_read_only_right_after_air():
    assert names_an_airline("Air Canada flew in.", match("Air Canada flew in.", "Canada"))
    assert not names_an_airline("Airline Canada", match("Airline Canada", "Canada"))
    assert not names_an_airline("Air  in Canada", match("Air  in Canada", "Canada"))
