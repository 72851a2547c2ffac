"""The word lists as data (mapapp.lexicon): one loader, comments and headers read as the files say."""
from pathlib import Path

import pytest

from mapapp import lexicon

LEXICON = Path(lexicon.__file__).parent


def test_a_txt_list_keeps_its_order_and_skips_its_header_comment():
    verbs = lexicon.entries("agent_verbs")
    assert verbs[:3] == ("said", "says", "say")
    assert not any(v.startswith("#") or v != v.strip() for v in verbs)
    assert len(set(verbs)) == len(verbs)


def test_a_csv_list_gives_its_first_column_and_filters_on_a_yes_column():
    assert "strip" in lexicon.words("place_words", where="lower_case")
    assert "mosque" in lexicon.words("place_words")
    assert "mosque" not in lexicon.words("place_words", where="lower_case")
    assert lexicon.words("name_particles", where="patronymic") == {"bin", "ibn", "bint"}
    assert "El" in lexicon.words("name_particles")  # case as written


@pytest.mark.parametrize("path", sorted(LEXICON.glob("*.[tc][xs][tv]")), ids=lambda p: p.name)
def test_every_list_opens_with_a_comment_saying_why(path):
    assert path.read_text(encoding="utf-8").startswith("# ")


def test_every_csv_row_says_what_it_is():
    for row in lexicon.rows("non_place_names"):
        assert row["name"] and row["what"], row
    assert {r["name"]: r["what"] for r in lexicon.rows("non_place_names")}["One"] == "number"


def test_an_unknown_list_is_an_error():
    with pytest.raises(FileNotFoundError):
        lexicon.words("no_such_list")
