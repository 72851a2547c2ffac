from hypothesis import given, settings
from hypothesis import strategies as st

from mapapp.match_form import SEP_RE, match_form


def test_separators_become_spaces_and_the_length_stays():
    assert match_form("u.s.") == "u s "
    assert match_form("'gaza'") == " gaza "
    assert match_form("gaza's rafah_x") == "gaza s rafah x"
    assert match_form("o'brien \u2013 caf\u00e9\u00a0x") == "o'brien   caf\u00e9 x"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab s'_-.\u2019é\u00a0\u2022")), max_size=40)
       | st.text(alphabet=st.characters(max_codepoint=0x3000), max_size=40))
def test_match_form_is_the_separator_rule_in_cheaper_passes(text):
    assert match_form(text) == SEP_RE.sub(" ", text)
