from hypothesis import given, settings, strategies as st

from mapapp.normalize import fold, name_key, normalise


def test_fold_removes_case_diacritics_quotes_and_hyphens():
    assert fold("Khuzā‘a") == "khuza'a"
    assert fold("Deir al-Balah") == "deir al balah"
    assert fold("SHUJA’IYYA") == "shuja'iyya"
    assert name_key("  Tel   Aviv ") == "tel aviv"


def test_identity_offsets_for_plain_text():
    n = normalise("In Gaza City, “Rafah”")
    assert n.text == 'in gaza city, "rafah"'
    assert n.span(3, 12) == (3, 12)


def test_invisible_characters_are_dropped_and_offsets_map_back():
    text = "near Ga\u200bza and Rafah"
    n = normalise(text)
    assert "gaza" in n.text
    start = n.text.index("gaza")
    s, e = n.span(start, start + 4)
    assert text[s:e] == "Ga\u200bza"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_every_normalised_span_maps_into_the_original(text):
    n = normalise(text)
    for i in range(len(n.text)):
        for j in range(i + 1, min(len(n.text), i + 5) + 1):
            s, e = n.span(i, j)
            assert 0 <= s < e <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2300), max_size=60)
       | st.text(max_size=60))
def test_whole_text_folding_is_the_table_applied_character_by_character(text):
    from mapapp.normalize import _folded, _table

    assert _folded(text) == text.translate(_table())


def test_folding_keeps_lone_surrogates():
    from mapapp.normalize import _folded

    assert _folded("Gaza\ud800é") == "gaza\ud800e"


@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=80))
def test_ascii_text_is_folded_in_one_pass_with_offsets_unchanged(text):
    from mapapp.normalize import fold

    n = normalise(text)
    assert n.text == fold(text) and n._index is None and n.original == text
