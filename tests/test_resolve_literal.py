import pytest

from mapapp.resolve.literal import is_literal


def lit(text, name, kind="country"):
    i = text.index(name)
    return is_literal(text, i, i + len(name), kind)


@pytest.mark.parametrize("text,name,expected", [
    ("Israel agreed to the deal.", "Israel", False),
    ("Washington said on Monday.", "Washington", False),
    ("Israel’s plans for the north", "Israel", False),
    ("the US president spoke", "US", False),
    ("solidarity with Palestine", "Palestine", False),
    ("rockets fired at Israel from Lebanon", "Israel", True),
    ("rockets fired at Israel from Lebanon", "Lebanon", True),
    ("along Gaza’s borders with Israel", "Gaza", True),
    ("people in Gaza are starving", "Gaza", True),
])
def test_literal_and_stand_in_uses(text, name, expected):
    assert lit(text, name) is expected


def test_non_actor_kinds_are_literal():
    assert lit("Nasser Hospital said", "Nasser Hospital", kind="facility") is True


def test_a_word_after_a_space_may_open_an_associative_noun_only_by_its_first_letter():
    from mapapp.resolve.literal import _may_open_noun

    assert _may_open_noun(" president said")
    assert _may_open_noun(" - president")  # past one hyphen
    assert _may_open_noun(" \u00e9lite")  # not ASCII: the pattern decides
    assert not _may_open_noun(" 5 km away")
    assert not _may_open_noun("   ")
    assert lit("the US - president spoke", "US") is False
