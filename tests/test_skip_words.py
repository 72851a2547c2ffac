import pytest

from mapapp.skip_words import SkipWords

HIDDEN = "\x01"


def hidden_words(skip, text):
    """The words whose first letter ``hide`` turned, read from a matching text that is the text itself."""
    out = skip.hide(text, text, 0)
    assert len(out) == len(text)
    return [text[i:].split(" ")[0].rstrip(",.") for i, c in enumerate(out) if c == HIDDEN]


def test_hides_lower_case_words_after_a_space_and_keeps_the_allowed_ones():
    skip = SkipWords(["strip", "al", "of"])
    text = "Troops said on Monday the Gaza strip of al Mawasi was hit, officials said."
    assert hidden_words(skip, text) == ["said", "on", "the", "was", "hit", "officials", "said"]


def test_keeps_words_a_token_or_a_matching_word_may_run_on_from():
    skip = SkipWords([])
    # after a hyphen, a quote or a parenthesis (not a space); at the text's start; before an apostrophe,
    # a digit, a curly quote, a zero-width character or a question mark (which stands for non-ASCII)
    for text in ("Deir al-balah x", "the 'strip x", "the (strip x", "strip x", "the strip's x", "the strip9 x",
                 "the strip\u2019 x", "the strip\u200b x", "the strip? x", "the stri\u00e9 x"):
        assert "strip" not in hidden_words(skip, text), text
    assert hidden_words(skip, "the strip, x") == ["strip", "x"]


def test_a_word_sharing_an_allowed_words_signature_is_kept():
    skip = SkipWords(["strip", "a"])
    # "stoop" and "strap" have the length, first and second letter of "strip"; "stri" is shorter
    assert hidden_words(skip, "x stoop strap stri a b") == ["stri", "b"]


def test_allowed_words_come_from_the_rules():
    skip = SkipWords.from_rules(["the", "strip"], ["the jerusalem post"], [frozenset({"Ko a", "US"})])
    assert hidden_words(skip, "x the strip jerusalem post a us said") == ["us", "said"]


def test_allowed_words_must_be_lower_case_ascii_letters():
    with pytest.raises(ValueError):
        SkipWords(["Strip"])


def test_a_matching_text_beyond_ascii_is_hidden_in_the_same_places():
    skip = SkipWords([])
    text = "Gaza said \u0645\u0635\u0631 was hit"
    out = skip.hide(text, " " + text.lower() + "  ", 1)
    assert out == " gaza \x01aid \u0645\u0635\u0631 \x01as \x01it  "
